"""Headings, nesting and reading order, on small documents written like PDF extractions."""

from ingest.clean import Vocabulary
from ingest.pipeline import structure_document
from ingest.read import TextReader


def sections(corpus, text: str):
    path = corpus / "doc.txt"
    path.write_text(text)
    doc = TextReader().read(path)
    return structure_document(doc, Vocabulary.from_texts([text]))


REPORT = """\
 Pijler Wonen

Algemeen

De pijler werkte dit jaar aan veel onderwerpen.

Thema Huur

De themagroep Huur sprak met het ministerie.

Thema Koop

De themagroep Koop sprak met banken.
 Pijler Werk

Algemeen

Ook deze pijler was actief.

Public affairs

Een bureau hielp bij de lobby.

Paul Jansen, voorzitter
 Informatie over het netwerk

Het netwerk telt veertig steden.
"""


def test_headings_are_found_and_nested(corpus):
    found = sections(corpus, REPORT)
    assert [s.path for s in found] == [
        ["Pijler Wonen"], ["Pijler Wonen", "Algemeen"], ["Pijler Wonen", "Thema Huur"], ["Pijler Wonen", "Thema Koop"],
        ["Pijler Werk"], ["Pijler Werk", "Algemeen"], ["Pijler Werk", "Public affairs"],
        ["Informatie over het netwerk"],
    ]
    assert [s.page for s in found] == [1, 1, 1, 1, 2, 2, 2, 3]
    # A signature at the foot of a page is not a heading
    assert found[6].paragraphs[-1].text == "Paul Jansen, voorzitter"


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


def test_a_page_that_starts_mid_sentence_is_rejoined_with_its_beginning(corpus):
    # Extraction put the second column first: the page opens with the end of a sentence that
    # begins at the foot of the page.
    text = (" teksten die verderop beginnen. Dit hoort bij Thema B.\n\n"
            "Thema A\n\nEen volledige zin over A.\n\n"
            "Thema B\n\nHier begint een zin over de\n")
    found = {s.path[-1]: " ".join(p.text for p in s.paragraphs) for s in sections(corpus, text)}
    assert found["Thema A"] == "Een volledige zin over A."
    assert found["Thema B"] == "Hier begint een zin over de teksten die verderop beginnen. Dit hoort bij Thema B."


def test_a_hyphenated_fragment_finds_its_word_on_the_previous_page(corpus):
    text = (" Thema A\n\nDe G40 heeft in 2022, in samenwer-\n\nEen andere zin over samenwerking.\n"
            " Thema B\n\nEerste zin van B.\n\nking met de VNG, een lobby gevoerd.\n")
    found = {s.path[-1]: " ".join(p.text for p in s.paragraphs) for s in sections(corpus, text)}
    assert "in samenwerking met de VNG, een lobby gevoerd." in found["Thema A"]
    assert found["Thema B"] == "Eerste zin van B."


def test_without_evidence_the_order_is_kept(corpus):
    text = " Thema A\n\nEen zin die af is.\n\nnog een kleine letter zonder partner.\n"
    found = sections(corpus, text)
    assert [p.text for p in found[-1].paragraphs] == ["Een zin die af is.", "nog een kleine letter zonder partner."]


def test_links_attach_to_the_section_they_follow(corpus):
    text = "Thema A\n\nTekst over A.\n\nhttps://example.org/a\nhttps://example.org/a\n\nThema B\n\nTekst over B.\n"
    found = {s.path[-1]: s.links for s in sections(corpus, text)}
    assert found == {"Thema A": ["https://example.org/a"], "Thema B": []}
