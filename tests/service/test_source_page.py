from vraagbaak.build_format import Citation, DocumentRecord, Passage, SectionRecord
from vraagbaak.service.source_page import render

TEXT = "Eerste alinea met <b>opmaak</b>.\n\nTweede alinea, op de volgende pagina."


def document() -> DocumentRecord:
    section = SectionRecord(path=["Thema <Test>"], level=1, page=3, text=TEXT, pages=[(0, 3), (34, 4)],
                            links=["https://example.org/?a=1&b=2"])
    return DocumentRecord(id="doc", title="Rapport & co", file="doc.txt", sha256="0" * 64, pages=4, sections=[section],
                          collection="algemeen", organisation="", year=None, kind="other", passages=1,
                          ingested_at="2026-01-01T00:00:00+00:00")


def passage(pid: str, start: int, end: int) -> Passage:
    citation = Citation(document="doc", title="Rapport & co", section=["Thema <Test>"], page=3, page_end=4, lines=(5, 7),
                        line_ranges=[(5, 7)], offsets=[(0, 70)], links=[])
    return Passage(id=pid, document="doc", order=0, section_index=0, start=start, end=end, text=TEXT[start:end],
                   embed_text=TEXT[start:end], citation=citation)


def test_everything_from_the_document_is_escaped():
    html = render(document(), [passage("p1", 0, len(TEXT))], None)
    assert "<b>opmaak</b>" not in html and "&lt;b&gt;opmaak&lt;/b&gt;" in html
    assert "Thema &lt;Test&gt;" in html and "Rapport &amp; co" in html
    assert 'href="https://example.org/?a=1&amp;b=2"' in html


def test_the_cited_passage_is_marked_across_paragraphs_with_page_markers():
    html = render(document(), [passage("p1", 0, 20), passage("p2", 20, len(TEXT))], "p2")
    assert 'id="passage-p1"' in html and 'id="passage-p2"' in html
    assert html.count("<mark") == 2 and html.count("</mark>") == 2  # closed and reopened at the paragraph break
    assert '<span class="page">pagina 3</span>' in html and '<span class="page">pagina 4</span>' in html
    assert "pagina 3–4, regels 5–7" in html


def test_an_unknown_passage_is_said_to_be_gone_and_nothing_is_marked():
    html = render(document(), [passage("p1", 0, 20)], "onbekend")
    assert "<mark" not in html and 'role="status">De gevraagde passage staat niet (meer) in dit document' in html
    assert 'role="status"' not in render(document(), [passage("p1", 0, 20)], None)  # no passage asked: no notice


def test_a_pdf_source_links_to_the_original_at_the_cited_page_and_shows_printed_numbers():
    record = document().model_copy(update={"page_labels": {3: "iii", 4: "4"}})
    html = render(record, [passage("p1", 0, 20)], "p1", original="/files/doc.pdf")
    assert '<a href="/files/doc.pdf">originele PDF</a>' in html
    assert '<a href="/files/doc.pdf#page=3">Open de originele PDF op pagina 3</a>' in html
    assert "pagina 3 (gedrukt: iii)" in html and "pagina 4</span>" in html


def test_a_scanned_page_between_two_pages_of_text_is_said_where_it_stands_once():
    """The viewer went from "pagina 2" to "pagina 4": a reader could not see that a page was not read."""
    second = SectionRecord(path=["Vervolg"], level=1, page=4, text="Nog een alinea.", pages=[(0, 4)], links=[])
    record = document().model_copy(update={"pages": 6, "scanned_pages": [1, 2, 5], "page_labels": {2: "ii"},
                                           "sections": [document().sections[0], second]})
    html = render(record, [passage("p1", 0, 20)], None)
    assert html.count("pagina 1: alleen een afbeelding") == 1 and html.count("pagina 2 (gedrukt: ii): alleen") == 1
    assert html.index("pagina 1: alleen") < html.index("pagina 2 (gedrukt: ii): alleen") < html.index(">pagina 3<")
    assert html.count("pagina 5: alleen een afbeelding") == 1 and html.index("pagina 5: alleen") > html.index("Nog een")


def test_one_page_is_one_pagina():
    assert "doc.txt · 4 pagina’s" in render(document(), [passage("p1", 0, len(TEXT))], None)
    assert "doc.txt · 1 pagina<" in render(document().model_copy(update={"pages": 1}), [passage("p1", 0, len(TEXT))], None)
