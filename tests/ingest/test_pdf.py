"""PDF reports read from their layout, checked against PDFs made with a known truth and a real council PDF."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPORT, ROOT
from vraagbaak.config import Settings
from vraagbaak.eval.pdf_report import ReportSection, Truth, make_pdf, sections_of_text_report
from vraagbaak.ingest.pdf import MAC_MISREAD, MARKED, misread_accents
from vraagbaak.ingest.pipeline import IngestedDocument, ingest_corpus
from vraagbaak.ingest.read import DocumentError, TextReader

COUNCIL_PDF = ROOT.parent / "shared" / "corpus-extra" / "besluitenlijst-raadsvergadering-2015-06-29.pdf"
TABLE = [["Stad", "Inwoners", "Pijler"], ["Zwolle", "132.000", "Fysiek"], ["Breda", "186.000", "Sociaal"]]


@dataclass
class Laid:
    truth: Truth
    document: IngestedDocument

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for s in self.document.sections for p in s.paragraphs)


def lay_out(folder: Path, sections: list[ReportSection], **options) -> Laid:
    folder.mkdir(parents=True, exist_ok=True)
    truth = make_pdf(folder / "rapport.pdf", sections, **options)
    result = ingest_corpus(Settings(corpus_dir=folder))
    assert result.problems == []
    return Laid(truth, result.documents[0])


@pytest.fixture(scope="module")
def g40_sections() -> list[ReportSection]:
    return sections_of_text_report(REPORT)


@pytest.fixture(scope="module")
def two_columns(tmp_path_factory, g40_sections) -> Laid:
    """The G40 report in two columns, U+2010 hyphens, a table and a page without a text layer."""
    return lay_out(tmp_path_factory.mktemp("twee-kolommen"), g40_sections, table=TABLE, scanned_page_after=4)


def wrong_joins(laid: Laid) -> list[str]:
    """Line-end breaks the reader got wrong: a compound that lost its hyphen, or a word left broken."""
    text = " ".join(laid.text.split())
    wrong = []
    for b in laid.truth.breaks:
        bad = [b.left[:-1] + b.right] if b.compound else [b.left + "-" + b.right, b.left + " " + b.right]
        if any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) for form in bad) or b.joined not in text:
            wrong.append(b.joined)
    return wrong


def test_every_heading_becomes_a_section_with_its_nesting(two_columns):
    found = [s.path for s in two_columns.document.sections if s.path]
    assert found == two_columns.truth.headings
    assert {s.size for s in two_columns.document.sections if len(s.path) == 1} == {16.0}


def test_line_end_hyphens_are_joined_and_compound_hyphens_kept(two_columns):
    breaks = two_columns.truth.breaks
    assert len(breaks) > 150 and any(b.compound for b in breaks)
    wrong = wrong_joins(two_columns)
    assert len(wrong) <= 0.02 * len(breaks), wrong
    assert "‐" not in two_columns.text  # every U+2010 read as "-"


def test_running_header_and_footer_are_dropped_and_page_numbers_kept_as_labels(two_columns):
    document = two_columns.document
    header = " ".join(two_columns.truth.header.split())
    assert header in document.source.removed
    assert not any(header in p.text for p in document.passages)
    assert document.source.page_labels == two_columns.truth.labels
    scanned = next(page for page in range(1, two_columns.truth.pages + 1) if page not in two_columns.truth.labels)
    assert all(p.citation.page_label == document.source.page_labels.get(p.citation.page) for p in document.passages)
    assert not any(line.page == scanned for line in document.source.lines)


def test_a_two_page_pdf_loses_its_running_header_and_page_numbers_too(tmp_path, g40_sections):
    """A line at the same height in the margin of both pages is running text: a letter or a short note has
    a header and page numbers too, and they must not become a passage or an answer's highlight."""
    laid = lay_out(tmp_path, g40_sections[:2])
    assert laid.truth.pages == 2
    header = " ".join(laid.truth.header.split())
    assert header in laid.document.source.removed and laid.document.source.page_labels == laid.truth.labels
    assert not any(header in p.text for p in laid.document.passages)


def test_no_passage_starts_mid_sentence_and_a_sentence_over_a_page_break_cites_both_pages(two_columns):
    passages = two_columns.document.passages
    assert not [p.text[:60] for p in passages if p.text[:1].islower()]
    assert two_columns.truth.continued > 0
    assert any(p.citation.page_end == p.citation.page + 1 for p in passages)


def test_a_table_stays_rows_in_a_block_of_its_own(two_columns):
    rows = "\n".join(" | ".join(row) for row in TABLE)
    paragraphs = [p.text for s in two_columns.document.sections for p in s.paragraphs]
    assert rows in paragraphs


@pytest.mark.parametrize("hyphen", ["-", "\u00ad"], ids=["ascii-hyphen", "soft-hyphen"])
def test_other_hyphen_characters_are_joined_too(tmp_path, g40_sections, hyphen):
    laid = lay_out(tmp_path, g40_sections[:12], hyphen=hyphen)
    assert len(laid.truth.breaks) > 50
    wrong = wrong_joins(laid)
    assert len(wrong) <= 0.02 * len(laid.truth.breaks), wrong
    assert "\u00ad" not in laid.text


def test_one_column_with_a_printed_numbering_that_starts_later(tmp_path, g40_sections):
    laid = lay_out(tmp_path, g40_sections[:8], columns=1, first_label=7)
    assert [s.path for s in laid.document.sections if s.path] == laid.truth.headings
    assert laid.document.source.page_labels[1] == "7"


def test_an_encrypted_or_scanned_pdf_is_skipped_with_a_reason(tmp_path):
    from reportlab.pdfgen import canvas

    locked = canvas.Canvas(str(tmp_path / "beveiligd.pdf"), encrypt="geheim")
    locked.drawString(100, 700, "Vertrouwelijk verslag")
    locked.save()
    scanned = canvas.Canvas(str(tmp_path / "gescand.pdf"))
    scanned.rect(50, 50, 400, 600, fill=1)
    scanned.save()
    empty = canvas.Canvas(str(tmp_path / "leeg.pdf"))  # an empty slide deck: nothing to scan either
    empty.showPage()
    empty.save()
    (tmp_path / "goed.txt").write_text("Thema Goed\n\nDeze tekst is gewoon leesbaar.\n", encoding="utf-8")
    result = ingest_corpus(Settings(corpus_dir=tmp_path))
    assert [d.source.path.name for d in result.documents] == ["goed.txt"]
    reasons = dict(problem.split(": ", 1) for problem in result.problems)
    assert "versleuteld" in reasons["beveiligd.pdf"] and "tekstlaag" in reasons["gescand.pdf"]
    assert "leeg" in reasons["leeg.pdf"] and "tekstlaag" not in reasons["leeg.pdf"]


def test_a_real_council_decision_list(tmp_path):
    assert COUNCIL_PDF.is_file(), f"test material missing: {COUNCIL_PDF}"
    (tmp_path / COUNCIL_PDF.name).write_bytes(COUNCIL_PDF.read_bytes())
    [document] = ingest_corpus(Settings(corpus_dir=tmp_path)).documents
    items = [s.path[-1] for s in document.sections if re.match(r"\d+\. ", s.path[-1] if s.path else "")]
    assert [int(item.split(".")[0]) for item in items] == list(range(1, 18))
    assert document.sections[0].path == ["Besluitenlijst raadsvergadering 29 juni 2015 aanvang 17.00 uur"]
    assert not any(" | " in p.text for p in document.passages)  # "-  vraag" is a list item, not a table row
    assert document.source.page_count == 4
    text = " ".join(p.text for p in document.passages)  # its Arial is read through the Mac table: "coˆperatie"
    assert "in de coöperatie GGD Support Centrum." in text and "de coöperatie GGD Support Centrum." in items[7]
    assert not set(text + "".join(items)) & set(MAC_MISREAD)


def test_accents_read_through_the_wrong_table_are_taken_back_only_inside_words_of_a_symbolic_font():
    def read(word: str) -> str:  # as a symbolic TrueType font's characters are marked while a page is read
        return misread_accents(word.translate(MARKED))

    assert read("financiÎle") == "financiële" and read("ÈÈn,") == "één,"
    assert read("ruÔne") == "ruïne" and read("coˆperatie.") == "coöperatie."
    for kept in ("Îles", "Ëlise", "„woning", "ÏLE", "‰", "1‰"):
        assert read(kept) == kept
    for other_font in ("coˆperatie", "col·lecció", "woord‡"):  # a review: a correctly encoded font is left alone
        assert misread_accents(other_font) == other_font


def test_a_form_feed_always_starts_a_page(tmp_path):
    path = tmp_path / "pdftotext.txt"
    path.write_text("Eerste pagina.\n\fTweede pagina.\nNog steeds twee.\n\f\fVierde pagina.\n\f", encoding="utf-8")
    lines = [line for line in TextReader().read(path).lines if not line.blank]
    assert [(line.page, line.text) for line in lines] == [
        (1, "Eerste pagina."), (2, "Tweede pagina."), (2, "Nog steeds twee."), (3, "Vierde pagina."),
    ]


def test_a_damaged_pdf_names_the_file(tmp_path):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nrommel")
    with pytest.raises(DocumentError, match="kapot.pdf: de PDF is beschadigd"):
        TextReader().read(path)


def test_inspect_lists_removed_running_lines_and_heading_fonts(tmp_path, g40_sections, monkeypatch):
    from click.testing import CliRunner

    from vraagbaak.cli import cli

    make_pdf(tmp_path / "rapport.pdf", g40_sections[:10])
    monkeypatch.setenv("VRAAGBAAK_CORPUS_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["ingest", "--inspect", "--samples", "1"])
    assert result.exit_code == 0, result.output
    assert "Weggelaten kop- en voetregels: «G40 Stedennetwerk Jaarverslag 2023» · «1»" in result.output
    assert "Gedrukte paginanummers gevonden op" in result.output
    assert re.search(r"Voorwoord  \[p\. 1, kop in 16 pt", result.output)


def test_a_turned_landscape_page_reads_as_shown_and_text_at_an_angle_is_left_out(tmp_path):
    """A landscape page made by turning a portrait one (/Rotate 90, its text drawn turned back), a diagonal
    watermark and a line up the margin: the page's text reads left to right; the others are no part of it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "nota-2023.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, height - 100, "De gemeente telde in 2022 precies 23 sportverenigingen met samen 8.940 leden.")
    for angle, x, y, text in ((45, 200, 300, "CONCEPT CONCEPT"), (90, 30, 200, "Gemeente Westdorp vertrouwelijk")):
        pdf.saveState()
        pdf.translate(x, y)
        pdf.rotate(angle)
        pdf.drawString(0, 0, text)
        pdf.restoreState()
    pdf.showPage()
    pdf.setPageRotation(90)
    pdf.saveState()
    pdf.translate(width - 100, 72)
    pdf.rotate(90)  # shown turned a quarter clockwise, this reads left to right
    pdf.setFont("Helvetica", 11)
    pdf.drawString(0, 0, "Op deze liggende pagina staat het tarief voor de zone Schil: 2,10 euro per uur.")
    # Words drawn one by one, without the space between them, and a table's cells: PDFium puts in the spaces
    # only for text across the page, so on this page they ran together ("Ophetkruispunt", "14.2106.880").
    x = 0.0
    for word in "Op het kruispunt Rondweg gebeurden zeven ongevallen.".split():
        pdf.drawString(x, -40, word)
        x += pdf.stringWidth(word + " ", "Helvetica", 11)
    for x, cell in ((0, "Stationsplein"), (300, "14.210"), (400, "6.880")):
        pdf.drawString(x, -80, cell)
    tracked = pdf.beginText(0, -120)  # letters spaced out, words drawn one by one: a review's case
    tracked.setFont("Helvetica", 11)
    tracked.setCharSpace(3)
    for word in "Samenvatting van de nota".split():
        tracked.textOut(word)
        tracked.moveCursor(pdf.stringWidth(word + " ", "Helvetica", 11) + 3 * (len(word) + 1), 0)
    pdf.drawText(tracked)
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    source = TextReader().read(path)
    lines = [line.text for line in source.lines]
    text = " ".join(lines)
    assert "De gemeente telde in 2022 precies 23 sportverenigingen met samen 8.940 leden." in text
    assert "Op deze liggende pagina staat het tarief voor de zone Schil: 2,10 euro per uur." in text
    assert "Op het kruispunt Rondweg gebeurden zeven ongevallen." in text
    assert "Stationsplein | 14.210 | 6.880" in lines
    assert "Samenvatting van de nota" in lines
    assert "CONCEPT" not in text and "vertrouwelijk" not in text


def test_text_outside_the_page_as_shown_is_no_part_of_it(tmp_path):
    """A black-box test: a printer's note in the bleed, outside the CropBox that every viewer shows, was
    indexed and highlighted as the answer ("prijs nog aanpassen naar € 15"), where the flyer says € 12,50.
    The page's own footer, inside it, is still found as a footer on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    bleed = 40
    path = tmp_path / "flyer-zwemles-2024.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(width + 2 * bleed, height + 2 * bleed))
    for page in (1, 2, 3):
        pdf.setCropBox((bleed, bleed, width + bleed, height + bleed))
        if page == 2:  # once: a note on every page would go as a running footer anyway
            pdf.setFont("Helvetica", 7)
            pdf.drawString(bleed, 14, "Drukproef v3: prijs nog aanpassen naar 15 euro per les")
        pdf.translate(bleed, bleed)
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, height - 150, f"Een les in blok {page} kost 12,50 euro en duurt drie kwartier.")
        pdf.setFont("Helvetica", 8)
        pdf.drawString(width / 2, 40, f"Zwembad De Wielewaal | {page}")
        pdf.showPage()
    pdf.save()
    source = TextReader().read(path)
    text = " ".join(line.text for line in source.lines)
    assert "Een les in blok 2 kost 12,50 euro en duurt drie kwartier." in text
    assert "Drukproef" not in text and "Wielewaal" not in text
    assert source.page_labels == {1: "1", 2: "2", 3: "3"}
    # A review: a CropBox written with its corners swapped is the same box (PDFium puts them in order).
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(path))
    page = document[1]
    raw.FPDFPage_SetCropBox(page.raw, width + bleed, height + bleed, bleed, bleed)
    page.close()
    swapped = path.with_name("flyer-zwemles-2024-b.pdf")
    document.save(str(swapped))
    document.close()
    text = " ".join(line.text for line in TextReader().read(swapped).lines)
    assert "Een les in blok 2 kost 12,50 euro" in text and "Drukproef" not in text


def test_a_scanned_page_in_a_typed_report_is_counted_and_said(tmp_path, corpus):
    import io
    import zlib

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    def png(width: int, height: int) -> bytes:  # a grey picture: what a scanner gives, without text
        import struct

        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))

    def decision(texts: tuple[str, str], labelled: bool = False) -> None:
        """Two pages of text, then a scan; unlabelled, then an empty page (a blank back: no scan, says nothing)."""
        pdf = canvas.Canvas(str(corpus / "besluit-2023.pdf"), pagesize=A4)
        for text in texts:
            pdf.setFont("Helvetica", 11)
            pdf.drawString(72, 700, text)
            pdf.showPage()
        pdf.drawImage(ImageReader(io.BytesIO(png(40, 40))), 72, 400, 400, 400)
        pdf.showPage()
        if labelled:
            pdf.addPageLabel(0, style="ROMAN_LOWER")
            pdf.addPageLabel(1, style="ARABIC", start=1)
        else:
            pdf.showPage()
        pdf.save()

    decision(("De raad besluit over de begroting van 2023.", "De raad stemt in met het bestemmingsplan."))
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    assert result.documents[0].source.page_count == 4
    assert [p for p in result.problems if "afbeelding" in p] == [
        "besluit-2023.pdf: pagina 3 is alleen een afbeelding, zonder tekst (gescand, of een foto of kaart?); wat daar "
        "staat, is niet doorzoekbaar. Is het tekst, maak er dan doorzoekbare tekst van (OCR)."]
    # Where the PDF numbers its pages otherwise, the number a reader sees in the viewer is said too.
    data = (corpus / "besluit-2023.pdf").read_bytes()
    decision(("Inhoud", "De raad besluit over de begroting van 2023."), labelled=True)
    assert (corpus / "besluit-2023.pdf").read_bytes() != data
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    assert [p for p in result.problems if "afbeelding" in p][0].startswith(
        "besluit-2023.pdf: pagina 3 (gedrukt: 2) is alleen een afbeelding")


def lines_pdf(path: Path, lines: tuple[tuple[float, str], ...]) -> None:
    """One A4 page of (font size, text) lines from the top, each its size's height apart."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    for size, text in lines:
        pdf.setFont("Helvetica", size)
        pdf.drawString(72, y, text)
        y -= size * 2.2
    pdf.save()


def test_a_title_set_as_a_heading_that_opens_with_a_year_is_a_heading(tmp_path, corpus):
    """A black-box report (LibreOffice Impress): the slide "2024 in cijfers: 412 woningen opgeleverd" ran into the
    slide before it, its title no heading because it does not open with a capital."""
    lines_pdf(corpus / "presentatie.pdf", (
        (24, "Waarom we vanavond bij elkaar zijn"), (12, "De raad besluit op 23 april 2025 over de Woonvisie."),
        (24, "2024 in cijfers: 412 woningen opgeleverd"), (12, "Het doel was 450 woningen; netcongestie remde."),
        (12, "2023 was het jaar waarin de bouw begon."), (24, "2025: nieuwe financiering"),
        (12, "Het Rijk betaalt voortaan per woning.")))
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    cited = {p.text.split(".")[0]: p.citation.section for p in result.passages}
    assert cited["Het doel was 450 woningen; netcongestie remde"] == ["2024 in cijfers: 412 woningen opgeleverd"], cited
    assert cited["Het Rijk betaalt voortaan per woning"] == ["2025: nieuwe financiering"], cited


def test_numbered_chapters_nest_by_their_numbers_not_under_a_larger_foreword(tmp_path, corpus):
    lines_pdf(corpus / "jaarverslag-2024.pdf", (
        (26, "Jaarverslag 2024"), (16, "Voorwoord"), (10, "Het college kijkt terug op een druk jaar."),
        (14, "1 Inleiding"), (10, "Dit verslag volgt de programma's van de begroting."),
        (14, "2 Wonen"), (10, "Wonen bleef de grootste opgave van de stad."),
        (12, "2.1 Nieuwbouw"), (10, "Er kwamen 1.240 nieuwbouwwoningen bij."),
        (12, "2.2 Huurwoningen"), (10, "De wachttijd voor een huurwoning was negen jaar."),
        (14, "3 Financiën"), (10, "De algemene reserve bedroeg 86 miljoen euro."),
        (12, "3.1 Reserves"), (10, "De raad gebruikte 2,5 miljoen euro voor scholen.")))
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    paths = {p.text.split(".")[0]: p.citation.section for p in result.passages}
    assert paths["Er kwamen 1"] == ["Jaarverslag 2024", "2 Wonen", "2.1 Nieuwbouw"]
    assert paths["Dit verslag volgt de programma's van de begroting"] == ["Jaarverslag 2024", "1 Inleiding"]
    assert paths["Het college kijkt terug op een druk jaar"] == ["Jaarverslag 2024", "Voorwoord"]


def test_a_chapters_large_number_stays_with_its_title_across_a_wide_gap(tmp_path, corpus):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "nota-2024.pdf"), pagesize=A4)
    y = 760
    chapters = (("1", "Inleiding", "Deze nota gaat over de stad."), ("2", "Wonen", "Er kwamen 412 woningen bij."),
                ("3", "Werk", "De werkloosheid daalde naar vier procent."))
    for number, title, text in chapters:
        pdf.setFont("Helvetica-Bold", 36)
        pdf.drawString(72, y, number)
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72 + pdf.stringWidth(number, "Helvetica-Bold", 36) + 32, y, title)  # 32 points: 1.8 of its 18
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, y - 30, text)
        y -= 120
    pdf.save()
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    assert {p.text: p.citation.section for p in result.passages}["Er kwamen 412 woningen bij."] == ["2 Wonen"]


def test_a_cover_subtitle_smaller_than_the_chapters_holds_none_of_them(tmp_path, corpus):
    lines_pdf(corpus / "jaarverslag-2023.pdf", (
        (30, "Jaarverslag 2023"), (16, "Gemeente Lindenhoven"), (10, "Vastgesteld door de raad op 27 juni 2024."),
        (17, "1 Bestuur"), (10, "De raad vergaderde elf keer."),
        (12, "1.1 Gemeenteraad"), (10, "De raad telt 31 leden."),
        (17, "2 Wonen"), (10, "Wonen bleef de grootste opgave."),
        (12, "2.1 Woningbouw"), (10, "Er kwamen 412 woningen bij.")))
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    paths = {p.text.split(".")[0]: p.citation.section for p in result.passages}
    assert paths["Er kwamen 412 woningen bij"] == ["Jaarverslag 2023", "2 Wonen", "2.1 Woningbouw"]
    assert paths["Vastgesteld door de raad op 27 juni 2024"] == ["Jaarverslag 2023", "Gemeente Lindenhoven"]


def test_the_largest_heading_of_the_cover_names_the_document_and_its_municipality_the_organisation(tmp_path, corpus):
    lines_pdf(corpus / "rv-2024-017.pdf", (
        (18, "Gemeente Oosterwold"), (30, "Raadsvoorstel Zonnepark De Brede Akker"),
        (10, "Raadsvergadering van 12 maart 2024."), (16, "Inleiding"), (10, "Het college stelt een zonnepark voor.")))
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    assert (document.source.title, document.source.organisation) == ("Raadsvoorstel Zonnepark De Brede Akker",
                                                                    "Gemeente Oosterwold")


def test_a_larger_heading_that_names_nothing_leaves_the_title_to_the_first(tmp_path, corpus):
    lines_pdf(corpus / "jvsd.pdf", ((20, "Jaarverslag Sociaal Domein 2023"), (26, "Voorwoord"),
                                    (10, "Het jaar stond in het teken van de Participatiewet.")))
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    assert document.source.title == "Jaarverslag Sociaal Domein 2023"


def test_a_heading_that_opens_every_page_with_its_own_number_is_kept_as_a_heading(tmp_path, corpus):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "bijlagen-2024.pdf"), pagesize=A4)
    for page, (subject, amount) in enumerate((("de sporthal", "7,6"), ("het zwembad", "4,1"),
                                              ("gladheidsbestrijding", "0,9"), ("de bibliotheek", "2,3")), start=1):
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, 790, f"Bijlage {page}")
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 740, f"Het budget voor {subject} bedraagt {amount} miljoen euro in 2024.")
        pdf.drawString(290, 40, str(page))
        pdf.showPage()
    pdf.save()
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    found = {p.text: (p.citation.section, p.citation.page) for p in document.passages}
    assert found["Het budget voor gladheidsbestrijding bedraagt 0,9 miljoen euro in 2024."] == (["Bijlage 3"], 3)
    assert document.source.page_labels == {1: "1", 2: "2", 3: "3", 4: "4"}


@pytest.mark.parametrize("photo", [True, False])
def test_the_one_page_of_text_loses_its_own_page_number_and_the_footer_beside_it(tmp_path, photo, corpus):
    """A one-page newsletter, or one whose second page is a photo: no other page confirms the number, its
    place does."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "wijknieuws-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 790, "Agenda")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 760, "Zaterdag 26 oktober is de snoeiafvaldag op het parkeerterrein.")
    pdf.drawString(72, 746, "Er zijn 3 containers.")
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 40, "Wijknieuws Zuiderpark · nummer 3 · september 2024")  # the footer, in small print
    pdf.drawString(540, 40, "1")
    if photo:
        pdf.showPage()
        pdf.rect(0, 0, 595, 842, fill=1)  # a full-page picture, no text
    pdf.showPage()
    pdf.save()
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    [passage] = document.passages
    assert passage.text == "Zaterdag 26 oktober is de snoeiafvaldag op het parkeerterrein. Er zijn 3 containers."
    assert document.source.page_labels == {1: "1"}


def test_a_footnote_goes_with_the_paragraph_that_carries_its_mark(tmp_path, corpus):
    """A raised, smaller note number is the mark "¹" on the word before it; the note at the foot of the page
    follows the marked paragraph, in its section, not the page's last section."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "raadsvoorstel-2024.pdf"), pagesize=A4)
    y = 780
    for size, text, mark in ((16, "3.2 Inwoners worden mede-eigenaar", None),
                             (11, "Inwoners kunnen participeren met certificaten vanaf 50 euro per stuk.", "1"),
                             (11, "Het omgevingsfonds wordt beheerd door een bewonerscommissie.", None),
                             (16, "4.2 Zienswijzen van omwonenden", None),
                             (11, "Tegen het ontwerpbesluit zijn 23 zienswijzen ingediend door omwonenden.", None)):
        pdf.setFont("Helvetica-Bold" if size == 16 else "Helvetica", size)
        pdf.drawString(72, y, text)
        if mark:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(72 + pdf.stringWidth(text, "Helvetica", 11) + 1, y + 4, mark)
        y -= size * 2
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 90, "1 Zie de Participatieverordening Oosterwold 2022, artikel 4, tweede lid.")
    pdf.save()
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    by_section = {p.citation.section[-1]: p.text for p in result.passages}
    assert by_section["3.2 Inwoners worden mede-eigenaar"] == (
        "Inwoners kunnen participeren met certificaten vanaf 50 euro per stuk.¹ Het omgevingsfonds wordt beheerd "
        "door een bewonerscommissie.\n\n1 Zie de Participatieverordening Oosterwold 2022, artikel 4, tweede lid.")
    assert "Participatieverordening" not in by_section["4.2 Zienswijzen van omwonenden"]


def test_a_number_at_the_foot_of_a_page_of_a_longer_document_without_page_numbers_is_text(tmp_path, corpus):
    """A table's last row, or a count, at the foot of page 3 of a report that prints no page numbers stays."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "meldingen-2024.pdf"), pagesize=A4)
    for page, subject in enumerate(("parkeeroverlast", "zwerfafval", "geluidsoverlast"), start=1):
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 760, f"Het aantal meldingen over {subject} in de wijk Zuid staat in de tabel.")
        pdf.drawString(72, 400, "Ook de afhandeling van de meldingen wordt per wijk bijgehouden.")
        if page == 3:  # the table's last row, at the foot of the page: its count is the page's number
            pdf.drawString(72, 40, "Meldingen geluidsoverlast")
            pdf.drawString(300, 40, "3")
        pdf.showPage()
    pdf.save()
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    assert document.source.page_labels == {}
    assert document.passages[-1].text.endswith("Meldingen geluidsoverlast | 3"), document.passages[-1].text


def test_a_tables_first_row_on_each_page_is_data_and_a_landscape_pages_footer_still_a_footer(tmp_path, corpus):
    """A table over three pages starts each page in the top margin with a row of the same shape (amounts,
    dates): that is no running header, and its dates no page numbers. The landscape page sets its footer
    nearer the foot than the portrait pages do, and it is still the footer."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "subsidieregister-2024.pdf"), pagesize=A4)
    rows = (("Muziekschool Zaanstad", "Cultuur", "€ 275.000", "20-12-2023"),
            ("Stichting Sportservice", "Sport", "€ 48.500", "14-03-2024"),
            ("Hengelsportverbond", "Natuur", "€ 3.200", "25-09-2024"))
    for page, row in enumerate(rows, start=1):
        width, height = landscape(A4) if page == 2 else A4
        pdf.setPageSize((width, height))
        pdf.setFont("Helvetica", 10)
        for x, cell in zip((60, 220, 330, 430), row):
            pdf.drawString(x, height - 90, cell)  # in the top margin zone
        for x, cell in zip((60, 220, 330, 430), (f"Vereniging {page}", "Sport", f"€ {page}.100", "01-02-2024")):
            pdf.drawString(x, height - 110, cell)  # the table's next row
        pdf.drawString(60, height - 200, f"De aanvraag van {row[0]} is op tijd ingediend en volledig beoordeeld.")
        pdf.setFont("Helvetica", 8)
        foot = 22 if page == 2 else 28
        pdf.drawString(60, foot, "Subsidieregister Gemeente Zaanstad 2024")
        pdf.drawString(width - 90, foot, f"{page}/3")
        pdf.showPage()
    pdf.save()
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    text = "\n".join(p.text for p in document.passages)
    assert all(row[2] in text and row[3] in text for row in rows), text
    assert "Subsidieregister Gemeente Zaanstad" not in text and "/3" not in text
    assert document.source.page_labels == {1: "1", 2: "2", 3: "3"}


def test_a_running_header_of_the_reports_name_and_the_chapters_title_is_left_out(tmp_path, corpus):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "rekenkamer-2023.pdf"), pagesize=A4)
    chapters = (("1 Inleiding", True), ("2 Bevindingen", True), ("2 Bevindingen", False), ("3 Conclusies", True))
    for page, (chapter, opens) in enumerate(chapters, start=1):
        pdf.setFont("Helvetica", 8)  # changes with the chapter, in small print; the chapter alone on even pages
        pdf.drawString(72, 800, chapter if page % 2 == 0 else f"Grip op schulden — {chapter}")
        if opens:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(72, 740, chapter)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 700, f"Op pagina {page} staat wat de rekenkamer over dit onderwerp vond.")
        pdf.showPage()
    pdf.save()
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    assert not [p.text for p in document.passages if "Grip op schulden" in p.text or "2 Bevindingen" in p.text]
    first = next(p for p in document.passages if p.citation.section == ["1 Inleiding"])
    assert (first.citation.page, first.citation.page_end) == (1, 1)  # not widened by the next page's header


def test_a_wide_tables_rows_stay_whole_though_its_names_stand_far_from_its_figures(tmp_path, corpus):
    """The empty band between a table's name columns and its figures is no column gutter: a row's name and
    its amount and lead party stay on one line, so one passage answers "Wie trekt P7?"."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "mobiliteit-2025.pdf"), pagesize=landscape(A4))
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(50, 540, "3. Projectenoverzicht")
    pdf.setFont("Helvetica", 10)
    projects = [(f"P{i} {name}", wijk, f"{i},{i}", lead) for i, (name, wijk, lead) in enumerate((
        ("Snelfietsroute Utrecht", "Nieuwland", "Provincie Utrecht"), ("Fietsenstalling Noord", "Centrum", "ProRail"),
        ("Vrije busbaan West", "Soesterkwartier", "Gemeente"), ("Vrije busbaan Oost", "Schothorst", "Gemeente"),
        ("Zero-emissiezone", "Centrum", "Gemeente"), ("Fietsbrug Eem", "De Isselt", "Rijkswaterstaat"),
        ("Mobiliteitshub Vathorst", "Vathorst", "Keolis"), ("Stadsring", "Centrum", "Gemeente")), start=1)]
    for row, cells in enumerate(projects):
        for x, cell in zip((50, 230, 500, 620), cells):
            pdf.drawString(x, 500 - 24 * row, cell)
    pdf.save()
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    lines = "\n".join(p.text for p in result.passages).splitlines()
    assert "P7 Mobiliteitshub Vathorst | Vathorst | 7,7 | Keolis" in lines, lines


def test_three_narrow_columns_read_one_after_the_other(tmp_path, corpus):
    """Three columns 18 points apart, less than the 1.5 em that splits fragments: lines of neighbouring
    columns on one baseline must not be read as one line, nor the columns as two."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    def lines_of(text: str, width: float, size: float) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            if line and stringWidth(f"{line} {word}", "Helvetica", size) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return [*lines, line]

    columns = (("1. Wat is bereikt", "In de wijk Platvoet zijn in 2024 in totaal 412 woningen aangesloten op het "
                "nieuwe warmtenet. Het warmtenet wordt gevoed door restwarmte van de rioolwaterzuivering aan de Hoge "
                "Hondstraat. Daarnaast hebben 1.260 huishoudens een energiecoach aan huis gehad."),
               ("2. Knelpunten", "De belangrijkste tegenvaller is de netcongestie. Netbeheerder Enexis heeft laten "
                "weten dat tot 2029 geen nieuwe grootverbruikaansluitingen mogelijk zijn in de Zuidelijke Stadsrand. "
                "Ook de kosten vallen hoger uit dan in de begroting was gerekend."),
               ("3. Volgende stappen", "In het eerste kwartaal van 2025 starten wij de participatie in de wijk "
                "Keizerslanden. Bewoners kunnen tot 1 april 2025 hun voorkeur aangeven voor een collectieve of een "
                "individuele oplossing. Het plan volgt uiterlijk in oktober 2025."))
    pdf = canvas.Canvas(str(corpus / "raadsbrief-2024.pdf"), pagesize=A4)
    size, width, gutter = 13.3, 148, 18
    for i, (heading, text) in enumerate(columns):
        x = 57 + i * (width + gutter)
        pdf.setFont("Helvetica-Bold", 17)
        pdf.drawString(x, 760, heading)
        pdf.setFont("Helvetica", size)
        for row, line in enumerate(lines_of(text, width, size)):
            pdf.drawString(x, 730 - row * 16, line)
    pdf.save()
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    found = {(p.citation.section or [""])[-1]: " ".join(p.text.split()) for p in result.passages}
    assert found == {heading: text for heading, text in columns}, found


def test_page_numbers_on_a_few_pages_roman_ones_too_are_labels_not_text(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "verslag-2024.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, text in ((None, "Jaarverslag Voorbeeldstad 2024"), ("ii", "Het college kijkt terug op het jaar."),
                         ("iii", "De raad stelde de begroting vast."), ("1", "De stad bouwde in de jaren"),
                         ("2", "2025 tot en met 2027 vierhonderd woningen.")):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 700, text)
        if number:
            pdf.drawString(290, 40, number)
        pdf.showPage()
    pdf.save()
    source = TextReader().read(path)
    assert source.page_labels == {2: "ii", 3: "iii", 4: "1", 5: "2"}
    assert [line.text for line in source.lines if not line.blank and len(line.text) < 4] == []


SOURCES = ("CBS Statline", "de griffie", "het jaarverslag van de rekenkamer", "eigen telling")


def test_a_running_header_that_names_each_pages_chapter_is_left_out(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    path = tmp_path / "raadsverslag-2023.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    chapters = ("Inleiding", "Inleiding", "Besluiten", "Rekenkamer")
    for page, chapter in enumerate(chapters, start=1):
        pdf.setFont("Helvetica", 8)
        if page % 2:
            pdf.drawRightString(width - 60, height - 40, chapter)
        else:
            pdf.drawString(60, height - 40, "Raadsverslag Zuidhaven 2023")
        if page != 2:  # the chapter opens with its heading
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(60, height - 150, chapter)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(60, height - 200, f"De raad vergaderde over onderwerp {page} en nam een besluit.¹")
        pdf.setFont("Helvetica", 8)  # a short footnote at the foot of every page: text, not a running line
        pdf.drawString(60, 50, f"¹ Bron: {SOURCES[page - 1]}.")
        pdf.showPage()
    pdf.save()
    source = TextReader().read(path)
    assert [line.text for line in source.lines if not line.blank] == [
        text for page, chapter in enumerate(chapters, start=1)
        for text in ([chapter] if page != 2 else []) + [f"De raad vergaderde over onderwerp {page} en nam een besluit.¹",
                                                          f"¹ Bron: {SOURCES[page - 1]}."]]


def test_a_footnote_at_the_foot_of_a_page_does_not_split_the_sentence_that_runs_on(tmp_path, corpus):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "raad-2023.pdf"), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    for i, text in enumerate(("Het parkeertarief op zondag blijft 1,50 euro per uur.¹ De opbrengst gaat naar",
                              "nieuwe fietspaden in de wijken Oosterpolder en")):
        pdf.drawString(60, 700 - 13 * i, text)
    pdf.setFont("Helvetica", 7.5)
    pdf.drawString(60, 80, "¹ Het tarief op werkdagen is 3,20 euro per uur.")
    pdf.showPage()
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, 760, "Westerkwartier, waarvoor al 1,1 miljoen euro is gereserveerd.")
    pdf.drawString(60, 747, "De raad stemde daar unaniem mee in.")
    pdf.showPage()
    pdf.save()
    [document] = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data")).documents
    text = " ".join(" ".join(p.text.split()) for p in document.passages)
    assert "in de wijken Oosterpolder en Westerkwartier, waarvoor al 1,1 miljoen euro is gereserveerd." in text
    assert "¹ Het tarief op werkdagen is 3,20 euro per uur." in text


def test_a_numbered_cover_title_does_not_upset_the_chapters_numbers(tmp_path, corpus):
    lines_pdf(corpus / "g40-2024.pdf", (
        (26, "40 Steden aan zet"), (14, "1 Inleiding"), (10, "Dit verslag volgt de programma's."),
        (14, "2 Wonen"), (12, "2.1 Nieuwbouw"), (10, "Er kwamen 1.240 nieuwbouwwoningen bij."),
        (14, "3 Financiën"), (12, "3.1 Reserves"), (10, "De reserve bedroeg 86 miljoen euro."),
        (16, "Bijlagen"), (10, "De bijlagen staan achterin dit verslag.")))
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    paths = {p.text[:12]: p.citation.section for p in result.passages}
    assert paths["Er kwamen 1."] == ["40 Steden aan zet", "2 Wonen", "2.1 Nieuwbouw"]
    assert paths["De reserve b"] == ["40 Steden aan zet", "3 Financiën", "3.1 Reserves"]
    assert paths["De bijlagen "] == ["40 Steden aan zet", "Bijlagen"]


def test_a_large_heading_does_not_bridge_the_gutter_to_the_next_columns_line(tmp_path, corpus):
    """A two-column newsletter whose heading runs to the gutter, level with the right column's first line:
    the heading stays whole (and its line-end hyphen joined), and the right column is read after the left."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(corpus / "wijknieuws-2024.pdf"), pagesize=A4)
    heading, size, left, top = "Nieuwe speeltuin aan de Lijster-", 18, 50, 700
    right = left + stringWidth(heading, "Helvetica-Bold", size) + 20  # a gutter of 1.1 em of the heading, 2 of the text
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawString(left, 760, "Wijknieuws Zuiderpark")
    pdf.setFont("Helvetica-Bold", size)
    pdf.drawString(left, top, heading)
    pdf.drawString(left, top - size * 1.2, "beslaan")
    body = ["Na maanden van voorbereiding gaat op", "zaterdag 5 oktober de nieuwe speeltuin",
            "aan de Lijsterbeslaan open. Kinderen", "uit de buurt dachten mee over het", "ontwerp van de speeltuin.",
            "Er komt een kabelbaan van 25 meter,", "een waterspeelplek en een klimrek", "voor kinderen met een",
            "beperking. De speeltuin kost 78.000", "euro, betaald door de gemeente."]
    others = ["bijvoorbeeld een straatfeest, een moestuin of", "extra bankjes. Per plan is maximaal 2.500",
              "euro beschikbaar. Een bewonersjury van vijf", "mensen kiest in januari welke plannen geld",
              "krijgen van het buurtbudget. Plannen kunnen", "tot en met 1 december worden ingediend",
              "bij het wijkteam. Het wijkteam helpt", "bewoners die een plan willen maken met",
              "de begroting en met de aanvraag van", "de benodigde vergunningen."]
    pdf.setFont("Helvetica", 10)
    for i, line in enumerate(body):
        pdf.drawString(left, top - size * 2.6 - 14 * i, line)
    for i, line in enumerate(others):
        pdf.drawString(right, top - 14 * i, line)
    pdf.save()
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=tmp_path / "data"))
    sections = {p.text.split(" ")[0]: p.citation.section for p in result.passages}
    assert sections["Na"][-1] == "Nieuwe speeltuin aan de Lijsterbeslaan", sections
    assert not any("straatfeest" in title for path in sections.values() for title in path)
    text = " ".join(" ".join(p.text for p in result.passages).split())
    assert "betaald door de gemeente. bijvoorbeeld een straatfeest" in text  # the right column after the left
