import json
import textwrap
from pathlib import Path

import pytest

from vraagbaak.config import Settings
from vraagbaak.ingest.metadata import (
    DEFAULT_COLLECTION,
    collection_of,
    describe,
    detect_kind,
    detect_year,
    heading_title,
    organisation_from_name,
    organisation_in_title,
    organisation_named,
    organisation_on_page,
    title_lines,
    usable_title,
)
from vraagbaak.ingest.pipeline import ingest_corpus

TEXT = "Jaarverslag Stedennet 2022\n\nInleiding\n\nIn 2022 werkten de steden samen aan wonen en werk.\n"


def test_a_sub_folder_is_a_collection_and_the_top_level_the_default(tmp_path):
    assert collection_of(tmp_path / "G40 Netwerk" / "a" / "x.txt", tmp_path) == "g40-netwerk"
    assert collection_of(tmp_path / "x.txt", tmp_path) == DEFAULT_COLLECTION


def test_year_kind_and_organisation_from_the_file_name_first():
    assert detect_year("politie-jaarverslag-2017", "Jaarverantwoording", "cijfers over 2016 en 2016") == 2017
    assert detect_year("rapport", "Rapport", "over 2019, 2020 en nog eens 2020") == 2020  # running text: most frequent
    assert detect_year("rapport", "Rapport", "geen jaartal") is None
    # Black-box tests of PDFs: the header on every page dates the document, not a year its text names more
    # often ("het zwembad uit 1978"); a target year ahead ("in 2030 klimaatneutraal") dates nothing.
    assert detect_year("raadsvoorstel", "Raadsvoorstel", "Raadsvoorstel | 12 maart 2024", "gebouwd in 1978, 1978") == 2024
    assert detect_year("untitled-1", "Untitled", "", "doel 2030, 2030, 2030; gemeten in 2023", now=2024) == 2023
    assert detect_kind("besluitenlijst-raad-2015") == "decision_list"
    assert detect_kind("notitie", "Position paper wonen") == "position_paper"
    assert detect_kind("notitie", "Notitie", "Het jaarverslag van vorig jaar") == "annual_report"
    assert detect_kind("notitie", "Notitie", "Over de raad") == "other"
    # A black-box test of PDFs: a subsidy's condition on a vastgestelde jaarrekening made the rules an annual report.
    condition = "Subsidieregeling 2024\n• de vereniging heeft een vastgestelde jaarrekening over het voorgaande jaar"
    assert detect_kind("subsidieregeling", "Subsidieregeling 2024", title_lines(condition)) == "other"
    assert detect_kind("x", "X", title_lines("Gemeente Haverdam\nJaarrekening 2023\nIn dit verslag")) == "annual_report"
    assert organisation_from_name(Path("g40-jaarverslag-2023.txt")) == "G40"
    assert organisation_from_name(Path("rijksoverheid-jaarverslag-2018.txt")) == "Rijksoverheid"
    assert organisation_from_name(Path("besluitenlijst-raadsvergadering-2015.pdf")) == ""
    assert organisation_from_name(Path("notitie.txt")) == ""
    # A black-box run (LibreOffice Impress): "Stuurgroep Warmte 3 juni 2025.pdf" named "Stuurgroep Warmte Juni".
    assert organisation_from_name(Path("Stuurgroep Warmte 3 juni 2025.pdf")) == "Stuurgroep Warmte"
    assert organisation_from_name(Path("stichting-maart-wonen-jaarverslag-2023.pdf")) == "Stichting Maart Wonen"
    # A black-box run: "Notitie Afvalbeleid" was taken for the organisation; a document word ends its name.
    assert organisation_from_name(Path("notitie-afvalbeleid-2024.txt")) == ""
    assert organisation_from_name(Path("gemeente-utrecht-programmabegroting-2025.pdf")) == "Gemeente Utrecht"
    # a black-box test: "Gemeente DE Bilt", "Provincie VAN Utrecht", "GGD IN DE Regio"
    assert organisation_from_name(Path("gemeente-de-bilt-jaarverslag-2020.txt")) == "Gemeente De Bilt"
    assert organisation_from_name(Path("Provincie van Utrecht jaarverslag 2019.txt")) == "Provincie van Utrecht"
    assert organisation_from_name(Path("ggd-in-de-regio-jaarrekening-2021.txt")) == "GGD in de Regio"
    assert organisation_from_name(Path("ns-jaarverslag-2018.txt")) == "NS"
    assert organisation_from_name(Path("om-jaarverslag-2020.txt")) == "OM"  # a review: not "Om", the particle


@pytest.mark.parametrize("first_page,organisation", [
    ("Gemeente Oosterwold\nRaadsvoorstel Zonnepark", "Gemeente Oosterwold"),
    ("Programmabegroting 2025–2028 · Gemeente Veldhaven", "Gemeente Veldhaven"),
    ("Gemeente Havenstad, afdeling Sociaal Domein", "Gemeente Havenstad"),
    ("Gemeente Capelle aan den IJssel\n2024", "Gemeente Capelle aan den IJssel"),
    ("Nieuwsbrief van de gemeente Havenstad", ""), ("De Gemeente Zwolle heeft besloten dat", ""),  # running text
    ("Gemeente 's-Hertogenbosch", "Gemeente 's-Hertogenbosch"), ("GEMEENTE ZWOLLE\nJaarrekening", "Gemeente Zwolle"),
    ("Gemeente Wijk bij Duurstede", "Gemeente Wijk bij Duurstede"), ("Gemeente Bergen (NH)", "Gemeente Bergen (NH)"),
    ("Waterschap Vallei en Veluwe", "Waterschap Vallei en Veluwe"), ("Gemeente Zwolle 2024", "Gemeente Zwolle"),
    ("Netwerkverslag\n" + "Tekst over het netwerk.\n" * 60 + "Leden\nGemeente Zwolle", ""),  # past the first lines
])
def test_the_public_body_a_first_page_names_on_a_line_of_its_own(first_page, organisation):
    assert organisation_on_page(first_page) == organisation


def test_titles_skip_word_processor_leftovers_and_opening_headings():
    assert usable_title("Microsoft Word - nota.docx") is None and usable_title("  ") is None
    assert usable_title("Jaarverslag van de politie") == "Jaarverslag van de politie"
    page = ("Besluitenlijst raadsvergadering 29 juni 2015 aanvang 17.00 uur. Opening: de voorzitter opent de "
            "vergadering en heet iedereen welkom. Vaststelling agenda: de raad besluit de agenda ongewijzigd vast "
            "te stellen. Ingekomen stukken worden voor kennisgeving aangenomen.")
    assert usable_title("Aandachtspuntenlijst raadsvergadering 3 november 2008", page) is None  # a template's
    assert usable_title("Besluitenlijst raadsvergadering 29 juni 2015", page) == "Besluitenlijst raadsvergadering 29 juni 2015"
    assert usable_title("Jaarverslag 2023", "Omslag") == "Jaarverslag 2023"  # a cover picture cannot say
    # A black-box shelf: a PDF library's default and a designer's file name stood in every citation.
    assert usable_title("(anonymous)", "Jaarverslag 2022") is None and usable_title("JV2024_opmaak_def_v3") is None
    assert usable_title("Jaarverslag_2024 Omgevingsdienst") == "Jaarverslag_2024 Omgevingsdienst"
    assert heading_title(["Voorwoord", "Jaarverslag"], "Verslag") is None
    assert heading_title(["Jaarverslag Stedennet 2022"], "Verslag") == "Jaarverslag Stedennet 2022"
    assert heading_title(["Zorgverslag"], "Verslag") == "Zorgverslag" and heading_title(["Wonen"], "Verslag") is None
    assert heading_title(["Testrapport"], "A") == "Testrapport"  # "a.txt" says nothing
    assert heading_title(["1. Opening en vaststelling agenda"], "Besluitenlijst") is None, "a numbered part opens it"
    assert heading_title(["2024 in cijfers en feiten"], "Verslag") == "2024 in cijfers en feiten", "a year is no number"
    assert heading_title(["25 jaar Stedennetwerk"], "Verslag") == "25 jaar Stedennetwerk", "a count is no number"
    assert heading_title(["3.1 Wonen en leefomgeving"], "Verslag") is None
    # two held-out shelves (2026-12-02): a text report's first line names its maker, the next what it is
    assert heading_title(["Waterschap Lindevliet", "Jaarverslag 2022", "Voorwoord"], "Jaarverslag 2022") == (
        "Waterschap Lindevliet Jaarverslag 2022")
    assert heading_title(["Regionaal Archief Hunzedal", "Jaarverslag 2023"], "Rah") == (
        "Regionaal Archief Hunzedal Jaarverslag 2023")
    assert heading_title(["Gemeente Brakeloo", "Voorwoord"], "A") == "Gemeente Brakeloo"  # nothing to add
    assert heading_title(["Jaarverslag Stedennet 2022", "Begroting 2023"], "A") == "Jaarverslag Stedennet 2022"
    for heading, file_name in (("Jaarverslag", "Politie Jaarverslag 2017"), ("Onderzoek", "Bodemdaling"),
                               ("Rapport", "Zorgkosten")):
        assert heading_title([heading], file_name) is None  # the file name says more


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])  # with a byte-order mark, as Windows Notepad saves
def test_a_meta_file_overrides_what_was_found(tmp_path, encoding):
    path = tmp_path / "stedennet-jaarverslag-2022.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "stedennet-jaarverslag-2022.meta.json").write_text(json.dumps(
        {"title": "Het jaar van de steden", "organisation": "Stedennet", "year": 2021, "kind": "position_paper"}),
        encoding=encoding)
    meta, problem = describe(path, "net", None, ["Jaarverslag Stedennet 2022"], TEXT)
    assert problem is None
    assert (meta.title, meta.organisation, meta.year, meta.kind, meta.collection) == (
        "Het jaar van de steden", "Stedennet", 2021, "position_paper", "net")


def test_a_kind_may_be_named_as_the_documents_list_prints_it(tmp_path):
    """A black-box test: "jaarverslag", the word ``vraagbaak documents`` prints, was refused in a meta file."""
    path = tmp_path / "notitie.txt"
    path.write_text(TEXT, encoding="utf-8")
    for given, kind in (("Jaarverslag", "annual_report"), ("position paper", "position_paper"),
                        ("besluitenlijst", "decision_list")):
        (tmp_path / "notitie.meta.json").write_text(json.dumps({"kind": given}))
        meta, problem = describe(path, "net", None, [], TEXT)
        assert problem is None and meta.kind == kind
    (tmp_path / "notitie.meta.json").write_text(json.dumps({"kind": "notulen"}))
    assert "of in het Nederlands: jaarverslag, position paper, besluitenlijst, overig" in describe(path, "net", None, [], TEXT)[1]


def test_an_unusable_meta_file_is_reported_in_dutch_and_the_document_still_described(tmp_path):
    path = tmp_path / "stedennet-jaarverslag-2022.txt"
    path.write_text(TEXT, encoding="utf-8")
    meta_file = tmp_path / "stedennet-jaarverslag-2022.meta.json"
    for content, expected in (('{"year": "vorig jaar"}', "year"), ('{"titel": "x"}', "titel"),
                              ("{kapot", "geen geldige JSON (regel 1, kolom 2)"),
                              ('{"title": "twee\nregels"}', "geen geldige JSON (regel 1, kolom 16)")):  # a black-box
        meta_file.write_text(content)
        meta, problem = describe(path, "net", None, [], TEXT)
        assert problem and "wordt niet gebruikt" in problem and expected in problem
        assert (meta.year, meta.kind, meta.organisation) == (2022, "annual_report", "Stedennet")


def test_a_meta_file_with_one_wrong_key_still_gives_its_good_fields(tmp_path):
    path = tmp_path / "stedennet-jaarverslag-2022.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "stedennet-jaarverslag-2022.meta.json").write_text('{"title": "Besluiten 2021", "jaar": 2021, "year": 1800}')
    meta, problem = describe(path, "net", None, [], TEXT)
    assert meta.title == "Besluiten 2021" and meta.year == 2022  # the good title used; the year from the file name
    assert "jaar: onbekend veld" in problem and "year: moet een jaartal tussen 1900 en 2100 zijn" in problem
    assert "Input should" not in problem and "Extra inputs" not in problem


def test_a_blank_title_or_organisation_is_refused_and_line_breaks_become_spaces(tmp_path):
    """A title of spaces once blanked every citation of the document, with no warning."""
    path = tmp_path / "stedennet-jaarverslag-2022.txt"
    path.write_text(TEXT, encoding="utf-8")
    meta_file = tmp_path / "stedennet-jaarverslag-2022.meta.json"
    meta_file.write_text('{"title": "   ", "organisation": "\\n"}')
    meta, problem = describe(path, "net", None, ["Jaarverslag Stedennet 2022"], TEXT)
    assert meta.title == "Jaarverslag Stedennet 2022" and meta.organisation
    assert "title: is leeg" in problem and "organisation: is leeg" in problem
    meta_file.write_text('{"title": "Jaarverslag\\n  2022 ", "organisation": " Stedennet "}')
    meta, problem = describe(path, "net", None, [], TEXT)
    assert (meta.title, meta.organisation, problem) == ("Jaarverslag 2022", "Stedennet", None)


def test_ingest_gives_every_document_its_collection_metadata_and_corpus_path(corpus):
    (corpus / "g40").mkdir()
    (corpus / "g40" / "stedennet-jaarverslag-2022.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "losse-notitie.txt").write_text("Een notitie\n\nOver samenwerking in 2019.\n", encoding="utf-8")
    (corpus / ".verborgen").mkdir()
    (corpus / ".verborgen" / "geheim.txt").write_text("Niet lezen.\n", encoding="utf-8")
    result = ingest_corpus(Settings(corpus_dir=corpus))
    by_id = {d.source.id: d for d in result.documents}
    assert set(by_id) == {"stedennet-jaarverslag-2022", "losse-notitie"}
    first = by_id["stedennet-jaarverslag-2022"]
    assert (first.source.collection, first.source.file, first.source.year, first.source.kind) == (
        "g40", "g40/stedennet-jaarverslag-2022.txt", 2022, "annual_report")
    assert first.source.title == "Jaarverslag Stedennet 2022"  # the first heading names the document
    assert {(p.citation.collection, p.citation.year, p.citation.file) for p in first.passages} == {
        ("g40", 2022, "g40/stedennet-jaarverslag-2022.txt")}
    assert by_id["losse-notitie"].source.collection == DEFAULT_COLLECTION


def test_a_text_reports_cover_line_under_its_makers_name_completes_the_title(corpus):
    """A held-out shelf (2026-12-02): three text reports opened "Gemeente Brakelveen", "Jaarverslag 2022" and a form
    feed; the second line is the first heading's text, not a heading, and the title was the maker's name alone."""
    def report(cover: str) -> str:
        def text(subject: str, when: str) -> str:
            return textwrap.fill(f"{when} werkte de gemeente hard aan {subject}, samen met inwoners, partners, "
                                 "ondernemers en de gemeenteraad. Dat vroeg veel van de ambtelijke organisatie, die "
                                 "ook te maken had met krapte op de arbeidsmarkt en hoge inflatie.", 90)

        return f"{cover}\n\n" + "".join(
            f"\f{n} {title}\n\n{n}.1 Terugblik\n\n{text(title.lower(), 'In 2022')}\n\n{n}.2 Vooruitblik\n\n"
            f"{text(title.lower(), 'In 2023')}\n\n\n{cover.split(chr(10))[0]}, 2022 | {n}\n"
            for n, title in enumerate(["Voorwoord", "Organisatie en bestuur", "Financiën", "Wonen"], 1))

    (corpus / "Jaarverslag Brakelveen 2022.txt").write_text(report("Gemeente Brakelveen\n\nJaarverslag 2022"))
    (corpus / "Ternaarde 2022.txt").write_text(report("Gemeente Ternaarde\n\nDe gemeente telt 21.000 inwoners."))
    titles = {d.source.id: d.source.title for d in ingest_corpus(Settings(corpus_dir=corpus)).documents}
    assert titles["jaarverslag-brakelveen-2022"] == "Gemeente Brakelveen Jaarverslag 2022"
    assert titles["ternaarde-2022"] == "Gemeente Ternaarde"  # a sentence under it says no kind


def test_the_same_file_name_in_two_collections_gets_the_collection_in_its_id(corpus):
    for folder in ("a", "b"):
        (corpus / folder).mkdir()
        (corpus / folder / "verslag.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b" / "verslag.pdf").write_bytes(b"%PDF-1.4 kapot")  # unreadable: reported, and no clash
    (corpus / "notitie.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "notitie.pdf").write_bytes(b"")  # empty: skipped with a reason, so notitie.txt keeps its id
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert sorted(d.source.id for d in result.documents) == ["a-verslag", "b-verslag", "notitie"]


def test_a_file_keeps_its_id_when_one_of_the_same_name_arrives_elsewhere(corpus):
    """Citations already handed out name the id: the file the last build knew keeps it; the newcomer gets
    its collection in front, once (not "g40-g40-..."), and ingest says so."""
    (corpus / "g40").mkdir()
    (corpus / "g40" / "g40-verslag.txt").write_text(TEXT, encoding="utf-8")
    settings = Settings(corpus_dir=corpus)
    first = ingest_corpus(settings)
    known = {d.source.file: d.source.id for d in first.documents}
    assert known == {"g40/g40-verslag.txt": "g40-verslag"}
    (corpus / "kopie").mkdir()
    (corpus / "kopie" / "g40-verslag.txt").write_text(TEXT, encoding="utf-8")
    again = ingest_corpus(settings, known_ids=known)
    assert {d.source.file: d.source.id for d in again.documents} == {
        "g40/g40-verslag.txt": "g40-verslag", "kopie/g40-verslag.txt": "kopie-g40-verslag"}
    assert any("kopie/g40-verslag.txt" in p and "kopie-g40-verslag" in p for p in again.problems)
    fresh = ingest_corpus(settings)  # no build before: the name that starts with its collection keeps it
    assert sorted(d.source.id for d in fresh.documents) == ["g40-verslag", "kopie-g40-verslag"]


def test_a_newcomer_never_takes_the_id_of_a_file_the_last_build_knew(corpus):
    """The same name in the same folder: the newcomer is refused by name; a prefixed id another file already
    has: the newcomer gets a number after it. The documents already indexed keep their ids and links."""
    (corpus / "g40").mkdir()
    for name in ("g40/verslag.txt", "g40/rapport.txt", "politie-verslag.txt"):
        (corpus / name).write_text(TEXT, encoding="utf-8")
    settings = Settings(corpus_dir=corpus)
    known = {d.source.file: d.source.id for d in ingest_corpus(settings).documents}
    assert known == {"g40/verslag.txt": "verslag", "g40/rapport.txt": "rapport", "politie-verslag.txt": "politie-verslag"}
    (corpus / "g40" / "Rapport.TXT").write_text(TEXT, encoding="utf-8")  # same folder, same id
    (corpus / "politie").mkdir()
    (corpus / "politie" / "verslag.txt").write_text(TEXT, encoding="utf-8")  # would be politie-verslag
    again = ingest_corpus(settings, known_ids=known)
    assert {d.source.file: d.source.id for d in again.documents} == known | {"politie/verslag.txt": "politie-verslag-2"}
    refused = [p for p in again.problems if "hernoem dit bestand" in p]
    assert [p.split(":")[0] for p in refused] == ["g40/Rapport.TXT"]
    assert any(p.startswith("politie/verslag.txt:") and "politie-verslag-2" in p for p in again.problems)


def test_a_newcomer_named_like_the_id_a_renamed_file_kept_gets_a_number(corpus):
    """A black-box test: after "Jaarverslag 2021.txt" was renamed "JV 2021 def.txt" (it keeps its id), a new
    "Jaarverslag 2021.txt" was refused; it is a report of its own and is read, under another id."""
    (corpus / "zuid").mkdir()
    (corpus / "zuid" / "Jaarverslag 2021.txt").write_text(TEXT, encoding="utf-8")
    settings = Settings(corpus_dir=corpus)
    first = ingest_corpus(settings).documents
    known = {d.source.file: d.source.id for d in first}
    contents = {d.source.sha256: [(d.source.file, d.source.id)] for d in first}
    (corpus / "zuid" / "Jaarverslag 2021.txt").rename(corpus / "zuid" / "JV 2021 def.txt")
    known = {d.source.file: d.source.id for d in ingest_corpus(settings, known_ids=known, known_contents=contents).documents}
    assert known == {"zuid/JV 2021 def.txt": "jaarverslag-2021"}
    (corpus / "zuid" / "Jaarverslag 2021.txt").write_text(TEXT.replace("2022", "2021"), encoding="utf-8")
    again = ingest_corpus(settings, known_ids=known)
    assert {d.source.file: d.source.id for d in again.documents} == {
        "zuid/JV 2021 def.txt": "jaarverslag-2021", "zuid/Jaarverslag 2021.txt": "jaarverslag-2021-2"}
    assert ("zuid/Jaarverslag 2021.txt: een ander bestand heeft al het id jaarverslag-2021 (zuid/JV 2021 def.txt); "
            "dit document krijgt het id jaarverslag-2021-2.") in again.problems


def test_a_prefixed_id_that_another_file_has_gets_a_number_on_a_first_build(corpus):
    """"g40/jaarverslag-2023" would become "g40-jaarverslag-2023", the name of another file in g40: no report
    may drop out of the shelf for that."""
    for name in ("g40/g40-jaarverslag-2023.txt", "g40/jaarverslag-2023.txt", "politie/jaarverslag-2023.txt",
                 "politie/politie-jaarverslag-2023.txt"):
        (corpus / name).parent.mkdir(exist_ok=True)
        (corpus / name).write_text(TEXT, encoding="utf-8")
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert {d.source.file: d.source.id for d in result.documents} == {
        "g40/g40-jaarverslag-2023.txt": "g40-jaarverslag-2023", "g40/jaarverslag-2023.txt": "g40-jaarverslag-2023-2",
        "politie/jaarverslag-2023.txt": "politie-jaarverslag-2023-2",
        "politie/politie-jaarverslag-2023.txt": "politie-jaarverslag-2023"}
    assert not any("hernoem" in p for p in result.problems)


def test_two_files_with_one_id_in_one_folder_are_both_refused_by_name(corpus):
    (corpus / "verslag.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "Verslag.TXT").write_text(TEXT, encoding="utf-8")
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert result.documents == []
    assert any("Verslag.TXT" in p and "verslag.txt" in p and "hernoem" in p for p in result.problems)


def test_a_txt_and_pdf_of_one_name_in_one_folder_are_refused_also_when_another_collection_has_the_name(corpus):
    """With "b/jaarverslag-2016.txt" elsewhere, "a/jaarverslag-2016.pdf" beside "a/jaarverslag-2016.txt" became a
    second document of collection a, said to clash with "a file in another collection"."""
    for folder in ("a", "b"):
        (corpus / folder).mkdir()
        (corpus / folder / "jaarverslag-2016.txt").write_text(TEXT, encoding="utf-8")
    settings = Settings(corpus_dir=corpus)
    known = {d.source.file: d.source.id for d in ingest_corpus(settings).documents}
    from tests.ingest.test_read import minimal_pdf

    (corpus / "a" / "jaarverslag-2016.pdf").write_bytes(minimal_pdf(["Jaarverslag 2016 van de stad, als PDF"]))
    again = ingest_corpus(settings, known_ids=known)
    assert {d.source.file: d.source.id for d in again.documents} == known  # the indexed one stays, with its id
    [refused] = [p for p in again.problems if p.startswith("a/jaarverslag-2016.pdf:")]
    assert "een ander bestand in dezelfde map heeft dezelfde naam (a/jaarverslag-2016.txt); hernoem dit bestand" in refused


def test_ingest_names_the_files_it_passes_over(corpus):
    (corpus / "g40").mkdir()
    (corpus / "g40" / "stedennet-jaarverslag-2022.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "g40" / "stedennet-jaarverslag-2022.meta.json").write_text('{"year": 2022}')
    (corpus / "g40" / "stedennet-jaarverslag-2021.meta.json").write_text('{"year": 2021}')  # its document is missing
    (corpus / "g40" / "stedennet-jaarverslag-2022.txt.meta.json").write_text('{"year": 2022}')  # a common slip
    (corpus / "notities.docx").write_bytes(b"PK")
    (corpus / ".verborgen").mkdir()
    (corpus / ".verborgen" / "iets.docx").write_bytes(b"PK")
    problems = ingest_corpus(Settings(corpus_dir=corpus)).problems
    assert problems == [
        "g40/stedennet-jaarverslag-2021.meta.json: er staat geen stedennet-jaarverslag-2021.pdf of "
        "stedennet-jaarverslag-2021.txt naast; dit bestand wordt niet gebruikt. Is het document hernoemd? Geef dit "
        "bestand dan dezelfde naam.",
        "g40/stedennet-jaarverslag-2022.txt.meta.json: er staat geen stedennet-jaarverslag-2022.txt.pdf of "
        "stedennet-jaarverslag-2022.txt.txt naast; dit bestand wordt niet gebruikt. Noem het "
        "stedennet-jaarverslag-2022.meta.json, zonder de extensie van het document.",
        "notities.docx: dit soort bestand wordt niet gelezen (alleen .txt en .pdf); het is overgeslagen."]


def test_a_problem_names_the_file_with_its_collection_folder(corpus):
    """Two collections may hold a file of the same name: a warning says which one."""
    for folder in ("a", "b"):
        (corpus / folder).mkdir()
    (corpus / "a" / "leeg.txt").write_text("", encoding="utf-8")
    (corpus / "b" / "verslag.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b" / "verslag.meta.json").write_text("{kapot", encoding="utf-8")
    problems = ingest_corpus(Settings(corpus_dir=corpus)).problems
    assert any(p.startswith("a/leeg.txt: het bestand is leeg. Het bestand is overgeslagen") for p in problems), problems
    assert any(p.startswith("b/verslag.meta.json: geen geldige JSON") for p in problems), problems


def test_a_renamed_or_moved_file_keeps_its_id_so_its_links_stay_good(corpus):
    (corpus / "g40").mkdir()
    (corpus / "g40" / "secretariaat-2023.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "g40" / "ander.txt").write_text(TEXT.replace("Stedennet", "Ander net"), encoding="utf-8")
    settings = Settings(corpus_dir=corpus)
    first = ingest_corpus(settings)
    known = {d.source.file: d.source.id for d in first.documents}
    contents = {d.source.sha256: [(d.source.file, d.source.id)] for d in first.documents}
    (corpus / "archief").mkdir()
    (corpus / "g40" / "secretariaat-2023.txt").rename(corpus / "archief" / "Secretariaat 2023 – definitief.TXT")
    (corpus / "g40" / "kopie.txt").write_text(TEXT.replace("Stedennet", "Ander net"), encoding="utf-8")  # a copy
    again = ingest_corpus(settings, known_ids=known, known_contents=contents)
    assert {d.source.file: d.source.id for d in again.documents} == {
        "archief/Secretariaat 2023 – definitief.TXT": "secretariaat-2023", "g40/ander.txt": "ander",
        "g40/kopie.txt": "kopie"}
    assert [p for p in again.problems if "andere naam" in p] == [
        "archief/Secretariaat 2023 – definitief.TXT: dit is g40/secretariaat-2023.txt van de vorige index onder een "
        "andere naam; het houdt het id secretariaat-2023, zodat links ernaar blijven werken."]


def test_a_renamed_copy_of_a_report_indexed_twice_keeps_its_id(corpus):
    for name in ("a/x.txt", "b/y.txt"):
        (corpus / name).parent.mkdir(exist_ok=True)
        (corpus / name).write_text(TEXT, encoding="utf-8")
    settings = Settings(corpus_dir=corpus)
    first = ingest_corpus(settings)
    contents: dict[str, list] = {}
    for d in first.documents:
        contents.setdefault(d.source.sha256, []).append((d.source.file, d.source.id))
    (corpus / "a" / "x.txt").rename(corpus / "a" / "x-def.txt")
    again = ingest_corpus(settings, known_ids={d.source.file: d.source.id for d in first.documents},
                          known_contents=contents)
    assert {d.source.file: d.source.id for d in again.documents} == {"a/x-def.txt": "x", "b/y.txt": "y"}


def test_only_a_file_whose_id_is_not_its_name_is_named(corpus):
    for name in ("g40/g40-verslag.txt", "politie/g40-verslag.txt"):
        (corpus / name).parent.mkdir(exist_ok=True)
        (corpus / name).write_text(TEXT, encoding="utf-8")
    result = ingest_corpus(Settings(corpus_dir=corpus))
    assert {d.source.file: d.source.id for d in result.documents} == {
        "g40/g40-verslag.txt": "g40-verslag", "politie/g40-verslag.txt": "politie-g40-verslag"}
    assert [p.split(":")[0] for p in result.problems] == ["politie/g40-verslag.txt"]


def test_a_title_or_organisation_with_control_characters_is_one_printable_line(tmp_path):
    """A file name (or meta file) in a shared folder may carry a terminal's escape codes or line breaks, which
    'vraagbaak documents' printed as they were: a window title set, a fake "Let op" line."""
    from vraagbaak.ingest.metadata import describe

    path = tmp_path / "term\x1b]0;PWNED\x07\nLet op: nep\r\nx-2012.txt"
    meta, _ = describe(path, "algemeen", None, [], "")
    assert meta.title == "Term ]0;PWNED Let op: nep x 2012" and meta.year == 2012
    (tmp_path / "b.meta.json").write_text('{"title": "Rapport\\u001b[2J\\n2021", "organisation": "Gemeente\\u0007 X"}')
    meta, problem = describe(tmp_path / "b.txt", "algemeen", None, [], "")
    assert problem is None and meta.title == "Rapport [2J 2021" and meta.organisation == "Gemeente X"
    meta, _ = describe(tmp_path / "c.txt", "algemeen", "Jaar\u00adverslag Gemeente\u200bhuis", [], "")
    assert meta.title == "Jaarverslag Gemeentehuis"  # invisible format characters join, not split


def test_running_lines_bear_out_a_title_but_do_not_make_a_sparse_cover_a_full_page():
    from vraagbaak.ingest.metadata import usable_title

    footer = ["Veiligheidsregio Noord, team communicatie en bedrijfsvoering, afdeling planning en control, "
              "regio noord oost, versie twee, januari, pagina 1 van 40"]
    assert usable_title("Jaarverslag Veiligheidsregio 2023", "Omslag foto", footer) == "Jaarverslag Veiligheidsregio 2023"
    page = " ".join(f"woord{i}" for i in range(30))
    assert usable_title("Verkeersmonitor 2024", page) is None
    assert usable_title("Verkeersmonitor 2024", page, ["Verkeersmonitor 2024"]) == "Verkeersmonitor 2024"


def test_a_pdfs_header_author_and_first_heading_say_what_its_file_name_does_not(tmp_path):
    """Black-box tests of PDFs: a municipality named only in the running header or in the PDF's author was
    left out; a document word in the file name was taken for the organisation ("Subsidieregister"); a title of
    one kind word ("Raadsvoorstel") stood where the first page says which one."""
    body = "Het college stelt de raad voor de kaderbrief vast te stellen. " * 5
    meta, _ = describe(tmp_path / "beleidsplan-sport.pdf", "algemeen", None, [], body,
                       running=["Gemeente Heuvelrug-Oost | Beleidsplan Sport"])
    assert meta.organisation == "Gemeente Heuvelrug-Oost"
    meta, _ = describe(tmp_path / "brief.pdf", "algemeen", None, [], body,
                       running=["Gemeente Westerkwartier - Afdeling Leefomgeving"])  # a spaced hyphen after it
    assert meta.organisation == "Gemeente Westerkwartier"
    meta, _ = describe(tmp_path / "kadernota-2025.pdf", "algemeen", None, [], body, pdf_author="Gemeente Oosterveld")
    assert meta.organisation == "Gemeente Oosterveld"
    meta, _ = describe(tmp_path / "kadernota-2025.pdf", "algemeen", None, [], body, pdf_author="J. de Vries")
    assert meta.organisation == ""  # a person is no organisation
    assert describe(tmp_path / "subsidieregister-2023.pdf", "algemeen", None, [], body)[0].organisation == ""
    meta, _ = describe(tmp_path / "raadsvoorstel.pdf", "algemeen", "Raadsvoorstel", ["Raadsvoorstel Kaderbrief 2025"],
                       "Raadsvoorstel Kaderbrief 2025\n" + body)
    assert meta.title == "Raadsvoorstel Kaderbrief 2025"
    meta, _ = describe(tmp_path / "raadsvoorstel.pdf", "algemeen", "Raadsvoorstel", ["1 Beslispunten"], body)
    assert meta.title == "Raadsvoorstel"  # a review: a heading that does not say which one is no better
    meta, _ = describe(tmp_path / "x.pdf", "algemeen", "Jaarverslag Parkwijk", ["Bewoners over de Parkwijk"],
                       "Jaarverslag Parkwijk\nBewoners over de Parkwijk\n" + body)
    assert meta.title == "Jaarverslag Parkwijk"  # a title of more than a kind word stands
    # The cover's heading dates the document before the years its first page names most often.
    meta, _ = describe(tmp_path / "woonnota-a.pdf", "algemeen", "Woonnota A", ["Woonnota Haverdam 2024"],
                       "Woonnota Haverdam 2024\nIn 2023 groeide de stad; 2023 was een goed jaar.")
    assert meta.year == 2024


def test_an_organisation_the_pdf_author_names_and_the_document_bears_out(tmp_path):
    """A black-box test: "SNO Jaarverslag 2024 def.pdf" by "Stedennetwerk Oost" (its PDF author, its cover's
    first line and its running header) was shown as the organisation "SNO", from the file name."""
    cover = "Stedennetwerk Oost\nJaarverslag 2024\nSamen sterker in Oost-Nederland\n"
    path = tmp_path / "SNO Jaarverslag 2024 def.pdf"
    assert describe(path, "oost", None, [], cover, pdf_author="Stedennetwerk Oost")[0].organisation == \
        "Stedennetwerk Oost"
    assert describe(path, "oost", None, [], "Jaarverslag 2024\n", running=["Stedennetwerk Oost · Jaarverslag 2024"],
                    pdf_author="Stedennetwerk Oost")[0].organisation == "Stedennetwerk Oost"
    # Not borne out (only in a sentence), no organisation's word, or a person: the file name's word stays.
    for author, page in [("Stedennetwerk Oost", "Het Stedennetwerk Oost is in 2016 opgericht.\n"),
                         ("Gebruiker", "Gebruiker\n"), ("Marloes Hendriksen", "Marloes Hendriksen\n"),
                         ("Marieke de Raad", "Marieke de Raad\n")]:  # a review: a surname is no "raad"
        assert describe(path, "oost", None, [], page, pdf_author=author)[0].organisation == "SNO"


def test_an_organisation_on_the_cover_or_in_a_running_line_that_reads_as_one(tmp_path):
    """A black-box test: "Stedennetwerk Midden" stood on a line of its own above a decision list's title and in
    the position paper's footer, and neither document had an organisation. A table's cell on the first page (a
    subsidy register's recipient) and a title ("Nieuwsbrief Raad") name none."""
    body = "Het bestuur besloot de agenda vast te stellen. " * 5
    path = tmp_path / "besluitenlijst-ab-12-maart-2025.pdf"
    meta, _ = describe(path, "midden", None, [], "Stedennetwerk Midden\nBesluitenlijst algemeen bestuur\n" + body)
    assert meta.organisation == "Stedennetwerk Midden"
    meta, _ = describe(tmp_path / "positionpaper-wonen-2025.pdf", "midden", None, [], body,
                       running=["Positionpaper Wonen 2025 | Stedennetwerk Midden"])
    assert meta.organisation == "Stedennetwerk Midden"
    # a fourth black-box shelf: an alliance's name in every page's header gave no organisation
    meta, _ = describe(tmp_path / "jaarverslag-2023.pdf", "oost", None, [], body,
                       running=["Jaarverslag 2023 Stedenalliantie Oost", "Stedenalliantie Oost"])
    assert meta.organisation == "Stedenalliantie Oost"
    for page in ("Subsidies 2023\nMuziekvereniging Excelsior | € 4.500\n", "Nieuwsbrief Raad\nNummer 4\n",
                 "Samen sterker in de regio\nJaarverslag\n", "Collectief Vervoer\nEvaluatie 2024\n",
                 "Een Nieuw Verbond\nVisie op de wijk\n"):  # a review: an adjective, a title
        assert describe(tmp_path / "verslag.pdf", "midden", None, [], page + body)[0].organisation == "", page
    # a held-out shelf (2026-12-02): a regional archive was "RAH" from its file names, its cover naming it in full
    meta, _ = describe(tmp_path / "RAH Jaarverslag 2024.pdf", "hunzedal", None, [],
                       "Regionaal Archief Hunzedal\nJaarverslag 2024\n" + body)
    assert meta.organisation == "Regionaal Archief Hunzedal"
    # a black-box shelf (2026-12-02): a joint arrangement's legal form before its name in every running header
    meta, _ = describe(tmp_path / "jaarverslag-2024.pdf", "regio", None, [], body,
                       running=["Gemeenschappelijke regeling Regio Lindeland | Jaarverslag 2024"])
    assert meta.organisation == "Regio Lindeland"
    for running in ("Jaarverslag over de samenwerking | 2024", "Evaluatie samenwerking met Gemeente Zwolle | 2024",
                    "Reactie op zienswijze Waterschap Lindevliet"):  # a review: the body a header is about
        assert describe(tmp_path / "verslag-2024.pdf", "regio", None, [], body, running=[running])[0].organisation == ""


def test_an_annual_report_titled_with_its_makers_name_is_that_organisations(tmp_path):
    """A black-box shelf (2026-12-02): "Jaarverslag 2024 Provincie Gelderveen", set large on the cover (where it wrapped
    after "Provincie") and a province's, a housing corporation's and a safety region's reports had no organisation.
    The title names the maker after the kind and year; a title of another kind may be about someone else."""
    body = "Het college legde verantwoording af over het jaar. " * 5
    cover = "Jaarverslag 2024 Provincie\nGelderveen\n"
    meta, _ = describe(tmp_path / "provincie.pdf", "provincie", None, ["Jaarverslag 2024 Provincie Gelderveen"],
                       cover + body)
    assert (meta.title, meta.organisation) == ("Jaarverslag 2024 Provincie Gelderveen", "Provincie Gelderveen")
    assert organisation_in_title("Jaarverslag 2024 Woonstichting Lindeboog") == "Woonstichting Lindeboog"
    assert organisation_in_title("Jaarverslag Veiligheidsregio Dijkstreek 2024") == "Veiligheidsregio Dijkstreek"
    assert organisation_named(cover) == ""  # not "Provincie" of the wrapped line
    assert organisation_in_title("Jaarverslag Integriteit Gemeente Zwolle") == "Gemeente Zwolle"  # a review
    for title in ("Evaluatie 2024 Gemeente Zwolle", "Jaarverslag 2024 Sociaal Domein", "Besluitenlijst 2024",
                  "Jaarverslag 2024 van de gemeente", "Gemeente Zwolle Jaarverslag 2024",
                  "Jaarverslag 2024 Wet Open Overheid", "Positionpaper Gemeente", "Jaarverslag Stichting"):
        assert organisation_in_title(title) == "", title


def test_a_letter_under_its_makers_letterhead_is_titled_by_its_subject(tmp_path):
    """A black-box shelf (2026-12-02): a ministry's letter to parliament was titled "Ministerie van Wonen en
    Leefomgeving", its letterhead; its subject line says what it is. A heading that is no organisation's name stays
    the title, and so does a letterhead without a subject line."""
    letter = ("Ministerie van Wonen en Leefomgeving\n\nAan de Voorzitter van de Tweede Kamer\n\nDatum: 18 november "
              "2024\nOnderwerp: Voortgang aanpak energiearmoede\n\nGeachte voorzitter,\n")
    meta, _ = describe(tmp_path / "rijk.txt", "rijk", None, ["Ministerie van Wonen en Leefomgeving"], letter)
    assert meta.title == "Voortgang aanpak energiearmoede"
    assert meta.organisation == "Ministerie van Wonen en Leefomgeving"
    proposal = "Raadsvoorstel Kaderbrief 2025\n\nOnderwerp: vaststellen kaderbrief\n"
    assert describe(tmp_path / "rv.txt", "raad", None, ["Raadsvoorstel Kaderbrief 2025"], proposal)[0].title == \
        "Raadsvoorstel Kaderbrief 2025"
    head = "Ministerie van Wonen en Leefomgeving\n\nGeachte voorzitter,\n"
    assert describe(tmp_path / "rijk.txt", "rijk", None, ["Ministerie van Wonen en Leefomgeving"], head)[0].title == \
        "Ministerie van Wonen en Leefomgeving"


def test_a_committee_is_an_organisation_and_a_date_before_the_file_names_title_is_none(tmp_path):
    """A black-box test: "20251014 Rekenkamerrapport Grip op jeugdhulp Drechtmonde.pdf", by the
    "Rekenkamercommissie Drechtmonde" (its PDF author and its cover's first line), was shown as the organisation
    "20251014"."""
    path = tmp_path / "20251014 Rekenkamerrapport Grip op jeugdhulp Drechtmonde.pdf"
    assert organisation_from_name(path) == ""
    cover = "Rekenkamercommissie Drechtmonde\nGrip op jeugdhulp\nRapport RKC 2025-03\n"
    assert describe(path, "rekenkamer", None, [], cover, pdf_author="Rekenkamercommissie Drechtmonde")[0].organisation \
        == "Rekenkamercommissie Drechtmonde"
    assert describe(path, "rekenkamer", None, [], "Grip op jeugdhulp\n")[0].organisation == ""
