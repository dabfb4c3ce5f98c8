"""Damaged builds against a running service (real model, real index, real HTTP): refused with a reason,
and the loader keeps going, so the next good build is picked up."""

from __future__ import annotations

import shutil
import time

import httpx
import pytest

from tests.service.conftest import running
from vraagbaak.build_format import PASSAGES
from vraagbaak.index import store
from vraagbaak.index.build import build_index


def wait_for(base: str, status: int, seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        response = httpx.get(base + "/ready", timeout=10)
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


@pytest.mark.parametrize("damage", ["truncated-faiss", "empty-passages"])
def test_a_damaged_build_is_refused_at_start_and_a_good_one_is_picked_up_later(built, embedder, tmp_path, damage):
    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
    current = store.current_build(data)
    if damage == "truncated-faiss":
        with open(current / "dense.faiss", "r+b") as f:
            f.truncate(100)
    else:
        (current / PASSAGES).write_text("")
    settings = built.model_copy(update={"data_dir": data, "reload_interval": 0.3, "rate_limit": 0})
    with running(settings, embedder, wait_ready=False) as (base, _):
        ready = httpx.get(base + "/ready", timeout=10)
        assert ready.status_code == 503 and ready.json()["status"] == "fout" and "beschadigd" in ready.json()["detail"]
        asked = httpx.post(base + "/api/ask", json={"question": "Wat doet de themagroep Financiën?"}, timeout=30)
        # Not "still starting": the user is told there is no usable index (the reason is for /ready).
        assert asked.status_code == 503 and asked.json()["error"]["code"] == "geen_index"
        assert "beheerder" in asked.json()["error"]["message"] and "beschadigd" not in asked.json()["error"]["message"]

        build_index(settings, embedder=embedder, force=True)
        assert wait_for(base, 200).json()["status"] == "klaar"
        assert httpx.post(base + "/api/ask", json={"question": "Wat doet de themagroep Financiën?"},
                          timeout=30).json()["passages"]


def test_a_damaged_build_published_later_leaves_the_old_one_serving(built, embedder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
    settings = built.model_copy(update={"data_dir": data, "reload_interval": 0.3, "rate_limit": 0})
    with running(settings, embedder) as (base, app):
        good = app.state.index.build
        staging = store.staging_dir(data)
        shutil.copytree(good, staging, dirs_exist_ok=True)
        store.publish(staging, data, store.read_manifest(good).model_dump(exclude={"format", "build", "created", "files"}))
        with open(store.current_build(data) / "embeddings.npy", "r+b") as f:
            f.truncate(64)  # damaged after publishing, as a full disk or a bad copy would
        deadline = time.monotonic() + 30
        while app.state.index.error is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "beschadigd" in app.state.index.error and app.state.index.build == good
        assert httpx.get(base + "/ready", timeout=10).status_code == 200
        assert httpx.post(base + "/api/ask", json={"question": "Wat doet de themagroep Financiën?"},
                          timeout=30).status_code == 200
