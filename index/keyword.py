"""Dutch keyword search: BM25 (bm25s) over folded, decompounded, stemmed tokens.

* diacritics folded, so "financien" finds "Financiën";
* Dutch stop words and question words dropped (bm25s's list plus a few);
* compounds also indexed by their parts when both parts occur in the corpus
  ("ravijnjaar" -> "ravijn", "jaar"), so "jaar" or "ravijn" finds it;
* Snowball's Dutch stemmer (PyStemmer), so "gemeenten" matches "gemeente";
* each document's passages weighed with that document's own statistics (IDF and average length), so
  a passage scores on a shelf of fifty reports as in an index of its report alone (the compound
  parts are the whole shelf's). With statistics over the whole shelf, words that name a report
  ("G40", "themagroep") become rare and outweigh what the question is about; and a scope is then
  simply the passages it holds. A document too small to say what is rare in it is weighed with the
  whole shelf's statistics.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Container, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH
from scipy import sparse

from vraagbaak.ingest.links import EMAIL

TOKEN = re.compile(r"[a-z0-9]+")
QUESTION_WORDS = {"waar", "wanneer", "welke", "welk", "waarom", "hoeveel", "wie", "wat", "hoe", "doet", "gaat"}
STOPWORDS = frozenset(STOPWORDS_DUTCH) | QUESTION_WORDS
MIN_PART = 4
MIN_COMPOUND = 8
#: Passages a document needs to be weighed with its own statistics. In a decision list of five passages a
#: word in one of them has a far lower IDF than in a large report: the one passage that names
#: "Vierdaagse" lost to a large report's passages on common words. Such a document is weighed with the
#: whole shelf's statistics. (The answer evidence has a rule of the same kind, against the question's
#: ``SearchConfig.candidates`` nearest passages, 30 too; the two are set apart: this one is fixed at build.)
OWN_STATISTICS = 30
LINKING = ("", "s", "e", "en")


def fold(text: str) -> str:
    """Lower case without diacritics: "Financiën" -> "financien"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words, no stopwords; an e-mail address is the one word "mailadres" (as in "e-mailadres"): its parts
    ("regiodeal@regiolindeland.nl") put a passage first for a question about the programme it is the mailbox of."""
    folded = fold(text)
    if "@" in folded:
        folded = EMAIL.sub(" mailadres ", folded)
    return [w for w in TOKEN.findall(folded) if len(w) > 1 and w not in STOPWORDS]


def bm25_idf(passages: int, containing: int) -> float:
    """BM25's IDF as bm25s computes it by default ("lucene")."""
    return math.log(1 + (passages - containing + 0.5) / (containing + 0.5))


def compound_parts(word: str, known: Callable[[str], bool], head_min: int = MIN_PART,
                   tail_min: int = MIN_PART) -> tuple[str, ...]:
    """Two ``known`` parts, with an optional linking sound between them; longest head first."""
    for i in range(len(word) - tail_min, head_min - 1, -1):
        head = word[:i]
        if not known(head):
            continue
        for link in LINKING:
            tail = word[i:]
            if tail.startswith(link) and len(tail) - len(link) >= tail_min and known(tail[len(link):]):
                return (head, tail[len(link):])
    return ()


#: The shortest stem whose verb form ``verb_form`` reads as another: not "kant" as "kan".
MIN_VERB_STEM = 5
#: A weak verb's past tense: "beheerde", "woonden", "werkte", "startten".
PAST_TENSE = re.compile(r"(?:de|den|te|ten)$")


def verb_form(word: str, stem: str, known: Container[str], verbs: Container[str]) -> str:
    """A question's stem the texts do not use, as the same verb's stem they do: Snowball keeps the "t" of the present
    tense ("beheert") and the "d" of a past tense in "-de(n)" after a stem ("woonden": "woond"), where "beheerde" is
    "beheer" and "wonen" "woon"; so "Hoeveel inwoners woonden er …?" asked about a word no report used, against "In
    het gebied wonen …". A "t" or "d" goes only where the word ends in "t" or "de(n)" and the texts use the shorter
    stem as a verb's (``verbs``: stems of their words in "-en": not "ruimte" as "ruim", "maart" as "maar"); one is
    added only to a past tense ("beheerde" as "beheert"; not "regels" as "regelt"). A stem the texts use stays."""
    if stem in known or len(stem) < MIN_VERB_STEM:
        return stem
    if stem[-1] in "td":
        shorter = stem[:-1]
        ending = word.endswith("t") if stem[-1] == "t" else word.endswith(("de", "den"))
        return shorter if ending and shorter in known and shorter in verbs else stem
    if PAST_TENSE.search(word):
        return next((form for form in (stem + "t", stem + "d") if form in known), stem)
    return stem


class Tokenizer:
    """Turns text into index terms; the decompounding vocabulary is part of the saved index."""

    def __init__(self, parts: set[str]):
        self.parts = parts
        self.stemmer = Stemmer.Stemmer("dutch")
        self.split = lru_cache(maxsize=65536)(self._split_uncached)

    @classmethod
    def from_texts(cls, texts: list[str]) -> Tokenizer:
        return cls({w for t in texts for w in words(t) if len(w) >= MIN_PART and not w.isdigit()})

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        return compound_parts(word, self.parts.__contains__) if len(word) >= MIN_COMPOUND else ()

    def __call__(self, text: str) -> list[str]:
        terms: list[str] = []
        for word in words(text):
            terms.append(word)
            terms.extend(self.split(word))
        return self.stemmer.stemWords(terms)

    def query(self, text: str, known: Container[str]) -> list[str]:
        """A question's terms (``__call__``), a verb form the texts do not use read as the one they do
        (``verb_form``)."""
        terms = [term for word in words(text) for term in (word, *self.split(word))]
        return [verb_form(term, stem, known, self.verbs) for term, stem in zip(terms, self.stemmer.stemWords(terms))]

    @cached_property
    def verbs(self) -> frozenset[str]:
        """The stems of the texts' words in "-en": an infinitive or plural verb's ("wonen", "beheren"), or a plural
        noun's."""
        return frozenset(self.stemmer.stemWords(sorted(w for w in self.parts if w.endswith("en"))))


def _per_document(ids: list[list[int]], documents: list[list[int]], empty: int,
                  shelf: sparse.csc_matrix) -> sparse.csc_matrix:
    """The postings of one bm25s index per document (``documents``: each one's rows of ``ids``), side by
    side in one matrix over all passages. Each document's index has only its own terms, so building
    them all costs about one index of the whole shelf, however many documents there are. A document of
    fewer than ``OWN_STATISTICS`` passages keeps its rows of ``shelf`` (the whole shelf's postings)."""
    small = np.asarray([r for members in documents if len(members) < OWN_STATISTICS for r in members], dtype=np.int64)
    kept = shelf.tocoo()
    chosen = np.isin(kept.row, small)
    rows, columns, values = [kept.row[chosen].astype(np.int64)], [kept.col[chosen].astype(np.int64)], [kept.data[chosen]]
    documents = [members for members in documents if len(members) >= OWN_STATISTICS]
    for members in documents:
        own = sorted({t for r in members for t in ids[r]})
        local = {term: i for i, term in enumerate(own)}
        part = bm25s.BM25()
        part.index(([[local[t] for t in ids[r]] for r in members], local), show_progress=False)
        global_of = np.empty(len(part.vocab_dict), dtype=np.int64)
        for key, column in part.vocab_dict.items():  # bm25s adds its empty token "" (no postings) to the terms
            global_of[column] = empty if key == "" else key
        matrix = sparse.csc_matrix((part.scores["data"], part.scores["indices"], part.scores["indptr"]),
                                   shape=(len(members), len(part.scores["indptr"]) - 1)).tocoo()
        rows.append(np.asarray(members, dtype=np.int64)[matrix.row])
        columns.append(global_of[matrix.col])
        values.append(matrix.data)
    merged = sparse.csc_matrix((np.concatenate(values), (np.concatenate(rows), np.concatenate(columns))),
                               shape=shelf.shape)
    merged.sort_indices()
    return merged


class KeywordIndex:
    def __init__(self, bm25: bm25s.BM25, tokenizer: Tokenizer):
        self.bm25 = bm25
        self.tokenizer = tokenizer
        self.vocab = bm25.vocab_dict

    @classmethod
    def build(cls, texts: list[str], documents: list[str] | None = None) -> KeywordIndex:
        """BM25 over ``texts``; ``documents`` names each text's document (all one document without it)."""
        tokenizer = Tokenizer.from_texts(texts)
        tokens = [tokenizer(t) or ["_"] for t in texts]
        vocab: dict[str, int] = {}
        for terms in tokens:
            for term in terms:
                vocab.setdefault(term, len(vocab))
        vocab.setdefault("", len(vocab))  # bm25s's empty token, given its id here rather than appended by bm25s
        ids = [[vocab[t] for t in terms] for terms in tokens]
        if documents is not None and len(documents) != len(texts):
            raise ValueError(f"{len(documents)} documents named for {len(texts)} texts")
        rows_of: dict[str, list[int]] = {}
        for row, document in enumerate(documents if documents is not None else [""] * len(texts)):
            rows_of.setdefault(document, []).append(row)
        bm25 = bm25s.BM25()  # "lucene" weighting: no score for absent terms, so the postings are the whole index
        bm25.index((ids, vocab), show_progress=False)
        if len(rows_of) > 1 and any(len(rows) >= OWN_STATISTICS for rows in rows_of.values()):
            shelf = sparse.csc_matrix((bm25.scores["data"], bm25.scores["indices"], bm25.scores["indptr"]),
                                      shape=(len(texts), len(bm25.scores["indptr"]) - 1))
            merged = _per_document(ids, list(rows_of.values()), vocab[""], shelf)
            bm25.scores = {**bm25.scores, **{name: getattr(merged, name).astype(bm25.scores[name].dtype)
                                             for name in ("data", "indices", "indptr")}}
        return cls(bm25, tokenizer)

    def search(self, query: str, k: int, mask: np.ndarray | None = None,
               instead: Sequence[tuple[np.ndarray, str]] = ()) -> list[tuple[int, float]]:
        """The ``k`` best passages by BM25; with ``mask``, only those it marks (a scope). A passage's score
        depends on its own document only, so a scope needs no statistics of its own, and the passages at some
        rows may be scored for another query (``instead``: rows and their query)."""
        terms = [t for t in self.tokenizer.query(query, self.vocab) if t in self.vocab]
        if k <= 0 or not (terms or instead):
            return []
        scores = self.bm25.get_scores([self.vocab[t] for t in terms]) if terms else np.zeros(self.bm25.scores["num_docs"])
        for rows, other in instead:
            other_terms = [self.vocab[t] for t in self.tokenizer.query(other, self.vocab) if t in self.vocab]
            scores[rows] = self.bm25.get_scores(other_terms)[rows] if other_terms else 0.0
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        return [(int(i), float(scores[i])) for i in sorted(top, key=lambda i: -scores[i]) if scores[i] > 0]

    def save(self, folder: Path) -> None:
        self.bm25.save(str(folder))
        (folder / "parts.json").write_text(json.dumps(sorted(self.tokenizer.parts), ensure_ascii=False))

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        bm25 = bm25s.BM25.load(str(folder), mmap=True)
        parts = set(json.loads((folder / "parts.json").read_text()))
        return cls(bm25, Tokenizer(parts))
