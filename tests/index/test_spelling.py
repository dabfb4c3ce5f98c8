"""Typing errors corrected against the reports' own words, and nothing else touched."""

import random
import unicodedata

import pytest

from vraagbaak.eval.typos import misspell
from vraagbaak.index.keyword import Tokenizer, words
from vraagbaak.index.search import clean_question
from vraagbaak.index.spelling import Speller

TEXTS = [
    "De voorzitter van de themagroep Financiën sprak over het ravijnjaar.",
    "De voorzitter opende de netwerkdag over asielopvang en woningbouw.",
    "Een voorziening voor jongeren: de voorzitter bezocht haar.",
    "Vergunningen en vergunning.",
    "De bestuurlijke netwerkdagen in Zwolle en Helsinki.",
    "Woningbouw staat voorop.",
    "De corporaties en de jeugdzorgaanbieder spraken met de themagroep Wonen over wonen in de stad.",
    "De vrije ruimte, de vrije keuze en de vrije dagen: wethouder Marije de Boer sprak erover.",
    "Een propositie voor het Groeifonds, en de specifieke uitkering.",
    "Een speciefieke zaak en een andere specifieke zaak.",
    "De opvang van mensen uit Oekraïne.",
]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(Tokenizer.from_texts(TEXTS), [set(words(t)) for t in TEXTS], TEXTS)


@pytest.mark.parametrize("typed, meant", [
    ("voorziter", "voorzitter"),  # a letter left out
    ("voorzitetr", "voorzitter"),  # two letters swapped: one edit
    ("asielopvnag", "asielopvang"),
    ("Zwole", "Zwolle"),
    ("zwole", "Zwolle"),  # as the reports write it
    ("Finacien", "Financiën"),  # written as the reports write it, accents and all
    ("wonningbouw", "woningbouw"),  # in lower case where the reports ever write it so
    ("netwerkdaggen", "netwerkdagen"),  # stems like a known word ("netwerkdag"), yet no word
    ("bestuurljkee", "bestuurlijke"),  # two edits in a long word
    ("VOORZITER", "VOORZITTER"),  # capitals stay capitals
    ("Mrije", "Marije"),  # a capital inside the question: a name, corrected only to a name (not "vrije")
    ("speciefieke", "specifieke"),  # one passage's own typing error is no word to hold a question to
    ("wonrn", "wonen"),  # a verb, though "themagroep Wonen" names a group
])
def test_a_misspelt_word_is_searched_as_the_reports_word(speller, typed, meant):
    question = f"Wat weet je over {typed}?"
    corrected, corrections = speller.correct(question)
    assert corrected == f"Wat weet je over {meant}?"
    assert [(c.typed, c.meant) for c in corrections] == [(typed, meant)]


@pytest.mark.parametrize("question", [
    "Hoe vraag ik een paspoort aan?",  # a real word the reports do not use: evidence that they do not answer
    "Wat is de contributie van de voorzitter?",
    "Wat vindt de voorzitter van vergunningen?",  # known words
    "Wie is Anna?",  # short words have too many neighbours to guess
    "Wat is woningbouwlening?",  # no report word is within reach
    "Wat doen de coöperaties?",  # a word of the word list one edit from "corporaties", accents and all
    "Wat zegt de voorzitster?",  # a word of the word list one edit from "voorzitter"
    "Welke jeugdzorgaanbieders?",  # a report's word with a plural ending, which the word list lacks
    "Wat doet Voorziter2?",  # letters beside figures are not a word
    "Wat doet de Voorziter?",  # a capital inside the question is a name's, and no name of the reports is near
    "Wat is een prepositie?",  # a word of the Dutch spelling list, one edit from "propositie"
    "Hoeveel zit er in het grondfonds?",  # two common words, one edit from "groeifonds"
    "Hoe gaat de opvang van oekrainers?",  # the list's "oekraïners" typed without accents, not "Oekraïne"
    "Mail jan@voorziter.nl of kijk op www.voorziter.nl/voorziter",  # addresses are not words
    "Wat gebeurt er met de financiering in 2026?",  # a Dutch word, one edit from nothing the reports use
    "What did the chairman say?",  # English words are words
    "Wat zei de voorzittter 2x?",
])
def test_real_words_and_words_out_of_reach_stay_as_typed(speller, question):
    corrected, corrections = speller.correct(question)
    if "voorzittter" in question:  # only the misspelt word changes; figures and punctuation stay
        assert corrected == "Wat zei de voorzitter 2x?" and len(corrections) == 1
    else:
        assert (corrected, corrections) == (question, [])


@pytest.mark.parametrize("question,meant", [
    ("hoevel fte heeft het team?", "hoeveel fte heeft het team?"),  # a fifth black-box shelf: no number asked for
    ("Waneer gaat de themagroep open?", "Wanneer gaat de themagroep open?"),
    ("Weet je waneer de themagroep begint?", "Weet je wanneer de themagroep begint?"),  # after a lead-in
    ("welk team doet het?", "welk team doet het?"),  # a question word itself stays
    ("Hoeveel woningen staan er op weke bodem?", "Hoeveel woningen staan er op weke bodem?"),  # not a first word
    ("Eelke Jansen, wat doet zij?", "Eelke Jansen, wat doet zij?"),  # a word of the spelling list (a name)
    ("Welken raad gaf de themagroep?", "Welken raad gaf de themagroep?"),  # an old form of "welke", on the list
])
def test_a_question_word_typed_one_letter_wrong_is_the_question_word(speller, question, meant):
    """No report need use "hoeveel" or "wanneer", so they were no word to correct to, and "hoevel fte …" asked no
    number; a word rarer than a question word one edit from it is that question word."""
    assert speller.correct(question)[0] == meant


def test_of_two_words_one_edit_away_the_one_more_passages_use_wins():
    texts = ["de vergunning", "de vergunning", "de vergunning", "de vergunnink"]
    speller = Speller(Tokenizer.from_texts(texts), [set(words(t)) for t in texts], texts)
    assert speller.correct("vergunnin")[0] == "vergunning"


def test_every_generated_typing_error_changes_the_word_inside_it():
    rng = random.Random(1)
    for _ in range(500):
        word = rng.choice(["voorzitter", "asielopvang", "gemeenten", "netwerkdag", "aaaaaa"])
        typo = misspell(word, rng)
        assert typo[0] == word[0] and abs(len(typo) - len(word)) <= 1
        assert typo != word


def test_a_pasted_decomposed_accent_is_one_word_with_its_letter(speller):
    """macOS pastes "ö" as "o" and a combining mark: read as one letter, "coöperaties" stays a word."""
    pasted = unicodedata.normalize("NFD", "Wat doen de coöperaties?")
    assert pasted != "Wat doen de coöperaties?"
    assert speller.correct(clean_question(pasted)) == ("Wat doen de coöperaties?", [])


def test_a_capital_at_the_start_of_the_question_is_no_name(speller):
    assert speller.correct("Voorziter van de stad?")[0] == "Voorzitter van de stad?"


def test_a_places_adjective_is_a_word_of_the_reports():
    """A black-box shelf (2026-12-02): "wanneer is de Lindelandse Lus geopend" was searched as "Lindeland Lus": the
    report writes "Lindelandse" once, the region's name "Lindeland" often."""
    texts = ["De regio Lindeland werkt samen.", "Lindeland en Markvliet.", "De Lindelandse Lus is geopend."]
    speller = Speller(Tokenizer.from_texts(texts), [set(words(t)) for t in texts], texts)
    assert speller.correct("wanneer is de Lindelandse Lus geopend") == ("wanneer is de Lindelandse Lus geopend", [])


def test_an_abbreviation_the_reports_write_out_is_searched_as_their_words():
    """A fourth black-box shelf: "Wanneer heeft het DB de positionpaper vastgesteld?" of a report that writes "het
    Dagelijks Bestuur" found nothing to match "DB". Not where the reports use the abbreviation, nor where they lack
    its words, nor typed in lower case."""
    def speller_of(*texts: str) -> Speller:
        return Speller(Tokenizer.from_texts(list(texts)), [set(words(t)) for t in texts], list(texts))

    writes_out = speller_of("Het Dagelijks Bestuur stelde de positionpaper vast op 15 februari.",
                            "Het algemeen bestuur vergaderde vier keer.")
    corrected, corrections = writes_out.correct("Wanneer heeft het DB de positionpaper vastgesteld?")
    assert corrected == "Wanneer heeft het dagelijks bestuur de positionpaper vastgesteld?"
    assert [(c.typed, c.meant) for c in corrections] == [("DB", "dagelijks bestuur")]
    assert writes_out.correct("Wat doet het db?")[0] == "Wat doet het db?"  # lower case: maybe no abbreviation
    assert writes_out.correct("Wat staat in de RIB?")[0] == "Wat staat in de RIB?"  # no "raadsinformatiebrief" there
    statistics = speller_of("Het Centraal Bureau voor de Statistiek telde 1.240 woningen.", "Het bureau telde.")
    assert statistics.correct("Wat telde het CBS?")[0] == "Wat telde het Centraal Bureau voor de Statistiek?"
    uses_it = speller_of("Het DB stelde de positionpaper vast.", "Het dagelijks bestuur vergaderde vier keer.")
    assert uses_it.correct("Wanneer heeft het DB de positionpaper vastgesteld?")[1] == []
