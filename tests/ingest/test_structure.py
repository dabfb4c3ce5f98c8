"""Sections: headings nested into paths, pages and links, on small documents written like PDF extractions."""

from tests.ingest.documents import sections

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


def test_links_attach_to_the_section_they_follow(corpus):
    text = "Thema A\n\nTekst over A.\n\nhttps://example.org/a\nhttps://example.org/a\n\nThema B\n\nTekst over B.\n"
    found = {s.path[-1]: s.links for s in sections(corpus, text)}
    assert found == {"Thema A": ["https://example.org/a"], "Thema B": []}


def test_a_link_that_ends_a_sentence_stays_in_it(corpus):
    """A URL on a line of its own inside a sentence is the sentence's own words (a real annual report:
    "... zoeken naar de ontvanger op" / "https://www.rijksfinancien.nl/wieontvingen."); one after a finished
    sentence, or after a blank line, is a link under the section."""
    text = ("Thema A\n\nBezoekers kunnen zoeken naar de ontvanger op\nhttps://example.org/wie.\nDat is nieuw.\n"
            "Meer weten? Lees het verslag:\nhttps://example.org/verslag\n\nhttps://example.org/los\n\n"
            "Op\nwww.example.org\ntreft u meer.\n\nMeer informatie\nhttps://example.org/over\nhttps://example.org/a\n")
    [found] = sections(corpus, text)
    assert [p.text for p in found.paragraphs] == [
        "Bezoekers kunnen zoeken naar de ontvanger op https://example.org/wie. Dat is nieuw. Meer weten? Lees het verslag:",
        "Op www.example.org treft u meer.", "Meer informatie"]
    assert sorted(found.links) == ["https://example.org/a", "https://example.org/los", "https://example.org/over",
                                   "https://example.org/verslag", "https://example.org/wie", "https://www.example.org"]


def test_the_name_that_signs_a_foreword_is_no_heading(corpus):
    """A black-box report: the chair's name under the foreword ("Marloes Hendriksen", bold, then "Voorzitter
    Stedennetwerk Oost" and "Burgemeester van Zutphen") became a section, so its passage held the roles without
    the name. A heading followed by a longer text than a signature's roles stays a heading."""
    text = ("Voorwoord\n\nHet was een jaar waarin de steden elkaar vaker opzochten dan ooit tevoren.\n\n"
            "Marloes Hendriksen\n\nVoorzitter Stedennetwerk Oost\nBurgemeester van Zutphen\n\n"
            "Algemeen Bestuur\n\nVoorzitter van het bestuur is de burgemeester van Zutphen, zoals de statuten het "
            "vragen.\n\nHet bestuur vergaderde zes keer in het jaar en besprak de begroting.\n\n")
    found = sections(corpus, text)
    assert [s.path for s in found] == [["Voorwoord"], ["Voorwoord", "Algemeen Bestuur"]]
    foreword = " ".join(p.text for p in found[0].paragraphs)
    assert "Marloes Hendriksen" in foreword and "Voorzitter Stedennetwerk Oost" in foreword


def test_a_name_and_its_role_on_one_line_sign_a_text_and_are_no_heading(corpus):
    """A black-box shelf (2026-12-02): "Karin Smulders, directeur-bestuurder" under a housing corporation's foreword
    became a section holding its key figures. A heading of a name with a comma that is no role stays a heading."""
    text = ("Voorwoord\n\nIn 2024 hebben wij meer nieuwe woningen opgeleverd dan in de tien jaar ervoor.\n\n"
            "Karin Smulders, directeur-bestuurder\n\nKerncijfers\n\nNieuw opgeleverd in 2024: 212 woningen.\n\n"
            "Zandhoven, Oudeschans en Marhuizen\n\nIn deze drie kernen verhuren wij 11.240 woningen.\n\n")
    found = sections(corpus, text)
    assert [s.path[-1] for s in found] == ["Voorwoord", "Kerncijfers", "Zandhoven, Oudeschans en Marhuizen"]
    assert "Karin Smulders, directeur-bestuurder" in " ".join(p.text for p in found[0].paragraphs)
    # a review: a name with "de" signs too; an interview's heading of a name and role has its text under it
    text = ("Voorwoord\n\nHet jaar stond in het teken van de samenwerking tussen de steden.\n\n"
            "Marieke de Vries, directeur GGD\n\nIn gesprek\n\nDrie vragen aan de wethouder.\n\n"
            "Jan Jansen, wethouder Wonen\n\nJan Jansen is sinds 2022 wethouder. Hij vertelt over de nieuwe woningen "
            "in de wijk, de plannen voor starters en de samenwerking met de corporaties in de regio.\n\n")
    assert [s.path[-1] for s in sections(corpus, text)] == ["Voorwoord", "In gesprek", "Jan Jansen, wethouder Wonen"]
