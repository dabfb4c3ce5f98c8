"""Two worker processes started while clients already ask: no request may fail because a worker is still loading."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.conftest import ROOT
from tests.service.conftest import free_port


def test_two_workers_started_under_load_fail_no_request(built):
    port = free_port()
    env = {"VRAAGBAAK_DATA_DIR": str(built.data_dir), "VRAAGBAAK_RATE_LIMIT": "0", "PATH": "/usr/bin:/bin",
           "HOME": str(Path.home())}
    statuses: list[int] = []
    stop = threading.Event()

    def ask() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            while not stop.is_set():
                try:
                    statuses.append(client.post("/api/ask", json={"question": "Wat doet de themagroep Financiën?"})
                                    .status_code)
                except httpx.TransportError:
                    time.sleep(0.05)  # not listening yet: the port opens once a worker has loaded

    clients = [threading.Thread(target=ask) for _ in range(4)]
    for client in clients:
        client.start()
    process = subprocess.Popen([sys.executable, "-m", "vraagbaak.cli", "serve", "--port", str(port), "--workers", "2"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while len(statuses) < 120 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=60)
        process.terminate()
        process.wait(timeout=30)
    assert len(statuses) >= 120
    assert set(statuses) == {200}, {s: statuses.count(s) for s in set(statuses)}
