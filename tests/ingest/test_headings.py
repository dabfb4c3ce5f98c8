"""Headings: short capitalised blocks, a heading run into its paragraph, a page title at the page foot."""

from tests.ingest.documents import sections


def test_a_heading_run_into_its_paragraph_is_split_off(corpus):
    text = ("Thema Een\n\nTekst een.\n\nThema Twee: een lange kop over\n‘Het Manifest’\nNamens ons tekende X.\n\n"
            "Thema Drie\n\nTekst drie.\n")
    found = sections(corpus, text)
    assert found[1].path == ["Thema Twee: een lange kop over ‘Het Manifest’"]
    assert found[1].paragraphs[0].text == "Namens ons tekende X."


def test_a_page_title_extracted_at_the_page_foot_moves_to_the_top(corpus):
    text = (" Dit voorwoord begint hier. Het gaat over\nhet jaar en eindigt met de\nvraag welk type\n\nVoorwoord\n"
            " economie we willen zijn.\n")
    found = sections(corpus, text)
    assert [s.path for s in found] == [["Voorwoord"]]
    assert found[0].paragraphs[0].text == (
        "Dit voorwoord begint hier. Het gaat over het jaar en eindigt met de vraag welk type economie we willen zijn.")
