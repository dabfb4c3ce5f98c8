"""A real uvicorn server on a free loopback port, in a thread, sharing the session's model."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from vraagbaak.service.app import create_app
from vraagbaak.service.http import JsonErrorsProtocol


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(settings, embedder=None, wait_ready: bool = True, port: int | None = None):
    app = create_app(settings)
    if embedder is not None:
        app.state.index.embedder = embedder  # skip loading the model a second time
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
                                           http=JsonErrorsProtocol))  # as `vraagbaak serve` runs it
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            status = httpx.get(base + "/ready", timeout=2).status_code
            if status == 200 or (status == 503 and not wait_ready):
                break
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    else:
        raise RuntimeError("server did not become ready")
    try:
        yield base, app
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def service(built, embedder):
    settings = built.model_copy(update={"cors_origins": "https://intranet.example", "rate_limit": 0})
    with running(settings, embedder) as (base, app):
        yield base, app


@pytest.fixture
def client(service):
    with httpx.Client(base_url=service[0], timeout=30) as c:
        yield c
