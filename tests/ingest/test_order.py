"""Reading-order repair: text that begins mid-sentence finds the text it continues, or stays put."""

from tests.ingest.documents import sections


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
