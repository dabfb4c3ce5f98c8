"""Shared fixtures: every test gets its own data directory; the real index is built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vraagbaak.config import Settings, get_settings

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "corpus" / "g40" / "g40-jaarverslag-2023.txt"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Point VRAAGBAAK_DATA_DIR at a temporary folder so no test touches data/."""
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def pytest_collection_modifyitems(items):
    """A test that uses the real model is slow, whatever its file says; ``make check`` leaves those out."""
    for item in items:
        if "embedder" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def fake_built(tmp_path) -> Settings:
    """Settings of an index over a small generated report, built with the fake embedder (fast)."""
    from tests.fakes import TEST_REPORT, fake_embedder
    from vraagbaak.index.build import build_index

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "testnet-2024.txt").write_text(TEST_REPORT, encoding="utf-8")
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    build_index(settings, embedder=fake_embedder())
    return settings


@pytest.fixture(scope="session")
def embedder():
    """The real default model, loaded once."""
    from vraagbaak.index.model import load_embedder

    return load_embedder(Settings())


@pytest.fixture(scope="session")
def built(tmp_path_factory, embedder) -> Settings:
    """Settings of a real index (real model, real FAISS) over the bundled report."""
    from vraagbaak.index.build import build_index

    root = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", data_dir=root / "data")
    build_index(settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def searcher(built, embedder):
    from vraagbaak.index.search import Searcher

    return Searcher.load(built, embedder=embedder)
