"""The loaded index: swapped when a new build is published, kept when the new one is refused."""

import shutil

from tests.fakes import TEST_REPORT, fake_embedder
from vraagbaak.index import store
from vraagbaak.index.build import build_index
from vraagbaak.service.state import IndexState


def loaded(settings) -> IndexState:
    state = IndexState(settings)
    state.embedder = fake_embedder()
    state.load()
    assert state.searcher is not None and state.error is None
    return state


def test_a_new_build_is_picked_up_and_an_unchanged_one_is_not(fake_built):
    state = loaded(fake_built)
    old = state.build
    assert state.reload() is False
    (fake_built.corpus_dir / "tweede.txt").write_text(TEST_REPORT.replace("Testnet", "Tweede net"), encoding="utf-8")
    build_index(fake_built, embedder=fake_embedder())
    assert state.reload() is True and state.build != old
    assert {p.document for p in state.searcher.passages} == {"testnet-2024", "tweede"}


def test_a_refused_build_keeps_the_old_index_serving_and_says_why(fake_built):
    state = loaded(fake_built)
    old = state.build
    staging = store.staging_dir(fake_built.data_dir)
    shutil.copytree(old, staging, dirs_exist_ok=True)
    manifest = store.read_manifest(staging)
    manifest.model["fingerprint"] = "ander-model"
    store.publish(staging, fake_built.data_dir, manifest.model_dump(exclude={"format", "build", "created"}))
    assert state.reload() is False
    assert state.build == old and "ander-model" in state.error


def test_without_an_index_the_error_says_to_ingest_and_the_log_says_it_once(tmp_path, fake_built, caplog):
    state = IndexState(fake_built.model_copy(update={"data_dir": tmp_path / "leeg"}))
    state.embedder = fake_embedder()
    state.load()
    assert state.searcher is None and "vraagbaak ingest" in state.error
    for _ in range(3):  # the watcher polls every few seconds: an ERROR line each time filled the server's log
        assert state.reload() is False
    assert len([r for r in caplog.records if "index geweigerd" in r.getMessage()]) == 1


def test_the_loader_outlives_an_unexpected_error_and_loads_the_next_build(fake_built, monkeypatch):
    from vraagbaak.index.search import Searcher

    state = IndexState(fake_built)
    state.embedder = fake_embedder()
    real_load = Searcher.load
    monkeypatch.setattr(Searcher, "load", classmethod(lambda cls, *a, **k: (_ for _ in ()).throw(IndexError("kapot"))))
    state.load()
    assert state.searcher is None and "IndexError" in state.error and "vraagbaak ingest" in state.error
    monkeypatch.setattr(Searcher, "load", real_load)
    build_index(fake_built, embedder=fake_embedder(), force=True)  # a new build: a new target to try
    assert state.reload() is True and state.error is None


def test_a_workers_forward_pass_takes_its_share_of_the_cores(monkeypatch):
    """ONNX Runtime's threads sleep between passes, so a lone question may use every core a worker has; torch's
    OpenMP threads spin, so it keeps one; a number set in VRAAGBAAK_TORCH_THREADS is used as it is."""
    from vraagbaak.config import Settings
    from vraagbaak.service import state

    monkeypatch.setattr(state, "usable_cores", lambda: 4)
    assert state.service_threads(Settings(workers=1)) == 4
    assert state.service_threads(Settings(workers=2)) == 2
    assert state.service_threads(Settings(workers=8)) == 1
    assert state.service_threads(Settings(backend="torch")) == 1
    assert state.service_threads(Settings(torch_threads=3, workers=2)) == 3
