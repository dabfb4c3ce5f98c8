import json

import pytest

from vraagbaak.build_format import BUILD_FORMAT, MANIFEST, PASSAGES
from vraagbaak.errors import IndexMismatch, IndexMissing
from vraagbaak.index import store

MANIFEST_FIELDS = {"model": {"name": "m", "fingerprint": "f"}, "dimensions": 4, "chunking": {"chunk_size": 1000},
                   "corpus": {"a.txt": "0" * 64}, "index": {}, "search": {}, "calibrated": False, "problems": []}


def publish(data_dir, marker: str):
    staging = store.staging_dir(data_dir)
    (staging / PASSAGES).write_text("")
    (staging / "marker").write_text(marker)
    return store.publish(staging, data_dir, MANIFEST_FIELDS)


def test_publish_points_current_at_the_new_build_and_keeps_the_newest_three(tmp_path):
    builds = [publish(tmp_path, str(i)) for i in range(5)]
    assert store.current_build(tmp_path) == builds[-1]
    assert (store.current_build(tmp_path) / "marker").read_text() == "4"
    kept = sorted(p for p in store.builds_dir(tmp_path).iterdir() if not p.name.startswith("."))
    assert kept == builds[-store.KEEP_BUILDS:]
    manifest = store.read_manifest(builds[-1])
    assert manifest.format == BUILD_FORMAT and manifest.build == builds[-1].name and manifest.corpus == {"a.txt": "0" * 64}


def test_one_ingest_at_a_time_and_the_next_clears_what_a_dead_run_left(tmp_path):
    publish(tmp_path, "0")
    left_behind = store.staging_dir(tmp_path)  # as a killed run leaves it
    with store.ingest_lock(tmp_path):
        assert not left_behind.exists()
        with pytest.raises(store.IngestRunning, match="Er loopt al een 'vraagbaak ingest'"):
            with store.ingest_lock(tmp_path):
                pass
    with store.ingest_lock(tmp_path):  # released again
        pass


def test_no_index_yet_says_to_run_ingest(tmp_path):
    with pytest.raises(IndexMissing, match="vraagbaak ingest"):
        store.current_build(tmp_path)


def test_a_damaged_or_old_manifest_is_refused_with_a_sentence(tmp_path):
    build = publish(tmp_path, "0")
    (build / MANIFEST).write_text("{niet af")
    with pytest.raises(IndexMissing, match="onvolledig of beschadigd"):
        store.read_manifest(build)
    (build / MANIFEST).write_text(json.dumps({"format": 1}))
    with pytest.raises(IndexMismatch, match=f"formaat 1, .* formaat {BUILD_FORMAT}"):
        store.read_manifest(build)
    (build / MANIFEST).write_text(json.dumps({"format": BUILD_FORMAT}))
    with pytest.raises(IndexMissing, match="onvolledig of beschadigd"):
        store.read_manifest(build)


def test_damaged_passages_are_refused_with_a_sentence(tmp_path):
    build = publish(tmp_path, "0")
    (build / PASSAGES).write_text('{"id": "kapot"}\n')
    with pytest.raises(IndexMissing, match="onvolledig of beschadigd"):
        store.read_passages(build)


def test_a_build_with_another_chunker_is_refused_naming_the_difference(tmp_path):
    manifest = store.read_manifest(publish(tmp_path, "0"))
    store.check_compatible(manifest, {"fingerprint": "f"}, {"chunk_size": 1000})
    with pytest.raises(IndexMismatch, match="chunk_size: index 1000, ingesteld 500"):
        store.check_compatible(manifest, {"fingerprint": "f"}, {"chunk_size": 500})
    with pytest.raises(IndexMismatch, match="model 'm'"):
        store.check_compatible(manifest, {"name": "ander", "fingerprint": "g"}, {"chunk_size": 1000})
