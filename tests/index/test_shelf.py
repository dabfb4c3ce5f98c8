"""A shelf of several documents and years, built with the fake embedder: collections, metadata,
scoped search, documents named in a question, repeated text across years, removal and re-ingest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tests.fakes import fake_embedder
from tests.service.test_app import ready_client
from vraagbaak.config import Settings
from vraagbaak.errors import IndexMissing, InvalidQuestion
from vraagbaak.index import dense, keyword, store
from vraagbaak.index.build import build_index, corpus_checksums
from vraagbaak.index.repeats import Repeats
from vraagbaak.index.scope import Scope, years_in
from vraagbaak.index.search import Searcher
from vraagbaak.ingest.pipeline import ingest_corpus

HOUSING = ("Wonen\n\nDe steden bouwden samen betaalbare woningen voor starters en ouderen. Het woningtekort bleef "
           "groot, maar de bouwstroom kwam op gang dankzij afspraken met corporaties en het Rijk.\n\n")


def report(year: int, extra: str) -> str:
    return (f"Jaarverslag Stedennet {year}\n\nVoorwoord\n\nDit is het jaarverslag van het Stedennet over {year}. "
            "De steden werkten samen aan wonen, werk en klimaat.\n\n" + HOUSING + extra)


POLICE = "".join(
    f"Wijk {n}\n\nDe wijkagent werkte in wijk {n} aan veiligheid in de buurt, met meldingen van inwoners en "
    f"controles op straat; de politie hield in wijk {n} spreekuur over veiligheid.\n\n" for n in range(1, 41))


def write_shelf(corpus: Path) -> None:
    (corpus / "net").mkdir(parents=True)
    (corpus / "net" / "stedennet-jaarverslag-2023.txt").write_text(report(2023, (
        "Veiligheid\n\nOok de veiligheid in de buurt kreeg aandacht van de steden, samen met de wijkagent.\n\n")))
    (corpus / "net" / "stedennet-jaarverslag-2024.txt").write_text(report(2024, (
        "Klimaat\n\nIn 2024 maakten de steden een plan voor warmtenetten en groene daken in elke wijk.\n\n")))
    (corpus / "politie").mkdir()
    (corpus / "politie" / "politie-jaarverslag-2024.txt").write_text("Politie jaarverslag 2024\n\n" + POLICE)


@pytest.fixture
def shelf(tmp_path, monkeypatch) -> Settings:
    # The reports of four passages stand for large ones, with keyword statistics of their own (a document
    # too small for them is weighed with the shelf's: tested in tests/index/test_keyword.py).
    monkeypatch.setattr(keyword, "OWN_STATISTICS", 3)
    write_shelf(tmp_path / "corpus")
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    build_index(settings, embedder=fake_embedder())
    return settings


@pytest.fixture
def searcher(shelf) -> Searcher:
    return Searcher.load(shelf, embedder=fake_embedder())


def test_documents_know_their_collection_year_kind_and_size(searcher):
    docs = {d.id: d for d in searcher.documents.values()}
    assert {(d.id, d.collection, d.year, d.kind, d.organisation) for d in docs.values()} == {
        ("stedennet-jaarverslag-2023", "net", 2023, "annual_report", "Stedennet"),
        ("stedennet-jaarverslag-2024", "net", 2024, "annual_report", "Stedennet"),
        ("politie-jaarverslag-2024", "politie", 2024, "annual_report", "Politie")}
    for d in docs.values():
        assert d.passages == sum(1 for p in searcher.passages if p.document == d.id) > 0
        assert d.pages >= 1 and d.ingested_at.endswith("+00:00")


def test_a_scope_applies_inside_the_search_not_after_it(searcher):
    """40 police passages fill the candidate lists for this question; scoped to the network's collection
    the searches must still fill the answer from it (a filter after the candidates would leave one)."""
    question = "veiligheid wijkagent buurt"
    n = searcher.config.candidates
    query = searcher.embedder.encode_queries([question])[0]
    pool = {i for i, _ in dense.search_dense(searcher.dense, query, n)} | {i for i, _ in searcher.keyword.search(question, n)}
    assert sum(searcher.passages[i].citation.collection == "net" for i in pool) == 1
    scoped = searcher.search(question, 4, abstain=False, scope=Scope(collections=["net"]))
    assert len(scoped.hits) == 4 and {h.passage.citation.collection for h in scoped.hits} == {"net"}
    assert "veiligheid in de buurt" in scoped.hits[0].passage.text
    by_year = searcher.search(question, 5, abstain=False, scope=Scope(years=[2023]))
    assert {h.passage.document for h in by_year.hits} == {"stedennet-jaarverslag-2023"}
    one = searcher.search(question, 3, abstain=False, scope=Scope(documents=["stedennet-jaarverslag-2024"]))
    assert {h.passage.document for h in one.hits} == {"stedennet-jaarverslag-2024"}


def test_evidence_is_judged_against_the_scope_only(searcher):
    """A word only the filtered-out documents use is unknown to a scoped question."""
    selection = searcher.shelf.select(Scope(collections=["net"]))
    scoped = searcher.evidence.question("spreekuur meldingen", searcher.evidence.scoped(selection.documents, selection.rows))
    whole = searcher.evidence.question("spreekuur meldingen")
    assert whole["unseen"] == 0 and whole["coverage"] == 1.0
    assert scoped["unseen"] == 2 and scoped["coverage"] == 0.0


def test_a_typing_error_is_corrected_only_to_a_word_of_the_documents_searched(searcher):
    """"spreekuur" is only in the police's report: scoped to the network's reports, "spreekuut" stays as typed."""
    whole = searcher.search("Wanneer was het spreekuut?", 3, abstain=False)
    assert [(c.typed, c.meant) for c in whole.corrections] == [("spreekuut", "spreekuur")]
    scoped = searcher.search("Wanneer was het spreekuut?", 3, abstain=False, scope=Scope(collections=["net"]))
    assert (scoped.corrections, scoped.searched) == ([], None)
    police = searcher.search("Waar komen warmtenettten?", 3, abstain=False, scope=Scope(collections=["politie"]))
    assert police.corrections == []
    network = searcher.search("Waar komen warmtenettten?", 3, abstain=False, scope=Scope(collections=["net"]))
    assert network.searched == "Waar komen warmtenetten?"


def test_a_passage_has_the_same_evidence_on_the_shelf_as_in_its_report_alone(shelf, searcher, tmp_path):
    """The answer model was fitted on one report: adding reports must not move what it sees of a passage
    of that report (keyword score, margin over the nearest passages, coverage, unknown words)."""
    import shutil

    (tmp_path / "alone").mkdir()
    shutil.copy(shelf.corpus_dir / "net" / "stedennet-jaarverslag-2023.txt", tmp_path / "alone")
    alone_settings = Settings(corpus_dir=tmp_path / "alone", data_dir=tmp_path / "alone-data")
    build_index(alone_settings, embedder=fake_embedder())
    alone = Searcher.load(alone_settings, embedder=fake_embedder())
    for one in (searcher, alone):  # the margin looks at the question's three nearest passages: the small report has 4
        one.config = one.config.model_copy(update={"candidates": 3})
    # The police report's forty passages on safety are nearer to this question than most of the small report.
    question = "kreeg de veiligheid in de buurt aandacht van de steden en de wijkagent"
    on_shelf, by_itself = searcher.search(question, 3, abstain=False), alone.search(question, 3, abstain=False)
    assert on_shelf.hits[0].passage.document == "stedennet-jaarverslag-2023"
    assert on_shelf.hits[0].passage.text == by_itself.hits[0].passage.text
    assert np.allclose(on_shelf.evidence[0], by_itself.evidence[0], rtol=1e-4, atol=1e-5)


def test_a_document_smaller_than_the_nearest_passages_is_judged_against_the_whole_index(searcher):
    """Four passages cannot say what is typical or rare for a question: the margin is taken over the question's
    nearest passages of the whole index, and the words' rarity from it, also when the question is scoped to
    that document (scoped to one passage, the passage would be its own margin)."""
    question = "kreeg de veiligheid in de buurt aandacht van de steden en de wijkagent"
    result = searcher.search(question, 3, abstain=False)
    document = result.hits[0].passage.document
    best = searcher.passage_ids[result.hits[0].passage.id]
    assert len(searcher.shelf.rows_of(document)) < searcher.config.candidates
    query = searcher.embedder.encode_queries([question])[0]
    nearest = [score for _, score in dense.search_dense(searcher.dense, query, searcher.config.candidates)]
    cosine = float(searcher.vectors[best] @ query)
    assert result.evidence[0][2] == pytest.approx(cosine - float(np.mean(nearest)), abs=1e-5)
    scoped = searcher.search(question, 3, abstain=False, scope=Scope(documents=[document]))
    assert scoped.hits[0].passage.id == result.hits[0].passage.id
    assert np.allclose(scoped.evidence[0], result.evidence[0], rtol=1e-4, atol=1e-5)
    assert scoped.hits[0].score > 0


@pytest.mark.parametrize("scope,message", [
    (Scope(collections=["g41"]), "Onbekende collectie: g41. Bekend: net, politie."),
    (Scope(years=[1999]), "Onbekend jaar: 1999"),
    (Scope(documents=["nee"]), "Onbekend document: nee"),
    (Scope(collections=["politie"], years=[2023]),
     "Geen enkel document .* Wat bij de andere filters past: collectie net; jaar 2024."),
    (Scope(collections=["politie"], documents=["stedennet-jaarverslag-2023"], years=[2024]),
     "past: collectie geen; document politie-jaarverslag-2024; jaar geen."),
])
def test_an_impossible_scope_is_a_clear_dutch_error(searcher, scope, message):
    with pytest.raises(InvalidQuestion, match=message):
        searcher.search("wonen", 3, scope=scope)


def test_a_collection_or_document_may_be_named_as_its_folder_or_file_is(searcher):
    """"-c Politie" or a widget's data-collection="Politie" once failed: "Bekend: ..., politie"."""
    named = searcher.search("wonen", 3, abstain=False, scope=Scope(collections=["Politie"],
                                                                   documents=["Politie Jaarverslag 2024"]))
    assert {h.passage.document for h in named.hits} == {"politie-jaarverslag-2024"}


def test_the_same_text_in_two_years_is_shown_once_newest_first_unless_a_year_is_asked(searcher):
    plain = searcher.search("betaalbare woningen voor starters en ouderen", 5, abstain=False)
    housing = [h for h in plain.hits if "betaalbare woningen" in h.passage.text]
    assert len(housing) == 1
    assert housing[0].passage.citation.year == 2024
    assert [p.citation.year for p in housing[0].also] == [2023]
    asked = searcher.search("betaalbare woningen voor starters en ouderen in 2023", 5, abstain=False)
    housing = [h for h in asked.hits if "betaalbare woningen" in h.passage.text]
    assert len(housing) == 1 and housing[0].passage.citation.year == 2023
    assert [p.citation.year for p in housing[0].also] == [2024]


def test_near_identical_years_that_differ_in_what_is_asked_are_two_answers(shelf):
    """A black-box test: the 2024 text with another figure hid the 2023 one that the question names (answered
    from the wrong year, "Staat ook in: 2023"), and the same words in another organisation's report of the
    collection were shown as that organisation's, with this one's only listed under it."""
    corpus = Path(shelf.corpus_dir)
    older = corpus / "net" / "stedennet-jaarverslag-2023.txt"
    older.write_text(older.read_text().replace("starters en ouderen", "starters en ouderen, 118 in totaal"))
    newer = corpus / "net" / "stedennet-jaarverslag-2024.txt"
    newer.write_text(newer.read_text().replace("starters en ouderen", "starters en ouderen, 205 in totaal"))
    same_words = HOUSING.replace("starters en ouderen", "starters en ouderen, 205 in totaal")  # as the 2024 report
    (corpus / "net" / "woonbond-verslag-2024.txt").write_text("Verslag Woonbond 2024\n\n" + same_words)
    build_index(shelf, embedder=fake_embedder())
    searcher = Searcher.load(shelf, embedder=fake_embedder())
    assert searcher.repeats.family("woonbond-verslag-2024") != searcher.repeats.family("stedennet-jaarverslag-2024")

    def housing(question: str) -> list[tuple[str, int, list[int]]]:
        hits = searcher.search(question, 10, abstain=False).hits
        return [(h.passage.document, h.passage.citation.year, [p.citation.year for p in h.also]) for h in hits
                if "betaalbare woningen" in h.passage.text]

    named = housing("Waar werden 118 betaalbare woningen voor starters gebouwd?")
    years = [(year, also) for document, year, also in named if document.startswith("stedennet")]
    assert years == [(2023, []), (2024, [])]  # the year that holds the asked figure first, neither listed as the other
    plain = housing("betaalbare woningen voor starters en ouderen")  # the years' difference is not asked: one text
    assert ("stedennet-jaarverslag-2024", 2024, [2023]) in plain
    assert ("woonbond-verslag-2024", 2024, []) in plain and len(plain) == 2
    # A review: texts that name their own year differ in the year a question asks, which picks the version
    # shown, not two answers.
    for path, year in ((older, 2023), (newer, 2024)):
        path.write_text(path.read_text().replace("De steden bouwden", f"In {year} bouwden de steden"))
    build_index(shelf, embedder=fake_embedder())
    searcher = Searcher.load(shelf, embedder=fake_embedder())
    asked = [(year, also) for document, year, also in housing("betaalbare woningen voor starters en ouderen in 2023")
             if document.startswith("stedennet")]
    assert asked == [(2023, [2024])]


def test_two_years_that_give_another_figure_for_what_is_asked_are_two_answers_the_newest_first(shelf):
    """A black-box report: "Hoeveel signalen … in 2023 ontvangen?" showed 2023's 1.120 with "Staat ook in: 2024",
    where 2024 says 1.530; asked without a year, the 2023 figure came first."""
    corpus = Path(shelf.corpus_dir)
    for year, figure in ((2023, "1.120"), (2024, "1.530")):
        path = corpus / "net" / f"stedennet-jaarverslag-{year}.txt"
        path.write_text(path.read_text().replace("starters en ouderen", f"starters en ouderen, na {figure} signalen"))
    build_index(shelf, embedder=fake_embedder())
    searcher = Searcher.load(shelf, embedder=fake_embedder())

    def housing(question: str) -> list[tuple[int, list[int]]]:
        hits = searcher.search(question, 10, abstain=False).hits
        return [(h.passage.citation.year, [p.citation.year for p in h.also]) for h in hits
                if "betaalbare woningen" in h.passage.text]

    assert housing("Hoeveel signalen gingen vooraf aan de betaalbare woningen voor starters?") == [
        (2024, []), (2023, [])]
    assert housing("Hoeveel signalen gingen in 2023 vooraf aan de betaalbare woningen voor starters?") == [
        (2023, []), (2024, [])]
    assert housing("Welke betaalbare woningen bouwden de steden voor starters en ouderen?") == [(2024, [2023])]


def test_a_rewritten_section_shows_the_newest_year_first_and_other_figures_are_not_passed_off_as_the_same(shelf):
    """A black-box report: "Wie is de voorzitter van het algemeen bestuur?" showed 2023's chair first (with "Staat
    ook in: 2022") and 2024's new chair second: the rewritten section was no other version of the text, and its
    figures ("9.412 inspecties", "elf keer") counted as words that differ; and 2022's "vergaderde elf keer" was
    listed as the same text as 2023's "tien keer"."""
    corpus = Path(shelf.corpus_dir) / "net"
    audit = ("De auditcommissie adviseert het algemeen bestuur over de begroting en de jaarrekening. Zij vergadert vier "
             "keer per jaar en spreekt jaarlijks met de accountant over de controle.")
    chair = "Voorzitter van het algemeen bestuur is Gerard van Aalst, burgemeester van Culemborg."
    board = {2022: f"{chair} Het dagelijks bestuur vergaderde elf keer.",
             2023: f"{chair} Het dagelijks bestuur vergaderde tien keer.",
             2024: "Op 1 april 2024 heeft Ineke Brouwer, wethouder van Zaltbommel, het voorzitterschap van het algemeen "
                   "bestuur overgenomen van Gerard van Aalst, die sinds 2019 voorzitter was. Het dagelijks bestuur "
                   "vergaderde negen keer."}
    for year, text in board.items():
        path = corpus / f"stedennet-jaarverslag-{year}.txt"
        before = path.read_text() if path.exists() else report(year, "")
        path.write_text(before + f"Bestuur\n\n{text} {audit}\n\n")
    build_index(shelf, embedder=fake_embedder())
    searcher = Searcher.load(shelf, embedder=fake_embedder())

    def board_hits(question: str) -> list[tuple[int, list[int], list[int]]]:
        hits = searcher.search(question, 10, abstain=False).hits
        return [(h.passage.citation.year, [p.citation.year for p in h.also],
                 [p.citation.year for p in h.also if p.id in h.other_figures]) for h in hits
                if "auditcommissie" in h.passage.text]

    assert board_hits("Wie is de voorzitter van het algemeen bestuur?") == [(2024, [], []), (2023, [2022], [2022])]
    assert board_hits("Wie was in 2023 voorzitter van het algemeen bestuur?")[0] == (2023, [2022], [2022])
    assert board_hits("Hoe vaak vergaderde het dagelijks bestuur?") == [(2024, [], []), (2023, [], []), (2022, [], [])]


def add_sections(shelf: Settings, sections: dict[int, str]) -> Searcher:
    """The shelf's network reports with one more section per year (``sections``: year -> heading and text)."""
    corpus = Path(shelf.corpus_dir) / "net"
    for year, section in sections.items():
        path = corpus / f"stedennet-jaarverslag-{year}.txt"
        path.write_text((path.read_text() if path.exists() else report(year, "")) + section + "\n\n")
    build_index(shelf, embedder=fake_embedder())
    return Searcher.load(shelf, embedder=fake_embedder())


def years_shown(searcher: Searcher, question: str, marker: str) -> list[tuple[int, list[int]]]:
    """Per passage shown that holds ``marker``: its year and the years listed with it."""
    return [(h.passage.citation.year, [p.citation.year for p in h.also])
            for h in searcher.search(question, 10, abstain=False).hits if marker in h.passage.text]


def test_years_that_differ_only_in_figures_a_count_does_not_ask_are_one_answer(shelf):
    """A held-out shelf (2026-12-02): "Hoeveel gemalen en stuwen beheert het waterschap?" showed the service area of
    three years as three cards, each saying "96 gemalen en 231 stuwen": the inhabitants, which differ, were figures
    that the count does not ask. Asked for the inhabitants, the years are still two answers."""
    searcher = add_sections(shelf, {year: (
        f"Werkgebied\n\nHet werkgebied beslaat 61.300 hectare. In het gebied wonen ongeveer {people} inwoners. Het "
        "waterschap beheert 96 gemalen en 231 stuwen in elf gemeenten.") for year, people in
        ((2023, "408.000"), (2024, "415.000"))})
    assert years_shown(searcher, "Hoeveel gemalen en stuwen beheert het waterschap?", "gemalen") == [(2024, [2023])]
    assert years_shown(searcher, "Hoeveel inwoners wonen in het werkgebied?", "gemalen") == [(2024, []), (2023, [])]
    # where neither year gives the count asked, neither answers it: one text, its other year listed as having other
    # figures (a held-out shelf's board section came three times for "Hoeveel vrijwilligers …?")
    hits = searcher.search("Hoeveel bezoekers telde het werkgebied?", 10, abstain=False).hits
    assert [(h.passage.citation.year, [p.citation.year for p in h.also], [p.citation.year for p in h.also
             if p.id in h.other_figures]) for h in hits if "gemalen" in h.passage.text] == [(2024, [2023], [2023])]


def test_a_rewritten_section_whose_answering_sentence_stands_in_both_years_is_one_answer(shelf):
    """A held-out shelf (2026-12-02): "Wie is secretaris-directeur van het waterschap?" showed the board section of
    2024 and of 2023 as two cards, both saying "Secretaris-directeur is Ronald Hermsen": the year's meetings, in the
    same section, made the texts differ. Asked about the meetings, the years stay two answers."""
    board = "Het dagelijks bestuur bestaat uit dijkgraaf Hendrika van Aalderen. Secretaris-directeur is Ronald Hermsen."
    searcher = add_sections(shelf, {
        2023: f"Bestuur\n\n{board} Het bestuur vergaderde in 2023 in Hulsdonk over de dijkversterking en de "
              "heffingen.",
        2024: f"Bestuur\n\n{board} In 2024 kwam het bestuur bijeen in Maarsveld om de nieuwe zuivering te openen."})
    assert years_shown(searcher, "Wie is secretaris-directeur van het waterschap?", "Hermsen") == [(2024, [2023])]
    assert [year for year, _ in years_shown(searcher, "Waar vergaderde het bestuur over de dijkversterking?",
                                            "Hermsen")] == [2023, 2024]
    # a review: the same best sentence is not enough where a sentence one year has alone names what is asked (another
    # year's chair of the committee asked about), nor a passage without sentences
    rows = {p.citation.year: i for i, p in enumerate(searcher.passages) if "Hermsen" in p.text}
    same_best = lambda i: "Secretaris-directeur is Ronald Hermsen."  # noqa: E731
    assert searcher.repeats._same_answer(rows[2023], rows[2024], same_best, frozenset(keyword.words("wie is het")))
    assert not searcher.repeats._same_answer(rows[2023], rows[2024], same_best, frozenset({"dijkversterking"}))
    assert not searcher.repeats._same_answer(rows[2023], rows[2024], lambda i: "", frozenset())


def test_years_whose_answering_sentence_names_another_person_are_two_answers_to_who(shelf):
    """A held-out shelf (2026-12-02): "Wie zat er in 2022 namens Gasselterzand in het algemeen bestuur?" showed 2022's
    board section with "Met andere cijfers in: 2024", where 2024 names another member for that town: for a question
    who, the names of the sentences that answer count as figures do for a question how many."""
    member = {2023: "Piet Smeenge", 2024: "Mirjam Haijer"}
    searcher = add_sections(shelf, {year: (
        f"Bestuur\n\nHet algemeen bestuur bestaat uit Jan Tiesinga namens Wolderveen en {name} namens Gasselterzand. "
        "Het bestuur vergadert vier keer per jaar in het archiefgebouw en stelt de begroting en de jaarrekening vast.")
        for year, name in member.items()})
    rows = {p.citation.year: i for i, p in enumerate(searcher.passages) if "Tiesinga" in p.text}
    a, b = (searcher.passages[rows[year]] for year in (2023, 2024))
    same = searcher.repeats.same
    board = {k: searcher.passages[k].text.split(". ")[0] for k in rows.values()}  # the sentence that answers
    assert not same(a, b, rows[2023], rows[2024], frozenset(), "names", answer=board.__getitem__)
    assert same(a, b, rows[2023], rows[2024], frozenset(), "names", answer=lambda k: "Het bestuur vergadert vier keer.")
    assert same(a, b, rows[2023], rows[2024], frozenset(), "")  # asked what it does: one text


def test_a_sections_newest_year_comes_first_unless_an_older_one_holds_more_of_the_question(shelf):
    """A held-out shelf (2026-12-02): asked without a year, "Hoeveel afvalwater is er gezuiverd?" put 2023's figure
    first, under the same heading as 2024's, whose text was too different to count as a version of it; and "Wie is
    de heemraad voor financiën?" put 2023 first for its "heemraad" against 2024's "heemraden". A year's section
    that tells another thing comes first where it holds more of the question: "Hoeveel trainees begonnen in 2024?"
    is not answered by 2024's staff section."""
    searcher = add_sections(shelf, {
        2023: "Zuivering\n\nIn 2023 zuiverden de rwzi's samen 44,8 miljoen m³ afvalwater. Alle installaties voldeden "
              "aan de eisen. Het waterschap startte een traineeship voor tien jonge technici.",
        2024: "Zuivering\n\nIn 2024 zuiverden de rwzi's samen 46,1 miljoen m³ afvalwater. Op rwzi Maarsveld begon een "
              "proef met ozon tegen medicijnresten, samen met de provincie."})
    repeats = searcher.repeats
    sections = {p.citation.year: i for i, p in enumerate(searcher.passages) if "zuiverden" in p.text}
    assert not repeats.versions(sections[2023], sections[2024], 0.5) and repeats.versions(
        sections[2023], sections[2024], 0.2)
    assert years_shown(searcher, "Hoeveel afvalwater is er gezuiverd?", "zuiverden")[0][0] == 2024
    assert years_shown(searcher, "Hoeveel jonge technici begonnen in 2024 aan het traineeship?",
                       "zuiverden")[0][0] == 2023
    ranked = [sections[2023], sections[2024]]
    assert repeats.in_order(ranked, set(), frozenset({"afvalwater"})) == ranked[::-1]
    assert repeats.in_order(ranked, set(), frozenset({"technici", "afvalwater"})) == ranked
    # a review: a section's other year far down the ranking does not overrule it
    others = [i for i, p in enumerate(searcher.passages) if p.document.startswith("politie")][:3]
    assert repeats.in_order([sections[2023], *others[:1], sections[2024]], set(), frozenset({"afvalwater"}))[0] == (
        sections[2024])
    assert repeats.in_order([sections[2023], *others, sections[2024]], set(), frozenset({"afvalwater"}))[0] == (
        sections[2023])


def test_the_same_table_naming_other_chairs_is_listed_with_other_figures_or_names(shelf):
    """A fourth black-box shelf: 2024's table of the theme groups' chairs said "Staat ook in: 2023", where 2023's
    names two other chairs; the same table with the same people stays "Staat ook in"."""
    chairs = {2023: ("Pieter van Dalen", "Joost Brinkman"), 2024: ("Marloes Bekker", "Ruud Hendriksen")}
    rows = ("{}\n\nHet inhoudelijke werk van de alliantie gebeurt in vijf {}; "
            "elke groep wordt voorgezeten door een wethouder uit een van de lidgemeenten en ondersteund door een "
            "ambtelijk trekker van het bureau.\n\n"
            "Wonen en Ruimte | {} (wethouder Hoeveen)\nWerk en Inkomen | Sanne Kooistra (wethouder Hoeveen)\n"
            "Energie en Klimaat | Mehmet Yildiz (wethouder Ravenstein)\n"
            "Financiën | {} (wethouder Lindewijk)\nZorg en Jeugd | Anouk Verhagen (wethouder Lindewijk)")
    searcher = add_sections(shelf, {year: rows.format("Themagroepen", "themagroepen", *names) + "\n\n" + rows.format(
        "Werkgroepen", "werkgroepen", "Ilse Kamphuis", "Bram Wolters") for year, names in chairs.items()})
    for group, differ in (("themagroepen", True), ("werkgroepen", False)):
        at = {p.citation.year: i for i, p in enumerate(searcher.passages) if f"vijf {group}" in p.text}
        assert searcher.repeats.versions(at[2023], at[2024]), group  # one text in two years ...
        assert searcher.repeats.other_figures(at[2023], at[2024]) is differ, group  # ... naming other people or not


def test_a_paragraph_of_figures_in_two_years_is_one_text_listed_with_other_figures(shelf):
    """A review: near-identical texts were compared with their figures, so a paragraph whose five figures all
    changed from one year to the next was no other version of itself, and both years took a place."""
    corpus = Path(shelf.corpus_dir) / "net"
    for year, figures in ((2023, ("1.034", "3.412", "612", "188", "41")), (2024, ("1.102", "3.780", "587", "405", "52"))):
        path = corpus / f"stedennet-jaarverslag-{year}.txt"
        path.write_text(path.read_text() + "Toezicht\n\nDe omgevingsdienst ontving {} meldingen, deed {} inspecties, "
                        "verleende {} vergunningen, controleerde {} bedrijven op energiebesparing en nam {} "
                        "handhavingsbesluiten.\n\n".format(*figures))
    build_index(shelf, embedder=fake_embedder())
    searcher = Searcher.load(shelf, embedder=fake_embedder())
    hits = [h for h in searcher.search("Welke vergunningen en handhavingsbesluiten gaf de omgevingsdienst?", 10,
                                       abstain=False, scope=Scope(collections=["net"])).hits
            if "handhavingsbesluiten" in h.passage.text]
    assert [(h.passage.citation.year, [p.citation.year for p in h.also],
             [p.citation.year for p in h.also if p.id in h.other_figures]) for h in hits] == [(2024, [2023], [2023])]


def test_the_figures_two_years_must_share_and_the_preferred_version_moves_up_without_pushing_the_other_down(searcher):
    """A review: a figure of one digit ("6 keer", "8 keer") was no figure, and a year's own "In 2024 …" counted as
    one for a "hoeveel" question; and the preferred version swapped places with the other, which could push that
    one out of the passages shown."""
    from vraagbaak.index.repeats import figures_in

    assert figures_in("De groep kwam 6 keer bijeen in 2024, met 2,5 miljoen.", False) == {"6", "2,5", "miljoen"}
    assert figures_in("Het bestuur vergaderde tien keer, een keer meer.", False) == {"tien"}
    assert figures_in("De groep kwam 6 keer bijeen op 3 maart 2024.", True) == {"6", "3", "2024", "maart"}
    housing = {p.citation.year: i for i, p in enumerate(searcher.passages) if "betaalbare woningen" in p.text}
    others = [i for i, p in enumerate(searcher.passages) if p.document.startswith("politie")][:2]
    ranked = [housing[2023], *others, housing[2024]]
    assert searcher.repeats.in_order(ranked, set(), frozenset()) == [housing[2024], housing[2023], *others]
    assert searcher.repeats.in_order(ranked, {2023}, frozenset()) == ranked


def test_one_year_named_in_full_by_its_meta_file_is_still_the_same_report(shelf):
    """A meta file giving "Stedennet Nederland" on the 2024 report only made its repeated passages show twice,
    the older year first, without "Staat ook in"."""
    report = Path(shelf.corpus_dir) / "net" / "stedennet-jaarverslag-2024.txt"
    report.write_text(report.read_text().replace("Het woningtekort bleef", "Het tekort aan woningen bleef"))  # near
    report.with_name("stedennet-jaarverslag-2024.meta.json").write_text(json.dumps({"organisation": "Stedennet Nederland"}))
    build_index(shelf, embedder=fake_embedder())
    searcher = Searcher.load(shelf, embedder=fake_embedder())
    assert searcher.documents["stedennet-jaarverslag-2024"].organisation == "Stedennet Nederland"
    assert searcher.repeats.family("stedennet-jaarverslag-2024") == searcher.repeats.family("stedennet-jaarverslag-2023")
    assert searcher.repeats.family("stedennet-jaarverslag-2024") != searcher.repeats.family("politie-jaarverslag-2024")
    plain = searcher.search("betaalbare woningen voor starters en ouderen", 5, abstain=False)
    housing = [h for h in plain.hits if "betaalbare woningen" in h.passage.text]
    assert [(h.passage.citation.year, [p.citation.year for p in h.also]) for h in housing] == [(2024, [2023])]


def test_a_year_or_organisation_in_the_question_favours_its_documents(searcher):
    assert searcher.search("veiligheid in de buurt in 2023", 3, abstain=False).hits[0].passage.document == \
        "stedennet-jaarverslag-2023"
    assert searcher.search("veiligheid in de buurt", 3, abstain=False).hits[0].passage.document == \
        "stedennet-jaarverslag-2023"  # without a name, the network's passage fits best
    assert searcher.search("veiligheid in de buurt bij de politie", 3, abstain=False).hits[0].passage.document == \
        "politie-jaarverslag-2024"
    assert searcher.search("wijkagent in de buurt bij het stedennet", 3, abstain=False).hits[0].passage.citation.collection \
        == "net"


def test_the_documents_a_questions_words_point_to_are_raised_by_their_probability(searcher):
    """``_favour_likely``: each candidate gains ``LIKELY_WEIGHT`` of the spread times its document's probability among
    the candidates' documents; candidates of one document keep their scores (on one report the order stays)."""
    from vraagbaak.index.search import LIKELY_WEIGHT

    question = "Wat doet de wijkagent op het spreekuur?"
    document_of = searcher.shelf.document_of
    police = [i for i, p in enumerate(searcher.passages) if p.document == "politie-jaarverslag-2024"]
    network = [i for i, p in enumerate(searcher.passages) if p.document == "stedennet-jaarverslag-2023"]
    alone = {police[0]: 0.2, police[1]: 0.9}
    assert searcher._favour_likely(alone, question) == alone
    fused = {police[0]: 0.2, network[0]: 0.9, network[1]: 0.5}
    likely = searcher.prior(question, {int(document_of[i]) for i in fused})
    raised = searcher._favour_likely(fused, question)
    for i, score in fused.items():
        assert raised[i] == pytest.approx(score + LIKELY_WEIGHT * 0.7 * likely[int(document_of[i])])
    assert likely[int(document_of[police[0]])] > likely[int(document_of[network[0]])]  # "wijkagent", "spreekuur"
    assert raised[police[0]] - raised[network[1]] > fused[police[0]] - fused[network[1]]


def test_a_year_in_the_question_weighs_in_but_does_not_put_another_documents_passage_first(searcher):
    """A black-box test: "Wat was de structurele exploitatieruimte in de begroting 2024?" got "not found" on a
    shelf of a budget of 2025 and two papers of 2024: the year put every candidate of the papers first. A year
    may be what the question asks about; an organisation or a kind of document named is what it asks in."""
    question = "spreekuur van de wijkagent over veiligheid in wijk 12 in 2023"
    assert searcher.search(question, 3, abstain=False).hits[0].passage.document == "politie-jaarverslag-2024"


def test_a_year_that_picks_one_of_the_reports_an_organisation_names_weighs_in_fully(searcher):
    """A review: "de politie in 2017" picks that year's report of the police; a year alone only weighs in."""
    documents = [p.document for p in searcher.passages]
    best = documents.index("stedennet-jaarverslag-2023")  # a passage of 2023 fits best by far
    base = {"stedennet-jaarverslag-2023": 0.0, "stedennet-jaarverslag-2024": 0.2, "politie-jaarverslag-2024": 0.1}
    fused = {i: 1.0 if i == best else base[document] for i, document in enumerate(documents)}

    def first(question: str) -> str:
        favoured = searcher._favour_named(fused, question, years_in(question), None)
        return documents[max(favoured, key=favoured.get)]

    assert first("Wat deden de steden aan wonen in 2024?") == "stedennet-jaarverslag-2023"
    assert first("Wat deed het Stedennet aan wonen in 2024?") == "stedennet-jaarverslag-2024"
    assert first("Wat deed de politie aan veiligheid?") == "politie-jaarverslag-2024"


def test_a_year_is_borne_out_by_the_passages_report_or_its_text(searcher):
    """What ``Searcher.search`` asks of its first passage before it calls a confident answer an answer: each year
    the question names is its report's year or stands in its text (tested with the real model in
    tests/index/test_search.py)."""
    housing = {p.document: i for i, p in enumerate(searcher.passages) if p.text.startswith("De steden bouwden")}
    climate = next(i for i, p in enumerate(searcher.passages) if "warmtenetten" in p.text)
    assert searcher._bears_out({2024}, {}, housing["stedennet-jaarverslag-2024"])
    assert not searcher._bears_out({2024}, {}, housing["stedennet-jaarverslag-2023"])
    assert not searcher._bears_out({2023, 2024}, {}, housing["stedennet-jaarverslag-2024"])
    assert searcher._bears_out({2024}, {}, climate) and not searcher._bears_out({2025}, {}, climate)
    assert searcher._bears_out(set(), {}, housing["stedennet-jaarverslag-2023"])


def test_a_year_in_the_title_heading_every_passage_has_bears_out_none_of_them(tmp_path):
    """A held-out set (2026-12-02): "Wat is het uurtarief voor een detachering in 2027?" was answered by the rate of
    2026 in a budget headed "Begroting 2026 en meerjarenraming 2027–2029": the document's title heading stood in
    every passage's section path. A heading of the passage's own still counts."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "lingestroom-begroting-2026.txt").write_text(
        "Begroting 2026 en meerjarenraming 2027–2029\n\nInleiding\n\nDit is de begroting van Werkbedrijf Lingestroom "
        "voor 2026, met een raming van de baten en lasten tot en met 2029 en de bijdragen van de vier gemeenten.\n\n"
        "Tarieven 2026\n\nHet tarief voor een detachering van een medewerker bij een werkgever in de regio stijgt "
        "van € 30,40 naar € 31,50 per uur.\n\nPersoneel\n\nHet ambtelijk personeel van het werkbedrijf telt naar "
        "verwachting 118 fte, zes meer dan in het jaar ervoor.\n")
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    build_index(settings, embedder=fake_embedder())
    searcher = Searcher.load(settings, embedder=fake_embedder())
    rows = {p.citation.section[-1]: i for i, p in enumerate(searcher.passages)}
    assert searcher.shelf.shared_headings == {"lingestroom-begroting-2026": 1}
    assert not searcher._bears_out({2027}, {}, rows["Personeel"])
    assert searcher._bears_out({2029}, {}, rows["Inleiding"])  # in its text
    searcher.documents["lingestroom-begroting-2026"].year = 2025  # the section's own heading names 2026
    assert searcher._bears_out({2026}, {}, rows["Tarieven 2026"])
    assert not searcher._bears_out({2026}, {}, rows["Personeel"])


def test_a_file_of_the_same_name_in_another_collection_leaves_the_links_handed_out_good(shelf):
    before = {p.id for p in store.read_passages(store.current_build(shelf.data_dir))}
    (Path(shelf.corpus_dir) / "kopie").mkdir()
    (Path(shelf.corpus_dir) / "kopie" / "politie-jaarverslag-2024.txt").write_text("Kopie\n\nEen andere tekst.\n")
    report = build_index(shelf, embedder=fake_embedder())
    build = store.current_build(shelf.data_dir)
    assert {d.id for d in store.read_documents(build)} >= {"politie-jaarverslag-2024", "kopie-politie-jaarverslag-2024"}
    assert before <= {p.id for p in store.read_passages(build)}
    assert any("kopie-politie-jaarverslag-2024" in problem for problem in report.problems)


def test_removing_a_file_removes_its_passages_and_adding_one_embeds_only_that_one(shelf):
    embedder = fake_embedder()
    police = Path(shelf.corpus_dir) / "politie" / "politie-jaarverslag-2024.txt"
    kept = police.read_text()
    police.unlink()
    removed = build_index(shelf, embedder=embedder)
    build = store.current_build(shelf.data_dir)
    assert "politie-jaarverslag-2024" not in {d.id for d in store.read_documents(build)}
    assert not any(p.document == "politie-jaarverslag-2024" for p in store.read_passages(build))
    assert removed.embedded == 0 and "politie/politie-jaarverslag-2024.txt" not in store.read_manifest(build).corpus
    police.write_text(kept)  # put back: the cache still has its vectors
    added = build_index(shelf, embedder=embedder)
    assert added.embedded == 0 and added.passages > removed.passages
    police.with_name("politie-jaarverslag-2025.txt").write_text(kept.replace("2024", "2025"))
    new = build_index(shelf, embedder=embedder)
    assert 0 < new.embedded <= (new.passages - added.passages) + (new.sentences - added.sentences)


def test_an_ingest_that_would_take_most_of_the_shelf_out_is_refused_unless_forced(shelf, monkeypatch):
    """A black-box operator (2026-12-02): VRAAGBAAK_CORPUS_DIR set to one collection's folder took 12 of 13 documents
    out of the index, and the running service swapped to it. Taking out more than half, and at least two, needs
    --force; the index in use stays, and the command line says so in Dutch."""
    before = store.current_build(shelf.data_dir)
    narrow = shelf.model_copy(update={"corpus_dir": Path(shelf.corpus_dir) / "politie"})
    refused = (r"zou 2 van de 3 documenten uit de index halen \(net/stedennet-jaarverslag-2023.txt, "
               r".*Klopt VRAAGBAAK_CORPUS_DIR\? De vorige index blijft in gebruik")
    with pytest.raises(IndexMissing, match=refused):
        build_index(narrow, embedder=fake_embedder())
    assert store.current_build(shelf.data_dir) == before
    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(shelf.data_dir))
    monkeypatch.setenv("VRAAGBAAK_CORPUS_DIR", str(narrow.corpus_dir))
    get_settings.cache_clear()
    out = CliRunner().invoke(cli, ["ingest", "--quiet"])  # refused before a model is loaded
    get_settings.cache_clear()
    assert out.exit_code == 1 and "voer dan 'vraagbaak ingest --force' uit" in out.output, out.output
    assert "Traceback" not in out.output
    forced = build_index(narrow, embedder=fake_embedder(), force=True)
    assert forced.documents == 1 and len(forced.removed) == 2
    police = Path(shelf.corpus_dir) / "politie" / "politie-jaarverslag-2024.txt"
    assert build_index(shelf, embedder=fake_embedder()).documents == 3  # all back
    # one document of three taken out is no mistake to stop
    police.unlink()
    assert build_index(shelf, embedder=fake_embedder()).removed == ["politie/politie-jaarverslag-2024.txt"]


def test_ingest_time_stays_with_unchanged_content_and_a_new_meta_file_rebuilds(shelf):
    first = {d.id: d.ingested_at for d in store.read_documents(store.current_build(shelf.data_dir))}
    meta = Path(shelf.corpus_dir) / "net" / "stedennet-jaarverslag-2024.meta.json"
    meta.write_text(json.dumps({"title": "Stedennet in 2024", "organisation": "Stedennet"}))
    checksums = corpus_checksums(ingest_corpus(shelf))  # what decides whether a build is unchanged
    assert "net/stedennet-jaarverslag-2024.meta.json" in checksums
    assert checksums != store.read_manifest(store.current_build(shelf.data_dir)).corpus
    build_index(shelf, embedder=fake_embedder())
    docs = {d.id: d for d in store.read_documents(store.current_build(shelf.data_dir))}
    assert docs["stedennet-jaarverslag-2024"].title == "Stedennet in 2024"
    assert {d: r.ingested_at for d, r in docs.items()} == first


def test_the_api_lists_the_shelf_and_filters_questions(shelf):
    with ready_client(shelf, rate_limit=0) as client:
        body = client.get("/api/documents").json()
        assert body["collections"] == ["net", "politie"] and body["years"] == [2024, 2023]
        assert [d["id"] for d in body["documents"]] == ["stedennet-jaarverslag-2024", "stedennet-jaarverslag-2023",
                                                      "politie-jaarverslag-2024"]
        assert body["documents"][0]["url"] == "/source/stedennet-jaarverslag-2024"
        one = client.get("/api/documents/politie-jaarverslag-2024").json()
        assert (one["kind"], one["collection"], one["year"], one["pages"]) == ("annual_report", "politie", 2024, 1)
        assert client.get("/api/documents/nee").status_code == 404
        assert client.get("/api/documents/Politie Jaarverslag 2024").json()["id"] == "politie-jaarverslag-2024"
        assert client.get("/api/documents/politie/politie-jaarverslag-2024.txt").status_code == 404  # no path here
        assert client.get("/api/documents/politie-jaarverslag-2024.txt").json()["id"] == "politie-jaarverslag-2024"
        answer = client.post("/api/ask", json={"question": "veiligheid wijkagent buurt", "collections": ["net"]}).json()
        assert answer["passages"] and {p["citation"]["collection"] for p in answer["passages"]} == {"net"}
        assert all(p["citation"]["year"] in (2023, 2024) for p in answer["passages"])
        housing = client.post("/api/ask", json={"question": "betaalbare woningen voor starters", "top_k": 3}).json()
        also = [p["citation"]["also_in"] for p in housing["passages"] if "betaalbare" in p["text"]][0]
        assert also == [{"document": "stedennet-jaarverslag-2023", "title": "Jaarverslag Stedennet 2023", "year": 2023,
                         "url": also[0]["url"], "other_figures": False}] and also[0]["url"].startswith("/source/stedennet-jaarverslag-2023?passage=")
        refused = client.post("/api/ask", json={"question": "wonen", "collections": ["g41"]})
        assert refused.status_code == 404 and "Onbekende collectie: g41" in refused.json()["error"]["message"]
        assert client.post("/api/ask", json={"question": "wonen", "years": ["2023"]}).status_code == 422
        # an operator (2026-12-02) asked what an empty filter does: no filter (null is refused, as the schema says)
        everywhere = {p["citation"]["document"] for p in client.post("/api/ask", json={
            "question": "veiligheid in de buurt", "top_k": 10, "collections": [], "documents": [],
            "years": []}).json()["passages"]}
        assert {"politie-jaarverslag-2024", "stedennet-jaarverslag-2023"} <= everywhere
        missing = client.post("/api/ask", json={"question": "wonen", "documents": ["leeg.txt"]}).json()
        assert missing["error"]["message"].startswith("Onbekend document: leeg.txt.")


def test_a_document_is_found_by_its_file_as_named_now_and_an_ambiguous_name_is_refused():
    """A black-box test: "g40/jaarverslag-2023" scoped to another file (whose id that name gives), a file renamed
    since it got its id ("JV 2021 def") and a name with its suffix were unknown."""
    from types import SimpleNamespace

    from vraagbaak.errors import UnknownScope
    from vraagbaak.index.scope import find_document

    documents = {d.id: d for d in (
        SimpleNamespace(id="g40-jaarverslag-2023", file="g40/g40-jaarverslag-2023.txt"),
        SimpleNamespace(id="g40-jaarverslag-2023-2", file="g40/jaarverslag-2023.txt"),
        SimpleNamespace(id="politie-jaarverslag-2023", file="politie/jaarverslag-2023.pdf"),
        SimpleNamespace(id="jaarverslag-stad-zuid-2021", file="Stad Zuid/JV 2021 def.txt"),
        SimpleNamespace(id="notitie", file="Notitie Bodemdaling Veenweide.txt"))}
    for name, expected in (("g40-jaarverslag-2023", "g40-jaarverslag-2023"), ("G40 Jaarverslag 2023", "g40-jaarverslag-2023"),
                           ("g40/jaarverslag-2023", "g40-jaarverslag-2023-2"), ("G40/Jaarverslag-2023.TXT", "g40-jaarverslag-2023-2"),
                           ("politie\\jaarverslag-2023", "politie-jaarverslag-2023"), ("JV 2021 def", "jaarverslag-stad-zuid-2021"),
                           ("Stad Zuid/JV 2021 def.txt", "jaarverslag-stad-zuid-2021"),
                           ("Jaarverslag Stad Zuid 2021", "jaarverslag-stad-zuid-2021"),  # the id it kept
                           ("Notitie Bodemdaling Veenweide.txt", "notitie"), ("nee", "nee"),
                           ("leeg.txt", "leeg.txt")):  # an operator (2026-12-02): "Onbekend document 'leeg-txt'"
        assert find_document(documents, name) == expected, name
    with pytest.raises(UnknownScope, match="'jaarverslag-2023' past bij meer dan één bestand: g40-jaarverslag-2023-2 "):
        find_document(documents, "jaarverslag-2023")


def test_the_cli_lists_documents_in_line_whatever_the_length_of_their_ids(shelf, monkeypatch):
    """A black-box test: an id longer than the list's column pushed its row's year and figures out of line."""
    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    long_name = "jaarverslag-sociaal-domein-gemeente-veldhoven-oost-2024"
    (Path(shelf.corpus_dir) / "net" / f"{long_name}.txt").write_text("Jaarverslag 2024\n\n" + HOUSING)
    build_index(shelf, embedder=fake_embedder())
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(shelf.data_dir))
    monkeypatch.setenv("VRAAGBAAK_CORPUS_DIR", str(shelf.corpus_dir))
    get_settings.cache_clear()
    listed = CliRunner().invoke(cli, ["documents", "list"])
    rows = [line for line in listed.output.splitlines() if line.startswith("  ")]
    assert len(rows) == 4 and any(long_name in row for row in rows)
    assert len({re.search(r" (2023|2024) ", row).start() for row in rows}) == 1, listed.output
    get_settings.cache_clear()


def test_a_file_the_ingest_skipped_is_said_to_be_skipped_when_asked_for(shelf, monkeypatch):
    """A black-box operator (2026-12-02): "vraagbaak documents show leeg.txt" said only "Onbekend document 'leeg-txt'",
    an id no one typed, and not that the last ingest skipped the file, and why."""
    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    (Path(shelf.corpus_dir) / "net" / "Leeg Verslag.txt").write_text("")
    report = build_index(shelf, embedder=fake_embedder())
    assert any(p.startswith("net/Leeg Verslag.txt: ") for p in report.problems), report.problems
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(shelf.data_dir))
    get_settings.cache_clear()
    for typed in ("leeg verslag.txt", "net/Leeg Verslag.txt"):
        out = CliRunner().invoke(cli, ["documents", "show", typed])
        assert out.exit_code == 1 and f"Onbekend document '{typed}' (bij de laatste ingest overgeslagen: net/Leeg " \
            "Verslag.txt: " in out.output, out.output
    out = CliRunner().invoke(cli, ["documents", "show", "nergens.txt"])
    assert "Onbekend document 'nergens.txt'; 'vraagbaak documents list'" in out.output, out.output
    get_settings.cache_clear()


def test_the_cli_lists_shows_and_scopes(shelf, monkeypatch):
    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(shelf.data_dir))
    monkeypatch.setenv("VRAAGBAAK_CORPUS_DIR", str(shelf.corpus_dir))
    monkeypatch.setattr("vraagbaak.index.search.load_embedder", lambda settings: fake_embedder())
    get_settings.cache_clear()
    runner = CliRunner()
    listed = runner.invoke(cli, ["documents"])
    assert listed.exit_code == 0 and "politie-jaarverslag-2024" in listed.output and listed.output.startswith("net\n")
    assert not listed.output.startswith("\n") and "jaarverslag" in listed.output and "annual_report" not in listed.output
    as_json = json.loads(runner.invoke(cli, ["documents", "list", "--json"]).output)
    assert len(as_json["documents"]) == 3
    shown = runner.invoke(cli, ["documents", "show", "stedennet-jaarverslag-2023"])
    assert shown.exit_code == 0 and "net/stedennet-jaarverslag-2023.txt" in shown.output and "2023" in shown.output
    one = json.loads(runner.invoke(cli, ["documents", "show", "Stedennet Jaarverslag 2023", "--json"]).output)
    assert one == next(d for d in as_json["documents"] if d["id"] == "stedennet-jaarverslag-2023")  # named as its file
    missing = runner.invoke(cli, ["documents", "show", "nee"])
    assert missing.exit_code == 1 and "Onbekend document 'nee'" in missing.output
    scoped = runner.invoke(cli, ["ask", "veiligheid wijkagent buurt", "--collection", "net", "--json"])
    assert {p["citation"]["collection"] for p in json.loads(scoped.output)["passages"]} == {"net"}
    wrong = runner.invoke(cli, ["ask", "wonen", "--year", "1999"])
    assert wrong.exit_code == 1 and "Onbekend jaar: 1999" in wrong.output
    scripted = runner.invoke(cli, ["ask", "wonen", "--collection", "nee", "--json"])  # a script gets JSON on stdout
    assert scripted.exit_code == 1 and json.loads(scripted.stdout)["error"]["code"] == "onbekend_filter"
    assert "Onbekende collectie: nee" in scripted.stderr


def test_each_document_is_searched_with_its_own_keyword_statistics(shelf, searcher):
    """A passage's keyword score is the one it has in an index of its own report alone, unscoped or
    scoped: other reports on the shelf (or out of the scope) change nothing about it."""
    from vraagbaak.index.keyword import KeywordIndex

    question = "veiligheid in de buurt en woningen"
    mine = [i for i, p in enumerate(searcher.passages) if p.document == "stedennet-jaarverslag-2023"]
    alone = KeywordIndex.build([searcher.passages[i].embed_text for i in mine])
    expected = {mine[i]: score for i, score in alone.search(question, len(mine))}
    for scope in (None, Scope(collections=["net"]), Scope(years=[2023])):
        found = dict(searcher._keyword(question, len(searcher.passages), searcher.shelf.select(scope or Scope()))[0])
        assert {i: found[i] for i in mine if i in found} == pytest.approx(expected, rel=1e-5), scope
    years = searcher.shelf.select(Scope(years=[2023]))
    assert {searcher.passages[i].document for i, _ in searcher._keyword(question, 10, years)[0]} == {"stedennet-jaarverslag-2023"}


def test_a_year_out_of_range_is_refused_naming_the_field(shelf):
    with ready_client(shelf, rate_limit=0) as client:
        refused = client.post("/api/ask", json={"question": "wonen", "years": [0]})
    assert refused.status_code == 422 and refused.json()["error"]["message"].startswith("Een jaar in years moet minimaal 1900 zijn")


def test_a_scope_on_an_approximate_index_is_searched_exactly(tmp_path):
    write_shelf(tmp_path / "corpus")
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", exact_search_limit=1)  # HNSW
    build_index(settings, embedder=fake_embedder())
    searcher = Searcher.load(settings, embedder=fake_embedder())
    assert dense.kind(searcher.dense) == "hnsw"
    scoped = searcher.search("veiligheid wijkagent buurt", 4, abstain=False, scope=Scope(collections=["net"]))
    assert len(scoped.hits) == 4 and {h.passage.citation.collection for h in scoped.hits} == {"net"}


def reference_distinct(searcher: Searcher, ranked: list[int], years: set[int], asked: frozenset[str] = frozenset()):
    """``Repeats.distinct``'s grouping as first written: every candidate compared with every group, no limit;
    the same text is one only within one collection and organisation (as the test's meta files name them)."""
    groups, by_text = [], {}
    for i in ranked:
        p = searcher.passages[i]
        document = searcher.documents[p.document]
        text = (document.collection, document.organisation, " ".join(p.text.lower().split()))
        group = by_text.get(text) or next(
            (g for g in groups if any(searcher.repeats.same(p, searcher.passages[j], i, j, asked) for j in g)), None)
        if group is None:
            group = [i]
            groups.append(group)
        elif p.document not in {searcher.passages[j].document for j in group}:
            group.append(i)
        by_text.setdefault(text, group)
    return searcher.repeats.shown(groups, years)  # which of a group is shown: the same step for both


def test_repeats_are_found_as_by_comparing_every_candidate(tmp_path):
    """``Repeats.distinct`` compares a candidate only with its own report family's groups and opens at most
    ``limit`` groups; what it keeps, and what each kept passage lists, is what comparing everything gives.
    One text stands word for word in two organisations' reports (never grouped: another organisation's
    words are no other year of this report), and a little changed in the second organisation's other
    years: each of those near the ones beside it, not all near each other."""
    import random

    text = ("Woningbouw\n\nIn het voorjaar bouwden twaalf gemeenten samen betaalbare huurwoningen voor starters, "
            "studenten, ouderen en statushouders. Het tekort bleef groot, maar dankzij afspraken met corporaties, "
            "provincies, ontwikkelaars en het Rijk kwam de bouwstroom eindelijk op gang in wijken zoals "
            "Kanaleneiland, Hoograven en Overvecht.\n\n")
    three = text.replace("twaalf", "negen").replace("starters", "jongeren").replace("voorjaar", "najaar")
    six = three.replace("provincies", "waterschappen").replace("Overvecht", "Lunetten").replace("groot", "hoog")
    filler = "".join(f"Thema {n}\n\nDe steden spraken over thema {n} met het kabinet en de Kamer.\n\n" for n in range(8))
    corpus = tmp_path / "corpus"
    for folder, name, organisation, body in (("net", "stedennet-jaarverslag-2024", "Stedennet", text),
                                             ("wonen", "woonbond-jaarverslag-2023", "Woonbond", three),
                                             ("wonen", "woonbond-jaarverslag-2024", "Woonbond", text),
                                             ("wonen", "woonbond-jaarverslag-2025", "Woonbond", six)):
        (corpus / folder).mkdir(parents=True, exist_ok=True)
        (corpus / folder / f"{name}.txt").write_text(f"Jaarverslag {organisation}\n\n" + body + filler)
        (corpus / folder / f"{name}.meta.json").write_text(json.dumps({"organisation": organisation}))
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    build_index(settings, embedder=fake_embedder())
    searcher = Searcher.load(settings, embedder=fake_embedder())
    housing = [i for i, p in enumerate(searcher.passages) if "betaalbare" in p.text]
    near = {(a, b) for a in housing for b in housing if a < b and searcher.repeats.same(searcher.passages[a], searcher.passages[b], a, b)}
    assert len(housing) == 4 and 0 < len(near) < 3  # near pairs in the Woonbond family, not all of them
    assert len({searcher.repeats.family(p.document) for p in searcher.passages}) == 2
    cross_family = 0
    for seed in range(200):
        rng = random.Random(seed)
        ranked = rng.sample(range(len(searcher.passages)), rng.randint(1, len(searcher.passages)))
        years = rng.choice([set(), {2023}, {2024}])
        asked = rng.choice([frozenset(), frozenset({"twaalf"}), frozenset({"negen", "woningen"})])  # a word of a year
        expected_kept, expected_also = reference_distinct(searcher, ranked, years, asked)
        assert searcher.repeats.distinct(ranked, years, len(ranked), asked) == (expected_kept, expected_also)
        for limit in (1, 3, 10):
            kept, also = searcher.repeats.distinct(ranked, years, limit, asked)
            assert kept == expected_kept[:limit]
            assert also == {i: expected_also[i] for i in kept if i in expected_also}
        cross_family += sum(1 for i, others in expected_also.items()
                            if any(searcher.repeats.family(searcher.passages[j].document)
                                   != searcher.repeats.family(searcher.passages[i].document) for j in others))
    assert cross_family == 0


def test_a_documents_block_of_rows_is_a_view_when_consecutive_and_right_when_not():
    from types import SimpleNamespace

    from vraagbaak.index.scope import Shelf

    documents = [SimpleNamespace(id=name, organisation="") for name in ("a", "b")]
    matrix = np.arange(10.0).reshape(5, 2)
    consecutive = Shelf(documents, [SimpleNamespace(document=d) for d in "aabbb"])
    assert np.shares_memory(consecutive.block_of(matrix, "b"), matrix)
    assert consecutive.block_of(matrix, "b").tolist() == matrix[2:].tolist()
    interleaved = Shelf(documents, [SimpleNamespace(document=d) for d in "ababb"])
    assert interleaved.block_of(matrix, "b").tolist() == matrix[[1, 3, 4]].tolist()
    assert interleaved.block_of(matrix, "a").tolist() == matrix[[0, 2]].tolist()


def test_organisations_are_one_family_only_when_one_names_the_other_unambiguously():
    """"Gemeente" must not join "Gemeente Zwolle" and "Gemeente Breda" into one report, nor an unknown
    organisation every other: their near-identical passages would pass for two years of one report."""
    from types import SimpleNamespace

    documents = {i: SimpleNamespace(id=i, collection=c, organisation=o) for i, c, o in [
        ("zwolle", "c", "Gemeente Zwolle"), ("breda", "c", "Gemeente Breda"), ("gemeente", "c", "Gemeente"),
        ("g40-2023", "d", "G40"), ("g40-2024", "d", "G40 Stedennetwerk"), ("vng", "d", "VNG"), ("onbekend", "d", "")]}
    families = Repeats.families.func(SimpleNamespace(documents=documents))
    assert families["g40-2023"] == families["g40-2024"]
    assert len({families[d] for d in ("zwolle", "breda", "gemeente")}) == 3
    assert len({families[d] for d in ("g40-2023", "vng", "onbekend")}) == 3


def test_organisations_of_the_same_words_are_one_family_and_nested_names_join_the_widest():
    from types import SimpleNamespace

    documents = {i: SimpleNamespace(id=i, collection="d", organisation=o) for i, o in [
        ("a", "G40 Stedennetwerk"), ("b", "Stedennetwerk G40"), ("c", "G40-Stedennetwerk"), ("d", "G40"),
        ("e", "Het G40 Stedennetwerk")]}
    families = Repeats.families.func(SimpleNamespace(documents=documents))
    assert families["a"] == families["b"] == families["c"]  # the same words
    assert families["d"] == families["e"]  # "G40" nests in both wider names, which nest in each other
    assert families["a"] == families["e"]  # "G40 Stedennetwerk" stands in "Het G40 Stedennetwerk"


def test_a_reports_own_organisation_named_in_the_question_is_not_searched_for_in_it(tmp_path, monkeypatch):
    """A black-box report: "Wie is de voorzitter van Stedennetwerk Oost?" put the passage naming the chair sixth,
    under passages that repeat the network's name. Within its own report the name says which report is meant,
    not what in it; in another report it is still searched for."""
    monkeypatch.setattr(keyword, "OWN_STATISTICS", 3)
    corpus = tmp_path / "corpus"
    (corpus / "oost").mkdir(parents=True)
    network = "".join(f"Thema {n}\n\nDe steden werken in thema {n} samen en delen kennis over onderwerp {n}.\n\n"
                      for n in range(1, 7))
    network += ("Opgericht\n\nStedennetwerk Oost is in 2016 opgericht; Stedennetwerk Oost is een samenwerking van "
                "negen steden.\n\nWerkwijze\n\nStedennetwerk Oost werkt met themagroepen; Stedennetwerk Oost heeft "
                "een netwerkbureau.\n\n")
    (corpus / "oost" / "sno-jaarverslag-2024.txt").write_text(
        "Jaarverslag 2024\n\n" + network + "Bestuur\n\nMarloes Hendriksen, burgemeester van Zutphen, is voorzitter "
        "van het bestuur.\n\n")
    (corpus / "oost" / "sno-jaarverslag-2024.meta.json").write_text(json.dumps({"organisation": "Stedennetwerk Oost"}))
    (corpus / "g40").mkdir()
    (corpus / "g40" / "g40-notitie-2024.txt").write_text(
        "Notitie\n\nPartners\n\nDe G40 sprak met Stedennetwerk Oost over de woningbouw in de regio.\n\n"
        + "".join(f"Onderwerp {n}\n\nDe G40 werkte aan onderwerp {n} met de steden.\n\n" for n in range(1, 5)))
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    build_index(settings, embedder=fake_embedder())
    searcher = Searcher.load(settings, embedder=fake_embedder())
    assert searcher.shelf.without_names("Wie is de voorzitter van Stedennetwerk Oost?") == {
        "sno-jaarverslag-2024": "wie is de voorzitter van"}
    hits, _ = searcher._keyword("Wie is de voorzitter van Stedennetwerk Oost?", 10, None)
    own = [searcher.passages[i].text for i, _ in hits if searcher.passages[i].document == "sno-jaarverslag-2024"]
    assert "Marloes Hendriksen" in own[0], own
    hits, _ = searcher._keyword("Wat besprak de G40 met Stedennetwerk Oost?", 5,
                                searcher.shelf.select(Scope(collections=["g40"])))
    assert "sprak met Stedennetwerk Oost" in searcher.passages[hits[0][0]].text  # another report keeps the name
    # A review: nothing left but the name searches the name; the evidence keeps the question as asked.
    hits, asked = searcher._keyword("Stedennetwerk Oost?", 5, searcher.shelf.select(Scope(collections=["oost"])))
    assert hits and hits == sorted(asked.items(), key=lambda hit: -hit[1])
    hits, asked = searcher._keyword("Wie is de voorzitter van Stedennetwerk Oost?", 10, None)
    assert dict(hits) != asked and "Marloes Hendriksen" not in searcher.passages[max(asked, key=asked.get)].text
    # An organisation taken from a file name is the report's subject, not a body's name: it is searched for.
    from types import SimpleNamespace

    from vraagbaak.index.scope import Shelf
    documents = [SimpleNamespace(id="park", organisation="Zonnepark de Brede Akker", kind="other",
                                 title="Zonnepark de Brede Akker 2024"),
                 SimpleNamespace(id="raad", organisation="Raad van State", kind="other", title="Advies")]
    shelf = Shelf(documents, [SimpleNamespace(document=d) for d in ("park", "raad")])
    assert shelf.without_names("Hoe groot wordt het Zonnepark De Brede Akker?") == {}
    assert shelf.without_names("Wat adviseerde de Raad van State?") == {
        "raad": "wat adviseerde de", "park": "wat adviseerde de"}  # a subject's file name is no one's report


def test_an_organisations_own_part_of_its_name_names_it_too():
    """A held-out set (2026-12-02): of sixteen questions that named "Lingestroom", the report's maker "Werkbedrijf
    Lingestroom", seven had the answer first, against 72 of the 84 others: "Wat is de missie van Lingestroom?"
    searched the reports for the name, which their cover and closing chapter repeat. The name without the words
    that say what kind of organisation it is names it too, where that part is not short ("Oost" of "Stedennetwerk
    Oost" is a direction in many questions); "G40" and "Politie" are all kind."""
    from types import SimpleNamespace

    from vraagbaak.index.scope import Shelf
    from vraagbaak.ingest.metadata import reads_as_organisation

    assert reads_as_organisation("Werkbedrijf Lingestroom") and not reads_as_organisation("Het Gezonde Bedrijf")
    documents = [SimpleNamespace(id="werk", organisation="Werkbedrijf Lingestroom", year=2024, kind="other"),
                 SimpleNamespace(id="oost", organisation="Stedennetwerk Oost", year=2024, kind="other"),
                 SimpleNamespace(id="g40", organisation="G40", year=2024, kind="other"),
                 SimpleNamespace(id="rekenkamer", organisation="Algemene Rekenkamer", year=2024, kind="other"),
                 SimpleNamespace(id="zwolle", organisation="Gemeente Zwolle", year=2024, kind="other"),
                 SimpleNamespace(id="wijk", organisation="Stichting Wijkteams", year=2024, kind="other")]
    shelf = Shelf(documents, [SimpleNamespace(document=d.id) for d in documents])
    # a review: common words and well-known towns are asked about as such
    assert shelf.without_names("Wat is de algemene reserve van Zwolle?") == {}
    assert shelf.without_names("Wat is de missie van Lingestroom?") == {"werk": "wat is de missie van"}
    assert shelf.without_names("Wat doet Werkbedrijf Lingestroom?") == {"werk": "wat doet"}
    assert shelf.without_names("Hoe werkt de regio Oost samen?") == {}
    assert shelf.without_names("Wat doet de G40 met Stedennetwerk Oost?") == {
        "g40": "wat doet de met stedennetwerk oost", "oost": "wat doet de g40 met"}  # the other name is a subject
    # a held-out shelf: "Wie is de dijkgraaf van Lindevliet?" put a municipality's budget that mentions "Waterschap
    # Lindevliet" first, as the own part named the water board's reports only to leave it out of their search
    assert shelf.named("Wat is de missie van Lingestroom?", set()) == {"werk"}
    assert shelf.named("wat is de missie van lingestroom", set()) == {"werk"}  # no Dutch word: a name however typed
    assert shelf.named("Wat doet Gemeente Zwolle?", set()) == {"zwolle"}
    assert shelf.named("Wat doet Zwolle?", set()) == frozenset()
    # a review: an own part that is a Dutch word names the organisation only written as a name
    assert shelf.named("Hoeveel wijkteams zijn er in Zwolle?", set()) == frozenset()
    assert shelf.without_names("Hoeveel wijkteams zijn er in Zwolle?") == {}
    assert shelf.named("Wat doet Wijkteams in Zwolle?", set()) == {"wijk"}
    # a black-box shelf (2026-12-02): a company whose name holds the region's did not name the region's reports
    assert shelf.named("Tot wanneer loopt het contract met Afvalbedrijf Noord-Lingestroom?", set()) == frozenset()
    assert shelf.named("Werkt Noord-Lingestroom samen met Lingestroom?", set()) == {"werk"}
    assert shelf.named("Wat doet Gemeente-Zwolle?", set()) == {"zwolle"}  # the whole name, hyphenated
    assert shelf.named("Wat doen de Lingestroom-gemeenten?", set()) == {"werk"}
    assert shelf.named("Hoe lang is de fietsroute Hattem-Lingestroom?", set()) == {"werk"}, "a route between two"
    assert shelf.named("Wat gebeurt er in Lingestroom-Zuid?", set()) == {"werk"}, "a district of it"


def test_a_passages_margin_is_measured_against_the_best_share_of_its_own_report(searcher):
    """The answer model was fitted on a report of 56 passages, each passage measured against the question's best
    30 of them. Against 30 of any report, a small report's passages were measured against nearly all of its
    passages, the weakest too, and looked surer answers than the same text in a larger report."""
    from vraagbaak.index.search import TYPICAL_SHARE

    question = "spreekuur van de wijkagent over veiligheid"
    result = searcher.search(question, 3, abstain=False, scope=Scope(collections=["politie"]))
    rows = searcher.shelf.rows_of("politie-jaarverslag-2024")
    n = searcher.config.candidates
    best = round(TYPICAL_SHARE * len(rows))
    assert 10 <= best < min(n, len(rows))  # a report of 40 passages: its best 21, not 30
    query = searcher.embedder.encode_queries([question])[0]
    scores = np.sort(searcher.vectors[rows] @ query)[::-1]
    cosine = float(searcher.vectors[searcher.passage_ids[result.hits[0].passage.id]] @ query)
    assert result.evidence[0][2] == pytest.approx(cosine - float(scores[:best].mean()), abs=1e-5)


def test_a_document_kind_named_in_the_question_singles_out_those_documents():
    """A black-box test: "Wat zijn de kernvragen in het positionpaper wonen?" put the decision list first; a kind
    named with a year keeps to that year's documents of the kind."""
    from types import SimpleNamespace

    from vraagbaak.index.scope import Shelf, years_in

    documents = [SimpleNamespace(id=i, organisation="Stedennetwerk Midden", year=y, kind=k, collection="m")
                 for i, y, k in (("paper", 2025, "position_paper"), ("lijst-2025", 2025, "decision_list"),
                                 ("lijst-2024", 2024, "decision_list"), ("verslag", 2024, "annual_report"))]
    shelf = Shelf(documents, [SimpleNamespace(document=d.id) for d in documents])

    def named(question: str) -> set[str]:
        return set(shelf.named(question, years_in(question)))

    assert named("Wat zijn de kernvragen in het positionpaper wonen?") == {"paper"}
    assert named("Wat staat er in de besluitenlijst over Barneveld?") == {"lijst-2025", "lijst-2024"}
    assert named("Wat besloot het bestuur volgens de besluitenlijst van 2024?") == {"lijst-2024"}
    assert named("Wat doet het netwerk aan wonen?") == set()


def joint_shelf(tmp_path, embedder=None, region: str = "") -> Searcher:
    """Two municipalities' reports and a joint paper of the region that belongs to neither (no organisation, or the
    ``region``'s); with the fake embedder unless another is given."""
    corpus = tmp_path / "corpus"
    for town in ("Brakelveen", "Zuiderkaap"):
        (corpus / town.lower()).mkdir(parents=True)
        (corpus / town.lower() / f"jaarverslag-{town.lower()}-2023.txt").write_text(  # the town in its meta only
            f"Jaarverslag 2023\n\nJeugd\n\nDe gemeente investeerde in jeugdwerk, sport op school en {len(town)} "
            f"wijkteams voor gezinnen.\n\nFinanciën\n\nDe algemene reserve bedroeg eind 2023 € {len(town) * 4} "
            "miljoen.\n\n")
        (corpus / town.lower() / f"jaarverslag-{town.lower()}-2023.meta.json").write_text(
            json.dumps({"organisation": f"Gemeente {town}"}))
    (corpus / "positionpaper-jeugd-2024.txt").write_text(
        "Positionpaper Gezond opgroeien\n\nAanleiding\n\nDe regio wil dat jongeren gezond opgroeien.\n\nMaatregelen"
        "\n\nBrakelveen opent een jongerenpunt in de wijk Zandhoeven. Zuiderkaap start een ouderspreekuur.\n\n"
        "Tarieven\n\nHet overleg stelt het uurtarief van de omgevingsdienst vast op € 104.\n\n")
    (corpus / "positionpaper-jeugd-2024.meta.json").write_text(json.dumps({"organisation": region}))
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    embedder = embedder or fake_embedder()
    build_index(settings, embedder=embedder)
    return Searcher.load(settings, embedder=embedder)


def test_a_passage_of_a_joint_paper_that_names_the_organisation_asked_about_is_favoured_like_its_own(tmp_path):
    """A held-out shelf (2026-12-02): "Waar opent Brakelveen een jongerenpunt?" found nothing, as the name favoured
    Brakelveen's own reports and the joint paper that answers it belongs to no organisation. A passage of any
    document that names the organisation is favoured as the organisation's own; the name is left out of the
    keyword search of every document, so it outweighs neither."""
    searcher = joint_shelf(tmp_path)
    rows = {(p.document, p.citation.section[-1]): i for i, p in enumerate(searcher.passages)}
    paper = "positionpaper-jeugd-2024"
    maatregelen, tarieven = rows[paper, "Maatregelen"], rows[paper, "Tarieven"]
    own = rows["jaarverslag-brakelveen-2023", "Jeugd"]
    other = rows["jaarverslag-zuiderkaap-2023", "Jeugd"]
    fused = {i: 0.0 for i in range(len(searcher.passages))} | {maatregelen: 0.5, tarieven: 0.6, own: 0.4, other: 1.0}
    favoured = searcher._favour_named(fused, "Waar opent Brakelveen een jongerenpunt?", set(), None)
    assert favoured[other] < favoured[own] < favoured[maatregelen] and favoured[tarieven] == fused[tarieven]
    assert searcher.shelf.without_names("Waar opent Brakelveen een jongerenpunt?") == {
        "jaarverslag-brakelveen-2023": "waar opent een jongerenpunt", paper: "waar opent een jongerenpunt"}
    # scoped to the paper alone, no document of Brakelveen is favoured, and the name is searched for
    assert searcher.shelf.without_names("Waar opent Brakelveen een jongerenpunt?", frozenset({paper})) == {}
    hits = searcher.search("Waar opent Brakelveen een jongerenpunt?", 3, abstain=False).hits
    assert hits[0].passage.citation.section[-1] == "Maatregelen"


def test_a_passage_of_a_regional_bodys_paper_that_names_the_organisation_asked_about_stays_in_the_race(tmp_path):
    """A black-box shelf (2026-12-02): "hoe lang wordt de snelfietsroute tussen Lindewaarde en Markvliet" named the
    municipality Markvliet, whose own papers all came first, and the regional body's report that answers it was not in
    the top ten. A passage of another organisation's document that names the one asked about is favoured by half."""
    from vraagbaak.index.search import MENTION_WEIGHT

    searcher = joint_shelf(tmp_path, region="Regio Kustland")
    rows = {(p.document, p.citation.section[-1]): i for i, p in enumerate(searcher.passages)}
    maatregelen = rows["positionpaper-jeugd-2024", "Maatregelen"]
    tarieven = rows["positionpaper-jeugd-2024", "Tarieven"]
    own = rows["jaarverslag-brakelveen-2023", "Jeugd"]
    fused = {i: 0.0 for i in range(len(searcher.passages))} | {maatregelen: 0.95, tarieven: 0.6, own: 0.4}
    favoured = searcher._favour_named(fused, "Waar opent Brakelveen een jongerenpunt?", set(), None)
    assert favoured[own] == pytest.approx(1.35)  # the spread, 0.95, added
    assert favoured[maatregelen] == pytest.approx(0.95 + MENTION_WEIGHT * 0.95)
    assert favoured[maatregelen] > favoured[own]
    assert favoured[tarieven] == fused[tarieven]


def test_a_passage_of_another_organisation_that_does_not_name_the_one_asked_about_answers_nothing(tmp_path):
    """A held-out near miss (2026-12-02): "Wat is het uurtarief van de GGD in 2024?" was answered (0.86) by a regional
    decision list's rate of the omgevingsdienst. A question that names an organisation is answered by a passage of
    its documents or one that names it."""
    searcher = joint_shelf(tmp_path)
    rows = {(p.document, p.citation.section[-1]): i for i, p in enumerate(searcher.passages)}
    question = "Wat is het uurtarief van Brakelveen?"
    assert set(searcher.shelf.naming(question)) == {"jaarverslag-brakelveen-2023"}
    assert not searcher._bears_out(set(), {}, rows["positionpaper-jeugd-2024", "Tarieven"], None, question)
    assert searcher._bears_out(set(), {}, rows["positionpaper-jeugd-2024", "Maatregelen"], None, question)
    assert searcher._bears_out(set(), {}, rows["jaarverslag-brakelveen-2023", "Financiën"], None, question)
    assert not searcher._bears_out(set(), {}, rows["jaarverslag-zuiderkaap-2023", "Financiën"], None, question)
    assert searcher._bears_out(set(), {}, rows["positionpaper-jeugd-2024", "Tarieven"], None, "Wat is het uurtarief?")
    # a scope does not make another organisation's passage an answer about the one the question names
    scoped = "Wat was de algemene reserve van Zuiderkaap eind 2023?"
    assert not searcher._bears_out(set(), {}, rows["jaarverslag-brakelveen-2023", "Financiën"], None, scoped)


def test_a_passage_of_the_organisation_the_question_names_covers_its_name(tmp_path):
    """A held-out shelf (2026-12-02): "Hoeveel meldingen openbare ruimte kreeg Brakelveen in 2023?" was held back
    (0.09) with the answer first, as "Brakelveen", rare in the municipality's own report, was the rarest word its
    passage missed. A passage of a document of the organisation the question names covers the name, as its report
    says it; another organisation's name is a word like any other."""
    from vraagbaak.index.answerability import FEATURES

    searcher = joint_shelf(tmp_path)
    cover, rarest = FEATURES.index("cover_passage"), FEATURES.index("rarest_missing")

    def evidence(question: str) -> tuple[str, float, float]:
        result = searcher.search(question, 3, abstain=False, scope=Scope(collections=["brakelveen"]))
        return result.hits[0].passage.citation.section[-1], result.evidence[0][cover], result.evidence[0][rarest]

    plain = evidence("Wat was de algemene reserve eind 2023?")
    named = evidence("Wat was de algemene reserve van Brakelveen eind 2023?")
    other = evidence("Wat was de algemene reserve van Zuiderkaap eind 2023?")
    assert plain[0] == named[0] == other[0] == "Financiën"
    assert named[1] > plain[1] - 1e-9 and named[2] == plain[2]
    assert other[1] < plain[1] and other[2] > plain[2]


def test_a_report_titled_with_its_publishers_name_is_that_organisations(searcher):
    """A black-box shelf (2026-12-02): "Wat waren de werkelijke uitgaven van Stedenlink in 2022?" missed its answer
    (rank 8): "Stedenlink", from the file name, holds no word of an organisation's, so its reports were searched for
    the name and the passages that repeat it came first. A report whose title names its organisation ("Jaarverslag
    Stedennet 2023") is that organisation's; a subject taken from a file name is not."""
    from vraagbaak.build_format import DocumentRecord
    from vraagbaak.index.scope import _publishes

    assert {"stedennet-jaarverslag-2023", "stedennet-jaarverslag-2024"} <= searcher.shelf.bodies
    assert searcher.shelf.without_names("Wie is de voorzitter van Stedennet?")["stedennet-jaarverslag-2024"] == (
        "wie is de voorzitter van")
    subject = DocumentRecord.model_construct(organisation="Zonnepark de Brede Akker", kind="other",
                                             title="Zonnepark de Brede Akker 2024", file="zonnepark-2024.txt")
    assert not _publishes(subject)
    assert _publishes(subject.model_copy(update={"kind": "annual_report"}))
    # a review: a title made from the file name holds the name taken from it, which says nothing
    from_file = subject.model_copy(update={"kind": "annual_report", "file": "zonnepark-de-brede-akker-2024.txt",
                                           "title": "Zonnepark de brede akker 2024"})
    assert not _publishes(from_file)
