"""The JSON contract: graded outcomes, their messages, and the links the service makes."""

from vraagbaak.build_format import Citation, Passage
from vraagbaak.index.search import Hit, SearchResult, Suggestion
from vraagbaak.service.schemas import MESSAGES, AskResponse


def hit() -> Hit:
    citation = Citation(document="raad", title="Raad", file="raad.pdf", section=["Agenda"], page=2, page_end=2,
                        page_label="14", lines=(3, 4), line_ranges=[(3, 4)], offsets=[(0, 9)], links=[])
    passage = Passage(id="abc", document="raad", order=0, section_index=1, start=0, end=9, text="De tekst.",
                      embed_text="De tekst.", citation=citation)
    return Hit(passage, 1, 0.5, [(0, 9)])


def test_uncertain_shows_the_passages_under_a_caveat():
    body = AskResponse.from_result(SearchResult("Vraag?", "uncertain", [hit()], [], 0.41), "https://vb.example")
    assert (body.status, body.answered, body.confidence) == ("uncertain", False, 0.41)
    assert body.message == MESSAGES["uncertain"] and body.message.startswith("Ik weet niet zeker")
    citation = body.passages[0].citation
    assert citation.url == "https://vb.example/source/raad?passage=abc#passage-abc"
    assert citation.original_url == "https://vb.example/files/raad.pdf#page=2" and citation.page_label == "14"


def test_the_original_pdf_opens_on_the_page_of_the_best_sentence():
    over_two_pages = hit()
    over_two_pages.passage.citation.page_end, over_two_pages.page = 3, 3
    citation = AskResponse.from_result(SearchResult("Vraag?", "answered", [over_two_pages])).passages[0].citation
    assert (citation.page, citation.page_end, citation.original_url) == (2, 3, "/files/raad.pdf#page=3")


def test_not_found_has_no_passages_but_sections_and_a_hint():
    suggestion = Suggestion("raad", "Raad", ["Agenda"], 1, 2)
    body = AskResponse.from_result(SearchResult("Vraag?", "not_found", [], [suggestion], 0.02))
    assert body.status == "not_found" and not body.answered and body.passages == []
    assert body.suggestions[0].url == "/source/raad#section-1"
    assert "stel je vraag anders" in body.message


def test_answered_has_no_message_and_confidence_stays_within_0_and_1():
    body = AskResponse.from_result(SearchResult("Vraag?", "answered", [hit()], [], 1.0000001))
    assert body.answered and body.message == "" and body.confidence == 1.0
