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
