"""Running headers, footers and page numbers of a text with form feeds: a generated report whose truth is known."""

from vraagbaak.config import Settings
from vraagbaak.ingest.margins import running_lines
from vraagbaak.ingest.pipeline import ingest_corpus
from vraagbaak.ingest.read import TextReader

FOOTER = "Tweede Kamer, vergaderjaar 2023–2024, 36 410, nr. 1"
TOPICS = ["de binnenstad", "de haven", "het stadspark", "de wijk Noord", "de markt", "het station", "de bibliotheek"]


def body(topic: str) -> list[str]:
    return [f"De gemeente heeft dit jaar veel geïnvesteerd in de openbare ruimte van {topic}.",
            f"Zo zijn er bij {topic} nieuwe bomen geplant en is de verlichting vervangen door led."]


def report_text() -> str:
    """Eight pages: a title page (its year is content), a contents page that ends on a page number of the
    contents, six pages of running text with a header, the footer and the printed page number, and one
    sentence that runs over a page break."""
    pages = ["Jaarverslag Voorbeeldstad\n\n2024\n", "Inhoud\n\nVoorwoord 3\nFinanciën 4\n\n6\n"]
    for printed in range(3, 9):
        text = [f"Hoofdstuk {printed}. Over {TOPICS[printed - 3]}", "", *body(TOPICS[printed - 3]), ""]
        if printed == 5:
            text += ["De raad besloot in juni om de bouw van het zwembad in de wijk Oost"]
        if printed == 6:
            text = ["uit te stellen tot na de verkiezingen van het volgende jaar.", "", *text]
        pages.append("\n".join(["Jaarverslag Voorbeeldstad 2024", "", *text, "", FOOTER, str(printed), ""]))
    return "\f".join(pages)


def test_running_lines_and_page_numbers_are_found(tmp_path):
    path = tmp_path / "voorbeeld.txt"
    path.write_text(report_text(), encoding="utf-8")
    document = TextReader().read(path)
    texts = [line.text for line in document.lines]
    assert FOOTER not in texts and "Jaarverslag Voorbeeldstad 2024" not in texts
    assert [text for text in texts if text.isdigit()] == ["2024", "6"], \
        "page numbers are left out; a year on the title page and the contents' last entry are content"
    assert "Financiën 4" in texts
    assert document.page_labels == {p: str(p) for p in range(3, 9)}
    assert set(document.removed) == {FOOTER, "Jaarverslag Voorbeeldstad 2024", "3"}


def test_pages_without_running_lines_keep_every_line(tmp_path):
    path = tmp_path / "kort.txt"
    path.write_text("\f".join("\n\n".join(body(topic)) + "\n" for topic in TOPICS), encoding="utf-8")
    lines = TextReader().read(path).lines
    assert running_lines(lines) == (set(), {}, [])
    assert sum(not line.blank for line in lines) == 2 * len(TOPICS)


def test_no_passage_holds_a_footer_and_a_sentence_over_a_page_break_is_one(tmp_path):
    (tmp_path / "voorbeeld.txt").write_text(report_text(), encoding="utf-8")
    result = ingest_corpus(Settings(corpus_dir=tmp_path))
    assert result.problems == []
    for passage in result.passages:
        assert "vergaderjaar" not in passage.text + passage.embed_text
        assert "vergaderjaar" not in " ".join(passage.citation.section)
    [passage] = [p for p in result.passages if "bouw van het zwembad" in p.text]
    assert "zwembad in de wijk Oost uit te stellen tot na de verkiezingen" in passage.text
    assert (passage.citation.page, passage.citation.page_end) == (5, 6)
    assert (passage.citation.page_label, passage.citation.page_end_label) == ("5", "6")


def paged(pages: list[list[str]]) -> str:
    return "\f".join("\n".join(page) + "\n" for page in pages)


def read(tmp_path, text: str):
    path = tmp_path / "verslag.txt"
    path.write_text(text, encoding="utf-8")
    return TextReader().read(path)


def test_without_form_feeds_nothing_is_taken_for_a_margin(tmp_path):
    """Pages marked only by the page-break rule (a line with one leading space) are often one paragraph:
    every line would be a margin line, so the rule is not applied there."""
    items = [f" Agendapunt {n}: voorstel over onderwerp {n}.\nBesluit: conform advies aangenomen.\n" for n in range(8)]
    document = read(tmp_path, "".join(items))
    assert sum(line.text == "Besluit: conform advies aangenomen." for line in document.lines) == 8
    assert document.removed == [] and document.page_labels == {}


def test_page_numbers_in_header_and_footer_and_a_chapter_number(tmp_path):
    pages = [[str(p), "Hoofdstuk 1" if p == 5 else f"Over {TOPICS[p % 7]}", *body(TOPICS[p % 7]), str(p)]
             for p in range(3, 11)]
    pages[2].insert(0, "1")  # a chapter number above the page number: content, not a page number
    document = read(tmp_path, paged(pages))
    texts = [line.text for line in document.lines]
    assert [t for t in texts if t.isdigit()] == ["1"]
    assert document.page_labels == {i + 1: str(p) for i, p in enumerate(range(3, 11))}


def test_a_row_of_figures_is_no_running_line_and_a_footer_mid_page_goes(tmp_path):
    pages = [[f"Over {TOPICS[p % 7]}", *body(TOPICS[p % 7]), "€ 1,2   3,4", FOOTER, str(p)] for p in range(1, 9)]
    pages[4][1:1] = [FOOTER]  # extraction put the footer mid-page
    texts = [line.text for line in read(tmp_path, paged(pages)).lines]
    assert FOOTER not in texts
    assert texts.count("€ 1,2   3,4") == 8


def test_a_line_of_the_text_at_the_top_of_some_pages_stays(tmp_path):
    """A decision list's "Portefeuillehouder: E. Bakker" and "Besluit:" under each of its items stood at the top of two
    of its four pages and were left out everywhere. A line on two pages' margins only is the text's; so is one that
    stands inside the pages too, as often as in their margins (half as often, a short one)."""
    items = [(f"{n}. Onderwerp nummer {n}", "Portefeuillehouder: Y. Demir" if n in (3, 8) else
              "Portefeuillehouder: E. Bakker") for n in range(1, 13)]
    pages = []
    for first in range(0, 12, 3):
        lines = []
        for title, holder in items[first:first + 3]:
            lines += [title, holder, "Besluit:", f"a. het voorstel over {title[3:].lower()} vast te stellen;",
                      "b. de raad hierover te informeren;", "c. dit besluit openbaar te maken.", ""]
        pages.append("\n".join(lines))
    path = tmp_path / "besluitenlijst.txt"
    path.write_text("\f".join(pages), encoding="utf-8")
    document = TextReader().read(path)
    texts = [line.text for line in document.lines]
    assert texts.count("Besluit:") == 12 and texts.count("Portefeuillehouder: E. Bakker") == 10
    assert document.removed == []
    # on the margins of two pages of four, and nowhere inside them
    pages = [f"{'Wethouder Demir' if n % 2 else 'Inleiding'}\n" + "\n".join(body(topic)) + "\n"
             for n, topic in enumerate(TOPICS[:4])]
    path.write_text("\f".join(pages), encoding="utf-8")
    document = TextReader().read(path)
    assert document.removed == [] and [line.text for line in document.lines].count("Wethouder Demir") == 2
