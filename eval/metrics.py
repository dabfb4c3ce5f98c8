"""Retrieval metrics as pure functions over the rank of the first relevant passage, and the answer
decision's figures over each question's group and status."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: The groups of questions and the statuses of the answer decision, as the figures name them.
GROUPS = ("answerable", "near_miss", "off_topic", "unanswerable")
STATUSES = ("answered", "uncertain", "not_found")


def decision_figures(groups: Sequence[str], statuses: Sequence[str], correct: Sequence[bool],
                     shown: Sequence[str] = GROUPS) -> dict[str, float]:
    """Per question its group, its status and whether its evidence is in the top 3: the share of each status
    per group (of those ``shown``), and the precision of ``answered`` over every question answered (a near
    miss answered counts as wrong) and over the answerable ones. A figure with nothing to count is left out,
    not 0: a set of off-topic questions answered none, so it has no precision.

    >>> figures = decision_figures(["answerable", "near_miss"], ["answered", "answered"], [True, False])
    >>> figures["answered_precision"], figures["answerable_precision"], "off_topic_not_found" in figures
    (0.5, 1.0, False)
    """
    figures: dict[str, float] = {}
    for group in shown:
        members = [s for g, s in zip(groups, statuses) if g == group]
        for status in STATUSES if members else ():
            figures[f"{group}_{status}"] = members.count(status) / len(members)
    answered = [(g, c) for g, s, c in zip(groups, statuses, correct) if s == "answered"]
    for name, counted in (("answered_precision", [c for _, c in answered]),
                          ("answerable_precision", [c for g, c in answered if g == "answerable"])):
        if counted:
            figures[name] = sum(counted) / len(counted)
    return figures


def first_relevant(relevant: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant item, or None."""
    return next((i for i, r in enumerate(relevant, start=1) if r), None)


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    """Share of questions with a relevant passage in the top ``k``.

    >>> recall_at([1, 3, None], 3)
    0.6666666666666666
    """
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr_at(ranks: Sequence[int | None], k: int = 10) -> float:
    """Mean reciprocal rank, counting only ranks up to ``k``.

    >>> mrr_at([1, 2, None])
    0.5
    """
    return sum(1 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def ndcg_at(relevance: Sequence[Sequence[bool]], total_relevant: Sequence[int], k: int = 10) -> float:
    """Mean nDCG@k with binary relevance; the ideal ranking puts every relevant passage first.

    >>> round(ndcg_at([[False, True]], [1]), 3)
    0.631
    """
    scores = []
    for rel, total in zip(relevance, total_relevant):
        dcg = sum(1 / math.log2(i + 1) for i, r in enumerate(rel[:k], start=1) if r)
        ideal = sum(1 / math.log2(i + 1) for i in range(1, min(total, k) + 1))
        scores.append(dcg / ideal if ideal else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation.

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    """
    return float(np.percentile(values, q)) if len(values) else 0.0


def logit_midpoint(low: float, high: float) -> float:
    """The probability halfway between two others in log-odds: a threshold as far from both as it can be.
    Not rounded, so it never lands on either of two close values.

    >>> round(logit_midpoint(0.2, 0.8), 4)
    0.5
    >>> round(logit_midpoint(0.5, 0.9), 4)
    0.75
    """
    def logit(p: float) -> float:
        p = min(max(p, 1e-6), 1 - 1e-6)
        return math.log(p / (1 - p))

    return 1 / (1 + math.exp(-(logit(low) + logit(high)) / 2))


def threshold_for_precision(confidences: Sequence[float], correct: Sequence[bool], min_precision: float) -> float:
    """The lowest threshold at which the questions at or above it are correct at least ``min_precision`` of the time.

    >>> threshold_for_precision([0.9, 0.8, 0.7, 0.6], [True, True, False, True], 0.9)
    0.75
    >>> threshold_for_precision([0.9, 0.8], [False, True], 0.9)
    1.0
    """
    pairs = sorted(zip(confidences, correct), reverse=True)
    best, hits = 1.0, 0
    for n, (confidence, ok) in enumerate(pairs, start=1):
        hits += ok
        following = pairs[n][0] if n < len(pairs) else None
        if hits / n >= min_precision and following != confidence:
            best = round((confidence + following) / 2, 4) if following is not None else round(confidence, 4)
    return best
