"""PDF layouts a review built to break the reader's rules for columns, tables, footers and footnotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from vraagbaak.config import Settings
from vraagbaak.ingest.pipeline import ingest_corpus

WIDTH, HEIGHT = A4
FILLER = ("De gemeente werkt samen met partners aan een sterke stad waarin iedereen meedoet en de voorzieningen "
          "goed bereikbaar zijn voor alle inwoners van jong tot oud.").split()


def words(n: int, start: int = 0) -> list[str]:
    """``n`` words of filler text, ending a sentence."""
    found = [FILLER[(start + i) % len(FILLER)] for i in range(n)]
    return [*found[:-1], found[-1].rstrip(".") + "."]


def paragraph(pdf, x: float, y: float, width: float, text: list[str], size: float = 10) -> float:
    """Words wrapped into ``width`` from the baseline ``y`` down; the next line's baseline."""
    pdf.setFont("Helvetica", size)
    line: list[str] = []
    for word in text:
        if line and pdf.stringWidth(" ".join([*line, word]), "Helvetica", size) > width:
            pdf.drawString(x, y, " ".join(line))
            y -= size * 1.3
            line = [word]
        else:
            line.append(word)
    if line:
        pdf.drawString(x, y, " ".join(line))
        y -= size * 1.3
    return y


def superscript(pdf, x: float, y: float, text: str, mark: str) -> float:
    pdf.setFont("Helvetica", 10)
    pdf.drawString(x, y, text)
    x += pdf.stringWidth(text, "Helvetica", 10)
    pdf.setFont("Helvetica", 6)
    pdf.drawString(x, y + 4, mark)
    return x + pdf.stringWidth(mark, "Helvetica", 6)


def ingest(folder: Path):
    [document] = ingest_corpus(Settings(corpus_dir=folder, data_dir=folder.parent / "data")).documents
    return document


def test_a_footer_in_three_parts_is_a_footer_and_its_number_the_page_label(corpus):
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2023.pdf"), pagesize=A4)
    for page, title in enumerate(("Inleiding", "Wonen", "Zorg", "Werk"), start=1):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, HEIGHT - 100, f"{page} {title}")
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(300, page))
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 40, "Versie 1.0 · 12-03-2024")
        pdf.drawCentredString(WIDTH / 2, 40, "Gemeente Lindenhoven")
        pdf.drawRightString(WIDTH - 72, 40, str(page))
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    assert document.source.page_labels == {1: "1", 2: "2", 3: "3", 4: "4"}
    assert not [p.text for p in document.passages if "12-03-2024" in p.text or "Lindenhoven" in p.text]


def test_a_table_in_one_column_leaves_the_two_columns_and_its_rows_whole(corpus):
    pdf = canvas.Canvas(str(corpus / "financien-2023.pdf"), pagesize=A4)
    column = (WIDTH - 144 - 20) / 2
    left, right = 72, 72 + column + 20
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(left, HEIGHT - 80, "1 Financiën")
    y = paragraph(pdf, left, HEIGHT - 110, column, words(40))
    pdf.setFont("Helvetica", 10)
    cities = ["Zwolle", "Breda", "Tilburg", "Almere", "Arnhem", "Ede", "Emmen", "Delft", "Venlo", "Leiden", "Haarlem",
              "Sittard", "Helmond", "Oss"]
    for i, (city, before, after) in enumerate([("Stad", "2022", "2023")] + [
            (city, f"{10 + 3 * i}.000", f"{12 + 2 * i}.500") for i, city in enumerate(cities)]):
        pdf.drawString(left, y - 13 * i, city)
        pdf.drawRightString(left + 150, y - 13 * i, before)
        pdf.drawRightString(left + column, y - 13 * i, after)
    paragraph(pdf, right, HEIGHT - 110, column, ["Rechts:", *words(180, 3)])
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert "Zwolle | 10.000 | 12.500" in text.splitlines(), text
    assert "Rechts:" not in text.split("Oss | 49.000 | 38.500")[0]  # the right column after the left


def test_a_two_column_table_of_words_inside_a_column_keeps_its_rows(corpus):
    pdf = canvas.Canvas(str(corpus / "pijlers-2023.pdf"), pagesize=A4)
    column = (WIDTH - 144 - 20) / 2
    left, right = 72, 72 + column + 20
    y = paragraph(pdf, left, HEIGHT - 110, column, words(12))
    pairs = [("Stad", "Pijler"), ("Zwolle", "Fysiek domein"), ("Breda", "Sociaal domein"), ("Tilburg", "Economie"),
             ("Almere", "Onderwijs"), ("Arnhem", "Veiligheid"), ("Ede", "Wonen"), ("Emmen", "Zorg en welzijn"),
             ("Delft", "Klimaat"), ("Venlo", "Mobiliteit")]
    pdf.setFont("Helvetica", 10)
    for i, (city, pillar) in enumerate(pairs):
        pdf.drawString(left, y - 13 * i, city)
        pdf.drawString(left + 90, y - 13 * i, pillar)
    paragraph(pdf, right, HEIGHT - 110, column, ["Rechts:", *words(180, 3)])
    pdf.save()
    lines = "\n".join(p.text for p in ingest(corpus).passages).splitlines()
    assert "Zwolle | Fysiek domein" in lines and "Venlo | Mobiliteit" in lines, lines


def test_a_unit_set_raised_is_no_footnote_mark_and_a_note_may_run_on_to_a_line_with_a_number(corpus):
    pdf = canvas.Canvas(str(corpus / "woonvisie-2023.pdf"), pagesize=A4)
    y = HEIGHT - 80
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, y, "1 Woningen")
    y = paragraph(pdf, 72, y - 30, WIDTH - 144, words(40))
    x = superscript(pdf, 72, y, "Een nieuwbouwwoning meet gemiddeld 80 m", "2")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(x + 3, y, "en kost 350.000 euro.")
    superscript(pdf, 72, y - 13, "De raad stemde in met de woonvisie.", "1")
    y -= 26
    y = paragraph(pdf, 72, y, WIDTH - 144, words(30, 2)) - 20
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, y, "2 Zorg")
    y = paragraph(pdf, 72, y - 30, WIDTH - 144, words(40, 4))
    superscript(pdf, 72, y, "De wethouder zegde een brief toe.", "2")
    paragraph(pdf, 72, y - 13, WIDTH - 144, words(30, 6))
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 100, "1 Raadsvoorstel Woonvisie 2030, vastgesteld in de raadsvergadering van")
    pdf.drawString(72, 90, "14 april 2023, met amendementen A1 en A3.")
    pdf.drawString(72, 80, "2 Brief van de wethouder over de wachtlijsten in de zorg.")
    pdf.save()
    sections = {p.citation.section[-1]: p.text for p in ingest(corpus).passages}
    assert "80 m² en kost" in sections["1 Woningen"]
    assert ("1 Raadsvoorstel Woonvisie 2030, vastgesteld in de raadsvergadering van 14 april 2023, met "
            "amendementen A1 en A3.") in sections["1 Woningen"]
    assert "2 Brief van de wethouder" in sections["2 Zorg"] and "2 Brief" not in sections["1 Woningen"]


def test_footnotes_that_end_in_a_chapters_title_are_no_running_header(corpus):
    pdf = canvas.Canvas(str(corpus / "verslag-2023.pdf"), pagesize=A4)
    chapters = ("Wonen", "Zorg", "Werk en inkomen")
    notes = ("1 Zie ook de cijfers in hoofdstuk 3 Werk en inkomen", "2 Vergelijk de aanpak in hoofdstuk 1 Wonen",
             "3 Zie de evaluatie in hoofdstuk 2 Zorg")
    for page, (chapter, note) in enumerate(zip(chapters, notes), start=1):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, HEIGHT - 100, f"{page} {chapter}")
        y = paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(120, page))
        superscript(pdf, 72, y, "Dit is een zin met een noot.", str(page))
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 72, note)
        pdf.showPage()
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert all(note in text for note in notes), text


def test_a_value_in_body_type_at_the_foot_of_a_one_page_letter_is_no_page_number(corpus):
    pdf = canvas.Canvas(str(corpus / "besluit-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Besluit subsidie buurthuis")
    paragraph(pdf, 72, HEIGHT - 110, WIDTH - 144, words(350))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 95, "Aantal bijlagen:")
    pdf.drawString(200, 95, "1")
    pdf.save()
    document = ingest(corpus)
    assert document.source.page_labels == {}
    assert document.passages[-1].text.endswith("Aantal bijlagen: | 1"), document.passages[-1].text


def test_of_headings_set_alike_those_in_capitals_hold_the_others(corpus):
    """Policy rules: chapters in capitals and articles in mixed case, both bold at the body's size."""
    pdf = canvas.Canvas(str(corpus / "beleidsregels-2024.pdf"), pagesize=A4)
    y = HEIGHT - 80
    for chapter, articles in (("HOOFDSTUK 1 ALGEMENE BEPALINGEN", ("Artikel 1 Begripsbepalingen", "Artikel 2 Drempel")),
                              ("HOOFDSTUK 2 DRAAGKRACHT", ("Artikel 3 Draagkracht uit inkomen",))):
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(72, y, chapter)
        y -= 26
        for article in articles:
            pdf.setFont("Helvetica-Bold", 10)
            pdf.drawString(72, y, article)
            y = paragraph(pdf, 72, y - 16, WIDTH - 144, words(40, len(article))) - 12
    pdf.save()
    sections = [p.citation.section for p in ingest(corpus).passages]
    assert ["HOOFDSTUK 2 DRAAGKRACHT", "Artikel 3 Draagkracht uit inkomen"] in sections, sections


def test_a_word_processors_symbol_font_bullets_read_as_bullets_and_no_nul_reaches_the_text(corpus):
    """Word draws list bullets from Symbol or Wingdings at private-use code points (U+F0B7, U+F0A7); a font
    without them leaves PDFium no character at all (0), which once reached the text and the source viewer."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from vraagbaak.eval.pdf_report import FONT_DIR

    pdfmetrics.registerFont(TTFont("BulletBody", str(FONT_DIR / "DejaVuSans.ttf")))
    pdf = canvas.Canvas(str(corpus / "begroting-2025.pdf"), pagesize=A4)
    y = paragraph(pdf, 72, HEIGHT - 100, WIDTH - 144, words(60))
    pdf.setFont("BulletBody", 10)
    pdf.drawString(72, y, "De belangrijkste maatregelen zijn:")
    for bullet, item in (("\uf0b7", "uitbreiding van de regeling onderwijsfonds met 20 procent"),
                         ("\uf0a7", "een nieuwe coördinator onderwijs in dienst")):
        y -= 14
        pdf.drawString(82, y, bullet)
        pdf.drawString(97, y, item)
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert "\x00" not in text
    assert "• uitbreiding van de regeling onderwijsfonds" in text
    assert "• een nieuwe coördinator onderwijs in dienst" in text


def test_a_header_only_the_chapters_carry_after_a_long_front_matter_is_a_header(corpus):
    """A short report whose cover and front matter (ii-iv) carry no header: the chapters' header stood on 3 of
    7 pages, under half, and came out in the answer, with a citation over two pages."""
    pdf = canvas.Canvas(str(corpus / "rekenkamer-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(72, HEIGHT - 200, "Armoedebeleid in Veldhaven")
    pdf.showPage()
    for page, (label, title) in enumerate((("ii", "Voorwoord"), ("iii", "Samenvatting"), ("iv", "Inhoud"),
                                           ("1", "1 Inleiding"), ("2", "2 Bevindingen"), ("3", "3 Conclusies")),
                                          start=2):
        if page > 4:
            pdf.setFont("Helvetica", 8)
            pdf.drawString(72, HEIGHT - 40, "Rekenkamercommissie Veldhaven – Armoedebeleid")
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, HEIGHT - 100, title)
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(250, page))
        pdf.setFont("Helvetica", 8)
        pdf.drawRightString(WIDTH - 72, 40, label)
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    assert not [p.text for p in document.passages if "Rekenkamercommissie" in p.text]
    assert document.source.page_labels == {2: "ii", 3: "iii", 4: "iv", 5: "1", 6: "2", 7: "3"}


def test_a_pdf_title_that_is_every_pages_running_header_is_borne_out_by_it(corpus):
    """The title check compared the PDF's title with the first page's text after its running lines were
    left out, so a monitor titled by its header got its first chapter's title and no year."""
    pdf = canvas.Canvas(str(corpus / "monitor.pdf"), pagesize=A4)
    pdf.setTitle("Verkeersmonitor 2024")
    for page in range(1, 5):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, HEIGHT - 40, "Verkeersmonitor 2024")
        pdf.drawRightString(WIDTH - 72, 40, str(page))
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, HEIGHT - 100, f"{page} Meetpunten reeks {page}")
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(200, page))
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    assert document.source.title == "Verkeersmonitor 2024" and document.source.year == 2024
    assert not [p.text for p in document.passages if "Verkeersmonitor" in p.text]


def test_the_labels_a_pdf_declares_name_pages_that_print_no_number_that_repeats(corpus):
    """A cover and a contents page without a number, a foreword that prints only "iii", chapters without
    numbers: the PDF's own page labels (/PageLabels, as a PDF viewer shows them) were not used, and "iii"
    stayed in the foreword's text."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    for page, title in enumerate(("Jaarverslag 2024", "Inhoud", "Voorwoord", "1 Wonen", "2 Zorg"), start=1):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, HEIGHT - 100, title)
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(120, page))
        if title == "Voorwoord":
            pdf.setFont("Helvetica", 9)
            pdf.drawCentredString(WIDTH / 2, 30, "iii")
        pdf.showPage()
    pdf.addPageLabel(0, style="ROMAN_LOWER")
    pdf.addPageLabel(3, style="ARABIC", start=1)
    pdf.save()
    document = ingest(corpus)
    assert document.source.page_labels == {1: "i", 2: "ii", 3: "iii", 4: "1", 5: "2"}
    foreword = [p.text for p in document.passages if p.citation.page == 3]
    assert foreword and not [text for text in foreword if text.rstrip().endswith("iii")]


def test_page_labels_that_only_count_the_pages_again_are_no_printed_numbers(corpus):
    pdf = canvas.Canvas(str(corpus / "notitie.pdf"), pagesize=A4)
    for page in (1, 2):
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(120, page))
        pdf.showPage()
    pdf.addPageLabel(0, style="ARABIC", start=1)
    pdf.save()
    assert ingest(corpus).source.page_labels == {}


def blacked_out(pdf, y: float, before: str, name: str, after: str) -> None:
    """A line whose ``name`` a black bar drawn over it hides, the text left in the file."""
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, y, before + name + after)
    left = 72 + pdf.stringWidth(before, "Helvetica", 10)
    pdf.rect(left - 1, y - 3, pdf.stringWidth(name, "Helvetica", 10) + 2, 13, fill=1, stroke=0)


def redacted_pdf(path: Path) -> None:
    """A Woo decision whose name is blacked out by a box drawn over it (the text stays in the file), under a
    heading set white on a dark banner (drawn after the banner: shown)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFillColorRGB(0.1, 0.1, 0.1)
    pdf.rect(60, HEIGHT - 110, WIDTH - 120, 30, fill=1, stroke=0)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 100, "Besluit op uw Woo-verzoek")
    pdf.setFillColorRGB(0, 0, 0)
    y = paragraph(pdf, 72, HEIGHT - 140, WIDTH - 144, words(80))
    blacked_out(pdf, y, "De betrokken ambtenaar, ", "Pieter van Dalen-Smit", ", heeft de stukken verzameld.")
    paragraph(pdf, 72, y - 20, WIDTH - 144, words(80, 5))
    pdf.showPage()
    pdf.save()


def test_text_under_a_black_bar_is_left_out_and_said_and_white_text_on_a_dark_banner_is_kept(corpus):
    redacted_pdf(corpus / "woo-besluit.pdf")
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=corpus.parent / "data"))
    [document] = result.documents
    text = "\n".join(p.text for p in document.passages)
    assert "Dalen" not in text and "Pieter" not in text
    assert "De betrokken ambtenaar, [zwartgelakt], heeft de stukken verzameld." in text
    assert "Besluit op uw Woo-verzoek" in [s.path[-1] for s in document.sections if s.path]
    assert document.source.covered_pages == [1]
    assert [p for p in result.problems if "zwarte balk" in p] == [
        "woo-besluit.pdf: op pagina 1 staat tekst onder een zwarte balk. Die is weggelaten (in de bron staat "
        "'[zwartgelakt]') en het originele bestand wordt niet getoond, want de tekst staat er nog in: wie het opent, "
        "kan hem kopiëren. Lak het bestand echt (met een programma dat de tekst verwijdert)."]


def test_a_block_title_under_a_black_shape_that_does_not_show_is_kept_and_a_real_bar_still_hides(corpus):
    """A black-box report (LaTeX Beamer): a block's white title on its coloured bar lay under a black shape drawn
    after it, from which the block's shadow is faded, so the title was read as blacked out and the whole deck's
    original was withheld. Whether text under a dark box drawn after it is hidden, the drawn page decides: here
    the black shape is blended so it changes nothing (as the faded shadow shows nearly nothing), and the title
    shows, its full stop (too little ink to show on its own) with the rest of it. A real bar on the same page still
    hides the name under it."""
    path = corpus / "presentatie.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFillColorRGB(0.2, 0.2, 0.7)
    pdf.rect(60, HEIGHT - 110, WIDTH - 120, 30, fill=1, stroke=0)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 100, "Nieuwe norm voor de opkomsttijd.")  # a full stop shows too little ink
    pdf.saveState()
    pdf.setBlendMode("Lighten")  # black over anything, lightened: the page as it was
    pdf.setFillColorRGB(0, 0, 0)
    pdf.rect(55, HEIGHT - 115, WIDTH - 110, 40, fill=1, stroke=0)
    pdf.restoreState()
    pdf.setFillColorRGB(0, 0, 0)
    y = paragraph(pdf, 72, HEIGHT - 140, WIDTH - 144, words(80))
    blacked_out(pdf, y, "De betrokken ambtenaar, ", "Pieter van Dalen-Smit", ", heeft de stukken verzameld.")
    pdf.showPage()
    pdf.save()
    result = ingest_corpus(Settings(corpus_dir=corpus, data_dir=corpus.parent / "data"))
    [document] = result.documents
    text = "\n".join(p.text for p in document.passages)
    assert "Nieuwe norm voor de opkomsttijd." in text and "[zwartgelakt]" not in text.split("ambtenaar")[0], text
    assert "Dalen" not in text and "De betrokken ambtenaar, [zwartgelakt], heeft" in text


@pytest.mark.parametrize("label", ["5.1.2e", "5.1.2e Woo"])
def test_a_bar_with_its_legal_ground_printed_white_on_it_still_hides_the_name(corpus, label):
    """A review: a Woo redaction prints its legal ground ("5.1.2e") white on the bar; the label's strokes in the
    name's place made it look seen, and the name came out ("gedaan door Jan 5.1.2e Jansen"). Where a character's
    place shows the bar's colour it is hidden, and so is every character of its text object under the bar."""
    pdf = canvas.Canvas(str(corpus / "woo-besluit.pdf"), pagesize=A4)
    y = paragraph(pdf, 72, HEIGHT - 100, WIDTH - 144, words(80))
    before = "De melding werd gedaan door "
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, y, before + "Jan Jansen op 3 maart 2024 bij de gemeente.")
    left, width = 72 + pdf.stringWidth(before, "Helvetica", 11), pdf.stringWidth("Jan Jansen", "Helvetica", 11)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.rect(left - 1, y - 5, width + 2, 15, fill=1, stroke=0)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.setFont("Helvetica", 9)
    pdf.drawCentredString(left + width / 2, y - 0.5, label)
    pdf.showPage()
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert "Jan" not in text and "Jansen" not in text and "gedaan door [zwartgelakt]" in text, text


def test_a_full_stop_set_apart_after_a_note_mark_stays_with_its_word(corpus):
    """"voorlopig¹ ." once: the full stop, drawn on its own after the raised mark, read as a word."""
    pdf = canvas.Canvas(str(corpus / "verslag.pdf"), pagesize=A4)
    y = paragraph(pdf, 72, HEIGHT - 100, WIDTH - 144, words(80))
    x = superscript(pdf, 72, y, "De cijfers over het tweede halfjaar zijn voorlopig", "1")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(x + 2, y, ".")
    paragraph(pdf, 72, y - 20, WIDTH - 144, words(80, 3))
    pdf.setFont("Helvetica", 8)
    pdf.drawString(72, 60, "1 Over het eerste halfjaar zijn de cijfers vastgesteld.")
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert "zijn voorlopig¹." in text and "voorlopig¹ ." not in text


def test_a_bar_before_a_space_a_frame_and_a_black_square_annotation(corpus):
    """A review's finds: the word after a blacked-out name was glued to the mark ("[zwartgelakt]heeft"), a
    dark frame drawn round a notice took all its text for blacked out, and the usual fake redaction of a
    PDF editor, a black square annotation over the text, was not seen."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    path = corpus / "besluit.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = paragraph(pdf, 72, HEIGHT - 100, WIDTH - 144, words(60))
    blacked_out(pdf, y, "De ambtenaar ", "Pieter de Vries", " heeft de stukken verzameld.")
    pdf.drawString(72, y - 40, "Let op: de aanvraag sluit op 1 maart.")
    frame = pdf.beginPath()
    frame.rect(62, y - 50, 300, 30)
    frame.rect(64, y - 48, 296, 26)
    pdf.drawPath(frame, fill=1, stroke=0, fillMode=0)  # even-odd: only the border is dark
    pdf.drawString(72, y - 80, "Contactpersoon: Jan Smit, afdeling Vergunningen.")
    paragraph(pdf, 72, y - 110, WIDTH - 144, words(60, 4))
    pdf.save()
    document = pdfium.PdfDocument(str(path))
    page = document[0]
    annot = raw.FPDFPage_CreateAnnot(page.raw, raw.FPDF_ANNOT_SQUARE)
    raw.FPDFAnnot_SetColor(annot, raw.FPDFANNOT_COLORTYPE_InteriorColor, 0, 0, 0, 255)
    measure = canvas.Canvas("/dev/null").stringWidth
    name_left = 72 + measure("Contactpersoon: ", "Helvetica", 10)
    rect = raw.FS_RECTF(name_left - 1, y - 70, name_left + measure("Jan Smit", "Helvetica", 10) + 1, y - 83)
    raw.FPDFAnnot_SetRect(annot, rect)
    raw.FPDFPage_CloseAnnot(annot)
    page.close()
    document.save(str(corpus / "besluit-met-annotatie.pdf"))
    document.close()
    path.unlink()
    document = ingest(corpus)
    text = "\n".join(p.text for p in document.passages)
    assert "De ambtenaar [zwartgelakt] heeft de stukken verzameld." in text and "Vries" not in text
    assert "Let op: de aanvraag sluit op 1 maart." in text
    assert "Contactpersoon: [zwartgelakt], afdeling Vergunningen." in text and "Smit" not in text
    assert document.source.covered_pages == [1]


def test_symbol_font_signs_keep_their_meaning_and_only_a_lone_nameless_glyph_is_a_bullet():
    """Every private-use character alone once became a bullet: Symbol's "≥ 65 jaar" read "• 65 jaar"."""
    from vraagbaak.ingest.pdf import _words

    def glyphs(*words: str):
        out, x = [], 0.0
        for word in words:
            for char in word:
                out.append((char, x, x + 5, 100.0, 10.0, False))
                x += 5
            out.append((" ", 0, 0, 0, 0, False))
            x += 5
        return out

    assert [w[0] for w in _words(glyphs("\uf0b3", "65", "jaar"))] == ["≥", "65", "jaar"]
    assert [w[0] for w in _words(glyphs("\uf0fc", "klaar", "\uf0fb", "open"))] == ["✓", "klaar", "✗", "open"]
    assert [w[0] for w in _words(glyphs("\x00", "item", "ko\x00ffie"))] == ["•", "item", "koffie"]
    assert [w[0] for w in _words(glyphs("\uf02d", "kosten", "\uf06c", "punt"))] == ["–", "kosten", "●", "punt"]


def test_numbered_lines_on_three_pages_of_many_are_no_running_lines_and_give_no_page_labels(corpus):
    """"Bijlage 1", "2", "3" opening three pages of twenty, in body size: with the three-page rule they were
    taken for a running line, left out, and their numbers made printed page labels."""
    pdf = canvas.Canvas(str(corpus / "nota.pdf"), pagesize=A4)
    for page in range(1, 21):
        if page in (14, 16, 18):
            pdf.setFont("Helvetica-Bold", 10)
            pdf.drawString(72, HEIGHT - 70, f"Bijlage {(page - 12) // 2}")
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(90, page))
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    text = "\n".join(p.text for p in document.passages) + "\n".join(s.path[-1] for s in document.sections if s.path)
    assert all(f"Bijlage {n}" in text for n in (1, 2, 3))
    assert document.source.page_labels == {}


def test_page_labels_the_pages_contradict_are_not_mixed_with_the_printed_numbers(corpus):
    """Footers print 1-6 from page 3 (a chapter opener, page 6, unnumbered) while the PDF declares i-iv and
    then 1 from page 5: page 6 was cited "gedrukt: 2"."""
    pdf = canvas.Canvas(str(corpus / "rapport.pdf"), pagesize=A4)
    for page in range(1, 9):
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(90, page))
        if page >= 3 and page != 6:
            pdf.setFont("Helvetica", 8)
            pdf.drawRightString(WIDTH - 72, 40, str(page - 2))
        pdf.showPage()
    pdf.addPageLabel(0, style="ROMAN_LOWER")
    pdf.addPageLabel(4, style="ARABIC", start=1)
    pdf.save()
    assert ingest(corpus).source.page_labels == {3: "1", 4: "2", 5: "3", 7: "5", 8: "6"}


def test_a_bar_inside_a_form_object_a_stamping_tool_wrapped_the_page_in_covers_too(corpus):
    """A stamping or merging tool wraps a page's content in a form object, moved on the page: the bar inside
    it was not seen, and the name was indexed and the original served."""
    pdf = canvas.Canvas(str(corpus / "gestempeld.pdf"), pagesize=A4)
    pdf.beginForm("pagina")
    y = paragraph(pdf, 72, HEIGHT - 100, WIDTH - 144, words(60))
    blacked_out(pdf, y, "De ambtenaar ", "Pieter de Vries", " heeft de stukken verzameld.")
    paragraph(pdf, 72, y - 30, WIDTH - 144, words(60, 4))
    pdf.endForm()
    pdf.saveState()
    pdf.translate(15, -25)
    pdf.doForm("pagina")
    pdf.restoreState()
    pdf.save()
    document = ingest(corpus)
    text = "\n".join(p.text for p in document.passages)
    assert "De ambtenaar [zwartgelakt] heeft de stukken verzameld." in text and "Vries" not in text
    assert document.source.covered_pages == [1]


def test_a_footer_mirrored_on_even_pages_of_a_short_document_is_a_footer(corpus):
    """A black-box test: on three pages, the even page's "2 | Beleidsplan Sport 2024-2027" (the odd ones': title,
    then number) was no footer by itself, stayed in the text and was the first answer to a question on the plan."""
    pdf = canvas.Canvas(str(corpus / "beleidsplan-sport-2024-2027.pdf"), pagesize=A4)
    for page, title in enumerate(("Aanleiding", "Ambities", "Accommodaties"), start=1):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, HEIGHT - 100, title)
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(120, page))
        pdf.setFont("Helvetica", 8)
        footer = f"{page} | Beleidsplan Sport 2024-2027" if page % 2 == 0 else f"Beleidsplan Sport 2024-2027 | {page}"
        (pdf.drawString if page % 2 == 0 else pdf.drawRightString)(72 if page % 2 == 0 else WIDTH - 72, 40, footer)
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    assert not any("Beleidsplan Sport" in p.text for p in document.passages)
    assert document.source.page_labels == {1: "1", 2: "2", 3: "3"}


def test_chapter_names_in_the_header_go_also_after_a_cover_without_one(corpus):
    """A black-box test: with a cover and the chapter's name in the header of odd pages (the report's on even
    ones), the chapter's name stayed, mid-sentence ("De regionale afspraken vormen 1 Groen hiervoor het kader"):
    on fewer than half the pages, where the report's name on the others was already left out."""
    pdf = canvas.Canvas(str(corpus / "nota-openbare-ruimte-2025.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 24)
    pdf.drawString(72, HEIGHT - 300, "Nota Openbare Ruimte 2025")
    pdf.showPage()
    chapters = ("1 Groen", "2 Verharding", "3 Verlichting")
    for page in range(2, 8):
        chapter = chapters[(page - 2) // 2]
        if page % 2 == 0:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(72, HEIGHT - 100, chapter)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, HEIGHT - 40, chapter if page % 2 else "Nota Openbare Ruimte 2025")
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(150, page))
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    body = " ".join(p.text for p in document.passages)
    assert not any(chapter in body for chapter in chapters)
    assert [s.path[-1] for s in document.sections if s.path][-3:] == list(chapters)


def test_a_chapters_name_beside_the_reports_in_the_header_of_a_few_pages_goes_too(corpus):
    """A black-box report (LaTeX, a short report whose chapters each open a page without a header): the header
    "3. Crisisbeheersing en GHOR … Jaarverslag 2024" stood on five of sixteen pages; the report's name went, the
    chapter's stayed mid-sentence ("4. Organisatie en personeel van het opkomstpercentage"). A line in a small
    font that names a chapter, beside a running line on each of its pages, is a running line too."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    chapters = ("Brandweerzorg", "Crisisbeheersing", "Organisatie en personeel", "Financien")
    for number, chapter in enumerate(chapters, start=1):
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, HEIGHT - 150, f"Hoofdstuk {number}")
        pdf.drawString(72, HEIGHT - 180, chapter)
        paragraph(pdf, 72, HEIGHT - 220, WIDTH - 144, words(400, number))
        pdf.showPage()
        if number % 2:  # every other chapter runs on to a page with the header
            pdf.setFont("Helvetica-Oblique", 9)
            pdf.drawString(72, HEIGHT - 40, f"{number}. {chapter}")
            pdf.drawRightString(WIDTH - 72, HEIGHT - 40, "Jaarverslag 2024")
            paragraph(pdf, 72, HEIGHT - 80, WIDTH - 144, words(200, number + 1))
            pdf.showPage()
    pdf.setFont("Helvetica-Oblique", 9)
    pdf.drawString(72, HEIGHT - 40, "4. Organisatie en personeel")
    pdf.drawRightString(WIDTH - 72, HEIGHT - 40, "Jaarverslag 2024")
    paragraph(pdf, 72, HEIGHT - 80, WIDTH - 144, words(200, 2))
    pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    body = " ".join(p.text for p in document.passages)
    assert "Jaarverslag 2024" not in body and not any(f". {chapter}" in body for chapter in chapters), body


def test_a_letters_follow_up_header_on_its_second_page_is_no_text(corpus):
    """A black-box test: in a letter of two pages, the second page's "Datum … / Kenmerk … / Blad 2" (once, so no
    running header) stayed in the text and split a sentence: "De uitvoering ligt bij het team Ruimte Pagina 2
    van 2 en Leefomgeving"."""
    pdf = canvas.Canvas(str(corpus / "brief-lindelaan.pdf"), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, HEIGHT - 200, "Datum 3 april 2024")
    pdf.drawString(72, HEIGHT - 214, "Onderwerp Herinrichting Lindelaan")
    paragraph(pdf, 72, HEIGHT - 260, WIDTH - 144, words(200, 1))
    pdf.showPage()
    for y, line in ((HEIGHT - 40, "Datum 3 april 2024"), (HEIGHT - 52, "Kenmerk Z/24/5678"), (HEIGHT - 64, "Blad 2")):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(400, y, line)
    paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(60, 3))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 60, "Op pagina 2 van de bijlage staat de kaart van de Lindelaan.")  # a sentence, low on the page
    pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    body = " ".join(p.text for p in document.passages)
    assert "Blad 2" not in body and "Kenmerk" not in body and body.count("Datum 3 april 2024") == 1
    assert "Op pagina 2 van de bijlage staat de kaart van de Lindelaan." in body
    assert document.source.page_labels.get(2) == "2"


def test_an_appendix_footer_that_counts_its_own_pages_is_a_footer(corpus):
    """A black-box test of a merged PDF: the appendix's "Bijlage 1 – pagina 2" on three of its eight pages (fewer
    than most, and no line word for word the same) stayed in the text, once as a passage's opening words."""
    pdf = canvas.Canvas(str(corpus / "raadsvoorstel-afval.pdf"), pagesize=A4)
    for page in range(1, 9):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, HEIGHT - 100, "Raadsvoorstel" if page == 1 else "Bijlage 1" if page == 5 else "")
        paragraph(pdf, 72, HEIGHT - 130, WIDTH - 144, words(200, page))
        pdf.setFont("Helvetica", 8)
        if 5 <= page <= 7:
            pdf.drawString(72, 40, f"Bijlage 1 – pagina {page - 4}")
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    assert not any("pagina" in p.text for p in document.passages)


def test_a_subscript_stays_in_its_word_and_a_list_ends_where_the_text_goes_on(corpus):
    """A black-box report (2026-12-01): "CO₂" set with a lowered "2" read as "De CO -uitstoot … ⏎ 2 ⏎ 2019 met
    27 procent", and the paragraph after a list, set further below it than a line of text, read as the list's
    last item ("• Zutphen Per 1 januari 2024 trad …")."""
    pdf = canvas.Canvas(str(corpus / "klimaat-2024.pdf"), pagesize=A4)
    y = HEIGHT - 80
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, y, "1 Klimaat")
    y = paragraph(pdf, 72, y - 30, WIDTH - 144, words(40)) - 6
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, y, "De CO")
    x = 72 + pdf.stringWidth("De CO", "Helvetica", 10)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(x, y - 4, "2")
    x += pdf.stringWidth("2", "Helvetica", 7)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(x, y, "-uitstoot van de gemeentelijke organisaties daalde ten opzichte van")
    pdf.drawString(72, y - 13, "2019 met 27 procent.")
    y = paragraph(pdf, 72, y - 32, WIDTH - 144, ["In", "2024", "deden", "deze", "steden", "mee:"])
    for city in ("Almelo", "Deventer", "Zutphen"):
        y -= 3  # a list's spacing: its items 16 points apart, the text's lines 13
        pdf.drawString(73, y, f"• {city}")
        y -= 13
    paragraph(pdf, 72, y - 6, WIDTH - 144, ["Per", "1", "januari", "2024", "trad", "Zutphen", "toe.", *words(30)])
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert "De CO₂-uitstoot van de gemeentelijke organisaties daalde ten opzichte van 2019 met 27 procent." in text
    assert "• Zutphen" in text and "Zutphen Per" not in text and "Zutphen\nPer 1 januari" not in text, text


def test_a_footnotes_raised_number_opens_its_note_and_a_mark_beside_the_other_column_is_found(corpus):
    """A black-box report: a footnote whose number is raised before its text came out as a line "1" and a
    paragraph, so the note stayed at the page's foot, in the section that ends the page; a mark after a year
    ("in 2023.¹") was not looked for; and in two columns a mark raised to the height of the other column's
    line became a paragraph of its own."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    y = HEIGHT - 80
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, y, "1 Wonen")
    y = paragraph(pdf, 72, y - 30, WIDTH - 144, words(40))
    superscript(pdf, 72, y, "Er kwamen 4.860 woningen bij, meer dan in 2023.", "1")
    y = paragraph(pdf, 72, y - 13, WIDTH - 144, words(30, 2)) - 20
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, y, "2 Werk")
    y -= 30
    column = (WIDTH - 144 - 20) / 2
    for i in range(12):  # the right column's baselines 6 points below the left's: the mark meets the right's line
        pdf.setFont("Helvetica", 10)
        left = "Het Werkcentrum Oost" if i == 5 else " ".join(words(6, i))
        pdf.drawString(72, y - 13 * i, left)
        if i == 5:
            superscript(pdf, 72, y - 13 * i, left, "2")
            pdf.setFont("Helvetica", 10)
            pdf.drawString(72 + pdf.stringWidth(left + "2 ", "Helvetica", 10), y - 13 * i, "begeleidde 1.460 mensen.")
        pdf.drawString(72 + column + 20, y - 13 * i + 6 - 13, " ".join(words(6, i + 3)))
    for number, note, foot in (("1", "Bron: CBS Statline, voorlopige cijfers.", 100),
                               ("2", "Het Werkcentrum Oost is een samenwerking van gemeenten en UWV.", 88)):
        pdf.setFont("Helvetica", 6)
        pdf.drawString(72, foot + 3, number)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72 + pdf.stringWidth(number, "Helvetica", 6) + 2, foot, note)
    pdf.save()
    sections: dict[str, str] = {}
    for p in ingest(corpus).passages:  # the two columns are a passage each
        sections[p.citation.section[-1]] = sections.get(p.citation.section[-1], "") + "\n\n" + p.text
    assert "1 Bron: CBS Statline, voorlopige cijfers." in sections["1 Wonen"], sections
    assert "Het Werkcentrum Oost² begeleidde 1.460 mensen." in sections["2 Werk"]
    assert "2 Het Werkcentrum Oost is een samenwerking" in sections["2 Werk"]
    assert "\n2\n" not in sections["2 Werk"] and "Bron: CBS" not in sections["2 Werk"]


def test_a_bold_name_signing_the_foreword_is_no_heading(corpus):
    """The same in a PDF, where a bold line in the body's size is a heading: the name under a foreword, then its
    roles in the body's type, then the next chapter's title."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    y = HEIGHT - 80
    for chapter, title in ((1, "Voorwoord"), (2, "Wonen")):
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(72, y, f"{chapter} {title}")
        y = paragraph(pdf, 72, y - 30, WIDTH - 144, words(60)) - 10
        if chapter == 1:
            pdf.setFont("Helvetica-Bold", 10)
            pdf.drawString(72, y, "Marloes Hendriksen")
            pdf.setFont("Helvetica", 10)
            pdf.drawString(72, y - 13, "Voorzitter Stedennetwerk Oost")
            pdf.drawString(72, y - 26, "Burgemeester van Zutphen")
            y -= 60
        if chapter == 2:  # a review: a heading over who governs, then short roles, then a heading, stays one
            for title, roles in (("Dagelijks Bestuur", "Voorzitter: burgemeester M. Hendriksen"),
                                 ("Raad van Toezicht", "Voorzitter: mevrouw A. de Groot")):
                pdf.setFont("Helvetica-Bold", 10)
                pdf.drawString(72, y, title)
                pdf.setFont("Helvetica", 10)
                pdf.drawString(72, y - 13, roles)
                y -= 40
    pdf.save()
    passages = ingest(corpus).passages
    assert {p.citation.section[-1] for p in passages} == {"1 Voorwoord", "2 Wonen", "Dagelijks Bestuur",
                                                          "Raad van Toezicht"}
    foreword = " ".join(p.text for p in passages if p.citation.section[-1] == "1 Voorwoord")
    assert "Marloes Hendriksen" in foreword and "Burgemeester van Zutphen" in foreword


def test_a_bold_numbered_title_after_a_bold_line_that_ends_a_sentence_is_its_own_heading(corpus):
    """A black-box decision list: "Besluit: n.v.t." in bold under item 1, then "2. Vaststellen agenda" in the same
    bold type, read as one heading "Besluit: n.v.t. 2. Vaststellen agenda"; item 1 lost its decision."""
    pdf = canvas.Canvas(str(corpus / "besluitenlijst-2025.pdf"), pagesize=A4)
    y = HEIGHT - 80
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, y, "Besluitenlijst algemeen bestuur")
    y -= 40
    for number, title, text, decision in (
            (1, "Opening", "De voorzitter opent de vergadering en heet de leden welkom.", "Besluit: n.v.t."),
            (2, "Vaststellen agenda", "Op verzoek van Hilversum komt er een punt over energie bij.", None),
            (3, "Jaarrekening", "De jaarrekening sluit met een positief resultaat van 63.400 euro.", None)):
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, y, f"{number}. {title}")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, y - 18, text)
        y -= 32
        if decision:
            pdf.setFont("Helvetica-Bold", 11)
            pdf.drawString(72, y, decision)
            y -= 14
        y -= 10
    pdf.save()
    sections = {p.citation.section[-1]: p.text for p in ingest(corpus).passages}
    assert set(sections) == {"1. Opening", "2. Vaststellen agenda", "3. Jaarrekening"}, sections
    assert "Besluit: n.v.t." in sections["1. Opening"]


def justified(pdf, x: float, y: float, width: float, text: str, size: float, leading: float | None = None) -> float:
    """``text`` in lines spread to fill ``width`` (the last line as it falls), from the baseline ``y`` down,
    ``leading`` points apart (1.45 times the size unless said); the baseline after the last line."""
    pdf.setFont("Helvetica", size)
    lines, line = [], []
    for word in text.split():
        if line and pdf.stringWidth(" ".join([*line, word]), "Helvetica", size) > width:
            lines.append(line)
            line = []
        line.append(word)
    for i, line in enumerate([*lines, line]):
        inked = sum(pdf.stringWidth(w, "Helvetica", size) for w in line)
        space = (width - inked) / (len(line) - 1) if i < len(lines) and len(line) > 1 else pdf.stringWidth(" ", "Helvetica", size)
        at = x
        for word in line:
            pdf.drawString(at, y, word)
            at += pdf.stringWidth(word, "Helvetica", size) + space
        y -= size * 1.45 if leading is None else leading
    return y


def test_a_browsers_pdf_drawn_at_half_scale_reads_its_columns_notes_and_quote(corpus):
    """A black-box report printed from HTML by a browser: its type is set in pixels and drawn at a scale, which
    PDFium's font size leaves out, so every size seemed twice what it is. Two justified columns a gutter of
    two ems apart then read as one line across both, a footnote's number set apart from its text stayed a
    line of its own, and a quotation set large became a section."""
    pdf = canvas.Canvas(str(corpus / "voortgangsrapportage-2025.pdf"), pagesize=A4)
    pdf.scale(0.5, 0.5)  # drawn in units of half a point: every size below is twice the size as printed
    x, right, y = 140, 2 * WIDTH - 140, 2 * HEIGHT - 160
    pdf.setFont("Helvetica-Bold", 32)
    pdf.drawString(x, y, "Voorwoord")
    y = justified(pdf, x, y - 50, right - x, " ".join(words(60)), 20) - 20
    pdf.setFont("Helvetica-Oblique", 32)
    pdf.drawString(x, y, "“We liggen op koers, maar het net zit vol.”")
    justified(pdf, x, y - 50, right - x, " ".join(words(40, 3)), 20)
    pdf.showPage()
    pdf.scale(0.5, 0.5)
    y = 2 * HEIGHT - 160
    pdf.setFont("Helvetica-Bold", 32)
    pdf.drawString(x, y, "4 Participatie")
    y -= 50
    gutter = 40  # two ems of the 10-point text
    column = (right - x - gutter) / 2
    left = ("In de regio zijn negen energiecoöperaties actief met samen 4.870 leden. De grootste is "
            "Energiecoöperatie Merwestroom in Merwestein met 1.640 leden. Sinds 2023 werken de coöperaties samen "
            "in de koepel Linge Energie Collectief en delen zij een adviseur voor nieuwe projecten.")
    both = ("Op 1 februari 2025 is het Regionaal Participatiefonds geopend. Het fonds heeft een omvang van "
            "750.000 euro en verstrekt leningen aan energiecoöperaties voor de ontwikkelkosten van hun "
            "projecten, met een maximum van 150.000 euro per project.")
    bottom = justified(pdf, x, y, column, left, 20)
    justified(pdf, x + column + gutter, y, column, both, 20)
    pdf.setFont("Helvetica", 28 / 3)  # a browser's footnote: 4.67-point number, 5.33-point text, two thirds of an em apart
    pdf.drawString(x, bottom - 40 + 4.6, "1")
    pdf.setFont("Helvetica", 32 / 3)
    pdf.drawString(x + pdf.stringWidth("1", "Helvetica", 28 / 3) + 7, bottom - 40, "Bron: Monitor RES, peildatum 1 januari 2025.")
    pdf.save()
    passages = ingest(corpus).passages
    text = " ".join(" ".join(p.text.split()) for p in passages)
    assert " ".join(left.split()) in text and " ".join(both.split()) in text, text
    assert "1 Bron: Monitor RES, peildatum 1 januari 2025." in text
    assert {p.citation.section[-1] for p in passages} == {"Voorwoord", "4 Participatie"}


def test_the_items_of_a_numbered_list_set_close_together_are_paragraphs_of_their_own(corpus):
    """A black-box report: a report's recommendations, numbered with a hanging indent at a little more than the
    text's line distance, read as one paragraph ("… in de jaarstukken. 2. Verzoek het college …"), so a
    highlight of the first ended in "2."."""
    pdf = canvas.Canvas(str(corpus / "rekenkamerrapport-2025.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Aanbevelingen")
    y = paragraph(pdf, 72, HEIGHT - 110, WIDTH - 144, "De rekenkamercommissie doet de volgende aanbevelingen:".split())
    items = ["Verzoek het college om voor elk beleidsdoel een meetbare indicator met een streefwaarde vast te "
             "stellen en hierover jaarlijks te rapporteren in de jaarstukken.",
             "Verzoek het college de raming van de uitgaven voortaan te baseren op de realisatie van het "
             "voorgaande jaar en deze rekenmethode in de begroting toe te lichten.",
             "Spreek met het college af dat de raad elk kwartaal een rapportage ontvangt."]
    for number, item in enumerate(items, start=1):
        y -= 5  # the list's own distance: 18 points between items, 13 between an item's lines
        pdf.setFont("Helvetica", 10)
        pdf.drawString(80, y, f"{number}.")
        y = paragraph(pdf, 92, y, WIDTH - 164, item.split())
    pdf.save()
    [passage] = ingest(corpus).passages
    paragraphs = [" ".join(p.split()) for p in passage.text.split("\n\n")]
    assert paragraphs[-3:] == [f"{n}. {item}" for n, item in enumerate(items, start=1)], paragraphs


def test_a_nested_lists_items_and_the_next_item_after_them_are_paragraphs_of_their_own(corpus):
    """A black-box report (2026-12-02): in a list of priorities, each with its own list of a., b., c., every item of
    the outer list ran on from the last inner item before it ("… ditmaal bij nacht. 2. Schoon en gezond water a.
    zes extra vispassages …"), and the first inner item from its title: the outer item's number only counted as
    an item where the item just before stood, and it had the inner items' indent. A risk list's "2. Uitval …"
    after "a. kans 50 procent, …" (no full stop) the same."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-prioriteiten.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Prioriteiten voor 2025")
    y = paragraph(pdf, 72, HEIGHT - 110, WIDTH - 144, "Het bestuur heeft de volgende prioriteiten vastgesteld:".split())
    outline = {"1. Waterveiligheid op orde": ["a. de dijkversterking Tiel–Waardenburg voor 80 procent opleveren;",
                                              "b. een tweede oefening met de veiligheidsregio houden, ditmaal bij nacht."],
               "2. Schoon en gezond water": ["a. zes extra vispassages aanleggen in de Korne en de Linge;",
                                             "b. met 140 agrariërs afspraken maken over bufferstroken."],
               "3. Uitval van de meldkamer": ["a. kans 10 procent, financieel effect € 450.000"],
               "4. Claims na grote incidenten": ["a. kans 25 procent, financieel effect € 250.000"]}
    pdf.setFont("Helvetica", 10)
    for item, inner in outline.items():
        y -= 14
        pdf.drawString(90, y, item)
        for line in inner:
            y -= 14
            pdf.drawString(108, y, line)
    pdf.save()
    [passage] = ingest(corpus).passages
    paragraphs = [" ".join(p.split()) for p in passage.text.split("\n\n")]
    assert paragraphs[-10:] == [line for item, inner in outline.items() for line in (item, *inner)], paragraphs


def test_a_box_beside_the_text_below_a_wide_table_is_read_as_a_column_of_its_own(corpus):
    """A black-box report: below a table of five columns, a box ("Kader 1") beside the text was read line by
    line into it ("… via de programmabegroting, de voorjaarsnota, krijgen: via het Jeugd- en Gezinsteam …"),
    and the section's heading joined the box's title as a table row: the table's rows, with cells on both sides
    of the gap between text and box, kept the page from having columns."""
    pdf = canvas.Canvas(str(corpus / "rekenkamerrapport-jeugdhulp.pdf"), pagesize=A4)
    y = HEIGHT - 80
    pdf.setFont("Helvetica-Bold", 9)
    for x, cell in zip((72, 110, 220, 330, 470), ("Nr.", "Aanbieder", "Segment", "Financiering", "Omzet")):
        pdf.drawString(x, y, cell)
    pdf.setFont("Helvetica", 9)
    for n in range(12):
        y -= 20
        for x, cell in zip((72, 110, 220, 330, 470), (str(13 + n), f"Stichting Zorg {n}", "Ambulant",
                                                         "Trajectfinanciering", f"{571 - 20 * n}.200")):
            pdf.drawString(x, y, cell)
    top = y - 50
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, top, "3.2 Informatie aan de raad")
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawString(330, top, "Kader 1 Hoe werkt de toegang?")
    text = ("De raad ontvangt informatie over de jeugdhulp via de programmabegroting, de voorjaarsnota, de najaarsnota "
            "en de jaarstukken. Daarnaast stuurde het college in de onderzoeksperiode elf raadsinformatiebrieven over "
            "jeugdhulp. In de programmabegroting worden vier prestatie-indicatoren gebruikt.")
    box = ("Een gezin kan op drie manieren jeugdhulp krijgen: via het Jeugd- en Gezinsteam, via een verwijzing van "
           "de huisarts of jeugdarts, of via een beslissing van de kinderrechter. Het team werkt vanuit drie locaties.")
    paragraph(pdf, 72, top - 20, 230, text.split(), size=10)
    paragraph(pdf, 330, top - 17, 190, box.split(), size=9)
    pdf.save()
    passages = ingest(corpus).passages
    read = {(p.citation.section or [""])[-1]: " ".join(p.text.split()) for p in passages}
    assert text in read["3.2 Informatie aan de raad"], read
    assert box in " ".join(read.values()), read


def test_a_short_justified_line_in_a_column_is_one_line_and_the_heading_beside_it_stays_a_heading(corpus):
    """Black-box reports: in two justified columns, a line of few long words was stretched to gaps of 1.6
    ems, read as a table's row and joined to the heading that stood beside it in the other column; stretched
    further, each word was a cell of its own ("Het | team | wordt | gefinancierd | uit | de")."""
    pdf = canvas.Canvas(str(corpus / "participatie-2025.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 80, "4 Participatie")
    left = ["In de regio zijn negen energiecoöperaties actief, met samen 4.870",
            "leden. De grootste is Energiecoöperatie Merwestroom in",
            "Merwestein, met 1.640 leden. Sinds 2023 werken de coöperaties",
            "samen in de koepel Linge Energie Collectief en delen zij kennis.",
            "De coöperaties zijn vooral actief met zon op daken van scholen,",
            "sporthallen en boerenschuren en met energieadvies aan huis.",
            "Het team wordt gefinancierd uit de",  # stretched to gaps of three ems: each word a fragment
            "Impulsaanpak Winkelgebieden van het Rijk en de provincie Drenthe."]
    short = left[1]
    width = pdf.stringWidth(short, "Helvetica", 9) + short.count(" ") * (14.5 - pdf.stringWidth(" ", "Helvetica", 9))
    y = HEIGHT - 120
    for line in left:  # each line's spaces stretched to fill the column (word spacing), as justified text is set
        text = pdf.beginText(72, y)
        text.setFont("Helvetica", 9)
        text.setWordSpace((width - pdf.stringWidth(line, "Helvetica", 9)) / line.count(" "))
        text.textOut(line)
        pdf.drawText(text)
        y -= 13
    right = [(HEIGHT - 120, "Het fonds is op 1 februari 2025 geopend."),
             (HEIGHT - 146, "Het verstrekt leningen aan coöperaties"),
             (HEIGHT - 159, "voor ontwikkelkosten, tot 150.000 euro."),
             (HEIGHT - 172, "Er zijn twee leningen verstrekt.")]
    pdf.setFont("Helvetica", 9)
    for at, line in right:
        pdf.drawString(72 + width + 26, at, line)
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(72 + width + 26, HEIGHT - 133, "4.3 Participatiefonds")  # on the short line's baseline
    pdf.save()
    passages = ingest(corpus).passages
    read = {p.citation.section[-1]: " ".join(p.text.split()) for p in passages}
    assert " ".join(left) in read["4 Participatie"], read
    assert " ".join(line for _, line in right[1:]) in read["4.3 Participatiefonds"], read


def test_two_columns_above_a_chapter_in_full_width_are_columns_and_the_chapter_follows_them(corpus):
    """A black-box report (Typst): two columns on one baseline grid, under a chapter's heading and above the next
    chapter in full width, read as a table of two columns ("7.1 Binnenstadsmonitor Zuid | 7.2 Werkbezoeken"):
    the full-width lines crossed the gutter too often for columns; found, the next chapter's heading below the
    shorter left column came before the right one."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 80, "7 Themagroep Economie")
    column = (WIDTH - 144 - 24) / 2
    left = ("In 2024 startte de themagroep de Binnenstadsmonitor Zuid. De monitor meet elk half jaar de leegstand, het "
            "aantal bezoekers en de waardering van de binnenstad in alle elf steden.")
    right = ("De themagroep bracht drie werkbezoeken: aan het stationsgebied in Breda, aan de Maasboulevard in Venlo "
             "en aan het programma Heerlen Stad. Daar werd vooral gekeken naar wonen en winkelen in de binnenstad. "
             "Zeven leden sloten zich in 2024 aan bij de landelijke Retaildeal voor kleinere winkelgebieden.")
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, HEIGHT - 115, "7.1 Binnenstadsmonitor")
    pdf.drawString(72 + column + 24, HEIGHT - 115, "7.2 Werkbezoeken")
    paragraph(pdf, 72, HEIGHT - 135, column, left.split())
    bottom = paragraph(pdf, 72 + column + 24, HEIGHT - 135, column, right.split())
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, bottom - 40, "8 Lobby en samenwerking")
    chapter = " ".join(words(120))
    paragraph(pdf, 72, bottom - 70, WIDTH - 144, chapter.split())
    pdf.save()
    read = {(p.citation.section or [""])[-1]: " ".join(p.text.split()) for p in ingest(corpus).passages}
    assert read["7.1 Binnenstadsmonitor"] == left and read["7.2 Werkbezoeken"] == right, read
    assert read["8 Lobby en samenwerking"] == chapter, read


def test_a_sub_heading_under_even_columns_before_a_full_width_line_is_read_after_both_columns(corpus):
    """A black-box report (a browser's PDF): "5.2 Jeugd en Onderwijs", set under two columns that end together,
    two and a half lines below them and above its chair's full-width line, was read after the left column,
    so the right column's "Fiets en openbaar vervoer" of 5.1 was filed under 5.2."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "5.1 Mobiliteit")
    column = (WIDTH - 144 - 24) / 2
    left = " ".join(words(40))
    right = "Fiets en openbaar vervoer. " + " ".join(words(36, 5))
    paragraph(pdf, 72, HEIGHT - 110, column, left.split())
    bottom = paragraph(pdf, 72 + column + 24, HEIGHT - 110, column, right.split())
    pdf.setFont("Helvetica-Bold", 12.5)
    pdf.drawString(72, bottom - 20, "5.2 Jeugd en Onderwijs")  # 2.6 lines of text below the columns' ends
    chair = "Voorzitter themagroep: wethouder Fatima El Idrissi van de gemeente Assen, sinds maart 2022 in functie."
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, bottom - 45, chair)
    paragraph(pdf, 72, bottom - 70, column, words(30, 9))
    paragraph(pdf, 72 + column + 24, bottom - 70, column, words(30, 11))
    pdf.save()
    read: dict[str, str] = {}
    for p in ingest(corpus).passages:
        read[p.citation.section[-1]] = read.get(p.citation.section[-1], "") + " " + " ".join(p.text.split())
    assert right in read["5.1 Mobiliteit"] and right not in read["5.2 Jeugd en Onderwijs"], read
    assert chair in read["5.2 Jeugd en Onderwijs"], read


def test_a_tables_years_set_evenly_apart_stay_cells_and_a_line_beside_a_small_table_stays_in_its_column(corpus):
    """A review: figures the same distance apart ("2021  2022  2023  2024", 40 points) read as a justified line's
    stretched spaces, one cell; and a short line ending the left column's paragraph was pulled into the row of
    a small table beside it in the right column, across the gutter."""
    pdf = canvas.Canvas(str(corpus / "kerncijfers-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Kerncijfers")
    pdf.setFont("Helvetica", 10)
    for n, cells in enumerate((["Soort", "2021", "2022", "2023", "2024"], ["Meldingen", "987", "1.034", "1.102", "1.190"],
                               ["Inspecties", "3.205", "3.412", "3.780", "3.951"])):
        for x, cell in zip((72, 200, 240, 280, 320), cells):  # 1.8 ems between the years
            pdf.drawString(x, HEIGHT - 110 - 14 * n, cell)
    pdf.showPage()
    column = (WIDTH - 144 - 24) / 2
    paragraph(pdf, 72 + column + 24, HEIGHT - 80, column, words(40, 3))
    y = paragraph(pdf, 72, HEIGHT - 80, column, words(60))  # its last line short
    pdf.setFont("Helvetica", 9)
    for n, cells in enumerate((["Wijk", "2023", "2024"], ["Noord", "12.000", "13.000"], ["Zuid", "8.100", "8.900"])):
        for x, cell in zip((72 + column + 24, 72 + column + 110, 72 + column + 170), cells):
            pdf.drawString(x, y + 13 - 14 * n, cell)  # the table's first row on the left column's last line
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert "Soort | 2021 | 2022 | 2023 | 2024" in text and "Inspecties | 3.205 | 3.412 | 3.780 | 3.951" in text, text
    assert "Noord | 12.000 | 13.000" in text and " ".join(words(60)) in " ".join(text.split()), text


def test_a_box_on_its_own_baseline_holds_no_note_marks_and_a_lists_numbers_below_their_text_come_first(corpus):
    """A black-box report: a box in smaller type beside the text, its lines on a baseline two points above the
    text's, read "Op²⁷ september 2024": the day was taken for a note mark of the line's larger type; and a
    browser's list numbers, set half a point below their items' baselines, came after the line they open
    ("… waarmee werkgevers de | 1.")."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Bereikbaarheid")
    column = (WIDTH - 144 - 24) / 2
    paragraph(pdf, 72, HEIGHT - 110, column, words(70))
    box = ["Op 27 september 2024 opende de", "gedeputeerde de snelfietsroute", "tussen Culemborg en Geldermalsen."]
    pdf.setFont("Helvetica", 8.5)
    for n, line in enumerate(box):
        pdf.drawString(72 + column + 24, HEIGHT - 108 - 13 * n, line)  # two points above the text's baselines
    pdf.showPage()
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Aanbevelingen")
    items = ["Richt een regionaal Leerwerkfonds op van 3 miljoen euro per jaar voor omscholing.",
             "Maak de huisvesting van arbeidsmigranten een gedeelde opgave van alle gemeenten."]
    pdf.setFont("Helvetica", 10)
    for n, item in enumerate(items, start=1):
        pdf.drawString(72, HEIGHT - 110 - 20 * n - 0.6, f"{n}.")
        pdf.drawString(96, HEIGHT - 110 - 20 * n, item)
    pdf.save()
    text = " ".join(" ".join(p.text.split()) for p in ingest(corpus).passages)
    assert " ".join(box) in text, text
    assert all(f"{n}. {item}" in text for n, item in enumerate(items, start=1)), text


def test_a_decision_lists_item_with_a_letter_is_a_heading_of_its_own(corpus):
    """A black-box report: "8a. Zienswijze begroting 2026 …", in the bold of the list's "8. Ingekomen stukken",
    was no heading: a number with a letter was no number."""
    pdf = canvas.Canvas(str(corpus / "besluitenlijst-db-2025.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 80, "Besluitenlijst Dagelijks Bestuur")
    y = HEIGHT - 120
    for title in ("8. Ingekomen stukken", "8a. Zienswijze begroting 2026 Veiligheidsregio", "9. Rondvraag en sluiting"):
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(72, y, title)
        y = paragraph(pdf, 72, y - 18, WIDTH - 144, words(30)) - 14
    pdf.save()
    sections = {p.citation.section[-1] for p in ingest(corpus).passages}
    assert "8a. Zienswijze begroting 2026 Veiligheidsregio" in sections, sections


ACTIONS = [("2024-21", "Toetredingsovereenkomst met Weert opstellen en laten ondertekenen", "Bureau (L. Hermans)",
            "15 december 2024"),
           ("2024-22", "Position paper Ravijnjaar 2026 aanbieden aan de vaste Kamercommissie voor Binnenlandse Zaken",
            "Voorzitter en wethouder Raaijmakers", "3 december 2024"),
           ("2024-23", "Offerteaanvraag voor de externe evaluatie van de themagroepen uitzetten bij drie bureaus",
            "Bureau", "31 januari 2025")]


def ruled_table(path: Path, style: list, rows: list[tuple[str, ...]], widths: list[float], rule_above: bool,
                closing: str = "Vastgesteld in de vergadering van het Algemeen Bestuur van 11 februari 2025.",
                intro: str = "") -> None:
    """A page with a heading, an ``intro`` line, a table whose cells wrap (reportlab's platypus, each cell a
    paragraph) and a ``closing`` paragraph after it; with ``rule_above``, a running rule as wide as the table
    above the heading."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    def page(pdf, _document):
        if rule_above:
            pdf.line(72, HEIGHT - 50, 72 + sum(widths), HEIGHT - 50)

    body = getSampleStyleSheet()["BodyText"]
    table = Table([[Paragraph(cell, body) for cell in row] for row in rows], colWidths=widths, style=style)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=72, rightMargin=WIDTH - 72 - sum(widths), topMargin=72).build(
        [Paragraph("Actielijst", getSampleStyleSheet()["Heading2"]), *([Paragraph(intro, body)] if intro else []),
         table, Spacer(1, 24),
         Paragraph(closing, body)],
        onFirstPage=page)


def test_a_ruled_tables_row_whose_cells_wrap_is_one_row_with_or_without_vertical_rules(corpus):
    """Black-box reports (Typst, WeasyPrint, Chromium): a table's cells that wrap over two or three lines were read
    line by line, each line a row ("2024-22 | Position paper … | Voorzitter en | 3 december", then "aanbieden aan
    de vaste | wethouder | 2024"), the action cut off from who does it and when. Between two of a table's rules
    is one row: with a grid (a cell's words cut at its vertical rule however close), with rules under each row
    only and the short cells set in the middle of the row, as a browser does, under a running rule as wide
    as the table, which makes no row of the heading above the table (nor, in a review, hides the channel
    between the first two columns with a line under the heading), and where only the header's shaded cells
    have upright sides."""
    rows = [("nr", "actie", "wie", "wanneer"), *ACTIONS]
    grid = [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]
    lines_only = [("LINEBELOW", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("LINEABOVE", (0, 0), (-1, 0), 0.5, (0, 0, 0)),
                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    shaded_header = [("LINEBELOW", (0, 0), (-1, -1), 0.5, (0, 0, 0)),  # each header cell shaded: its sides the
                     *[("BACKGROUND", (n, 0), (n, 0), (0.8, 0.85, 0.9 - 0.05 * n)) for n in range(4)]]  # only uprights
    for name, style, rule_above, intro in (("grid", grid, False, ""), ("lijnen", lines_only, True, ""),
                                           ("kop", shaded_header, False, ""),
                                           ("intro", lines_only, True, "Stand van zaken per maart.")):
        folder = corpus / name
        folder.mkdir()
        ruled_table(folder / f"besluitenlijst-{name}.pdf", style, rows, [60, 180, 110, 90], rule_above, intro=intro)
        passages = ingest(folder).passages
        text = "\n".join(p.text for p in passages)
        for action in ACTIONS:
            assert " | ".join(action) in text, (name, text)
        assert "nr | actie | wie | wanneer" in text, (name, text)
        assert "Actielijst" in {p.citation.section[-1] for p in passages}, (name, [p.citation.section for p in passages])


def test_a_table_ruled_only_above_under_its_header_and_around_its_total_keeps_a_row_per_line(corpus):
    """Rows between two rules are one row only where a cell wraps: a table ruled above, under its header, above
    its total and below (no rule between its rows) holds its rows between two rules, each a line of every
    column."""
    rows = [("Gemeente", "Inwoners", "Bijdrage 2024", "Bijdrage 2025"), ("Arnhem", "165.000", "€ 412.500", "€ 429.000"),
            ("Nijmegen", "179.000", "€ 447.500", "€ 465.400"), ("Ede", "121.000", "€ 302.500", "€ 314.600"),
            ("Zevenaar", "44.000", "€ 110.000", "€ 114.400"), ("Totaal", "509.000", "€ 1.272.500", "€ 1.323.400")]
    style = [("LINEABOVE", (0, 0), (-1, 0), 1, (0, 0, 0)), ("LINEBELOW", (0, 0), (-1, 0), 0.5, (0, 0, 0)),
             ("LINEABOVE", (0, -1), (-1, -1), 0.5, (0, 0, 0)), ("LINEBELOW", (0, -1), (-1, -1), 1, (0, 0, 0))]
    ruled_table(corpus / "bijdragen-2025.pdf", style, rows, [120, 90, 100, 100], rule_above=True)
    text = "\n".join(p.text for p in ingest(corpus).passages)
    for row in rows:
        assert " | ".join(row) in text, text


def test_striped_tables_of_other_columns_on_one_page_keep_each_its_own_cells(corpus):
    """A black-box report (ReportLab): three tables on one page, their rows striped, of as wide as each other but
    of other columns, with a paragraph between them. Their stripes' edges were read as one table's rules, the
    channels between the columns taken over all three, and a row's amounts set flush right ran together:
    "Brandweerzorg € 39.870.000 € 30.115.400 … | −1,6%"."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    body = getSampleStyleSheet()["BodyText"]
    tables = [[("Programma", "Begroting 2025", "Realisatie", "Prognose 2025", "Afw. %"),
               ("Brandweerzorg", "€ 39.870.000", "€ 30.115.400", "€ 40.512.000", "−1,6%"),
               ("Crisisbeheersing", "€ 4.015.000", "€ 2.847.900", "€ 3.966.000", "1,2%"),
               ("GHOR", "€ 2.240.000", "€ 1.655.200", "€ 2.251.000", "−0,5%"),
               ("Meldkamer", "€ 4.410.000", "€ 3.412.700", "€ 4.488.000", "−1,8%")],
              [("Kostensoort", "Begroting 2025", "Prognose 2025", "Verschil"),
               ("Salarissen beroepspersoneel", "€ 24.310.000", "€ 25.155.000", "−€ 845.000"),
               ("Vergoedingen vrijwilligers", "€ 5.870.000", "€ 5.702.000", "€ 168.000"),
               ("Inhuur derden", "€ 640.000", "€ 826.000", "−€ 186.000")],
              [("Investering", "Krediet", "Besteed", "Gereed"),
               ("Nieuwbouw kazerne Drieborg", "€ 4.800.000", "€ 312.000", "Q4 2027"),
               ("Twee tankautospuiten", "€ 1.090.000", "€ 1.062.000", "Q3 2025"),
               ("Drones met warmtebeeldcamera", "€ 95.000", "€ 88.000", "Q3 2025")]]
    widths = [[110, 85, 85, 85, 55], [170, 80, 80, 90], [190, 80, 80, 70]]
    style = [("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
             ("ROWBACKGROUNDS", (0, 1), (-1, -1), [(0.92, 0.94, 0.97), (1, 1, 1)])]
    story = [Paragraph("Financiële voortgang", getSampleStyleSheet()["Heading2"])]
    for n, (rows, width) in enumerate(zip(tables, widths)):
        intro = f"De tabel hieronder geeft per post de bedragen van het jaar in euro's; {' '.join(words(18, n))}"
        story += [Paragraph(intro, body), Spacer(1, 6), Table(rows, colWidths=width, style=style), Spacer(1, 12)]
    SimpleDocTemplate(str(corpus / "kwartaalmonitor-q3-2025.pdf"), pagesize=A4, leftMargin=72,
                      rightMargin=WIDTH - 72 - 420).build(story)
    text = "\n".join(p.text for p in ingest(corpus).passages)
    for rows in tables:
        for row in rows[1:]:
            assert " | ".join(row) in text, text


def test_a_line_under_a_rows_later_cell_goes_on_in_that_cell_but_a_figure_under_a_figure_is_the_next_row(corpus):
    """A black-box report (reportlab): a decision list's unruled table of who was there, its names wrapping
    under themselves ("… A. Roozendaal" / "(secretaris-directeur)"), read the second line as a paragraph of its
    own. Under a name left out for the rows after it, a year under a year is the next row's."""
    pdf = canvas.Canvas(str(corpus / "besluitenlijst-db-2025.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 80, "Besluitenlijst Dagelijks Bestuur")
    names = ["M. Verhoeven-de Graaf (voorzitter), H. el Ouazzani, P. Schoonderwoerd, A. Roozendaal",
             "(secretaris-directeur)"]
    for n, (label, lines) in enumerate((("Aanwezig:", names), ("Afwezig:", ["K. van Lienden (met kennisgeving)"]))):
        y = HEIGHT - 120 - 30 * n
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(72, y, label)
        pdf.setFont("Helvetica", 9)
        for k, line in enumerate(lines):
            pdf.drawString(160, y - 12 * k, line)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 220, "Kerncijfers")
    pdf.setFont("Helvetica", 10)
    for n, cells in enumerate((["Meldingen", "2023", "987"], ["", "2024", "1.034"], ["Inspecties", "2023", "3.205"],
                               ["", "2024", "3.412"])):
        for x, cell in zip((72, 200, 260), cells):
            pdf.drawString(x, HEIGHT - 245 - 13 * n, cell)
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert f"Aanwezig: | {' '.join(names)}" in text, text
    assert "Afwezig: | K. van Lienden (met kennisgeving)" in text, text
    assert "Meldingen | 2023 | 987\n2024 | 1.034\nInspecties | 2023 | 3.205\n2024 | 3.412" in text, text


def test_text_between_two_charts_boxes_as_wide_as_each_other_is_no_table_row(corpus):
    """Two bar charts, each on a box of the same width, their bars' sides upright: the boxes' edges stack like a
    table's rules and the bars' sides stand where its columns would meet, and the paragraph between the
    charts was read as a row of a table, its lines cut into cells."""
    pdf = canvas.Canvas(str(corpus / "gezondheidsmonitor-2023.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 80, "Gezondheidsmonitor")

    def chart(top: float, values: list[int], labels: list[str]) -> None:
        pdf.setFillGray(0.95)
        pdf.rect(72, top - 150, 300, 150, stroke=0, fill=1)
        for n, (value, label) in enumerate(zip(values, labels)):
            pdf.setFillGray(0.4)
            pdf.rect(95 + 65 * n, top - 125, 30, value * 1.6, stroke=0, fill=1)
            pdf.setFillGray(0)
            pdf.setFont("Helvetica", 7)
            pdf.drawString(98 + 65 * n, top - 125 + value * 1.6 + 4, f"{value}%")
            pdf.drawString(98 + 65 * n, top - 138, label)

    chart(HEIGHT - 100, [44, 47, 51], ["2016", "2020", "2023"])
    y = paragraph(pdf, 72, HEIGHT - 280, WIDTH - 144, words(45))
    chart(y - 10, [52, 41, 49, 57], ["18-25", "26-64", "65+", "75+"])
    pdf.save()
    text = " ".join(p.text for p in ingest(corpus).passages)
    assert " ".join(words(45)) in text, text


def test_a_cell_merged_over_several_rows_stands_in_each_of_them(corpus):
    """A black-box report (LibreOffice): "Lasten", merged over the rows of four programmes, read those rows'
    names and figures as one row ("Lasten | Wonen Mobiliteit … | 2.140 1.860 …"), so no figure kept its
    programme. Each of the rows it spans is a row of its own, with the merged cell; a header's year over
    two columns splits nothing."""
    rows = [("Onderdeel", "Programma", "2024", ""), ("", "", "Begroting", "Realisatie"),
            ("Lasten", "Wonen", "2.140", "2.015"), ("", "Mobiliteit", "1.860", "1.902"),
            ("", "Energie en klimaat", "1.320", "1.188"), ("Baten", "Bijdragen gemeenten", "5.900", "5.900"),
            ("", "Subsidies Rijk en provincie", "400", "548")]
    style = [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
             ("SPAN", (2, 0), (3, 0)), ("SPAN", (0, 2), (0, 4)), ("SPAN", (0, 5), (0, 6))]
    ruled_table(corpus / "jaarrekening-2024.pdf", style, rows, [80, 160, 90, 90], rule_above=False)
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert ("Onderdeel | Programma | 2024 Begroting | Realisatie\nLasten | Wonen | 2.140 | 2.015\n"
            "Lasten | Mobiliteit | 1.860 | 1.902\nLasten | Energie en klimaat | 1.320 | 1.188\n"
            "Baten | Bijdragen gemeenten | 5.900 | 5.900\nBaten | Subsidies Rijk en provincie | 400 | 548") in text, text


def test_a_word_broken_to_fit_a_narrow_cell_is_joined_and_words_that_wrap_are_not(corpus):
    """A black-box report (LibreOffice): a word processor breaks a word that does not fit a narrow cell without a
    hyphen ("Volksgezondh" / "eid", "vastgoedonderho" / "ud"), and the pieces read as two words no search finds.
    Where the whole is a word of the document or of Dutch and a piece is not, or the piece after the break is one
    or two letters the document never has alone, the word is joined; words that wrap stay apart."""
    rows = [("Programma", "Toelichting", "Lasten 2025"),
            ("Volksgezondheid", "Ondergrondse containers in de wijk", "8.133"),
            ("Vastgoedonderhoud", "Dekking uit de stelpost voor de komende jaren", "-80.300"),
            ("Sportaccommodaties", "Renovatie van sporthal De Brink in de planning", "310.000")]
    ruled_table(corpus / "begroting-2025.pdf", [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))], rows, [62, 150, 80],
                rule_above=False, closing="De sportaccommodaties en het vastgoedonderhoud worden uit de stelpost "
                                          "betaald.")
    text = "\n".join(p.text for p in ingest(corpus).passages)
    for row in rows:
        assert " | ".join(row) in text, text


def test_rows_whose_cells_all_wrap_and_a_cell_merged_in_the_last_column_read_as_rows(corpus):
    """A review: a grid whose every cell wraps to two lines on shared baselines was read line by line (taken for a
    table ruled only round its header); and a cell merged over three rows in the last column merged their
    figures again."""
    rows = [("Organisatie", "Contactpersoon"), ("Gemeente Zwolle<br/>Afdeling Wonen", "Jan Jansen<br/>038 123 4567"),
            ("Gemeente Deventer<br/>Team Zorg", "Fatima el Amrani<br/>0570 765 432"),
            ("Provincie Overijssel<br/>Eenheid Economie", "Piet de Boer<br/>038 999 0000")]
    ruled_table(corpus / "contacten.pdf", [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))], rows, [160, 160], False)
    portfolios = [("Programma", "Begroting", "Portefeuille"), ("Wonen", "2.140", "Wethouder Jansen"),
                  ("Mobiliteit", "1.860", ""), ("Energie en klimaat", "1.320", ""), ("Cultuur", "300", "Wethouder Smit")]
    ruled_table(corpus / "portefeuilles.pdf", [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("SPAN", (2, 1), (2, 3))],
                portfolios, [120, 90, 130], False)
    for name, folder in (("contacten", "a"), ("portefeuilles", "b")):
        (corpus / folder).mkdir()
        (corpus / f"{name}.pdf").rename(corpus / folder / f"{name}.pdf")
    text = "\n".join(p.text for p in ingest(corpus / "a").passages)
    assert "Gemeente Zwolle Afdeling Wonen | Jan Jansen 038 123 4567" in text, text
    text = "\n".join(p.text for p in ingest(corpus / "b").passages)
    for programme, figure in (("Wonen", "2.140"), ("Mobiliteit", "1.860"), ("Energie en klimaat", "1.320")):
        assert f"{programme} | {figure} | Wethouder Jansen" in text, text
    assert "Cultuur | 300 | Wethouder Smit" in text, text


def test_a_numbered_heading_and_articles_between_rules_are_no_table_rows(corpus):
    """A review: a numbered heading set apart from its title ("1.1   Aanleiding") with its paragraph hanging under
    the title became one row, "1.1 | Aanleiding De gemeente …"; and short articles in two columns between
    rules as wide as the page became one row each, the heading in the first cell."""
    pdf = canvas.Canvas(str(corpus / "raadsvoorstel.pdf"), pagesize=A4)
    y = HEIGHT - 80
    for k, title in enumerate(("Aanleiding", "Doel van het voorstel")):
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(72, y, f"1.{k + 1}")
        pdf.drawString(100, y, title)
        y = paragraph(pdf, 100, y - 13, WIDTH - 172, words(40, k)) - 14
    pdf.showPage()
    y = HEIGHT - 72
    column = (WIDTH - 164) / 2
    for k in range(3):
        pdf.line(72, y, WIDTH - 72, y)
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(72, y - 18, f"Nieuws uit de regio {k + 1}")
        y = min(paragraph(pdf, 72, y - 36, column, words(40, k)), paragraph(pdf, 92 + column, y - 36, column,
                                                                            words(30, k + 3))) - 10
    pdf.line(72, y, WIDTH - 72, y)
    pdf.save()
    passages = ingest(corpus).passages
    text = "\n".join(p.text for p in passages)
    assert not [line for line in text.splitlines() if " | " in line and line not in ("1.1 | Aanleiding",
                                                                                    "1.2 | Doel van het voorstel")]
    assert " ".join(words(40)) in " ".join(text.split()), text
    assert "Nieuws uit de regio 2" in {p.citation.section[-1] for p in passages if p.citation.section}, text


def test_only_a_word_broken_to_fit_its_cell_is_joined_not_short_words_that_wrap():
    """A review: "Wat doen we" / "nu", "Oppervlakte in" / "ha" and "Kosten per" / "m2" were glued ("wenu"): a piece
    of one or two letters the document never has alone is joined only after a piece that is no Dutch word."""
    from vraagbaak.ingest.layout import PdfLine
    from vraagbaak.ingest.ruled_tables import CELL_BREAK, cell_breaks_resolved

    cells = ["Wat doen we", "nu", "Oppervlakte in", "ha", "Kosten per", "m2", "Volksgezondh", "eid", "vastgoedonderho",
             "ud"]
    lines = [PdfLine(1, " | ".join(f"{a}{CELL_BREAK}{b}" for a, b in zip(cells[::2], cells[1::2])), 10, False, True,
                     True), PdfLine(1, "Het vastgoedonderhoud van de gemeente gaat voor.", 10, False, False, True)]
    cell_breaks_resolved(lines)
    assert lines[0].text == ("Wat doen we nu | Oppervlakte in ha | Kosten per m2 | Volksgezondheid | "
                             "vastgoedonderhoud"), lines[0].text
    # A black-box report (LibreOffice Writer): the whole word opened a line of the text, so it was not counted as
    # the document's, and one stray count of the piece before the break made that a word: "uitvoeringsprogram ma".
    lines = [PdfLine(1, "In 2023 voerde de ODRV 1.946 controles uit. In het", 10, False, False, True),
             PdfLine(1, "uitvoeringsprogramma waren 2.150 controles gepland.", 10, False, False, False),
             PdfLine(1, f"Ede | Regulier volgens het uitvoeringsprogram{CELL_BREAK}ma 2023.", 10, False, True, True),
             PdfLine(1, "Zie uitvoeringsprogram en ma.", 10, False, False, True)]
    cell_breaks_resolved(lines)
    assert lines[2].text == "Ede | Regulier volgens het uitvoeringsprogramma 2023.", lines[2].text


def test_text_boxes_side_by_side_and_a_box_beside_the_text_are_read_box_by_box(corpus):
    """Black-box reports (LibreOffice Impress, Writer): three callouts side by side were read line by line across
    them as a table's rows ("Aanleg warmtenet kost € 14,8 | De warmtepomp bij het gemaal"), and a frame in smaller
    type beside the text ran into its lines ("… Lingehoven, Maasdal, Op 3 juni 2024 is de"). Boxes whose cells meet
    are a table's shading, read as before."""
    pdf = canvas.Canvas(str(corpus / "stuurgroep-warmte.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, HEIGHT - 80, "Risico's")
    callouts = (("Draagvlak", "Slechts 31% van de bewoners van Oostpoort is positief over het warmtenet."),
                ("Kosten", "Aanleg warmtenet kost € 14,8 miljoen; de gemeente staat garant voor € 3 miljoen."),
                ("Techniek", "De warmtepomp bij het gemaal Oostpoort is pas in maart 2026 leverbaar."))
    for n, (title, text) in enumerate(callouts):
        x = 60 + 165 * n
        pdf.setFillColorRGB(0.9, 0.8, 0.6)
        pdf.roundRect(x, HEIGHT - 260, 150, 140, 8, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Helvetica", 11)
        pdf.drawString(x + 8, HEIGHT - 140, title)
        paragraph(pdf, x + 8, HEIGHT - 156, 134, text.split(), size=11)
    beside, below = " ".join((FILLER * 3)[:50]), " ".join(words(30, 50))  # one sentence, beside the frame and below
    body = f"{beside} {below}"
    frame = ("Op 3 juni 2024 is de gemeenschappelijke meldkamer verhuisd naar het Veiligheidshuis in Zaltbrug. In het "
             "nieuwe gebouw werken 64 meldkamercentralisten van brandweer, ambulancezorg en politie samen.")
    pdf.showPage()
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Bestuur")
    y = justified(pdf, 72, HEIGHT - 110, 270, beside, size=11)
    paragraph(pdf, 72, y, WIDTH - 144, below.split(), size=11)
    bottom = paragraph(pdf, 354, HEIGHT - 111, 160, frame.split(), size=9.5)  # a frame 12 points away
    pdf.rect(350, bottom + 6, 170, HEIGHT - 111 - bottom + 6, stroke=1, fill=0)
    pdf.setFont("Helvetica", 8)
    for n, cells in enumerate((("Volksgezondheid", "Containers Wolderveen", "2025", "228.000"),
                               ("", "Klimaatadaptatie wijk\nMolenakkers", "2026", "515.000"))):
        y = HEIGHT - 480 - 12 * n
        for x, width, cell in zip((72, 180, 300, 400), (108, 120, 100, 100), cells):
            pdf.setFillColorRGB(0.85, 0.9, 0.95)
            pdf.rect(x, y - 13 * n - 3, width, 12 + 10 * n, stroke=0, fill=1)  # the second row two lines deep
            pdf.setFillColorRGB(0, 0, 0)
            for k, line in enumerate(cell.split("\n")):
                pdf.drawString(x + 2, y - 10 * k, line)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, HEIGHT - 560, "Reserves")
    paragraph(pdf, 72, HEIGHT - 580, 400, words(20), size=10)
    pdf.showPage()  # the frame again without its border: a column beside the paragraph's end
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Meldkamer")
    y = justified(pdf, 72, HEIGHT - 110, 270, beside, size=11)
    paragraph(pdf, 72, y, WIDTH - 144, below.split(), size=11)
    paragraph(pdf, 354, HEIGHT - 111, 160, frame.split(), size=9.5)
    pdf.save()
    text = "\n\n".join(p.text for p in ingest(corpus).passages)
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    for title, callout in callouts:
        assert f"{title} {callout}" in paragraphs, paragraphs
    assert text.index("Draagvlak") < text.index("Kosten") < text.index("Techniek") < text.index(body[:40])
    assert paragraphs.count(body) == 2 and paragraphs.count(frame) == 2, paragraphs
    from vraagbaak.ingest.pdf import read_layout

    lines = [line for line in read_layout((corpus / "stuurgroep-warmte.pdf").read_bytes()).lines if line.page == 3]
    read = " ".join(line.text for line in lines)
    assert body in " ".join(read.split()) and not lines[-1].text.startswith("Op 3 juni"), read  # the frame after
    assert "Klimaatadaptatie wijk | 2026 | 515.000" in text, text


def test_footnote_numbers_that_rise_with_their_pages_label_no_page_a_footer_numbers(corpus):
    """A black-box report (LibreOffice Writer): notes 1 and 2 at the foot of pages 3 and 4 of a report whose footer
    says "pagina 3" and "pagina 4" counted with the pages and labelled them "1" and "2"."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    for page in range(1, 6):
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, HEIGHT - 80, f"{page} Hoofdstuk {page}")
        paragraph(pdf, 72, HEIGHT - 110, WIDTH - 144, words(120, page))
        if page in (3, 4):
            pdf.setFont("Helvetica", 8)
            pdf.drawString(72, 70, str(page - 2))
            pdf.drawString(100, 70, f"Noot {page - 2}: de leverancier heeft een boete betaald.")
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 40, f"Jaarverslag 2024 | pagina {page}")
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    assert document.source.page_labels == {page: str(page) for page in range(1, 6)}
    text = "\n".join(p.text for p in document.passages)
    assert "Noot 1" in text and "pagina" not in text


def slides_of_text(pdf, title_size: float, size: float) -> None:
    """Two slides of running text in ``size`` under titles in ``title_size``: the deck's usual type, which a slide
    of smaller text is measured against."""
    for title in ("Planning", "Vervolg"):
        pdf.setFont("Helvetica", title_size)
        pdf.drawString(46, 456, title)
        paragraph(pdf, 46, 410, 860, words(85, len(title)), size=size)
        pdf.showPage()


def test_a_slides_small_text_under_its_title_and_a_box_before_the_notes_stay_in_place(corpus):
    """A black-box report (LibreOffice Impress): on a slide whose text is smaller than the deck's usual, the text
    under the title was taken for footnotes and put before the title, out of its section. And notes at a page's
    foot, after a box in small type read before them, stayed at the foot, away from their marks."""
    pdf = canvas.Canvas(str(corpus / "presentatie-warmte.pdf"), pagesize=(960, 540))
    pdf.setFont("Helvetica", 30)
    pdf.drawString(46, 456, "Het warmtebedrijf")
    for n, line in enumerate(("WarmteVecht B.V.", "Joint venture van Energiecoöperatie Vechtstroom",
                              "Warmtebron: aquathermie uit de Vecht,", "aangevuld met een elektrische piekketel")):
        pdf.setFont("Helvetica", 16)
        pdf.drawString(50, 380 - 20 * n, line)
    pdf.setFillColorRGB(0.9, 0.95, 0.9)
    pdf.rect(500, 280, 400, 140, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    for n, line in enumerate(("Wat betaalt een bewoner?", "Aansluitbijdrage: € 0 voor huurders")):
        pdf.drawString(510, 390 - 20 * n, line)
    pdf.showPage()
    slides_of_text(pdf, title_size=30, size=18)
    pdf.save()
    document = ingest(corpus)
    [slide] = [p for p in document.passages if "piekketel" in p.text]
    assert slide.citation.section[-1] == "Het warmtebedrijf", slide.citation
    assert slide.text.index("piekketel") < slide.text.index("Wat betaalt een bewoner?")


def test_notes_after_a_box_in_small_type_at_the_foot_go_after_their_marks(corpus):
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Het netwerk")
    x = superscript(pdf, 72, HEIGHT - 110, "Het netwerk telt 164 ambtenaren.", "1")
    superscript(pdf, x + 3, HEIGHT - 110, "De bijdrage is gelijk gebleven.", "2")
    paragraph(pdf, 72, HEIGHT - 140, WIDTH - 144, words(60), size=10)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 300, "Lobby")
    bottom = paragraph(pdf, 72, HEIGHT - 330, WIDTH - 144, words(80, 5), size=10)
    paragraph(pdf, 72, bottom - 20, 250, words(40, 9), size=10)
    pdf.setFillColorRGB(0.95, 0.9, 0.8)
    pdf.rect(340, bottom - 110, 190, 100, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    paragraph(pdf, 348, bottom - 24, 170, "Contact: het secretariaat is elke werkdag bereikbaar.".split(), size=8)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(72, 70, "1 Geteld zijn ambtenaren met een vaste rol in een themagroep.")
    pdf.drawString(72, 60, "2 De bijdrage volgt het aantal inwoners per 1 januari.")
    pdf.save()
    from vraagbaak.ingest.pdf import read_layout

    lines = [line.text for line in read_layout((corpus / "jaarverslag-2024.pdf").read_bytes()).lines]
    marks = next(n for n, line in enumerate(lines) if line.endswith("gelijk gebleven.²"))
    assert lines[marks + 1].startswith("1 Geteld") and lines[marks + 2].startswith("2 De bijdrage"), lines


def test_two_lists_side_by_side_on_a_slide_are_two_columns_each_under_its_own_head(corpus):
    """A black-box report (LibreOffice Impress, "Title, 2 Content"): two lists side by side, their items wrapping
    short, were read as a table's rows ("– 600 nieuwe sociale | – 250 nieuwe sociale"), and where columns were
    found, one list's items were put before both heads as if they were footnotes."""
    pdf = canvas.Canvas(str(corpus / "presentatie-woningbouw.pdf"), pagesize=(960, 540))
    columns = {44: ("• Lindeveen Wonen", "– 600 nieuwe sociale", "huurwoningen tot 2030", "– 1.100 bestaande woningen",
                    "verduurzaamd naar minimaal", "label B"),
               374: ("• Vechtstaete Wonen", "– 250 nieuwe sociale", "huurwoningen tot 2030",
                     "– huurbevriezing in 2025 voor", "huurders met een laag", "inkomen")}
    pdf.setFont("Helvetica", 44)
    pdf.drawString(73, 482, "Prestatieafspraken met de")
    pdf.drawString(238, 430, "corporaties")
    for x, lines in columns.items():
        for n, line in enumerate(lines):
            pdf.setFont("Helvetica", 20 if n == 0 else 16)
            indent = 0 if n == 0 else 35 if line.startswith("–") else 59
            pdf.drawString(x + indent, 390 - (23 if n else 0) - 20 * max(n - 1, 0), line)
    pdf.showPage()
    slides_of_text(pdf, title_size=44, size=20)
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    read = text.split("• Lindeveen Wonen")[1].split("• Vechtstaete Wonen")
    assert " | " not in text, text
    assert " ".join(" ".join(columns[44][1:]).split()) in " ".join(read[0].split()), text
    assert " ".join(" ".join(columns[374][1:]).split()) in " ".join(read[1].split()), text


def test_a_tables_notes_in_a_last_column_of_prose_stay_in_their_rows(corpus):
    """A black-box report (LibreOffice Calc): a monitor's last column of notes, two lines each, was read as a
    column of text of its own after the table (its header cell a heading): no note kept its row's subject. Its
    header over the figures, one line across their columns, and a line above the table left only the gap before
    the notes for a gutter."""
    pdf = canvas.Canvas(str(corpus / "monitor-sociaal-domein.pdf"), pagesize=(842, 595))
    rows = [(theme, indicator, str(100 + 7 * n), str(110 + 9 * n), str(120 + 5 * n), note)
            for n, (theme, indicator, note) in enumerate((
                ("Jeugd", "Jeugdigen met jeugdhulp", "De stijging zit vooral bij ambulante hulp voor 12- tot "
                                                     "17-jarigen in de wijk Oostpoort."),
                ("Wmo", "Cliënten met huishoudelijke hulp", "Effect van het abonnementstarief van € 21,80 per "
                                                            "maand; de wachtlijst is 38 inwoners."),
                ("Schulden", "Nieuwe aanmeldingen schuldhulp", "Hoogste aantal sinds de start van de monitor door "
                                                              "hoge energierekeningen."),
                ("Armoede", "Huishoudens met Lindeveenpas", "De pas geeft korting op sport, cultuur en het zwembad; "
                                                           "de inkomensgrens is 130%.")))]
    pdf.setFont("Helvetica", 9)
    pdf.drawString(40, 545, "Peildatum 30 september 2025. Samengesteld door het team Onderzoek en Statistiek van de gemeente.")
    pdf.setFont("Helvetica-Bold", 9)
    for x, cell in ((40, "Thema"), (110, "Indicator"), (360, "Q1 2025     Q2 2025     Q3 2025"), (520, "Toelichting")):
        pdf.drawString(x, 520, cell)
    y = 504
    for row in rows:
        pdf.setFont("Helvetica", 9)
        for x, cell in zip((40, 110, 360, 415, 470), row[:5]):
            pdf.drawString(x, y, cell)
        y = paragraph(pdf, 520, y, 230, row[5].split(), size=9) - 4
    pdf.save()
    text = "\n".join(p.text for p in ingest(corpus).passages)
    for *cells, note in rows:
        assert f"{' | '.join(cells)} | {note}" in text, text


def test_a_box_waits_for_the_sentence_beside_it_to_end_also_where_the_text_goes_on_in_a_run_of_its_own(monkeypatch):
    """A black-box report (LibreOffice Writer): the text beside a box went on below it in lines as wide as the
    page, which the columns' reading put in a run of their own; the box was read between the two halves of a
    sentence ("Om dit doel te halen wordt" | box | "de dagdienstploeg in Varikhem …")."""
    from vraagbaak.ingest import columns
    from vraagbaak.ingest.layout import Fragment

    def line(y: float, text: str, x0: float = 72, x1: float = 340) -> Fragment:
        return Fragment(1, x0, x1, y, 11, False, text)

    beside = [line(100, "Het doel is dat de brandweer snel ter plaatse is."), line(114, "Om dit doel te halen wordt")]
    below = [line(128, "de dagdienstploeg structureel gemaakt.", x1=520), line(142, "Daarna volgt de tabel.", x1=520)]
    box = [line(96, "Investering 2026", 360, 520), line(110, "Zes nieuwe tankautospuiten.", 360, 520)]
    monkeypatch.setattr(columns, "_in_columns", lambda fragments: [beside, below])
    runs = columns.reading_order([*beside, *below, *box], [(355, 84, 525, 120)])
    assert [[f.text for f in run] for run in runs] == [
        [f.text for f in beside], [f.text for f in below[:1]], [f.text for f in box], [f.text for f in below[1:]]]


def test_a_table_over_two_pages_loses_its_repeated_header(corpus):
    """A black-box report (LibreOffice Writer): a table that runs on over a page repeats its header there, which
    was read as a row of content."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from vraagbaak.ingest.pdf import read_layout

    body = getSampleStyleSheet()["BodyText"]
    rows = [("Post", "Gemeente", "Bijzonderheden")] + [
        (f"Post {n}", "Zaltbrug", f"Uitrukpost nummer {n} met een eigen tankautospuit.") for n in range(1, 50)]
    style = [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    table = Table([[Paragraph(cell, body) for cell in row] for row in rows], colWidths=[110, 90, 250], style=style,
                  repeatRows=1)
    SimpleDocTemplate(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4, leftMargin=72, rightMargin=WIDTH - 522,
                      topMargin=72).build([Paragraph("Posten", getSampleStyleSheet()["Heading2"]), table])
    layout = read_layout((corpus / "jaarverslag-2024.pdf").read_bytes())
    lines = [line.text for line in layout.lines]
    assert layout.pages == 2 and lines.count("Post | Gemeente | Bijzonderheden") == 1, lines
    assert all(" | ".join(row) in lines for row in rows), lines


def test_the_rest_of_a_row_the_page_cut_off_stays_in_its_table_on_its_own_page():
    """The row's last cell ran on below the repeated header of the next page, as text of its own: "Ook de locatie
    van de regionale" / "meldkamer sinds juni 2024." (LibreOffice Writer, a black-box report). It stays in the
    table's block, under its row, and keeps its page for the citation."""
    from vraagbaak.ingest.layout import PdfLine
    from vraagbaak.ingest.pdf import _tables_over_pages

    def line(page: int, text: str, table: bool = True, new_block: bool = True) -> PdfLine:
        return PdfLine(page, text, 10, False, table, new_block)

    header = "Post | Gemeente | Bijzonderheden"
    read = _tables_over_pages([
        line(8, "Tabel 1. Posten", False), line(8, header), line(8, "Dreumelstad | Dreumelstad | Watertankspuit."),
        line(8, "Zaltbrug | Zaltbrug | Ook de locatie van de regionale"), line(9, header),
        line(9, "meldkamer sinds", False), line(9, "juni 2024.", False, new_block=False),
        line(9, "Heukelveen | Heukelveen | Oudste post."), line(9, "Toelichting bij tabel 1.", False),
        line(10, header),  # another table with the same header, after text: no repeat
        line(10, "Varikhem | Varikhem | Heide"), line(11, header), line(11, "natuurbrand.", False),
        line(11, "Een paragraaf onder de tabel.", False)])  # a block of its own after the row's rest
    assert [(r.page, r.text, r.table, r.new_block) for r in read] == [
        (8, "Tabel 1. Posten", False, True), (8, header, True, True),
        (8, "Dreumelstad | Dreumelstad | Watertankspuit.", True, True),
        (8, "Zaltbrug | Zaltbrug | Ook de locatie van de regionale", True, True), (9, "meldkamer sinds", True, False),
        (9, "juni 2024.", True, False), (9, "Heukelveen | Heukelveen | Oudste post.", True, True),
        (9, "Toelichting bij tabel 1.", False, True), (10, header, True, True),
        (10, "Varikhem | Varikhem | Heide", True, True), (11, "natuurbrand.", True, False),
        (11, "Een paragraaf onder de tabel.", False, True)]


def test_a_footnotes_raised_number_a_tab_from_its_text_opens_its_note(corpus):
    """A black-box report (LibreOffice Writer): a note's number, raised and set a tab (1.4 ems) before its text,
    stood alone as a line "1", so the note was not found as one and stayed at the foot of the page."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-2024.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "Posten")
    superscript(pdf, 72, HEIGHT - 110, "De levering is uitgesteld door een tekort aan chassis.", "1")
    paragraph(pdf, 72, HEIGHT - 140, WIDTH - 144, words(200), size=10)
    pdf.setFont("Helvetica", 5)
    pdf.drawString(72, 82, "1")
    pdf.setFont("Helvetica", 8.5)
    pdf.drawString(85.5, 79, "De leverancier heeft een boete van € 38.500 betaald wegens de te late levering.")
    pdf.save()
    from vraagbaak.ingest.pdf import read_layout

    lines = [line.text for line in read_layout((corpus / "jaarverslag-2024.pdf").read_bytes()).lines]
    assert lines[lines.index("De levering is uitgesteld door een tekort aan chassis.¹") + 1] == (
        "1 De leverancier heeft een boete van € 38.500 betaald wegens de te late levering."), lines


def test_a_grid_tables_cell_of_many_lines_is_one_row(corpus):
    """A black-box report (LibreOffice Writer): a grid table's rows whose second cell runs to fourteen lines were
    read line by line ("Regionaal | Het Regionaal …" / "Operationeel Team | oefening was …"): a cell that deep was
    taken for rows of their own between two rules. Where vertical rules close the cells, it is one row."""
    long = ("Het Regionaal Operationeel Team oefende in 2024 vier keer. De grootste oefening was Hoog Water op 21 "
            "november 2024, waarbij een dijkdoorbraak bij Waardenburcht werd nagebootst. ") * 8
    rows = [("Onderdeel", "Activiteiten en resultaten 2024"), ("Commando Plaats Incident", "In 2024 zijn er 38 "
            "teamtrainingen gegeven."), ("Regionaal Operationeel Team", long.strip()),
            ("Bevolkingszorg", "In 2024 volgden 214 medewerkers een training.")]
    ruled_table(corpus / "jaarverslag-2024.pdf", [("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))], rows, [110, 340], False)
    text = "\n".join(p.text for p in ingest(corpus).passages)
    for row in rows:
        assert " | ".join(row) in " ".join(text.split()), text


def boxes_review_pdf(path: Path, case: str) -> None:
    """Layouts a review built against reading text boxes on their own (each read as before the box rules)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    column = (WIDTH - 144 - 20) / 2
    left, right = 72, 72 + column + 20
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80, "1 Wonen")
    if case == "sidebar":  # a framed box in the middle of the right column
        y = HEIGHT - 110
        for n in range(6):
            y = paragraph(pdf, left, y, column, (f"Links alinea {n}. " + " ".join(words(30, n))).split()) - 8
        top = paragraph(pdf, right, HEIGHT - 110, column, ("Rechts boven A. " + " ".join(words(40, 5))).split()) - 4
        pdf.rect(right - 4, top - 80, column + 8, 86, stroke=1, fill=0)
        paragraph(pdf, right + 4, top - 10, column - 8, "KADER In 2024 zijn 312 woningen opgeleverd in de wijk "
                  "Oostpoort, meer dan verwacht.".split(), size=9)
        paragraph(pdf, right, top - 100, column, ("Rechts onder B. " + " ".join(words(60, 7))).split())
    elif case == "panel":  # the left column on a light panel as tall as the text
        pdf.setFillColorRGB(0.93, 0.95, 0.98)
        pdf.rect(left - 6, 90, column + 12, HEIGHT - 190, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        for side, x in (("Links", left), ("Rechts", right)):
            y = HEIGHT - 110
            for n in range(4):
                y = paragraph(pdf, x, y, column, (f"{side} {n}. " + " ".join(words(40, n))).split()) - 8
    else:  # a framed case study beside the text, holding a shaded quote
        y = HEIGHT - 110
        for n in range(5):
            y = paragraph(pdf, 72, y, 250, (f"Tekst {n}. " + " ".join(words(30, n))).split()) - 6
        pdf.rect(340, HEIGHT - 400, 190, 300, stroke=1, fill=0)
        y = paragraph(pdf, 348, HEIGHT - 115, 175, ("Casus boven. " + " ".join(words(25, 2))).split(), size=9)
        pdf.setFillColorRGB(0.9, 0.9, 0.9)
        pdf.rect(348, y - 70, 174, 76, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        y = paragraph(pdf, 354, y - 8, 160, "Citaat: “We hebben nu eindelijk een warme woning.”".split(), size=9) - 60
        paragraph(pdf, 348, y, 175, ("Casus onder. " + " ".join(words(25, 6))).split(), size=9)
    pdf.save()


@pytest.mark.parametrize(("case", "order"), [
    ("sidebar", ["Links alinea 5.", "Rechts boven A.", "KADER", "Rechts onder B."]),
    ("panel", ["Links 3.", "Rechts 0."]),
    ("nested", ["Tekst 4.", "Casus boven.", "Citaat:", "Casus onder."])])
def test_a_sidebar_in_a_column_a_columns_panel_and_a_box_in_a_box_keep_their_reading_order(corpus, case, order):
    """A review: a box in the right column was read in the middle of the left one (after its first sentence
    below the box), a column on a panel as tall as the page after the other column, and a quote in a framed
    case study after the case's last line."""
    from vraagbaak.ingest.pdf import read_layout

    boxes_review_pdf(corpus / f"{case}.pdf", case)
    text = "\n".join(line.text for line in read_layout((corpus / f"{case}.pdf").read_bytes()).lines)
    places = [text.index(start) for start in order]
    assert places == sorted(places), text


def test_a_notes_smaller_number_a_figure_beside_its_label_and_a_forms_cell_laid_out_as_a_page_stay_as_they_were(
        corpus):
    """A review of the rules for boxes: a note's number in 7-point type a tab before its 9-point text, and a
    13-point figure 14 points after its 10-point label, were split off as table cells by the split where the
    type's size changes; and a council proposal's grid with a long "Toelichting" cell (a bold heading, bullets)
    became one row of 1,300 characters."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from vraagbaak.ingest.pdf import read_layout

    pdf = canvas.Canvas(str(corpus / "notes.pdf"), pagesize=A4)
    for page in range(1, 4):
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, HEIGHT - 80, f"{page} Hoofdstuk")
        paragraph(pdf, 72, HEIGHT - 110, WIDTH - 144, words(150, page))
        if page == 2:
            pdf.setFont("Helvetica", 10)
            pdf.drawString(72, 200, "Inwoners")
            pdf.setFont("Helvetica-Bold", 13)
            pdf.drawString(72 + pdf.stringWidth("Inwoners", "Helvetica", 10) + 14, 200, "48.312")
            pdf.setFont("Helvetica", 7)
            pdf.drawString(72, 140, "1")
            pdf.setFont("Helvetica", 9)
            pdf.drawString(84.6, 140, "Bron 1: CBS Statline, geraadpleegd op 3 juni 2025.")
        pdf.setFont("Helvetica", 8)
        pdf.drawRightString(WIDTH - 72, 40, str(page))
        pdf.showPage()
    pdf.save()
    lines = [(line.text, line.table) for line in read_layout((corpus / "notes.pdf").read_bytes()).lines]
    assert ("Inwoners 48.312", False) in lines and ("1 Bron 1: CBS Statline, geraadpleegd op 3 juni 2025.", False) \
        in lines, lines
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    explained = [Paragraph("Aanleiding. " + " ".join(words(70)), body), Paragraph("<b>Argumenten</b>", body),
                 *[Paragraph(f"• Argument {n}: " + " ".join(words(25, n)), body) for n in range(1, 4)]]
    rows = [[Paragraph("Onderwerp", body), Paragraph("Verduurzaming sporthal De Lind", body)],
            [Paragraph("Voorstel", body), Paragraph("Het college stelt de raad een krediet voor.", body)],
            [Paragraph("Toelichting", body), explained]]
    table = Table(rows, colWidths=[110, 340], style=[("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
                                                     ("VALIGN", (0, 0), (-1, -1), "TOP")])
    SimpleDocTemplate(str(corpus / "form.pdf"), pagesize=A4, leftMargin=72, topMargin=72).build(
        [Paragraph("Raadsvoorstel", styles["Heading2"]), table])
    lines = [line.text for line in read_layout((corpus / "form.pdf").read_bytes()).lines]
    assert "Argumenten" in lines and any(line.startswith("• Argument 2:") for line in lines), lines


SCANNED_LINES = ["Op 31 december 2023 werkten 23 medewerkers bij het archief, samen 18,6 fte. Het ziekteverzuim",
                 "daalde van 6,2 procent in 2022 naar 4,7 procent in 2023. De deelnemende gemeenten betalen een",
                 "bijdrage naar rato van hun inwonertal. De exploitatie sloot met een positief resultaat van",
                 "73.400 euro, vooral door een lagere huur in de laatste maanden van het jaar."]


def ocr_layer(pdf, degrees: float, words_turned: bool) -> None:
    """A page scanned askew as its OCR layer sets it: each word on its own where the scan shows it, along a line
    that falls (or rises) by ``degrees``; with ``words_turned`` each word turned to the slant as well."""
    import math

    slope = math.tan(math.radians(degrees))
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, HEIGHT - 80 + (WIDTH / 2 - 72) * slope, "5. Personeel en financiën")
    for n, line in enumerate(SCANNED_LINES):
        x, y = 72.0, HEIGHT - 110 - 13 * n
        pdf.setFont("Helvetica", 10)
        for word in line.split():
            at = y - (x - WIDTH / 2) * slope
            if words_turned:
                pdf.saveState()
                pdf.translate(x, at)
                pdf.rotate(-degrees)
                pdf.drawString(0, 0, word)
                pdf.restoreState()
            else:
                pdf.drawString(x, at, word)
            x += pdf.stringWidth(word + " ", "Helvetica", 10)


@pytest.mark.parametrize("degrees, words_turned", [(1.0, False), (-1.2, False), (3.0, True)])
def test_a_skewed_scans_ocr_lines_are_read_level(corpus, degrees, words_turned):
    """A black-box report: a scan turned by about a degree, its OCR layer setting each word where the scan shows
    it, was read with halves of lines joined to the lines above and below ("werkten 23 medewerkers daalde van 6,2
    procent …"), and a scan turned by three degrees, its words turned too, read as nothing."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-archief-2023.pdf"), pagesize=A4)
    ocr_layer(pdf, degrees, words_turned)
    pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    text = " ".join(" ".join(p.text for p in document.passages).split())
    assert " ".join(SCANNED_LINES) in text, text
    assert "5. Personeel en financiën" in [s.path[-1] for s in document.sections if s.path]


def test_a_stamp_set_four_degrees_askew_over_a_level_page_is_no_part_of_its_text(corpus):
    """A review: with characters allowed to lean six degrees (a skewed scan's OCR layer), a received-stamp turned
    four degrees over a typed letter was read into its lines ("… deel uit van het 12 besluit. | ONTVANGEN"). A
    character that leans more than two degrees both from level and from the page's own slant is left out."""
    pdf = canvas.Canvas(str(corpus / "brief.pdf"), pagesize=A4)
    y = paragraph(pdf, 72, HEIGHT - 140, WIDTH - 144, words(120))
    pdf.saveState()
    pdf.translate(300, HEIGHT - 190)
    pdf.rotate(4)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(0, 0, "ONTVANGEN 12 MAART 2024")
    pdf.restoreState()
    paragraph(pdf, 72, y - 20, WIDTH - 144, words(40, 2))
    pdf.showPage()
    pdf.save()
    text = " ".join(p.text for p in ingest(corpus).passages)
    assert "ONTVANGEN" not in text and "MAART" not in text and " ".join(words(120)) in text, text


def test_an_accent_set_over_its_letter_as_a_character_of_its_own_joins_the_letter(corpus):
    """A black-box report (LaTeX with the old OT1 fonts, which have no accented letters): "één" read as "´e´en",
    "Financiën" as "Financi¨en". An accent over a letter joins it; one beside the letters ("auto´s", a typed
    apostrophe) stays as it is."""
    import unicodedata

    pdf = canvas.Canvas(str(corpus / "beleidsbrief.pdf"), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    x, y = 72.0, HEIGHT - 100
    for char in "Er is maar één weg naar de camping. De Financiën zijn op orde en de auto´s staan buiten.":
        base = unicodedata.normalize("NFD", char)
        if len(base) == 2 and char != "´":
            letter, accent = base[0], {"\u0301": "´", "\u0308": "¨"}[base[1]]
            width = pdf.stringWidth(letter, "Helvetica", 10)
            pdf.drawString(x + (width - pdf.stringWidth(accent, "Helvetica", 10)) / 2, y, accent)
            pdf.drawString(x, y, letter)
        else:
            width = pdf.stringWidth(char, "Helvetica", 10)
            pdf.drawString(x, y, char)
        x += width
    paragraph(pdf, 72, y - 20, WIDTH - 144, words(60))
    pdf.showPage()
    pdf.save()
    text = " ".join(p.text for p in ingest(corpus).passages)
    assert "Er is maar één weg naar de camping. De Financiën zijn op orde en de auto´s staan buiten." in text, text


def test_columns_a_gutter_of_ten_points_apart_are_read_one_after_the_other(corpus):
    """A black-box report (LaTeX's ``multicols``, 10 points between justified columns): each line was read across
    both columns ("werkten 498 mede- functies steeg van 24 …"), and the heading under the columns (a section's
    usual space above it, a page number far below the right column) inside the left one. Columns are read one
    after the other, then the heading, then the full-width text under it."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Frame, Paragraph

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, alignment=TA_JUSTIFY)
    heading = ParagraphStyle("kop", fontName="Helvetica-Bold", fontSize=14, leading=17)
    left_text = ("Op 31 december 2024 werkten 498 medewerkers in loondienst bij de veiligheidsregio, samen goed voor "
                 "451,6 fte. Daarnaast is de organisatie afhankelijk van ruim elfhonderd brandweervrijwilligers. De "
                 "instroom bedroeg 41 medewerkers, de uitstroom 33. Van de uitstroom ging ruim de helft met pensioen.")
    right_text = ("Het aandeel vrouwen in leidinggevende functies steeg van 24 naar 29 procent. In de repressieve "
                  "dienst blijft het aandeel vrouwen met 7 procent laag. De veiligheidsregio heeft zich aangesloten "
                  "bij het landelijke programma voor diversiteit om de verschillen te verkleinen.")
    below = ("Het ziekteverzuim steeg van 5,1 procent in 2023 naar 5,9 procent in 2024. De stijging wordt vooral "
             "veroorzaakt door langdurig verzuim; het kortdurend verzuim bleef stabiel in alle teams. Binnen de "
             "meldkamer en het team Bevolkingszorg was het verzuim met respectievelijk 8,3 en 7,6 procent het hoogst. "
             "Het management heeft samen met de arbodienst een plan opgesteld om de werkdruk te verminderen, waarin "
             "onder meer extra formatie voor de meldkamer en minder piketdiensten per medewerker zijn opgenomen.")
    pdf = canvas.Canvas(str(corpus / "jaarverslag.pdf"), pagesize=A4)
    half = (WIDTH - 144 - 10) / 2
    Frame(72, HEIGHT - 130, WIDTH - 144, 60, showBoundary=0).addFromList(
        [Paragraph("4.1 Personeel in cijfers", heading)], pdf)
    Frame(72, HEIGHT - 250, half, 130, leftPadding=0, rightPadding=0).addFromList([Paragraph(left_text, body)], pdf)
    Frame(72 + half + 10, HEIGHT - 250, half, 130, leftPadding=0, rightPadding=0).addFromList(
        [Paragraph(right_text, body)], pdf)
    pdf.setFont("Helvetica-Bold", 14)  # 30 points under the last line: a LaTeX section's space
    pdf.drawString(72, HEIGHT - 244, "4.2 Ziekteverzuim")
    Frame(72, HEIGHT - 400, WIDTH - 144, 146, leftPadding=0, rightPadding=0).addFromList(
        [Paragraph(below, body), Paragraph("Zie ook bijlage 3.", body)], pdf)  # a short line far below the left
    pdf.setFont("Helvetica", 9)
    pdf.drawRightString(WIDTH - 72, 40, "7")  # a page number far below the right column
    pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    by_section = {name: " ".join(" ".join(p.text for p in document.passages if p.citation.section[-1] == name).split())
                  for name in ("4.1 Personeel in cijfers", "4.2 Ziekteverzuim")}
    assert f"{left_text} {right_text}" in by_section["4.1 Personeel in cijfers"], by_section
    assert by_section["4.2 Ziekteverzuim"].startswith(below), by_section


INCIDENTS = [("4 jan.", "Heukelom", "Woningbrand met drie slachtoffers in rijtjeswoning", "CoPI"),
             ("21 jan.", "Oosterwaard", "Stormschade, ingestorte kapconstructie sporthal", "GRIP 1"),
             ("22 jan.", "Lingedal", "Stormschade, omgewaaide bomen op spoorlijn", "CoPI"),
             ("9 feb.", "Maasbeek", "Gaslekkage bij graafwerkzaamheden aan de Dorpsstraat", "CoPI"),
             ("2 mrt.", "Zandhove", "Brand in kas met gewasbeschermingsmiddelen", "CoPI"),
             ("15 mrt.", "Oosterwaard", "Verkeersongeval met touringcar op de A73", "GRIP 1")]


def test_a_tables_columns_an_em_apart_without_rules_between_them_stay_cells_of_their_rows(corpus):
    """A black-box report (LaTeX, booktabs: rules above and below, none between columns set 12 points apart):
    the date and the municipality read as one cell, the incident's second line after the phase ("Brand in kas met
    gewasbescher- CoPI mingsmiddelen"), and on a page of such rows the dates apart from their incidents. Where, on
    four lines or more, words start at two x's or more after a gap of 0.8 em, those are a table's columns."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    cell = ParagraphStyle("cel", fontName="Helvetica", fontSize=10, leading=12)
    rows = [("Datum", "Gemeente", "Incident", "Fase"), *INCIDENTS]
    table = Table([[Paragraph(text, cell) for text in row] for row in rows], colWidths=[44, 70, 150, 40],
                  style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                         ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEABOVE", (0, 0), (-1, 0), 1, (0, 0, 0)),
                         ("LINEBELOW", (0, -1), (-1, -1), 1, (0, 0, 0))])
    intro = ParagraphStyle("tekst", fontName="Helvetica", fontSize=10, leading=13)
    SimpleDocTemplate(str(corpus / "jaarverslag.pdf"), pagesize=A4).build(
        [Paragraph(" ".join(words(60)), intro), table, Paragraph(" ".join(words(40, 3)), intro)])
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert "Datum | Gemeente | Incident | Fase" in text, text
    for row in INCIDENTS:
        assert " | ".join(row) in text, text


def spread_line(pdf, x: float, y: float, width: float, text: str, first_lower: float = 0.0) -> None:
    """One line of words spread to fill ``width``; its first word ``first_lower`` points below the baseline."""
    line = text.split()
    spare = width - sum(pdf.stringWidth(word, "Helvetica", 10) for word in line)
    for n, word in enumerate(line):
        pdf.drawString(x, y - (first_lower if n == 0 else 0), word)
        x += pdf.stringWidth(word, "Helvetica", 10) + spare / (len(line) - 1)


def test_columns_ten_points_apart_whose_edges_and_baselines_waver_a_little_are_columns_throughout(corpus):
    """The multicols report again, as LaTeX set it: the right column's lines start a point apart (their first
    letters' bearings), and the paragraph's first word, after its indent, stands a hair below its line. The
    first line was still read across both columns ("werkten 498 mede- functies steeg …")."""
    left = ["Op 31 december 2024 werkten 498 mede-", "werkers in loondienst bij de regio, samen",
            "goed voor 451,6 fte. Daarnaast is de organi-", "satie afhankelijk van ruim elfhonderd brand-",
            "weervrijwilligers in de hele regio. De in-", "stroom bedroeg 41 medewerkers in 2024."]
    right = ["functies steeg van 24 naar 29 procent. In de", "repressieve dienst blijft het aandeel vrouwen",
             "met 7 procent laag. De veiligheidsregio heeft", "zich aangesloten bij het landelijke programma",
             "voor diversiteit om de verschillen te verklei-", "nen en meer vrouwen te werven voor de posten."]
    pdf = canvas.Canvas(str(corpus / "jaarverslag.pdf"), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    half = (WIDTH - 144 - 10) / 2
    for n, (one, other) in enumerate(zip(left, right)):
        y = HEIGHT - 100 - 13 * n
        spread_line(pdf, 72 + (12 if n == 0 else 0), y, half - (12 if n == 0 else 0), one, 0.05 if n == 0 else 0)
        spread_line(pdf, 72 + half + 10 + (0.0, 0.7, 1.4, 0.3, 1.1, 0.6)[n], y, half - 2, other)
    paragraph(pdf, 72, HEIGHT - 200, WIDTH - 144, words(60))
    pdf.showPage()
    pdf.save()
    text = " ".join(" ".join(p.text for p in ingest(corpus).passages).split())
    assert "Op 31 december 2024 werkten 498 medewerkers in loondienst" in text, text
    assert "te verkleinen en meer vrouwen te werven voor de posten." in text, text


def test_a_tables_figures_set_flush_right_an_em_apart_are_cells_of_their_own(corpus):
    """A black-box report (a LaTeX slide's table, its year columns set flush right): "Kazerne Brakel/Rossum |
    3.200 1.100 | – | –" and a header "2025 2026 2027 2028" in one cell. Figures whose right edges line up on four
    lines or more, each after a gap of 0.8 em, end a column; a numbered list's numbers do not make a table."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    rows = [("Onderdeel (x 1.000 euro)", "2025", "2026", "2027", "2028"),
            ("Snelle interventievoertuigen", "480", "240", "–", "–"),
            ("Kazerne Brakel/Rossum", "3.200", "1.100", "–", "–"),
            ("Werving vrijwilligers", "150", "150", "120", "120"), ("Buurtbrandweer", "60", "90", "90", "60"),
            ("Totaal", "3.890", "1.580", "210", "180")]
    table = Table(rows, colWidths=[150, 34, 34, 34, 34],
                  style=[("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("FONTSIZE", (0, 0), (-1, -1), 10)])
    body = ParagraphStyle("tekst", fontName="Helvetica", fontSize=10, leading=13)
    items = [Paragraph(f"{n} {text}", body) for n, text in enumerate(
        ("Maak meer speelplekken met water en zand.", "Zet bij elke speelplek een bankje neer.",
         "Zorg dat de kabelbaan in het park blijft.", "Laat kinderen meebeslissen over toestellen."), start=1)]
    SimpleDocTemplate(str(corpus / "koersplan.pdf"), pagesize=A4).build(
        [Paragraph(" ".join(words(40)), body), table, *items])
    text = "\n".join(p.text for p in ingest(corpus).passages)
    for row in rows:
        assert " | ".join(row) in text, text
    assert "1 Maak meer speelplekken met water en zand." in text, text


def test_a_twoside_reports_header_in_body_type_and_its_page_numbers_high_above_the_foot_go(corpus):
    """A black-box report (LaTeX, KOMA-Script, twoside): each chapter opens a page without a header; the pages after
    carry "Waterschap Lindevecht" and the chapter's name in the body's type, and a bare page number 126 points
    above the foot. The chapter's name stayed mid-sentence ("fysisch-chemische 1 Inleiding kwaliteit") and so did
    the numbers. A chapter's name beside a running line is a running line in any type; a bare number that counts
    with the pages, on a line of its own, is a page number up to a fifth of the page from its edge."""
    pdf = canvas.Canvas(str(corpus / "jaarverslag-waterkwaliteit-2024.pdf"), pagesize=A4)
    chapters = ("Inleiding", "Organisatie en bestuur", "Meetresultaten")
    for number, chapter in enumerate(chapters, start=1):
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, HEIGHT - 150, f"{number} {chapter}")
        paragraph(pdf, 72, HEIGHT - 190, WIDTH - 144, words(420, number))
        pdf.showPage()
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, HEIGHT - 60, "Waterschap Lindevecht")
        pdf.drawRightString(WIDTH - 72, HEIGHT - 60, f"{number} {chapter}")
        pdf.drawString(72, 126, str(2 * number))
        paragraph(pdf, 72, HEIGHT - 100, WIDTH - 144, words(200, number + 1))
        pdf.showPage()
    pdf.save()
    document = ingest(corpus)
    body = " ".join(p.text for p in document.passages)
    assert "Lindevecht" not in body and not any(f"{n} {chapter}" in body for n, chapter in enumerate(chapters, 1))
    assert {page: label for page, label in document.source.page_labels.items() if page % 2 == 0} == {
        2: "2", 4: "4", 6: "6"}
    assert not any(re.search(r"(^|\s)[246](\s|$)", p.text) for p in document.passages), body


PROSE = ("In 2024 heeft de gemeente Lingehoven opnieuw fors geïnvesteerd in de verduurzaming van het maatschappelijk "
         "vastgoed. De energietransitie vraagt veel van de organisatie: de uitvoeringsagenda telt inmiddels "
         "drieëntwintig projecten, waarvan er elf in het verslagjaar zijn afgerond. Bij de jeugdhulpverlening zien we "
         "een stijging van het aantal verwijzingen door huisartsen, terwijl de wachttijden bij de specialistische "
         "zorgaanbieders nog steeds te lang zijn. De samenwerkingsverbanden in de regio hebben afspraken gemaakt over "
         "de inkoop van hulpverleningstrajecten en over de verantwoordingssystematiek. Het college heeft de "
         "gemeenteraad in een raadsinformatiebrief geïnformeerd over de voortgang van de omgevingsvisie en het "
         "omgevingsprogramma. De arbeidsmarktparticipatie van statushouders blijft achter bij de doelstellingen uit "
         "het coalitieakkoord; met het werkgeversservicepunt zijn aanvullende afspraken gemaakt over begeleiding en "
         "taalonderwijs.")


def test_justified_prose_whose_wide_gaps_line_up_by_chance_is_no_table(corpus):
    """A review: a page of justified prose has hundreds of gaps wider than 0.8 em, and four lines with two of them
    at the same x's happen by chance; they were read as a table's columns ("raadsinformatiebrief geïnformeerd over |
    de"). A table's column has no word of its rows' lines standing in its gap."""
    import random

    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    sentences = [s.strip() + "." for s in PROSE.split(".") if s.strip()]
    random.seed(2)
    style = ParagraphStyle("tekst", fontName="Helvetica", fontSize=10, leading=12, alignment=TA_JUSTIFY, spaceAfter=6)
    paragraphs = []
    for _ in range(9):
        random.shuffle(sentences)
        paragraphs.append(Paragraph(" ".join(sentences[:5]), style))
    SimpleDocTemplate(str(corpus / "jaarverslag.pdf"), pagesize=A4, leftMargin=72, rightMargin=72).build(paragraphs)
    text = "\n".join(p.text for p in ingest(corpus).passages)
    assert " | " not in text, text



def test_columns_set_off_each_others_baselines_between_full_width_text_read_column_by_column(corpus):
    """A browser's PDF of a page with CSS columns (a black-box report, 2026-12-02): a paragraph's margin set the
    right column's lines a point and a half off the left's, so the two shared no baseline, and with full-width
    text above and below them, no gutter was found: the columns read line by line as a table's rows ("De kwaliteit
    van het oppervlaktewater | zwemlocaties blauwalg. …"). Now each column reads whole, between the text above and
    below them. (The browser's own PDF: ``test_browser_pdfs.py``.)"""
    pdf = canvas.Canvas(str(corpus / "jaarbericht-waterschap.pdf"), pagesize=A4)
    pdf.setFont("Helvetica", 8)
    pdf.drawRightString(530, HEIGHT - 30, "Waterschap Proefland · Jaarbericht 2024")  # the browser's header, on the right
    y = HEIGHT - 170
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawString(64, y, "1. Veiligheid")
    above = ("Het jaar 2024 stond in het teken van de versterking van de Lekdijk tussen Vreeswijk en Schoonhoven. "
             "De officiële oplevering van het eerste deeltraject vond plaats op 14 november 2024, na twee jaar werk. "
             "Tijdens de hoogwaterperiode in januari kwamen 38 meldingen van kwel binnen; de dijkwachten beoordeelden "
             "ze alle binnen vier uur. Bij Lopik is een nieuwe damwand geplaatst over een lengte van 600 meter, en "
             "bij Jaarsveld verstevigde het waterschap de binnenberm met klei uit de eigen uiterwaarden.")
    y = justified(pdf, 64, y - 25, 468, above, 10.5, 12) - 30
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawString(64, y, "2. Waterkwaliteit")
    left = ("De kwaliteit van het oppervlaktewater verbeterde op 23 van de 31 meetpunten. De grootste verbetering "
            "werd gemeten in de Kromme Rijn, waar het fosfaatgehalte daalde met 18 procent. Het waterschap werkte "
            "samen met 146 agrariërs in het programma Schoon Erf, Schone Sloot.")
    right = ("In de zomer van 2024 was er op drie zwemlocaties blauwalg. Het zwemverbod duurde negentien dagen. "
             "Het waterschap plaatste daarna een beluchtingsinstallatie die in september werd ingeschakeld. "
             "Daarnaast startte onderzoek naar microverontreinigingen bij de rioolwaterzuiveringen.")
    end = min(justified(pdf, 64, y - 37.5, 222, left, 10.5, 12), justified(pdf, 310, y - 27, 222, right, 10.5, 12))
    below = ("Voor 2025 staan metingen op twaalf nieuwe meetpunten gepland, vooral langs de Hollandse IJssel en in "
             "de polders rond Woerden, waar de landbouw het oppervlaktewater het sterkst beïnvloedt. De resultaten "
             "worden elk kwartaal gepubliceerd op de website van het waterschap, met een kaart van alle meetpunten "
             "en de trend over de afgelopen vijf jaar.")
    justified(pdf, 64, end - 20, 468, below, 10.5, 12)
    pdf.save()
    passages = ingest(corpus).passages
    read = {(p.citation.section or [""])[-1]: " ".join(p.text.split()) for p in passages}
    assert f"{left} {right} {below}" in read["2. Waterkwaliteit"], read
    assert above in read["1. Veiligheid"], read


def test_a_tables_justified_cells_that_wrap_close_to_the_next_column_keep_to_their_cells(corpus):
    """A black-box report (2026-12-02): a decision list printed by WeasyPrint, its cells justified, 0.8 ems of padding
    between a cell's text and the next cell's, and a rule under each row. Lines whose text ran up to the padding read
    across the cells ("2025-07 Vaststelling agenda en verslag van Vastgesteld met één tekstuele | unaniem"), the
    wrapped halves of a row in other rows, and a word broken with a typographic hyphen ("Blau‐", "we") stayed
    broken. The columns' starts are seen on the rows where the gap is wider; there a gap wider than a space splits."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from vraagbaak.eval.pdf_report import FONT_DIR

    pdfmetrics.registerFont(TTFont("CellBody", str(FONT_DIR / "DejaVuSans.ttf")))  # it has the hyphen U+2010
    pdf = canvas.Canvas(str(corpus / "besluitenlijst.pdf"), pagesize=A4)
    size, columns = 8.5, (72, 113.5, 274, 416)

    def cell(x: float, y: float, line: str, end: float | None) -> None:
        """One line of a cell, justified to ``end`` (its last line, None: as it falls)."""
        pdf.setFont("CellBody", size)
        words = line.split()
        inked = sum(pdf.stringWidth(w, "CellBody", size) for w in words)
        space = (end - x - inked) / (len(words) - 1) if end and len(words) > 1 else pdf.stringWidth(" ", "CellBody", size)
        for word in words:
            pdf.drawString(x, y, word)
            x += pdf.stringWidth(word, "CellBody", size) + space

    rows = [("2025-07", ["Vaststelling agenda en verslag van", "11 december 2024"],
             ["Vastgesteld met één tekstuele", "wijziging"], ["unaniem"]),
            ("2025-08", ["Benoeming plaatsvervangend lid", "Rekenkamercommissie"],
             ["Benoemd: mevrouw ing. Ilse", "Groeneveld"], ["24 voor, 1 blanco"]),
            ("2025-09", ["Krediet renovatie gemaal De Blau‐", "we Sluis, Tiel"],
             ["Krediet van € 2.350.000 be‐", "schikbaar gesteld"], ["21 voor, 4 tegen (fractie", "Water Natuurlijk)"]),
            ("2025-10", ["Zienswijze ontwerpbegroting Het", "Waterschapshuis 2026"],
             ["Geen zienswijze ingediend"], ["unaniem"])]
    y = HEIGHT - 100
    pdf.setFont("Helvetica-Bold", size)
    for x, head in zip(columns, ("Nr.", "Onderwerp", "Besluit", "Stemming")):
        pdf.drawString(x, y, head)
    for n, (number, subject, decision, votes) in enumerate(rows):
        pdf.line(68, y - 6, 530, y - 6)
        y -= 19
        pdf.setFont("CellBody", size)
        pdf.drawString(columns[0], y, number)
        close = 6.2 if n % 2 else 7.2  # the padding as it falls: on half the rows under 0.8 ems
        for x, lines, end in ((columns[1], subject, columns[2] - close), (columns[2], decision, columns[3] - close),
                              (columns[3], votes, 524)):
            for k, line in enumerate(lines):
                cell(x, y - 12.4 * k, line, end if k < len(lines) - 1 or len(lines) == 1 and x < 400 else None)
        y -= 12.4 * (max(len(subject), len(decision), len(votes)) - 1)
    pdf.line(68, y - 6, 530, y - 6)
    pdf.save()
    [passage] = ingest(corpus).passages
    text = " ".join(passage.text.split())
    assert ("2025-07 | Vaststelling agenda en verslag van 11 december 2024 | Vastgesteld met één tekstuele wijziging | "
            "unaniem") in text, text
    assert "2025-08 | Benoeming plaatsvervangend lid Rekenkamercommissie | Benoemd: mevrouw ing. Ilse Groeneveld" in text
    assert ("2025-09 | Krediet renovatie gemaal De Blauwe Sluis, Tiel | Krediet van € 2.350.000 beschikbaar gesteld | "
            "21 voor, 4 tegen (fractie Water Natuurlijk)") in text, text


def test_a_columns_edge_is_where_most_of_its_lines_start_within_two_points_not_a_box_below_it(corpus):
    """A black-box report (2026-12-02): Chromium starts a justified column's lines a point apart (the glyphs' own
    bearings: 312.4, 312.6), so counted per rounded point the column's start lost to a box further down whose
    lines all start at 370, and a left line and a loose right line on one baseline read as one ("… het Waterplein
    afkoppelen van regenwater in Oudebrug."): its spaces, stretched like the gutter, did not split it."""
    pdf = canvas.Canvas(str(corpus / "samenvatting.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawString(57, HEIGHT - 100, "1 Samenvatting")
    left = [f"Regel {n} van de linkerkolom over het natte jaar" for n in range(1, 10)]
    left[3] = "De grootste investering is het nieuwe Waterplein"
    right = [f"Regel {n} van de rechterkolom over bomen en tegels" for n in range(1, 10)]
    right[3] = "afkoppelen van regenwater in Oudebrug."
    pdf.setFont("Helvetica", 10.5)
    for n, (a, b) in enumerate(zip(left, right)):
        y = HEIGHT - 130 - 14.25 * n
        if n == 3:  # justified to the gutter, 4 points between its words
            inked = sum(pdf.stringWidth(w, "Helvetica", 10.5) for w in a.split())
            x = 57.0
            for word in a.split():
                pdf.drawString(x, y, word)
                x += pdf.stringWidth(word, "Helvetica", 10.5) + (232.6 - inked) / (len(a.split()) - 1)
        else:
            pdf.drawString(57, y, a)
        if n == 3:  # a loose line: its spaces as wide as the gutter beside it
            x = 312.5
            for word in b.split():
                pdf.drawString(x, y, word)
                x += pdf.stringWidth(word, "Helvetica", 10.5) + 18
        else:
            pdf.drawString(312.4 if n % 2 else 312.6, y, b)
    pdf.setFont("Helvetica", 9)
    for n in range(6):  # a box lower down on the right: six lines at one x, more than either half of the column's
        pdf.drawString(370, HEIGHT - 300 - 12 * n, f"Kaderregel {n + 1} over de subsidie.")
    for n in range(6):
        pdf.drawString(57, HEIGHT - 300 - 12 * n, f"Tekstregel {n + 1} naast het kader.")
    pdf.save()
    text = " ¶ ".join(" ".join(p.text.split()) for p in ingest(corpus).passages)
    assert " ".join(left) in text and " ".join(right) in text, text


def test_a_columns_last_line_beside_a_two_cell_row_in_the_other_column_stays_in_its_paragraph(corpus):
    """A review (2026-12-02): a table's header row across the gutter is one row where a ruled table's row follows
    it; here the left column ends in a row "Totaal … € 12.000" beside the right column's last line, with prose
    below. Read as one row, the right paragraph's last words went to the left column's table."""
    pdf = canvas.Canvas(str(corpus / "begroting-sport.pdf"), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, HEIGHT - 70, "Begroting sport")
    column = (WIDTH - 144 - 20) / 2
    left = paragraph(pdf, 72, HEIGHT - 100, column, words(120, 3))
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, left, "Totaal")
    pdf.drawRightString(72 + column, left, "€ 12.000")
    paragraph(pdf, 72 + column + 20, HEIGHT - 100, column, words(127, 7))
    below = "Bijlage A bevat de cijfers per wijk en per kwartaal, zoals het onderzoeksbureau ze in januari aanleverde."
    paragraph(pdf, 72, left - 20, WIDTH - 144, below.split())
    pdf.save()
    text = " ".join(" ".join(p.text.split()) for p in ingest(corpus).passages)
    assert " ".join(words(127, 7)) in text and "Totaal | € 12.000" in text and below in text, text
