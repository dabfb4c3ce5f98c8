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


def test_a_signature_with_a_title_and_a_lettered_item_open_their_own_text_and_stay_where_they_are(corpus):
    """A black-box report (2026-12-02): a foreword's signature ("mr. Hendrika van Doorn-Ploeg") began in lower case,
    so it was taken for the end of a sentence and moved behind the cover's last line, which ends in an address;
    "Wie schreef het voorwoord?" lost the name. Items of a lettered list ("a. de dijkversterking …") moved the same
    way behind an item's title ("1. Waterveiligheid op orde")."""
    text = (" Jaarverslag 2024\n\nWaterschap Lingewaarden · Hoogheemraadshof 4 · www.lingewaarden-waterschap.nl\n"
            " Voorwoord\n\nDit verslag laat zien wat wij samen hebben bereikt.\n\nmr. Hendrika van Doorn-Ploeg\ndijkgraaf\n"
            " Prioriteiten\n\n1. Waterveiligheid op orde\n\na. de dijkversterking voor 80 procent opleveren;\n\n"
            "b. een tweede oefening houden.\n")
    found = {s.path[-1]: [p.text for p in s.paragraphs] for s in sections(corpus, text)}
    assert found["Voorwoord"][-1] == "mr. Hendrika van Doorn-Ploeg dijkgraaf", found
    assert found["Prioriteiten"] == ["1. Waterveiligheid op orde", "a. de dijkversterking voor 80 procent opleveren;",
                                     "b. een tweede oefening houden."], found


def test_a_lists_items_in_lower_case_after_its_colon_stay_there(corpus):
    """A black-box letter (2026-12-02): the cost items after "Deze bestaan uit:", in lower case, were put after the
    letter's "Hoogachtend,", and the section of the costs kept only their introduction."""
    text = (" Financiële gevolgen\n\nWij ramen de extra kosten op € 845.000. Deze bestaan uit:\n\n"
            "asbestsanering en herstel van het dak: € 310.000;\n\n"
            "vervanging van de filterinstallatie: € 420.000;\n\n"
            "extra bouwrente en toezicht: € 115.000.\n\nDaarmee komt het krediet op € 7.045.000.\n\n"
            "Communicatie\n\nWij informeren de gebruikers per brief.\n\nHoogachtend,\n")
    found = {s.path[-1]: [p.text for p in s.paragraphs] for s in sections(corpus, text)}
    assert found["Financiële gevolgen"][1:4] == ["asbestsanering en herstel van het dak: € 310.000;",
                                                 "vervanging van de filterinstallatie: € 420.000;",
                                                 "extra bouwrente en toezicht: € 115.000."], found
    assert found["Communicatie"] == ["Wij informeren de gebruikers per brief.", "Hoogachtend,"]
