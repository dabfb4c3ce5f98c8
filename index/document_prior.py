"""Which report a question's words point to, on a shelf: a query-likelihood prior over documents.

On a shelf, a passage of another report can outscore the right one on meaning alone ("Wanneer trad de
Spreidingswet in werking?" on the police's "in werking getreden"), while the question's rarer words are
used by one report only. As in collection selection for distributed search, each document is scored by
how likely its passages make the question's terms: per term, the share of its passages that hold it,
smoothed towards the shelf's share with a Dirichlet prior of ``MU`` passages, against the shelf's share.
A term every report uses weighs nothing; a term of one report weighs much, for that report; a small
document, with little evidence of its own, stays near the shelf. The scores, turned into probabilities
over the documents that compete, raise each document's passages (``search.LIKELY_WEIGHT``).
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from vraagbaak.index.keyword import KeywordIndex

#: The Dirichlet prior, in passages: how many passages of its own a document needs before its shares count
#: for more than the shelf's (chosen on the tuning questions, on a shelf of the G40 report and three others).
MU = 50


class DocumentPrior:
    """The probability of each document given a question's keyword terms, from the keyword index's postings."""

    def __init__(self, keyword: KeywordIndex, document_of: np.ndarray):
        self.keyword = keyword
        self.document_of = document_of
        self.sizes = np.bincount(document_of).astype(np.float64)
        scores = keyword.bm25.scores
        self._starts, self._rows = scores["indptr"], scores["indices"]

    def __call__(self, text: str, documents: Collection[int]) -> dict[int, float]:
        """Each of ``documents`` (positions in the shelf) with its probability; equal where the question's terms
        are in no passage, or in every document alike."""
        competing = np.fromiter(sorted(set(documents)), dtype=np.int64)
        if not len(competing):
            return {}
        total = len(self.document_of)
        log_likelihood = np.zeros(len(self.sizes))
        vocabulary = self.keyword.vocab
        for term in dict.fromkeys(self.keyword.tokenizer.query(text, vocabulary)):
            column = vocabulary.get(term)
            if column is None:
                continue
            rows = self._rows[self._starts[column]:self._starts[column + 1]]
            if not len(rows):
                continue
            share = len(rows) / total
            held = np.bincount(self.document_of[rows], minlength=len(self.sizes))
            log_likelihood += np.log((held + MU * share) / (self.sizes + MU) / share)
        scores = log_likelihood[competing]
        probabilities = np.exp(scores - scores.max())
        probabilities /= probabilities.sum()
        return dict(zip(competing.tolist(), probabilities.tolist()))
