"""Typing errors in a question, corrected against the reports' own words before it is searched.

"Wie is de voorziter van de themagroep?" lost the chair's passage: the keyword search knows no
"voorziter", and the embedding of a misspelt word is another word's. A word (letters only, not part
of "G40" or an e-mail or web address) is corrected only when it is no word at all and a word of the
reports lies one edit away (two for a word of ten letters or more; two neighbouring letters swapped
count as one edit); of several, the one the most passages use. A word with a capital inside the
question is a name's, and becomes only a name of the reports ("Mrije" -> "Marije", not "vrije").

No word at all (``Speller._is_a_word``): not in two passages of the reports or more, not one of their
words with a regular ending or two of them joined, on no word list (wordfreq's Dutch and English, the
Dutch spelling list of pyspellchecker), and no compound of two common words. A real word the
reports do not use ("paspoort", "prepositie", "grondfonds") stays what it is: that a question asks
about something the reports never mention is evidence that they do not answer it. The stem is not
asked: a typing error often has a known one ("handreikig" and "handreiking" both stem to "handreik").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract
from spellchecker import SpellChecker
from wordfreq import zipf_frequency

from vraagbaak.index.keyword import STOPWORDS, Tokenizer, compound_parts, fold, words

#: Shorter words have too many neighbours to guess which was meant.
MIN_LENGTH = 5
#: From this length a word may have two errors.
TWO_EDITS = 10
#: A word of letters only, whole: not the letters of "G40" or "Platform31".
WORD = re.compile(r"(?<![\w])[^\W\d_]+(?![\w])")
#: Endings of plurals and inflections, and of an adjective made of a place's name ("Lindelandse" of "Lindeland"): a
#: word of the reports with one of them is that word.
ENDINGS = ("en", "s", "e", "n", "se")
#: A capital after a lower-case word and a space: a name ("in Zwolle"), not a sentence's first word.
NAMED = re.compile(r"(?<=[^\W\d_])[ ]+([^\W\d_]+)")
#: An address, not words: nothing in it is corrected ("jan@tilbrug.nl", "www.g40.nl/geen-pleistres").
ADDRESS = re.compile(r"\S*(?:@|://|www\.|/)\S*")
#: Parts of a compound that the word lists do not know as a whole ("grondfonds", "kansenongelijkheid"):
#: common words (Zipf frequency), the first at least 3 letters, the second at least 4.
COMMON = 2.5
#: Question words, which no report need use: among the question's first ``ASKING_WORDS`` words, one typed one letter
#: wrong ("hoevel", "waneer") is the question word where no report and no spelling list has it and it is rare
#: (wordfreq's Zipf below ``RARE``). The question word says what is asked (a number, a date), and a black-box question
#: "hoevel fte …" was not read as asking for one. Not later on: "op weke bodem" is no "op welke bodem".
QUESTION_WORDS = ("hoeveel", "wanneer", "waarom", "welke", "waarvoor", "waarmee", "waardoor", "hoelang")
ASKING_WORDS = 3
RARE = 3.5
#: Abbreviations of public administration written out, where the reports write the words and not the abbreviation:
#: "Wanneer heeft het DB de positionpaper vastgesteld?" of a report that says "het Dagelijks Bestuur" (a black-box
#: shelf). Typed in capitals only ("rib" is a word). Not "OZB", a tax asked about as one's own (``OFF_DOMAIN``).
ABBREVIATIONS = {
    "DB": "dagelijks bestuur", "AB": "algemeen bestuur", "GR": "gemeenschappelijke regeling",
    "RIB": "raadsinformatiebrief", "MT": "managementteam", "WOZ": "waardering onroerende zaken",
    "VNG": "Vereniging van Nederlandse Gemeenten", "IPO": "Interprovinciaal Overleg", "BZK": "Binnenlandse Zaken",
    "SZW": "Sociale Zaken en Werkgelegenheid", "VWS": "Volksgezondheid, Welzijn en Sport",
    "OCW": "Onderwijs, Cultuur en Wetenschap", "EZK": "Economische Zaken en Klimaat",
    "LNV": "Landbouw, Natuur en Voedselkwaliteit", "CBS": "Centraal Bureau voor de Statistiek"}


@cache
def dutch_words() -> frozenset[str]:
    """The Dutch spelling list of pyspellchecker (loaded once per process):
    it knows "prepositie" and "informatrice", which wordfreq's lists, made from what people write, lack.
    A word with accents is also there without them, as people type it ("oekrainers")."""
    listed = list(SpellChecker(language="nl", distance=1).word_frequency.keys())
    return frozenset(listed) | {fold(w) for w in listed if not w.isascii()}


def on_a_word_list(word: str) -> bool:
    """A word of wordfreq's Dutch or English list or of the Dutch spelling list (``dutch_words``)."""
    return any(zipf_frequency(word, language) > 0 for language in ("nl", "en")) or word in dutch_words()


@dataclass(frozen=True)
class Correction:
    typed: str
    meant: str


class Speller:
    """Corrects against the words of one set of passages (a shelf, or a scope of it)."""

    def __init__(self, tokenizer: Tokenizer, passage_words: list[set[str]], passage_texts: list[str]):
        self.tokenizer = tokenizer
        self.counts = Counter(w for found in passage_words for w in found if len(w) >= MIN_LENGTH - 1)
        self.short = {w for found in passage_words for w in found if len(w) < MIN_LENGTH - 1}
        #: Per length, the reports' words, most used first (so the first of a distance is the most used).
        self.by_length: dict[int, list[str]] = {}
        for word, _ in sorted(self.counts.items(), key=lambda item: (-item[1], item[0])):
            self.by_length.setdefault(len(word), []).append(word)
        self.written, self.names = self._written(passage_texts)
        self.meant = lru_cache(maxsize=16384)(self._meant_uncached)

    def _written(self, texts: list[str]) -> tuple[dict[str, str], set[str]]:
        """A folded word as the reports write it, accents and all: a name as they capitalise it in
        mid-sentence ("zwolle" -> "Zwolle"), where that is more common than the word in lower case
        ("financien" -> "financiën", "wonen" stays a verb beside "themagroep Wonen"); and the words
        they write as names at all."""
        text = "\n".join(texts)
        forms: dict[str, Counter] = {}
        for form, n in Counter(WORD.findall(text)).items():
            if form.islower():
                forms.setdefault(fold(form), Counter())[form] += n
        names: set[str] = set()
        for form, n in Counter(m.group(1) for m in NAMED.finditer(text)).items():
            if form[0].isupper() and not form.isupper():
                forms.setdefault(fold(form), Counter())[form] += n
                names.add(fold(form))
        written = {folded: found.most_common(1)[0][0] for folded, found in forms.items() if folded in self.counts}
        return written, names

    def correct(self, question: str) -> tuple[str, list[Correction]]:
        """The question with its misspelt words replaced, and what was replaced (empty: nothing)."""
        corrections: list[Correction] = []
        addresses = [m.span() for m in ADDRESS.finditer(question)]

        def replace(match: re.Match) -> str:
            typed = match.group()
            if any(a <= match.start() < b for a, b in addresses):
                return typed
            if (written := self._written_out(typed)) is not None:
                corrections.append(Correction(typed, written))
                return written
            # A capital inside the question is a name's: it may only be another name of the reports
            # ("Mrije" -> "Marije", never "Vrije").
            name = match.start() > 0 and typed[0].isupper() and not typed.isupper()
            early = len(WORD.findall(question, 0, match.start())) < ASKING_WORDS
            meant = self.meant(typed.lower(), name, early)
            if meant is None:
                return typed
            if typed.isupper() and len(typed) > 1:
                meant = meant.upper()
            elif typed[0].isupper():
                meant = meant[0].upper() + meant[1:]
            corrections.append(Correction(typed, meant))
            return meant

        return WORD.sub(replace, question), corrections

    def _meant_uncached(self, typed: str, name: bool, early: bool = False) -> str | None:
        word = fold(typed)
        if early and not name and (asking := self._question_word(word)):
            return asking
        if len(word) < MIN_LENGTH or word in STOPWORDS or self._is_a_word(typed, word):
            return None
        edits = 2 if len(word) >= TWO_EDITS else 1
        best: tuple[int, int, str] | None = None  # (distance, minus the passages using it, word)
        for length in range(len(word) - edits, len(word) + edits + 1):
            choices = self.by_length.get(length, [])
            if name:
                choices = [w for w in choices if w in self.names]
            found = next(((w, d) for w, d, _ in extract(word, choices, scorer=OSA.distance, score_cutoff=edits, limit=2)
                          if w != word), None)  # the report's own slip ("speciefieke") is no answer
            if found is not None and (best is None or (found[1], -self.counts[found[0]]) < best[:2]):
                best = (found[1], -self.counts[found[0]], found[0])
        return None if best is None else self.written.get(best[2], best[2])

    def _written_out(self, typed: str) -> str | None:
        """An abbreviation in capitals (``ABBREVIATIONS``) the reports do not use, as its words, where they use
        those."""
        written = ABBREVIATIONS.get(typed)
        if written is None or fold(typed) in self.short or fold(typed) in self.counts:
            return None
        # as the reports' words are counted: without stop words ("voor" in CBS's is never counted)
        said = [w for w in words(written) if len(w) >= MIN_LENGTH - 1]
        return written if all(w in self.counts for w in said) else None

    def _question_word(self, word: str) -> str | None:
        """The question word ``word`` is a typing error of (``QUESTION_WORDS``), if it is one."""
        if self.counts[word] or word in self.names or word in dutch_words() or zipf_frequency(word, "nl") >= RARE:
            return None
        return next((q for q in QUESTION_WORDS if q != word and OSA.distance(word, q, score_cutoff=1) <= 1), None)

    def _is_a_word(self, typed: str, word: str) -> bool:
        """A word the reports use in two passages or more, one of theirs with a regular ending or made of two
        of theirs, a word of a word list, or a compound of two common words. A word only one passage uses
        and no list knows may be the report's own typing error ("speciefieke"): a question is not held to it."""
        if self.counts[word] >= 2 or self.tokenizer.split(word):
            return True
        if any(word.endswith(end) and word[:-len(end)] in self.counts for end in ENDINGS):
            return True
        return on_a_word_list(word) or on_a_word_list(typed) or _compound(word)


def _compound(word: str) -> bool:
    """Two common words joined, with or without a linking sound: a word the lists lack as a whole."""
    return bool(compound_parts(word, lambda part: zipf_frequency(part, "nl") >= COMMON, head_min=3, tail_min=4))
