"""Typing errors in a question, corrected against the reports' own words before it is searched.

"Wie is de voorziter van de themagroep?" lost the chair's passage: the keyword search knows no
"voorziter", and the embedding of a misspelt word is another word's. A word is corrected only when
the reports never use it (in this form, or as a compound of two of their words; a typing error
often has a known stem: "handreikig" and "handreiking" both stem to "handreik") and neither the Dutch nor the English word list of ``wordfreq`` knows it
(so it is no word at all), and a word the reports use lies one edit away (two for a word of ten
letters or more; two neighbouring letters swapped count as one edit). A real word the reports do
not use ("paspoort", "contributie") stays what it is: that a question asks about something the
reports never mention is evidence that they do not answer it. Of several candidates at the same
distance, the one the most passages use wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne
from wordfreq import zipf_frequency

from vraagbaak.index.keyword import STOPWORDS, Tokenizer, fold

#: Shorter words have too many neighbours to guess which was meant.
MIN_LENGTH = 5
#: From this length a word may have two errors.
TWO_EDITS = 10
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Correction:
    typed: str
    meant: str


class Speller:
    def __init__(self, tokenizer: Tokenizer, passage_words: list[set[str]], passage_texts: list[str]):
        self.tokenizer = tokenizer
        self.counts = Counter(w for found in passage_words for w in found if len(w) >= MIN_LENGTH - 1)
        #: Per length, the reports' words, most used first (so the first of a distance is the most used).
        self.by_length: dict[int, list[str]] = {}
        for word, _ in sorted(self.counts.items(), key=lambda item: (-item[1], item[0])):
            self.by_length.setdefault(len(word), []).append(word)
        #: A folded word as the reports write it ("financien" -> "financiën"): in lower case if they ever do,
        #: else as they write it most often (a name: "zwolle" -> "Zwolle").
        self.written: dict[str, str] = {}
        for form, _ in Counter(WORD.findall("\n".join(passage_texts))).most_common():
            folded = fold(form)
            known = self.written.get(folded)
            if folded in self.counts and (known is None or (form.islower() and not known.islower())):
                self.written[folded] = form
        self.meant = lru_cache(maxsize=16384)(self._meant_uncached)

    def correct(self, question: str) -> tuple[str, list[Correction]]:
        """The question with its misspelt words replaced, and what was replaced (empty: nothing)."""
        corrections: list[Correction] = []

        def replace(match: re.Match) -> str:
            typed = match.group()
            meant = self.meant(fold(typed))
            if meant is None:
                return typed
            if typed[0].isupper():
                meant = meant[0].upper() + meant[1:]
            corrections.append(Correction(typed, meant))
            return meant

        return WORD.sub(replace, question), corrections

    def _meant_uncached(self, word: str) -> str | None:
        if (len(word) < MIN_LENGTH or word in STOPWORDS or word in self.counts or self.tokenizer.split(word)
                or zipf_frequency(word, "nl") > 0 or zipf_frequency(word, "en") > 0):
            return None
        edits = 2 if len(word) >= TWO_EDITS else 1
        best: tuple[int, int, str] | None = None  # (distance, minus the passages using it, word)
        for length in range(len(word) - edits, len(word) + edits + 1):
            choices = self.by_length.get(length)
            if not choices:
                continue
            found = extractOne(word, choices, scorer=OSA.distance, score_cutoff=edits)
            if found is not None and (best is None or (found[1], -self.counts[found[0]]) < best[:2]):
                best = (found[1], -self.counts[found[0]], found[0])
        return None if best is None else self.written.get(best[2], best[2])
