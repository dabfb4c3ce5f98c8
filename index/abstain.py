"""Should the answer be "the reports do not say"? A small logistic model over retrieval evidence.

Bi-encoder cosines alone separate answerable from unanswerable questions poorly (they sit in a
narrow band), so the decision combines several signals, each cheap to compute per question:

* ``cosine``, ``sentence``: similarity of the best passage and of its best sentence;
* ``margin``: how far the best passage stands above the other candidates;
* ``keyword``: the best BM25 score (log scale): do the question's words occur at all;
* ``coverage``: share of the question's words the corpus contains (folded, stemmed, compounds);
* ``unknown``: Dutch words of the question that the corpus never uses ("stikstofcrisis");
* ``foreign``: share of the question's words that are more English than Dutch, since the
  keyword signals say little about an English question that the embeddings answer fine.

The weights and the threshold are fitted by ``vraagbaak eval --calibrate`` on the question set
and stored with the index settings; nothing here is guessed.
"""

from __future__ import annotations

import math

import numpy as np
from pydantic import BaseModel

from vraagbaak.index.keyword import Tokenizer, words

FEATURES = ("cosine", "sentence", "margin", "keyword", "coverage", "unknown", "foreign")
MIN_WORD = 4


class AbstentionModel(BaseModel):
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """Probability that the reports answer the question."""
        x = (np.array([features[f] for f in FEATURES]) - np.array(self.mean)) / np.array(self.scale)
        return 1 / (1 + math.exp(-(float(x @ np.array(self.coef)) + self.intercept)))


class KnownWords:
    """Which words the corpus uses (folded, stemmed, compounds), to tell a question about unknown things
    from a paraphrase."""

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.words = tokenizer.parts
        self.stems = set(tokenizer.stemmer.stemWords(sorted(self.words)))

    def known(self, word: str) -> bool:
        return (word in self.words or self.tokenizer.stemmer.stemWord(word) in self.stems
                or bool(self.tokenizer.split(word)))

    def lexical(self, question: str) -> dict[str, float]:
        """Coverage, unknown Dutch words and foreign share of a question."""
        from wordfreq import zipf_frequency

        content = [w for w in words(question) if len(w) >= MIN_WORD and not w.isdigit()]
        if not content:
            return {"coverage": 1.0, "unknown": 0.0, "foreign": 0.0}
        english = {w for w in content if zipf_frequency(w, "en") > zipf_frequency(w, "nl")}
        unknown = [w for w in content if not self.known(w)]
        return {
            "coverage": 1 - len(unknown) / len(content),
            "unknown": float(sum(1 for w in unknown if w not in english)),
            "foreign": len(english) / len(content),
        }
