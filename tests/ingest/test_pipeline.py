"""End to end on the real report, plus the rules every passage of any corpus must keep."""

import re
import shutil

import pytest

from tests.conftest import REPORT
from vraagbaak.config import Settings
from vraagbaak.ingest.chunk import passage_id
from vraagbaak.ingest.links import EMAIL
from vraagbaak.ingest.pipeline import ingest_corpus


@pytest.fixture(scope="module")
def report():
    result = ingest_corpus(Settings(corpus_dir=REPORT.parent))
    assert result.problems == []
    return result


def test_financien_passage_has_section_page_and_lines(report):
    [passage] = [p for p in report.passages if "Het belangrijkste aandachtspunt voor de themagroep Financiën" in p.text]
    c = passage.citation
    assert c.section == ["Overige themagroepen", "Thema Financiën"]
    assert (c.page, c.page_end) == (11, 11)
    source = REPORT.read_text(encoding="utf-8").split("\n")
    assert source[c.lines[0] - 1].startswith("Het belangrijkste aandachtspunt voor de themagroep Financiën")
    assert source[c.lines[1] - 1].startswith("naar de grootstedelijkheid van gemeenten.")
    assert "url" not in passage.model_dump_json(), "a build stores ids and offsets; the service makes the links"


def test_top_sections_and_pillars_are_found(report):
    tops = [s.path[0] for s in report.documents[0].sections if len(s.path) == 1]
    assert tops == ["Voorwoord", "Pijler Werk en economie", "Pijler Sociaal", "Pijler Fysiek",
                    "Overige themagroepen", "Informatie over de G40-steden"]
    paths = {tuple(s.path) for s in report.documents[0].sections}
    assert ("Pijler Fysiek", "Themagroep Woningmarkt") in paths
    assert ("Pijler Sociaal", "Vergunninghouders en Asiel") in paths


def test_no_email_address_anywhere(report):
    for p in report.passages:
        for text in [p.text, p.embed_text, *p.citation.links]:
            assert not EMAIL.search(text), text
            assert "%40" not in text.lower() and "hendriks" not in text.lower()
        assert all("safelinks" not in link for link in p.citation.links)


def test_no_line_end_hyphen_survives(report):
    for p in report.passages:
        # a word fragment followed by a hyphen and a space or line break, that is not an elision ("asiel- en")
        assert not re.search(r"[a-zë]-\s+(?!en\b|of\b|tot\b|naar\b)[a-z]", p.text), p.text


def test_sentences_cut_by_columns_are_rejoined(report):
    text = " ".join(p.text for p in report.passages)
    for joined in ["iedere week is het een uitdaging om het aantal vluchtelingen",
                   "De G40 heeft in 2022, in samenwerking met de G4 en de VNG",
                   "uitgroeien tot een onhanteerbare risicosituatie",
                   "welk type economie we willen zijn",
                   "een brug tussen het sociaal en fysiek domein"]:
        assert joined in text


def test_passages_are_readable_sizes_and_stay_in_one_section(report):
    sizes = [len(p.text) for p in report.passages]
    assert min(sizes) >= 250 and max(sizes) <= 1200
    for doc in report.documents:
        for p in doc.passages:
            body = doc.sections[p.section_index].body().text
            assert " ".join(body[p.start:p.end].split()) == " ".join(p.text.split())


def test_links_are_attached_to_sections(report):
    links = {tuple(p.citation.section): p.citation.links for p in report.passages}
    assert "https://www.g40stedennetwerk.nl/nieuws/verkiezingsboodschap-g40" in links[("Pijler Werk en economie", "Public affairs")]


def test_ids_are_stable_and_unique(report, tmp_path):
    again = ingest_corpus(Settings(corpus_dir=REPORT.parent))
    assert [p.id for p in again.passages] == [p.id for p in report.passages]
    assert len({p.id for p in report.passages}) == len(report.passages)
    assert passage_id("doc", "Een  tekst\n") == passage_id("doc", "Een tekst")
    assert passage_id("doc", "Een tekst") != passage_id("ander", "Een tekst")


def test_changing_one_paragraph_changes_only_its_passages(report, corpus):
    shutil.copy(REPORT, corpus / REPORT.name)
    path = corpus / REPORT.name
    path.write_text(path.read_text(encoding="utf-8").replace("ravijnjaar 2026", "ravijnjaar 2027"), encoding="utf-8")
    changed = ingest_corpus(Settings(corpus_dir=corpus))
    before, after = {p.id for p in report.passages}, {p.id for p in changed.passages}
    assert len(after - before) == 1 and len(before - after) == 1


def test_one_bad_file_does_not_stop_the_others(corpus):
    shutil.copy(REPORT, corpus / REPORT.name)
    (corpus / "leeg.txt").write_text("")
    (corpus / "kapot.txt").write_bytes(b"caf\x81 \x00\x01")
    (corpus / "windows.txt").write_bytes(REPORT.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert len(result.documents) == 2 and len(result.passages) > 80
    assert sorted(p.split(":")[0] for p in result.problems) == ["kapot.txt", "leeg.txt", "windows.txt"]
    assert "gelezen als Windows-1252" in next(p for p in result.problems if p.startswith("windows.txt"))


def test_a_file_without_words_is_skipped_by_name_and_takes_no_id(corpus):
    """An editor's leftover ("~$jaarverslag.txt" holding "x") would be a document of no passages on the
    shelf, and took the id "jaarverslag" from the real report beside it."""
    shutil.copy(REPORT, corpus / "jaarverslag.txt")
    (corpus / "~$jaarverslag.txt").write_text("x\n")
    (corpus / "cijfers.txt").write_text("12  13\n2023 14,5\n")
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert [d.source.id for d in result.documents] == ["jaarverslag"]
    assert sorted(p.split(":")[0] for p in result.problems) == ["cijfers.txt", "~$jaarverslag.txt"]
    assert all("geen doorzoekbare tekst" in p for p in result.problems)
    assert result.unreadable == []  # not a damaged copy: a build before this rule may have held it


def test_a_file_of_headings_only_is_skipped_before_ids_are_given(corpus):
    for folder in ("g40", "politie"):
        (corpus / folder).mkdir()
    shutil.copy(REPORT, corpus / "g40" / "verslag.txt")
    (corpus / "politie" / "verslag.txt").write_text("Inleiding\n\nSamenvatting\n")
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert [d.source.id for d in result.documents] == ["verslag"]
    assert result.problems == ["politie/verslag.txt: er staat geen doorzoekbare tekst in (alleen koppen, losse tekens "
                               "of getallen); het is overgeslagen."]


def test_two_folders_of_one_collection_and_a_folder_without_a_name_are_named(corpus):
    """A black-box test: "MILIEU AGUA" beside "Milieu & Água" made one collection, and the documents of "★"
    went to the default collection, both without a word."""
    for folder in ("Milieu & Água", "MILIEU AGUA", "★", "Wonen", "Algemeen"):
        (corpus / folder).mkdir()
        (corpus / folder / f"verslag {len(folder)}.txt").write_text(
            "Verslag\n\nDe gemeente werkte dit jaar aan geluid, lucht en groen in alle wijken van de stad.\n")
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert sorted(d.source.collection for d in result.documents) == ["algemeen", "algemeen", "milieu-agua",
                                                                     "milieu-agua", "wonen"]
    assert result.problems == [  # a review: "Algemeen" was named as a folder without a name
        "de map '★' geeft geen naam voor een collectie (geen letters of cijfers die in een id passen); de documenten "
        "erin horen bij 'algemeen'. Hernoem de map.",
        "de mappen 'MILIEU AGUA', 'Milieu & Água' vormen samen één collectie, 'milieu-agua'; hernoem er een als ze "
        "apart moeten blijven."]
