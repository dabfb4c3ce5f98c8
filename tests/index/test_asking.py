"""What of a chat message is searched: the asking part, without a greeting or a word about the asker."""

import pytest

from vraagbaak.index.asking import sentences, the_question


@pytest.mark.parametrize("message, asked", [
    ("Goedemorgen! Wat doet de themagroep Wonen?", "Wat doet de themagroep Wonen?"),
    ("Ik ben beleidsmedewerker in Zwolle. Wat doet de themagroep Wonen?", "Wat doet de themagroep Wonen?"),
    ("Mijn e-mail is piet@zwolle.nl. Wat doet de themagroep Wonen?", "Wat doet de themagroep Wonen?"),
    ("mijn wachtwoord is Geheim123! wat is de opschalingskorting", "wat is de opschalingskorting"),
    ("Wat doet de themagroep Wonen? Bedankt alvast!", "Wat doet de themagroep Wonen?"),
    ("Hoi. Wie is de voorzitter? En wie is de secretaris? Dank je.", "Wie is de voorzitter? En wie is de secretaris?"),
    ("I just started in Helmond. Which cities lead the theme group?", "Which cities lead the theme group?"),
    ("Hoi, kun je me helpen? Ik zoek de naam van de hoogleraar die sprak over vertrouwen. Dank je!",
     "Ik zoek de naam van de hoogleraar die sprak over vertrouwen."),  # a plea for help is no question
    ("Hoi! wanneer was het symposium met het UWV? ik moet het in een memo noemen",
     "wanneer was het symposium met het UWV?"),
    ("Beste Vraagbaak, ik ben klantmanager in Helmond. Wat vindt de G40 van de Participatiewet? Groet, Sanne",
     "Wat vindt de G40 van de Participatiewet?"),
    ("Ik werk bij de gemeente Zwolle (afd. Werk en Inkomen). Wat doet de themagroep Wonen?",
     "Wat doet de themagroep Wonen?"),  # "afd." ends no sentence
    ("Hi! Could you help me? What is the opschalingskorting?", "What is the opschalingskorting?"),
    ("Wat doet de themagroep Wonen? Dank je wel!", "Wat doet de themagroep Wonen?"),
    # a black-box test: the reason after the question was searched with it ("uncertain", 0.15 against 0.96)
    ("Wat doet de themagroep Financiën? Ik wil hier heel veel over weten omdat ik een notitie schrijf.",
     "Wat doet de themagroep Financiën?"),
    ("Wat doet de themagroep Wonen? Ik zou daar graag meer over lezen.", "Wat doet de themagroep Wonen?"),
])
def test_a_question_that_stands_on_its_own_is_searched_without_what_surrounds_it(message, asked):
    assert the_question(message) == asked


@pytest.mark.parametrize("message", [
    "Wat doet de themagroep Wonen?",  # one sentence
    "Ik lees over de opschalingskorting. Wat houdt die in?",  # points back: needs the sentence before it
    "Ik zoek informatie over armoede. Wat doet de G40 daaraan?",
    "I need to write to the chair of the G40. What is his name?",
    "Over de Spreidingswet. Wat?",  # names nothing of its own
    "De themagroep Wonen, de themagroep Europa.",  # nothing asks
    "Wat doet de G40 o.a. met wonen?",  # an abbreviation's full stop ends no sentence
    "Ik werk bij Gemeente Zwolle. Wat doet mijn gemeente in de G40?",  # "mijn gemeente" is Zwolle
    "In het jaarverslag 2021 las ik over de Spreidingswet. Wie was voorzitter van de themagroep Asiel?",
    "Wat is de rol van de G40 bij de Spreidingswet? Ik bedoel in 2023.",  # a clarification after the question
    "Wie is voorzitter? Van de themagroep Wonen bedoel ik.",
    "Ik schrijf een notitie over 2022. Wie was voorzitter van de G40?",  # a year said about the asker's work
    "Ik zit te kijken naar het position paper Interbestuurlijke samenwerking. Wanneer is het gepresenteerd?",
    # a second question that names nothing, or names a month or a person, is no greeting
    "Wat is de opschalingskorting? Waarom is die er?",
    "Wat deed de G40 in 2023? En in april?",
    "Wie is de voorzitter van de themagroep Wonen? En wie is Sanne?",
    # a sentence about the asker that says what about, or a question that names no subject of its own
    "Ik schrijf een notitie over de Participatiewet. Wat is het standpunt van de G40?",
    "Mijn manager vraagt naar de Spreidingswet. Wat is de stand?",
    "Ik ben geïnteresseerd in de Spreidingswet. Wat doet de G40?",
    "Ik zit in de themagroep Wonen. Wie is de voorzitter?",
    "Ik moet weten wie de voorzitter van de themagroep Wonen is. En wie is de secretaris?",
    "Wat doet de themagroep Wonen? Ik wil hier meer over daklozen weten.",  # a review: "daklozen" is a subject
    # the asker's own organisation, said after the question
    "Wat heeft onze stad bijgedragen? Ik werk bij de gemeente Breda.",
])
def test_a_question_that_needs_its_context_or_a_message_that_asks_nothing_is_searched_whole(message):
    assert the_question(message) == message


def test_sentences_end_where_a_new_one_plainly_starts():
    assert sentences("Zie o.a. het verslag. Wat staat er in? mijn vraag") == [
        "Zie o.a. het verslag.", "Wat staat er in?", "mijn vraag"]
    assert sentences("Wat doet de G40 aan wonen bijv. In Zwolle") == ["Wat doet de G40 aan wonen bijv. In Zwolle"]
