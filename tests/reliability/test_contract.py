"""Schemathesis against the live service's own /openapi.json: every documented operation, generated and
malformed inputs, all checks (no server errors, statuses, content types and bodies as documented)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.service.conftest import running


def test_every_response_matches_the_published_contract(built, embedder, tmp_path):
    settings = built.model_copy(update={"rate_limit": 0, "data_dir": tmp_path / "data"})
    shutil.copytree(built.data_dir, settings.data_dir, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
    command = Path(sys.executable).with_name("schemathesis")
    with running(settings, embedder) as (base, _):
        done = subprocess.run([str(command), "run", base + "/openapi.json", "--checks", "all", "--max-examples", "25",
                               "--seed", "1", "--no-color"], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-4000:]
    assert "generated" in done.stdout and " passed" in done.stdout


def test_a_request_too_malformed_to_reach_the_app_is_answered_in_json(built, embedder):
    import json
    import socket

    with running(built.model_copy(update={"rate_limit": 0}), embedder) as (base, _):
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(b"GET /\x00kapot HTTP/1.1\r\nHost: x\r\n\r\n")
            reply = b""
            while chunk := connection.recv(4096):
                reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and b"content-type: application/json" in head.lower()
    assert json.loads(body)["error"]["code"] == "ongeldig_verzoek"
