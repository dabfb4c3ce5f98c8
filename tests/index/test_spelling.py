"""Typing errors corrected against the reports' own words, and nothing else touched."""

import random

import pytest

from vraagbaak.eval.typos import misspell
from vraagbaak.index.keyword import Tokenizer, words
from vraagbaak.index.spelling import Speller

TEXTS = [
    "De voorzitter van de themagroep Financiën sprak over het ravijnjaar.",
    "De voorzitter opende de netwerkdag over asielopvang en woningbouw.",
    "Een voorziening voor jongeren: de voorzitter bezocht haar.",
    "Vergunningen en vergunning.",
    "De bestuurlijke netwerkdagen in Zwolle en Helsinki.",
    "Woningbouw staat voorop.",
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
    ("Voorziter", "Voorzitter"),  # a capital typed stays a capital
    ("Finacien", "Financiën"),  # written as the reports write it, accents and all
    ("wonningbouw", "woningbouw"),  # in lower case where the reports ever write it so
    ("netwerkdaggen", "netwerkdagen"),  # stems like a known word ("netwerkdag"), yet no word
    ("bestuurljkee", "bestuurlijke"),  # two edits in a long word
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
