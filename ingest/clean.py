"""Undo what PDF extraction does to running text: line-end hyphenation, hard line breaks, spacing.

Whether "inge-" + "richt" is one word or "MKB-" + "dienstverlening" keeps its hyphen is decided
with evidence: a capital or an acronym next to the hyphen, how the corpus itself spells the word
on unbroken lines, and a Dutch word-frequency list (wordfreq).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from vraagbaak.ingest.read import Line

WORD = re.compile(r"[^\W\d_](?:[\w’']|-(?=\w))*")
BULLET = re.compile(r"^[•·▪◦‣*–●○■□❑◆❖➢-]\s+")
#: Words after "X- " that mark an elision hyphen ("aan- en verkoop"), which stays as written.
ELISION_WORDS = frozenset({"en", "of", "tot", "noch", "als", "dan"})
#: Vowel pairs that would read as one sound if written together ("zee-eend", not "zeeeend").
VOWEL_CLASHES = frozenset({"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "oe", "oi", "oo", "ou", "ui", "uu"})
#: A word known to the Dutch frequency list at least this often (Zipf scale) counts as a word.
KNOWN_ZIPF = 2.5
#: Hyphens as PDFs print them (U+2010 hyphen, U+2011 non-breaking hyphen) read as "-".
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
SOFT_HYPHEN = "\u00ad"


@lru_cache(maxsize=65536)
def zipf_nl(word: str) -> float:
    """Frequency of a Dutch word on the Zipf scale (0 when unknown)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.replace("’", "'"), "nl")


class Vocabulary:
    """How often each word occurs (lower-cased) in the corpus, outside line-end fragments."""

    def __init__(self, counts: Counter[str] | None = None):
        self.counts: Counter[str] = counts or Counter()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        counts: Counter[str] = Counter()
        for text in texts:
            for line in text.splitlines():
                line = normalise_line(line)
                words = WORD.findall(line)
                if line.endswith(("-", SOFT_HYPHEN)) and words:
                    words = words[:-1]  # "inge-" is a fragment, not a word
                counts.update(w.lower() for w in words[1:])  # the first word may be a fragment too
        return cls(counts)

    def count(self, word: str) -> int:
        return self.counts[word.lower()]

    def is_word(self, word: str) -> bool:
        return self.count(word) > 0 or zipf_nl(word.lower()) >= KNOWN_ZIPF


def hyphen_joiner(left_word: str, right_word: str, vocab: Vocabulary) -> str:
    """What replaces the line-end hyphen between ``left_word-`` and ``right_word``: "", "-" or "- "."""
    first = (WORD.match(right_word) or [""])[0]
    if not first:
        return "-"
    if first.lower() in ELISION_WORDS:
        return "- "
    stem = (re.findall(r"[^\W_]+", left_word) or [""])[-1]  # "‘Actie" -> "Actie", "G40-thema" -> "thema"
    if first[0].isupper() or not stem or not any(c.islower() for c in stem):
        return "-"  # "Sittard-Geleen", "MKB-dienstverlening", "G40-steden"
    joined, hyphenated = stem + first, f"{stem}-{first}"
    if vocab.count(hyphenated) > vocab.count(joined):
        return "-"
    if (stem[-1] + first[0]).lower() in VOWEL_CLASHES and not (vocab.count(joined) or zipf_nl(joined.lower())):
        return "-"  # Dutch spelling keeps a hyphen where two vowels would merge: "zee-eend", "auto-ongeluk"
    return ""  # Dutch writes compounds closed: "inge-richt" and "Asiel-keten" were line breaks


def normalise_line(text: str) -> str:
    """NFC, one space between words, every hyphen as "-"; a soft hyphen only survives at the end,
    where it marks a word broken over two lines.

    >>> normalise_line("  heb\u00adben  samen\u2010wer\u00ad ")
    'hebben samen-wer\xad'
    """
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(HYPHENS)).strip()
    return text.replace(SOFT_HYPHEN, "") + (SOFT_HYPHEN if text.endswith(SOFT_HYPHEN) else "")


@dataclass
class MappedText:
    """Cleaned text that remembers, for each source line, the offset where its words begin."""

    text: str = ""
    anchors: list[tuple[int, Line]] = field(default_factory=list)

    def lines_between(self, start: int, end: int) -> list[Line]:
        """Source lines whose text overlaps ``text[start:end]``."""
        found = []
        for i, (offset, line) in enumerate(self.anchors):
            next_offset = self.anchors[i + 1][0] if i + 1 < len(self.anchors) else len(self.text)
            if offset < end and next_offset > start:
                found.append(line)
        return found


class Reflower:
    """Joins the lines of one paragraph into running text; without a vocabulary, hyphens stay as extracted."""

    def __init__(self, vocab: Vocabulary | None):
        self.vocab = vocab

    def paragraph(self, lines: Iterable[Line]) -> MappedText:
        para = MappedText()
        for line in lines:
            self.append(para, line)
        return para

    def append(self, para: MappedText, line: Line) -> None:
        piece = normalise_line(line.text)
        if not piece:
            return
        text = para.text
        if not text:
            joiner = ""
        elif BULLET.match(piece) or line.table:
            joiner = "\n"
        elif text.endswith(SOFT_HYPHEN):
            joiner, text = "", text[:-1]  # the writer marked this break as inside a word
        elif text.endswith("/"):
            joiner = ""
        elif self.vocab is not None and text.endswith("-") and len(text) > 1 and text[-2].isalnum():
            last_word = text.rsplit(" ", 1)[-1][:-1]
            joiner = hyphen_joiner(last_word, piece, self.vocab)
            text = text[:-1]
        else:
            joiner = " "
        para.text = text + joiner
        para.anchors.append((len(para.text), line))
        para.text += piece
