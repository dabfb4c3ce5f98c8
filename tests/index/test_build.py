"""Building and publishing an index: only what changed is embedded, a failed build publishes nothing."""

import re
import shutil

import pytest

from tests.conftest import REPORT
from tests.fakes import fake_embedder
from vraagbaak.config import Settings
from vraagbaak.errors import IndexMissing
from vraagbaak.index import build as build_module
from vraagbaak.index import store
from vraagbaak.index.build import build_index
from vraagbaak.index.search import Searcher


def test_a_build_holds_every_artefact_and_a_manifest_naming_model_and_corpus(fake_built):
    build = store.current_build(fake_built.data_dir)
    assert {p.name for p in build.iterdir()} >= {"manifest.json", "passages.jsonl", "documents.json", "dense.faiss",
                                                 "embeddings.npy", "sentences.npy", "sentences.json", "keyword"}
    manifest = store.read_manifest(build)
    assert manifest.model["fingerprint"] == "fake-64" and list(manifest.corpus) == ["testnet-2024.txt"]
    ingested = manifest.index.pop("ingested")
    assert manifest.index == {"dense": "exact", "passages": 3, "sentences": 7} and len(ingested) == 64
    assert len(store.read_passages(build)) == 3 and store.read_documents(build)[0].id == "testnet-2024"


def test_an_empty_corpus_publishes_nothing_fast(fake_built, tmp_path):
    good = store.current_build(fake_built.data_dir)
    empty = tmp_path / "leeg"
    empty.mkdir()
    with pytest.raises(IndexMissing, match="vorige index blijft in gebruik"):
        build_index(fake_built.model_copy(update={"corpus_dir": empty}), embedder=fake_embedder())
    assert store.current_build(fake_built.data_dir) == good
    assert not list(store.builds_dir(fake_built.data_dir).glob(".staging-*"))


def test_reingest_embeds_only_what_changed_and_drops_deleted_documents(built, embedder, tmp_path):
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(built.corpus_dir, corpus)
    (corpus / "extra.txt").write_text("Thema Extra\n\nDe themagroep Extra bestaat alleen in deze test en bespreekt zeilboten.\n")
    shutil.copytree(built.data_dir / "cache", data / "cache")  # the real report is embedded already
    settings = Settings(corpus_dir=corpus, data_dir=data)
    first = build_index(settings, embedder=embedder)
    assert first.embedded == 2  # the extra document: one passage and its one sentence

    assert build_index(settings, embedder=None).unchanged  # nothing changed: not even the model is loaded
    with pytest.MonkeyPatch.context() as patch:  # a new version that reads the same files differently rebuilds
        read = build_module.ingest_corpus

        def read_differently(*args, **kwargs):
            result = read(*args, **kwargs)
            result.documents[0].passages[0].text += " Anders gelezen."
            return result

        patch.setattr(build_module, "load_embedder", lambda settings: embedder)
        with pytest.MonkeyPatch.context() as reader:
            reader.setattr(build_module, "ingest_corpus", read_differently)
            assert not build_index(settings, embedder=None).unchanged
        assert not build_index(settings, embedder=None).unchanged  # and back again
        assert build_index(settings, embedder=None).unchanged
        with pytest.MonkeyPatch.context() as splitter:  # so does one that splits the same passages into other
            splitter.setattr(build_module, "sentence_spans", lambda text: [(0, len(text))])  # sentences
            assert not build_index(settings, embedder=None).unchanged
        assert not build_index(settings, embedder=None).unchanged
        assert build_index(settings, embedder=None).unchanged
        damaged = store.current_build(data) / "documents.json"
        damaged.write_text("{")  # "voer 'vraagbaak ingest' opnieuw uit" must then repair it, without --force
        assert not build_index(settings, embedder=None).unchanged
    assert build_index(settings, embedder=None).unchanged

    before = {p.id: p.text for p in Searcher.load(settings, embedder=embedder).passages}
    path = corpus / "g40" / REPORT.name
    path.write_text(path.read_text(encoding="utf-8").replace("ravijnjaar 2026", "ravijnjaar 2027"), encoding="utf-8")
    (corpus / "extra.txt").unlink()
    second = build_index(settings, embedder=embedder)
    after = Searcher.load(settings, embedder=embedder)
    changed = [p for p in after.passages if p.id not in before]
    assert len(changed) == 1 and "ravijnjaar 2027" in changed[0].text
    changed_sentences = [s for s in re.split(r"(?<=[.:])\s+", changed[0].text) if "2027" in s]
    assert second.embedded == len(changed) + len(changed_sentences)
    assert all(p.document != "extra" for p in after.passages)
    assert second.removed == ["extra.txt"]  # the ingest names what left the shelf


def test_a_failed_build_keeps_the_last_good_index(built, embedder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True)
    good = store.current_build(data)
    empty = tmp_path / "leeg"
    empty.mkdir()
    (empty / "kapot.txt").write_bytes(b"\x00\x01")
    with pytest.raises(IndexMissing, match="vorige index blijft in gebruik"):
        build_index(Settings(corpus_dir=empty, data_dir=data), embedder=embedder)
    assert store.current_build(data) == good


def test_a_build_that_fails_its_test_question_is_not_published(fake_built, monkeypatch):
    good = store.current_build(fake_built.data_dir)
    monkeypatch.setattr(Searcher, "self_test", lambda self: (_ for _ in ()).throw(ValueError("geen antwoord")))
    with pytest.raises(IndexMissing, match="De nieuwe index is niet in orde .*geen antwoord.*vorige blijft in gebruik"):
        build_index(fake_built, embedder=fake_embedder(), force=True)
    assert store.current_build(fake_built.data_dir) == good
    assert not list(store.builds_dir(fake_built.data_dir).glob(".staging-*"))


def test_checksums_catch_a_changed_file(fake_built):
    build = store.current_build(fake_built.data_dir)
    manifest = store.read_manifest(build)
    store.verify(build, manifest)
    (build / "sentences.json").write_text("[]")
    with pytest.raises(IndexMissing, match=r"beschadigd \(sentences.json klopt niet"):
        store.verify(build, manifest)


def test_ingest_shows_each_stage_with_time_left_and_quiet_shows_none(fake_built, monkeypatch):
    from click.testing import CliRunner

    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(fake_built.data_dir))
    monkeypatch.setenv("VRAAGBAAK_CORPUS_DIR", str(fake_built.corpus_dir))
    monkeypatch.setattr("vraagbaak.index.build.load_embedder", lambda settings: fake_embedder())
    get_settings.cache_clear()
    try:
        shown = CliRunner().invoke(cli, ["ingest", "--force"])
        quiet = CliRunner().invoke(cli, ["ingest", "--force", "--quiet"])
    finally:
        get_settings.cache_clear()
    assert shown.exit_code == 0, shown.output
    # Reading by bytes and finding structure by lines, each a bar to the end with the file it is at.
    assert re.search(r"Lezen: 100%.*\[\d\d:\d\d<\d\d:\d\d, .*B/s.*testnet-2024\.txt", shown.stderr)
    assert re.search(r"Indelen: 100%.*\[\d\d:\d\d<\d\d:\d\d, .* regels/s.*testnet-2024\.txt", shown.stderr)
    assert "Index gepubliceerd" in shown.stdout
    assert quiet.exit_code == 0 and "Index gepubliceerd" in quiet.stdout
    # No bars or stages; only what the user must know: the fake model has no calibration.
    assert [line.split(":")[0] for line in quiet.stderr.splitlines()] == ["Let op"]
    assert "geen kalibratie voor model fake-64" in quiet.stderr


@pytest.mark.slow
def test_a_real_build_records_how_its_texts_were_embedded(built):
    """With ONNX Runtime one text per forward pass: its vectors do not depend on the texts beside them."""
    manifest = store.read_manifest(store.current_build(built.data_dir))
    assert (manifest.model["backend"], manifest.model["batch_size"]) == ("onnx", 1)
    assert (built.data_dir / "cache" / "embeddings" / manifest.model["fingerprint"] / "batch-1" / "cache.npz").is_file()


def test_a_damaged_copy_of_an_indexed_report_does_not_take_it_off_the_shelf(fake_built):
    from tests.fakes import TEST_REPORT

    corpus = fake_built.corpus_dir
    (corpus / "tweede-2024.txt").write_text(TEST_REPORT.replace("Testnet", "Tweede net"), encoding="utf-8")
    build_index(fake_built, embedder=fake_embedder())
    before = store.current_build(fake_built.data_dir)
    (corpus / "tweede-2024.txt").write_bytes(b"\xff\xfe\x00kapot" * 50)  # not UTF-8: cannot be read
    (corpus / "los.meta.json").write_text("{}")  # another problem: a note beside the error, not in its sentence
    with pytest.raises(IndexMissing, match=r"tweede-2024.txt staat in de index maar kon nu niet worden gelezen \(dit is een "
                                           r"binair bestand, geen tekst\); de vorige index blijft in gebruik") as refused:
        build_index(fake_built, embedder=fake_embedder())
    assert "los.meta.json" not in str(refused.value)
    assert [note.split(":")[0] for note in refused.value.notes] == ["los.meta.json"]
    (corpus / "los.meta.json").unlink()
    assert store.current_build(fake_built.data_dir) == before
    (corpus / "tweede-2024.txt").unlink()  # taken out on purpose: then it goes
    build_index(fake_built, embedder=fake_embedder())
    assert [d.id for d in store.read_documents(store.current_build(fake_built.data_dir))] == ["testnet-2024"]


def test_a_renamed_report_keeps_its_id_and_embeds_nothing(fake_built):
    corpus = fake_built.corpus_dir
    (corpus / "testnet-2024.txt").rename(corpus / "Testnet jaarverslag 2024 (definitief).txt")
    report = build_index(fake_built, embedder=fake_embedder())
    documents = store.read_documents(store.current_build(fake_built.data_dir))
    assert [(d.id, d.file) for d in documents] == [("testnet-2024", "Testnet jaarverslag 2024 (definitief).txt")]
    assert report.embedded == 0 and any("andere naam" in p for p in report.problems)


def _refuse_folder(monkeypatch, folder):
    """``folder`` cannot be opened, as without read rights (tests run as root, which chmod does not stop)."""
    import os

    scandir = os.scandir

    def refusing(path="."):
        if os.fspath(path) == os.fspath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


def test_a_folder_or_link_that_cannot_be_read_does_not_take_its_reports_off_the_shelf(fake_built, monkeypatch):
    """A network share that drops out, or a link whose target is gone, silently removed its reports."""
    from tests.fakes import TEST_REPORT

    corpus = fake_built.corpus_dir
    (corpus / "sub").mkdir()
    (corpus / "sub" / "tweede-2024.txt").write_text(TEST_REPORT.replace("Testnet", "Tweede net"), encoding="utf-8")
    elsewhere = corpus.parent / "elders"
    elsewhere.mkdir()
    (elsewhere / "derde-2024.txt").write_text(TEST_REPORT.replace("Testnet", "Derde net"), encoding="utf-8")
    (corpus / "derde-2024.txt").symlink_to(elsewhere / "derde-2024.txt")
    shared = corpus.parent / "share"
    shared.mkdir()
    (shared / "vierde-2024.txt").write_text(TEST_REPORT.replace("Testnet", "Vierde net"), encoding="utf-8")
    (corpus / "gedeeld").symlink_to(shared, target_is_directory=True)  # a linked folder is a collection too
    (corpus / "archief").symlink_to(corpus / "sub", target_is_directory=True)  # not one inside: "sub" stays "sub"
    (corpus / "omhoog").symlink_to(corpus.parent, target_is_directory=True)  # nor one up: "elders" is not the shelf
    first = build_index(fake_built, embedder=fake_embedder())
    assert any(p.startswith("omhoog/: deze koppeling wijst naar een map boven de corpusmap") for p in first.problems)
    good = store.current_build(fake_built.data_dir)
    assert {d.file for d in store.read_documents(good)} == {
        "testnet-2024.txt", "sub/tweede-2024.txt", "derde-2024.txt", "gedeeld/vierde-2024.txt"}
    with monkeypatch.context() as patch:
        _refuse_folder(patch, corpus / "sub")
        with pytest.raises(IndexMissing, match=r"sub/tweede-2024.txt staat in de index maar kon nu niet worden gelezen "
                                               r"\(deze map kan niet worden gelezen \(geen leesrechten\)"):
            build_index(fake_built, embedder=fake_embedder())
    (elsewhere / "derde-2024.txt").unlink()
    with pytest.raises(IndexMissing, match=r"derde-2024.txt staat in de index .*koppeling wijst naar een bestand of map "
                                           r"dat er niet \(meer\) is"):
        build_index(fake_built, embedder=fake_embedder())
    assert store.current_build(fake_built.data_dir) == good
    (corpus / "derde-2024.txt").unlink()  # taken away on purpose, and a dangling link never indexed: named, skipped
    (corpus / "nergens.txt").symlink_to(corpus.parent / "bestaat-niet.txt")
    report = build_index(fake_built, embedder=fake_embedder())
    assert any(p.startswith("nergens.txt: deze koppeling") for p in report.problems)
    assert report.removed == ["derde-2024.txt"]


def test_a_calibration_file_that_is_missing_is_said_and_one_that_is_broken_is_refused(fake_built):
    missing = fake_built.model_copy(update={"calibration_file": fake_built.data_dir / "geen.json"})
    report = build_index(missing, embedder=fake_embedder())
    assert any("geen kalibratie voor model fake-64" in p and "bestaat niet" in p for p in report.problems)
    broken = fake_built.data_dir / "kapot.json"
    broken.write_text("{kapot")
    from vraagbaak.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="VRAAGBAAK_CALIBRATION_FILE.*geen geldige JSON"):
        build_index(fake_built.model_copy(update={"calibration_file": broken}), embedder=fake_embedder())

