"""`vraagbaak ingest` as an operator runs it: one at a time, and a killed run costs nothing but time."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT
from vraagbaak.index import store


def ingest(settings) -> subprocess.Popen:
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(settings.data_dir), "VRAAGBAAK_CORPUS_DIR": str(settings.corpus_dir)}
    return subprocess.Popen([sys.executable, "-m", "vraagbaak.cli", "ingest", "--force"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def locked(data_dir) -> bool:
    with open(data_dir / "ingest.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def until(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def copy(built, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
    return built.model_copy(update={"data_dir": data})


def test_a_second_ingest_while_one_runs_says_so_and_publishes_nothing(built, tmp_path):
    settings = copy(built, tmp_path)
    before = store.current_build(settings.data_dir)
    first = ingest(settings)
    until(lambda: locked(settings.data_dir))
    second = ingest(settings)
    _, err = second.communicate(timeout=120)
    assert second.returncode == 1 and "Er loopt al een 'vraagbaak ingest'" in err and "Traceback" not in err
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert store.current_build(settings.data_dir) != before


def test_a_killed_ingest_leaves_the_last_good_index_and_the_next_run_cleans_up(built, tmp_path):
    settings = copy(built, tmp_path)
    before = store.current_build(settings.data_dir)
    run = ingest(settings)
    until(lambda: any(store.builds_dir(settings.data_dir).glob(".staging-*")))
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert store.current_build(settings.data_dir) == before
    store.verify(before, store.read_manifest(before))
    assert list(store.builds_dir(settings.data_dir).glob(".staging-*"))  # left behind by the killed run

    again = ingest(settings)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert not list(store.builds_dir(settings.data_dir).glob(".staging-*"))
    assert store.current_build(settings.data_dir) != before
