"""The one search API, end to end: real model, real FAISS index, the bundled report."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from index import store
from index.build import build_index
from index.search import Searcher
from ingest.links import EMAIL
from tests.conftest import REPORT, ROOT
from vraagbaak.config import Settings
from vraagbaak.errors import IndexMismatch, IndexMissing, InvalidQuestion

pytestmark = pytest.mark.slow
FINANCIEN = ["Overige themagroepen", "Thema Financiën"]


def test_financien_question_gives_the_financien_passage_first_with_its_citation(searcher):
    result = searcher.search("Wat doet de themagroep Financiën?", 5)
    assert result.answered
    first = result.hits[0].passage
    assert first.citation.section == FINANCIEN
    assert "Het belangrijkste aandachtspunt voor de themagroep Financiën" in first.text
    assert (first.citation.page, first.citation.lines[0]) == (11, 623)


def test_highlights_are_whole_sentences_of_the_passage(searcher):
    hit = searcher.search("Wat is het belangrijkste aandachtspunt van de themagroep Financiën?", 3).hits[0]
    assert hit.highlights
    for start, end in hit.highlights:
        sentence = hit.passage.text[start:end]
        assert sentence[0].isupper() and sentence[-1] in ".!?"
    assert any("aandachtspunt" in hit.passage.text[a:b] for a, b in hit.highlights)


def test_without_diacritics(searcher):
    assert searcher.search("financien", 3).hits[0].passage.citation.section == FINANCIEN


def test_an_english_question_finds_the_dutch_passage(searcher):
    result = searcher.search("Where did the Europe theme group travel in September?", 3)
    assert result.answered
    assert "Helsinki en Tallin" in result.hits[0].passage.text


@pytest.mark.parametrize("question", ["Wat is de hoofdstad van Frankrijk?", "Hoeveel laadpalen plaatsten de G40-steden in 2023?"])
def test_a_question_the_report_cannot_answer_is_not_answered(searcher, question):
    result = searcher.search(question, 5)
    assert not result.answered and result.hits == []
    assert result.suggestions and all(s.url.startswith("/source/") for s in result.suggestions)


def test_no_near_duplicates_in_one_answer(searcher):
    hits = searcher.search("Welke steden doen mee aan het DMI-ecosysteem?", 10, abstain=False).hits
    for i, a in enumerate(hits):
        for b in hits[i + 1:]:
            assert not Searcher._overlap(a.passage, b.passage)


@pytest.mark.parametrize("question,message", [
    ("", "leeg"), ("   \n\t ", "leeg"), ("x" * 1001, "te lang"), (42, "tekst"),
])
def test_bad_questions_get_a_clear_error(searcher, question, message):
    with pytest.raises(InvalidQuestion, match=message):
        searcher.search(question)


@pytest.mark.parametrize("question", ["\x00\x07Wat doet de\u200b themagroep Financiën?\x1b", "什么是G40？", "Что делает G40?",
                                      "<script>alert(1)</script> Financiën"])
def test_odd_questions_give_a_sensible_result(searcher, question):
    result = searcher.search(question, 3)
    assert "\x00" not in result.question and "\u200b" not in result.question
    assert result.answered == bool(result.hits)


def test_top_k_is_bounded(searcher):
    with pytest.raises(InvalidQuestion):
        searcher.search("Financiën", 0)
    with pytest.raises(InvalidQuestion):
        searcher.search("Financiën", 21)


def test_a_missing_index_says_to_run_ingest(tmp_path, embedder):
    with pytest.raises(IndexMissing, match="vraagbaak ingest"):
        Searcher.load(Settings(data_dir=tmp_path / "leeg"), embedder=embedder)


def test_an_index_from_another_chunker_is_refused(built, embedder):
    other = built.model_copy(update={"chunk_size": 500})
    with pytest.raises(IndexMismatch, match="chunk_size: index 1000, ingesteld 500"):
        Searcher.load(other, embedder=embedder)


def test_an_index_from_another_model_is_refused_naming_both(built, embedder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True)
    build = store.current_build(data)
    manifest = store.read_manifest(build)
    manifest["model"] = {**manifest["model"], "name": "ander-model", "fingerprint": "weights-0000"}
    store.write_json(build / store.MANIFEST, manifest)
    with pytest.raises(IndexMismatch, match="ander-model.*multilingual-e5-small"):
        Searcher.load(built.model_copy(update={"data_dir": data}), embedder=embedder)


def test_reingest_embeds_only_what_changed_and_drops_deleted_documents(built, embedder, tmp_path):
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(built.corpus_dir, corpus)
    (corpus / "extra.txt").write_text("Thema Extra\n\nDe themagroep Extra bestaat alleen in deze test en bespreekt zeilboten.\n")
    shutil.copytree(built.data_dir / "cache", data / "cache")  # the real report is embedded already
    settings = Settings(corpus_dir=corpus, data_dir=data)
    first = build_index(settings, embedder=embedder)
    assert first.embedded == 2  # the extra document: one passage and its one sentence

    assert build_index(settings, embedder=None).unchanged  # nothing changed: not even the model is loaded

    before = {p.id: p.text for p in Searcher.load(settings, embedder=embedder).passages}
    path = corpus / REPORT.name
    path.write_text(path.read_text(encoding="utf-8").replace("ravijnjaar 2026", "ravijnjaar 2027"), encoding="utf-8")
    (corpus / "extra.txt").unlink()
    second = build_index(settings, embedder=embedder)
    after = Searcher.load(settings, embedder=embedder)
    changed = [p for p in after.passages if p.id not in before]
    assert len(changed) == 1 and "ravijnjaar 2027" in changed[0].text
    changed_sentences = [s for s in re.split(r"(?<=[.:])\s+", changed[0].text) if "2027" in s]
    assert second.embedded == len(changed) + len(changed_sentences)
    assert all(p.document != "extra" for p in after.passages)


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


def test_ask_json_prints_the_api_body_with_the_citation(built):
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(built.data_dir), "VRAAGBAAK_CORPUS_DIR": str(built.corpus_dir)}
    out = subprocess.run([sys.executable, "-m", "vraagbaak.cli", "ask", "--json", "Wat doet de themagroep Financiën?"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert set(body) == {"question", "answered", "passages", "suggestions"}
    first = body["passages"][0]
    assert set(first) == {"id", "rank", "score", "text", "highlights", "citation"}
    assert first["citation"]["section"][-1] == "Thema Financiën"
    assert (first["citation"]["page"], first["citation"]["lines"][0]) == (11, 623)
    assert not EMAIL.search(out.stdout) and "%40" not in out.stdout
    assert not re.search(r"[a-z]-\s+[a-z]", " ".join(p["text"] for p in body["passages"]).replace("- en ", ""))
