"""The one search API: end to end with the real model and the bundled report, and on generated corpora."""

import json
import os
import re
import shutil
import subprocess
import sys
from difflib import SequenceMatcher

import pytest

from tests.conftest import ROOT
from tests.fakes import fake_embedder
from vraagbaak.config import Settings
from vraagbaak.errors import ConfigurationError, IndexMismatch, IndexMissing, InvalidQuestion
from vraagbaak.eval import dataset
from vraagbaak.index import store
from vraagbaak.index.build import build_index
from vraagbaak.index.calibration import load_calibration
from vraagbaak.index.scope import Scope
from vraagbaak.index.search import Searcher
from vraagbaak.ingest.links import EMAIL

FINANCIEN = ["Overige themagroepen", "Thema Financiën"]


def test_financien_question_gives_the_financien_passage_first_with_its_citation(searcher):
    result = searcher.search("Wat doet de themagroep Financiën?", 5)
    assert result.answered
    first = result.hits[0].passage
    assert first.citation.section == FINANCIEN
    assert "Het belangrijkste aandachtspunt voor de themagroep Financiën" in first.text
    assert (first.citation.page, first.citation.lines[0]) == (11, 623)


@pytest.mark.parametrize("question", ["Wie schreef het voorwoord van het jaarverslag?",
                                      "Door wie is het voorwoord ondertekend?"])
def test_who_wrote_a_section_shows_the_passage_it_is_signed_in_first(searcher, question):
    """A tuning question and a black-box report (2026-12-02): "Wie schreef het voorwoord?" ranked the foreword's
    first passages above its last, which ends in the signature ("Paul Depla, voorzitter G40 Stedennetwerk"; rank
    8). A question for who wrote or signed a section the question names shows that section's passage that ends in
    a person's name first; its status stands on the ranking's own evidence."""
    result = searcher.search(question, 5)
    assert result.hits[0].passage.text.rstrip().endswith("Paul Depla, voorzitter G40 Stedennetwerk"), result.hits


def test_who_signed_a_letter_shows_the_letters_last_passage_first(tmp_path, embedder):
    """A black-box shelf (2026-12-02): "Wie heeft de Kamerbrief over energiearmoede ondertekend?" put the letterhead
    first and the minister's signature third: a letter names no section that is signed. The last passage of a
    ranked document that ends in a closing formula and a person's name comes first."""
    sections = "".join(f"{title}\n\n{body}\n\n" for title, body in [
        ("Omvang van energiearmoede", "Volgens de monitor leefden in 2023 ongeveer 526.000 huishoudens in "
                                      "energiearmoede. Met deze brief informeer ik uw Kamer over de aanpak."),
        ("Nationaal Isolatieprogramma", "Het programma isoleerde in 2024 ruim 61.000 woningen van huishoudens met "
                                        "een laag inkomen, met hulp van gemeenten en energiecoaches."),
        ("Rol van gemeenten", "Gemeenten zetten energiecoaches in en vragen om zekerheid over de middelen na 2025."),
        ("Vervolg", "Ik informeer uw Kamer voor de zomer van 2025 over het sociaal tarief voor energie.\n\n"
                    "Hoogachtend, de minister van Wonen en Leefomgeving,\n\nSophie van Rensen")])
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "kamerbrief-energiearmoede-2024.txt").write_text(
        "Ministerie van Wonen en Leefomgeving\n\nAan de Voorzitter van de Tweede Kamer\n\n" + sections)
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    build_index(settings, embedder=embedder)
    letter = Searcher.load(settings, embedder=embedder)
    result = letter.search("Wie heeft de Kamerbrief over energiearmoede ondertekend?", 3, abstain=False)
    assert result.hits[0].passage.text.rstrip().endswith("Sophie van Rensen"), result.hits


def test_who_wrote_the_foreword_is_not_answered_by_a_colophon_that_names_a_designer(tmp_path, embedder):
    """A review: a report's last passage, a colophon naming its designer, came before the foreword's signature for "Wie
    schreef het voorwoord?" (its section "Voorwoord van de voorzitter" holds more words than the question). A letter's
    signature has a closing formula or a role; a colophon's name has neither."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "jaarverslag-stedennetwerk-oost-2024.txt").write_text(
        "Jaarverslag 2024\n\nVoorwoord van de voorzitter\n\nHet was een jaar waarin de steden elkaar vaker opzochten "
        "dan ooit. Ik dank alle wethouders voor hun inzet.\n\nMarloes Hendriksen, voorzitter Stedennetwerk Oost\n\n"
        "Wonen\n\nDe steden bouwden samen 4.200 woningen voor starters en ouderen.\n\nColofon\n\nUitgave: "
        "Stedennetwerk Oost, Deventer. Tekst: het programmabureau. Vormgeving en fotografie: Pieter Bakker\n")
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    build_index(settings, embedder=embedder)
    report = Searcher.load(settings, embedder=embedder)
    for question in ("Wie schreef het voorwoord?", "Wie heeft het voorwoord geschreven?"):
        first = report.search(question, 3, abstain=False).hits[0].passage
        assert "Marloes Hendriksen" in first.text and "Pieter Bakker" not in first.text, first.text


def test_highlights_are_whole_sentences_of_the_passage(searcher):
    hit = searcher.search("Wat is het belangrijkste aandachtspunt van de themagroep Financiën?", 3).hits[0]
    assert hit.highlights
    for start, end in hit.highlights:
        sentence = hit.passage.text[start:end]
        assert sentence[0].isupper() and sentence[-1] in ".!?"
    assert any("aandachtspunt" in hit.passage.text[a:b] for a, b in hit.highlights)


def test_the_sentence_that_holds_what_is_asked_for_is_highlighted_too(searcher):
    """A black-box test: "Wanneer ...?" marked the sentence naming the paper, not the next one with its date."""
    question = "Wanneer werd het position paper van de themagroep IBS gepresenteerd?"
    result = searcher.search(question, 3)
    hit = result.hits[0]
    marked = [hit.passage.text[a:b] for a, b in hit.highlights]
    assert any("16 november" in sentence for sentence in marked) and any("opgesteld" in sentence for sentence in marked)
    evidence_rows = searcher._sentences([searcher.passages.index(hit.passage)], searcher.embedder.encode_queries([question])[0])
    assert len(next(iter(evidence_rows.values()))[1]) < len(hit.highlights)  # the answer models judge what they did


def test_a_question_that_asks_why_highlights_the_sentence_that_says_why(searcher):
    """A black-box test: "Waarom melden zich meer huishoudens …?" marked the sentence with the count, not "De stijging
    komt vooral door de hoge energierekening". Here the report's own case: the sentence that says "daarom" is
    marked beside the best one. Shown only: the answer evidence is as it was fitted."""
    question = "Waarom wordt de Uitvoeringsagenda Flexibilisering Asielketen geactualiseerd?"
    hit = searcher.search(question, 3).hits[0]
    marked = [hit.passage.text[a:b] for a, b in hit.highlights]
    assert any("wordt daarom in 2024 geactualiseerd" in sentence for sentence in marked), marked


def test_a_passage_over_two_pages_points_at_the_page_of_its_best_sentence(searcher):
    """The original PDF opens where the answer is, not on the page the passage starts."""
    spanning = [p for p in searcher.passages if p.citation.page_end > p.citation.page]
    assert spanning
    for passage in spanning:
        last = passage.text.rsplit(". ", 1)[-1]  # the passage's last sentence stands on its last page
        [hit] = [h for h in searcher.search(last, 10, abstain=False).hits if h.passage.id == passage.id] or [None]
        if hit is not None and passage.text.index(last) in [start for start, _ in hit.highlights[:1]]:
            assert hit.page == passage.citation.page_end, passage.id
            return
    pytest.fail("no passage over two pages was found with its last sentence highlighted first")


def test_without_diacritics(searcher):
    assert searcher.search("financien", 3).hits[0].passage.citation.section == FINANCIEN


def test_an_english_question_finds_the_dutch_passage(searcher):
    result = searcher.search("Where did the Europe theme group travel in September?", 3)
    assert result.answered
    assert "Helsinki en Tallin" in result.hits[0].passage.text


@pytest.mark.parametrize("question", ["Which cities lead the sustainability theme group?",
                                      "When was the SME action plan presented to the minister?"])
def test_a_short_english_question_is_not_refused_for_its_language(searcher, question):
    """A black-box test: these were "not found" (their words are not the reports'); they are judged against
    the domain threshold of English questions, and shown, if under the caveat."""
    result = searcher.search(question, 3)
    assert result.status != "not_found" and result.hits
    assert searcher.search("How do I reset my password?", 3).status == "not_found"


@pytest.mark.parametrize("question", ["Wat is de hoofdstad van Frankrijk?", "Wat voor weer wordt het morgen in Zwolle?",
                                      "Hoe vraag ik een nieuw paspoort aan bij de gemeente Breda?"])
def test_a_question_outside_the_reports_is_not_found(searcher, question):
    result = searcher.search(question, 5)
    assert result.status == "not_found" and not result.answered and result.hits == []
    sections = {(p.document, p.section_index) for p in searcher.passages}
    assert result.suggestions and all((s.document, s.section_index) in sections for s in result.suggestions)


def test_a_year_the_first_passage_and_its_report_do_not_name_is_not_answered(searcher):
    """A black-box report: a report of 2024 that gives the unemployment of 2024 answered "Wat was de werkloosheid
    in 2023?". The 2023 report says how many cities the network has; asked for 2019, the same passage is shown
    under the caveat, however sure the answer model is; asked for the report's own year, it is an answer."""
    plain = searcher.search("Hoeveel steden telt het G40 Stedennetwerk?", 3)
    other_year = searcher.search("Hoeveel steden telde het G40 Stedennetwerk in 2019?", 3)
    own_year = searcher.search("Hoeveel steden telde het G40 Stedennetwerk in 2023?", 3)
    assert plain.status == "answered" and "eenenveertig" in plain.hits[0].passage.text
    assert other_year.status == "uncertain" and other_year.hits[0].passage.id == plain.hits[0].passage.id
    assert own_year.status == "answered"
    # "[onzeker, zekerheid 0.95]" read as a contradiction (a black-box test): made uncertain, under the threshold
    threshold = searcher.config.answer_model.answer_threshold
    assert other_year.confidence < threshold <= own_year.confidence


def one_report(tmp_path, embedder, folder: str, name: str, text: str) -> Searcher:
    """A searcher over a corpus of one text report of its own (``folder``), with the session's model."""
    corpus = tmp_path / folder
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / f"data-{folder}")
    build_index(settings, embedder=embedder)
    return Searcher.load(settings, embedder=embedder)


def test_a_thing_named_by_a_number_the_first_passage_gives_another_number_is_not_answered(tmp_path, embedder):
    """A black-box report: "Wanneer wordt fase 2 opgeleverd?" was answered by "Fase 1 opgeleverd in oktober 2024",
    however sure the answer model is. Asked for phase 1, or for the path without a phase, it is an answer."""
    searcher = one_report(tmp_path, embedder, "fase", "fietsroutes-jaarverslag-2024.txt",
        "Jaarverslag fietsroutes 2024\n\nSnelfietspad Aldermeer–Zandwijk\n\nFase 1 van het snelfietspad Aldermeer–"
        "Zandwijk is in oktober 2024 opgeleverd. Het traject van 4,2 kilometer loopt langs het kanaal en kostte 3,1 "
        "miljoen euro.\n\nFietsenstallingen\n\nBij station Aldermeer is in 2024 een bewaakte stalling voor 1.200 "
        "fietsen geopend. De stalling is dagelijks open van 5.30 tot 1.00 uur.\n\nVerkeersveiligheid\n\nIn 2024 "
        "vielen op de fietsroutes in de regio 14 gewonden, vier minder dan in 2023.\n")
    asked = {phase: searcher.search(f"Wanneer wordt {phase}het snelfietspad Aldermeer–Zandwijk opgeleverd?", 3)
             for phase in ("fase 1 van ", "fase 2 van ", "")}
    assert {phase: result.status for phase, result in asked.items()} == {
        "fase 1 van ": "answered", "fase 2 van ": "uncertain", "": "answered"}
    assert len({result.hits[0].passage.id for result in asked.values()}) == 1


def test_confidence_orders_answerable_over_near_misses_over_off_topic_questions(searcher):
    """On the held-out test part; the shares per status are gated in tests/eval/test_quality_gate.py."""
    confidence: dict[str, list[float]] = {}
    for pair in dataset.part(dataset.load(), "test"):
        result = searcher.search(pair.question, 5)
        assert bool(result.hits) == (result.status != "not_found") and bool(result.suggestions) != bool(result.hits)
        confidence.setdefault(pair.group, []).append(result.confidence)
    mean = {group: sum(values) / len(values) for group, values in confidence.items()}
    assert mean["answerable"] > mean["near_miss"] + 0.1 > mean["off_topic"] + 0.2


def _near_duplicates(hits) -> list[tuple[str, str]]:
    """Pairs of hits whose texts share a run of more than half the shorter one (judged on the text alone)."""
    found = []
    for i, a in enumerate(hits):
        for b in hits[i + 1:]:
            x, y = a.passage.text, b.passage.text
            match = SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
            if match.size > 0.5 * min(len(x), len(y)):
                found.append((a.passage.id, b.passage.id))
    return found


def test_no_near_duplicates_in_one_answer(tmp_path, monkeypatch):
    """Overlapping chunks (150 of 200 characters shared) and the same paragraph in two documents."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    repeated = "De havenraad besloot in maart dat de kades van Harlingen worden hersteld met steun van het Rijk. "
    text = "Thema Havens\n\n" + " ".join(f"Zin {i} gaat over de havens en ligplaatsen in stad {i}." for i in range(12))
    (corpus / "een.txt").write_text(text + "\n\n" + repeated + "\n", encoding="utf-8")
    (corpus / "twee.txt").write_text("Thema Kades\n\n" + repeated + "\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data", chunk_size=200, chunk_overlap=150)
    embedder = fake_embedder()
    build_index(settings, embedder=embedder)
    searcher = Searcher.load(settings, embedder=embedder)
    for question in ("havens en ligplaatsen in stad", "kades van Harlingen hersteld"):
        assert _near_duplicates(searcher.search(question, 10, abstain=False).hits) == [], question
        with monkeypatch.context() as patched:  # without the filter they do occur: the check is not vacuous
            patched.setattr(searcher.repeats, "distinct", lambda ranked, *_: (ranked, {}))
            assert _near_duplicates(searcher.search(question, 10, abstain=False).hits), question


@pytest.mark.parametrize("question,message", [
    ("", "leeg"), ("   \n\t ", "leeg"), ("x" * 1001, "te lang"), (42, "tekst"),
])
def test_bad_questions_get_a_clear_error(searcher, question, message):
    with pytest.raises(InvalidQuestion, match=message):
        searcher.search(question)


@pytest.mark.parametrize("question", ["het", "Waarom?", "de de de de", "en of maar", "Wat is het?"])
def test_a_question_of_stop_words_only_is_not_found_not_answered_by_chance(searcher, question):
    result = searcher.search(question, 3)
    assert (result.status, result.hits, result.confidence) == ("not_found", [], 0.0)


@pytest.mark.parametrize("question", ["G40", "2023", "5", "IBS?"])
def test_a_number_or_a_name_alone_is_searched(searcher, question):
    assert searcher.search(question, 3, abstain=False).hits


def test_control_characters_are_removed_and_the_question_still_answered(searcher):
    odd = searcher.search("\x00\x07Wat doet de\u200b themagroep Financiën?\x1b", 3)
    clean = searcher.search("Wat doet de themagroep Financiën?", 3)
    assert odd.question == clean.question == "Wat doet de themagroep Financiën?"
    assert odd.answered and [h.passage.id for h in odd.hits] == [h.passage.id for h in clean.hits]


@pytest.mark.parametrize("question", ["什么是G40？", "Что делает G40?", "Что делает сеть?",
                                      "<script>alert(1)</script> Financiën", "G40"])
def test_other_scripts_and_markup_get_a_complete_result(searcher, question):
    result = searcher.search(question, 3)
    assert result.question == question  # kept as text; the widget and the API escape it
    assert 0.0 <= result.confidence <= 1.0
    assert (result.status != "not_found" and len(result.hits) == 3) or (not result.hits and result.suggestions)


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
    manifest.model = {**manifest.model, "name": "ander-model", "fingerprint": "weights-0000"}
    store.write_json(build / store.MANIFEST, manifest.model_dump(mode="json"))
    with pytest.raises(IndexMismatch, match="ander-model.*multilingual-e5-small"):
        Searcher.load(built.model_copy(update={"data_dir": data}), embedder=embedder)


def _older_answer_model(model: dict) -> dict:
    """The answer model as an older version fitted it: one feature fewer."""
    for part in ("answer", "domain"):
        for key in ("mean", "scale", "coef"):
            model[part][key] = model[part][key][:-1]
    return model


def test_an_index_with_an_older_versions_answer_model_is_refused(built, embedder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True)
    build = store.current_build(data)
    manifest = store.read_manifest(build)
    _older_answer_model(manifest.search["answer_model"])
    store.write_json(build / store.MANIFEST, manifest.model_dump(mode="json"))
    with pytest.raises(IndexMismatch, match="andere versie.*vraagbaak ingest"):
        Searcher.load(built.model_copy(update={"data_dir": data}), embedder=embedder)


def test_a_calibration_of_an_older_version_is_a_clear_error(tmp_path):
    committed = ROOT / "eval" / "calibration.json"
    fingerprint, settings = next(iter(json.loads(committed.read_text()).items()))
    assert load_calibration(committed, fingerprint)["answer_model"]
    _older_answer_model(settings["answer_model"])
    (tmp_path / "calibration.json").write_text(json.dumps({fingerprint: settings}))
    with pytest.raises(ConfigurationError, match="vraagbaak eval --calibrate"):
        load_calibration(tmp_path / "calibration.json", fingerprint)


def test_ask_json_prints_the_api_body_with_the_citation(built):
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(built.data_dir), "VRAAGBAAK_CORPUS_DIR": str(built.corpus_dir)}
    out = subprocess.run([sys.executable, "-m", "vraagbaak.cli", "ask", "--json", "Wat doet de themagroep Financiën?"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert set(body) == {"question", "searched_as", "corrections", "status", "answered", "confidence", "message",
                         "passages", "suggestions"}
    first = body["passages"][0]
    assert set(first) == {"id", "rank", "score", "text", "highlights", "citation"}
    assert first["citation"]["section"][-1] == "Thema Financiën"
    assert (first["citation"]["page"], first["citation"]["lines"][0]) == (11, 623)
    assert not EMAIL.search(out.stdout) and "%40" not in out.stdout
    assert not re.search(r"[a-z]-\s+[a-z]", " ".join(p["text"] for p in body["passages"]).replace("- en ", ""))


def test_ask_says_what_it_searched_for_and_searches_as_typed_with_exact(built):
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(built.data_dir), "VRAAGBAAK_CORPUS_DIR": str(built.corpus_dir)}
    ask = [sys.executable, "-m", "vraagbaak.cli", "ask", "-k", "1", "Wat doet de themagroep fibancien?"]
    corrected = subprocess.run(ask, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert corrected.returncode == 0, corrected.stderr
    assert corrected.stdout.startswith("Gezocht op: Wat doet de themagroep Financiën?") and "Thema Financiën" in corrected.stdout
    exact = subprocess.run(ask + ["--exact"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert exact.returncode == 0, exact.stderr
    assert "Gezocht op" not in exact.stdout and "[niet gevonden, zekerheid" in exact.stdout


def test_ask_with_bytes_that_are_not_utf8_says_so_without_a_traceback(built):
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(built.data_dir), "VRAAGBAAK_CORPUS_DIR": str(built.corpus_dir)}
    out = subprocess.run([sys.executable.encode(), b"-m", b"vraagbaak.cli", b"ask", b"\xff hallo"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert out.returncode == 1 and "geen geldige tekst" in out.stderr and "Traceback" not in out.stderr


def test_a_typing_error_in_the_key_word_is_corrected_and_the_result_says_so(searcher):
    question = "Hoeveel bestuurlijke netwerldagen waren er in 2023?"
    result = searcher.search(question, 3)
    assert result.question == question
    assert result.searched == "Hoeveel bestuurlijke netwerkdagen waren er in 2023?"
    assert [(c.typed, c.meant) for c in result.corrections] == [("netwerldagen", "netwerkdagen")]
    assert result.answered and "netwerkdag" in result.hits[0].passage.text.lower()
    as_typed = searcher.search(question, 3, spelling=False)
    assert (as_typed.searched, as_typed.corrections) == (None, [])
    assert as_typed.status == "not_found"  # the keyword search knows no "netwerldagen"


def test_a_question_without_typing_errors_is_searched_as_asked(searcher):
    result = searcher.search("Wat doet de themagroep Financiën?", 3)
    assert (result.searched, result.corrections) == (None, [])


def test_a_table_row_is_judged_under_the_header_that_names_its_figures(tmp_path, embedder):
    """A black-box report: "Hoeveel keer werd er in 2024 uitgerukt voor dieren in nood?" found the table's header
    row (it names 2024) as the best sentence, not the row of "Dier in nood", and judged that no sentence held a
    number: shown under the caveat at 0.10. A row is embedded and judged under its header; shown as printed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from vraagbaak.index.answerability import FEATURES
    from vraagbaak.index.build import build_index
    from vraagbaak.index.search import Searcher

    corpus = tmp_path / "brandweer"
    corpus.mkdir()
    styles = getSampleStyleSheet()
    rows = [("Categorie", "Soort incident", "2023", "2024", "Verschil"),
            ("Brand", "Woningbrand", "438", "412", "-26"), ("Brand", "Buitenbrand", "1.402", "1.610", "+208"),
            ("Hulpverlening", "Beknelling bij verkeersongeval", "203", "188", "-15"),
            ("Hulpverlening", "Dier in nood", "517", "546", "+29"), ("Hulpverlening", "Waterongeval", "74", "81", "+7"),
            ("Loos alarm", "Automatische brandmelding", "3.904", "3.688", "-216")]
    prose = ("De brandweer van de regio Lingemaas rukte in 2024 vaker uit dan in 2023. Vooral buitenbranden namen toe "
             "door de droge zomer; het aantal loze automatische meldingen daalde na gesprekken met de eigenaren.")
    SimpleDocTemplate(str(corpus / "brandweer-lingemaas-jaarverslag-2024.pdf"), pagesize=A4).build([
        Paragraph("Jaarverslag Brandweer Lingemaas 2024", styles["Title"]),
        Paragraph("1. Uitrukken naar soort incident", styles["Heading2"]), Paragraph(prose, styles["BodyText"]),
        Table(rows, style=[("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]),
        Paragraph("2. Personeel", styles["Heading2"]),
        Paragraph("Op 31 december 2024 telde de brandweer 812 vrijwilligers en 234 beroepsmedewerkers. Het "
                  "ziekteverzuim van de beroepsmedewerkers was 5,3 procent.", styles["BodyText"])])
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    build_index(settings, embedder=embedder)
    searcher = Searcher.load(settings, embedder=embedder)
    result = searcher.search("Hoeveel keer werd er in 2024 uitgerukt voor dieren in nood?", 3)
    first = result.hits[0]
    assert [first.passage.text[a:b] for a, b in first.highlights] == ["Hulpverlening | Dier in nood | 517 | 546 | +29"]
    assert result.evidence[0][FEATURES.index("type_missing")] == 0.0


def test_a_question_for_an_amount_of_money_is_not_answered_without_one_among_the_first_passages(tmp_path, embedder):
    """A black-box near miss: "Hoeveel heeft de bestrijding van de natuurbrand op de Kalkberg gekost?" was answered
    (0.87) by the passage on that fire, which gives its date and the hectares burnt, no cost. A question for an
    amount of money is answered only if one of the first three passages holds an amount; the same question where
    the report gives the cost is an answer."""

    def report(folder: str, cost: str) -> Searcher:
        return one_report(tmp_path, embedder, folder, "jaarverslag-veiligheidsregio-2024.txt",
            "Jaarverslag veiligheidsregio 2024\n\nNatuurbranden\n\nDe zomer was de droogste sinds 2018. De grootste "
            "natuurbrand, op de Kalkberg bij Oosterbroek op 30 juni, verwoestte 14 hectare heide; zes korpsen werkten "
            f"twee dagen aan de bestrijding. {cost}\n\nOefenen\n\nDe vrijwilligers oefenden elke week in de kazerne "
            "en twee keer per jaar met de buurregio's.\n\nPersoneel\n\nPer 1 september 2024 trad een nieuwe "
            "commandant aan.\n")

    question = "Hoeveel heeft de bestrijding van de natuurbrand op de Kalkberg gekost?"
    without = report("zonder", "De heide herstelt naar verwachting binnen vijf jaar.")
    given = report("met", "De bestrijding kostte € 412.000, die het Rijk vergoedt.")
    assert without.search(question, 3).status != "answered"
    assert given.search(question, 3).status == "answered"


def test_a_question_why_is_not_answered_by_a_first_passage_that_gives_no_cause(tmp_path, embedder):
    """Held-out near misses (2026-12-02): "Waarom was heemraad Lansink afwezig?", "Waarom stijgt de OZB in 2025?" were
    answered (0.69-0.98) by the passage that says so without saying why. A question why is answered only if its first
    passage has a word of a cause ("omdat", "door", "wegens", "aanleiding", ...); where the report gives the reason,
    it is an answer."""

    def report(folder: str, reason: str) -> Searcher:
        return one_report(tmp_path, embedder, folder, "gemeente-wolderveen-jaarverslag-2024.txt",
            "Jaarverslag gemeente Wolderveen 2024\n\nCollege\n\nHet college van burgemeester en wethouders vergaderde "
            "in 2024 veertig keer. Wethouder Hofstra was op 12 maart 2024 afwezig bij de collegevergadering"
            f"{reason}. De burgemeester nam haar portefeuille die dag waar.\n\nBelastingen\n\nDe opbrengst van de "
            "onroerendezaakbelasting was € 6,1 miljoen.\n\nSport\n\nSporthal De Wielewaal werd in september "
            "geopend.\n")

    question = "Waarom was wethouder Hofstra afwezig bij de collegevergadering?"
    without = report("zonder", "").search(question, 3)
    given = report("met", " wegens een werkbezoek aan Brussel").search(question, 3)
    assert "Hofstra" in without.hits[0].passage.text and without.status != "answered"
    assert "Hofstra" in given.hits[0].passage.text and given.status == "answered"


def test_a_joint_paper_answers_a_question_that_names_one_of_its_organisations(tmp_path, embedder):
    """The held-out shelf's question end to end with the real model: "Waar opent Brakelveen een jongerenpunt?" was
    not found, as the name favoured only the municipality's own report (``tests/index/test_shelf.py``)."""
    from tests.index.test_shelf import joint_shelf

    searcher = joint_shelf(tmp_path, embedder)
    result = searcher.search("Waar opent Brakelveen een jongerenpunt?", 3)
    assert result.hits[0].passage.citation.section[-1] == "Maatregelen" and result.status == "answered", result
    # a review: scoped to Brakelveen, its reserve is no answer about Zuiderkaap's
    own = searcher.search("Wat was de algemene reserve van Brakelveen eind 2023?", 3,
                          scope=Scope(collections=["brakelveen"]))
    other = searcher.search("Wat was de algemene reserve van Zuiderkaap eind 2023?", 3,
                            scope=Scope(collections=["brakelveen"]))
    assert own.hits[0].passage.citation.section[-1] == other.hits[0].passage.citation.section[-1] == "Financiën"
    assert own.status == "answered" and other.status == "uncertain", (own, other)


def test_a_passage_naming_the_role_asked_about_without_its_holder_is_not_an_answer(tmp_path, embedder):
    """A held-out near miss (2026-12-02): "Wie is de interim-manager van de afdeling Groen en Schoonmaak?" was answered
    (0.90) by the management passage, which names three people and says the department has an interim manager, not
    who. Where the report names the interim manager, it is an answer."""

    def report(folder: str, manager: str) -> Searcher:
        return one_report(tmp_path, embedder, folder, "lingestroom-jaarverslag-2024.txt",
            "Jaarverslag Lingestroom 2024\n\nDirectie en management\n\nMarieke Oosterhuis is sinds 1 maart 2022 "
            "directeur-bestuurder van Lingestroom. Het managementteam bestaat verder uit Anouk Smeets (manager "
            "Leerwerkbedrijf) en Joost Verbeek (controller). De afdeling Groen en Schoonmaak wordt sinds de zomer van "
            f"2024 tijdelijk aangestuurd door {manager}.\n\nGroen\n\nMet 31 groenploegen verzorgen we ruim 420 "
            "hectare plantsoen, bermen en sportvelden voor drie gemeenten.\n\nWasserij\n\nOp 1 oktober 2024 sloot "
            "Lingestroom de wasserij in Dalemsdonk.\n")

    question = "Wie is de interim-manager van de afdeling Groen en Schoonmaak?"
    unnamed = report("zonder", "een interim-manager").search(question, 3)
    named = report("met", "interim-manager Ruud Hendriksen").search(question, 3)
    assert "Directie" in unnamed.hits[0].passage.citation.section[-1] and unnamed.status == "uncertain"
    assert "Directie" in named.hits[0].passage.citation.section[-1] and named.status == "answered"


@pytest.mark.parametrize("passage, amount", [
    ("De bestrijding kostte € 412.000.", True), ("Het tarief is 0,0563 procent van de WOZ-waarde.", True),
    ("Een pas kost 120,- per jaar.", True),
    ("De commandant verdient volgens schaal 14.", True), ("Het budget is 2,3 miljoen.", True),
    ("De brand verwoestte 14 hectare heide op 30 juni.", False), ("Per 1 september 2024 trad hij aan.", False)])
def test_what_counts_as_an_amount_for_a_question_about_money(passage, amount):
    """A review: a rate in percent, "120,-" and a pay scale answer what something costs too."""
    from vraagbaak.index.search import AMOUNT

    assert bool(AMOUNT.search(passage)) is amount


def test_a_question_for_a_phone_number_or_a_day_is_not_answered_by_a_passage_without_one(tmp_path, embedder):
    """A black-box near miss: "Wat is het telefoonnummer van het programmabureau?" was answered (0.69) by "kunt u
    contact opnemen met het programmabureau, bereikbaar via het algemene nummer van de veiligheidsregio", which gives
    none. A question for a phone number, an e-mail address, a day or a clock time is answered only by a first
    passage that holds one, whatever the answer model says; the same question where the report gives the number is
    an answer."""

    def report(folder: str, contact: str) -> Searcher:
        return one_report(tmp_path, embedder, folder, "natuurbranden-beleidsbrief-2025.txt",
            "Beleidsbrief natuurbranden 2025\n\nProgramma Natuurbrandbeheersing\n\nHet programmabureau "
            "Natuurbrandbeheersing coördineert de aanpak van natuurbranden in de regio en werkt samen met "
            f"terreinbeheerders en gemeenten. {contact}\n\nRisicogebieden\n\nDe Maasheuvels en het Kempenveld "
            "zijn aangewezen als gebieden met een hoog risico op natuurbranden; daar gelden extra maatregelen.\n\n"
            "Evaluatie\n\nEen evaluatie van het programma volgt in het voorjaar van 2027.\n")

    question = "Wat is het telefoonnummer van het programmabureau Natuurbrandbeheersing?"
    without = report("zonder", "Het bureau is bereikbaar via het algemene nummer van de veiligheidsregio.")
    given = report("met", "Het bureau is bereikbaar op telefoonnummer 088 355 12 40.")
    assert without.search(question, 3).status != "answered"
    assert given.search(question, 3).status == "answered"
    # a black-box near miss (2026-12-02): an e-mail address is no telephone number, nor the other way round
    mail = report("mail", "Het bureau is bereikbaar via natuurbrand@veiligheidsregio-zl.nl.")
    assert mail.search(question, 3).status != "answered"
    assert mail.search("Wat is het e-mailadres van het programmabureau Natuurbrandbeheersing?", 3).status == "answered"
    assert given.search("Wat is het e-mailadres van het programmabureau Natuurbrandbeheersing?", 3).status != "answered"


def test_a_decision_lists_agenda_items_are_passages_of_their_own(tmp_path, embedder):
    """A black-box decision list as text (2026-12-02): its items ("Agendapunt 3. Vragenuur") ran on into their
    decisions, the list was one section, and "Wanneer gaat het zwembad weer open?" got nothing (not found, 0.15)
    from a passage that mixed four items. Each item is a section of its own, and its passage answers."""
    items = [("Opening en mededelingen", "De voorzitter opent de vergadering om 19.32 uur."),
             ("Vaststelling van de agenda", "De agenda wordt vastgesteld, met twee moties vreemd aan de orde."),
             ("Vragenuur", "Mevrouw T. Schouten (PvdA) stelt vragen over de sluiting van zwembad De Kikkerpoel. "
                           "Wethouder Hoekstra antwoordt dat het zwembad gesloten is vanwege een lekkage. De "
                           "heropening wordt verwacht op 4 september 2023."),
             ("Jaarrekening 2022", "Besluit: de raad stelt de jaarrekening 2022 vast. Het positieve resultaat van "
                                   "€ 2.318.000 gaat naar de algemene reserve."),
             ("Kadernota 2024", "Besluit: de raad stelt de Kadernota 2024 vast als uitgangspunt voor de begroting."),
             ("Sluiting", "De voorzitter sluit de vergadering om 23.47 uur.")]
    searcher = one_report(tmp_path, embedder, "raad", "dorrewaard-besluitenlijst-raad-2023-07-06.txt",
        "Gemeente Dorrewaard\nBesluitenlijst openbare vergadering van de gemeenteraad\n\nDatum: 6 juli 2023\n\n"
        + "".join(f"Agendapunt {n}. {title}\n{text}\n\n" for n, (title, text) in enumerate(items, start=1)))
    result = searcher.search("Wanneer gaat het zwembad De Kikkerpoel weer open?", 3)
    first = result.hits[0].passage
    assert first.citation.section[-1] == "Agendapunt 3. Vragenuur" and "Jaarrekening" not in first.text
    assert result.status == "answered", (result.status, result.confidence)
