"""Retrieval metrics as pure functions over the rank of the first relevant passage."""

from __future__ import annotations

import math
from collections.abc import Sequence


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
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def best_threshold(answerable: Sequence[float], unanswerable: Sequence[float]) -> tuple[float, float]:
    """The confidence threshold that best separates the two groups (balanced accuracy), and that accuracy.

    Ties go to the lower threshold: wrongly abstaining hides a real answer.

    >>> best_threshold([0.9, 0.8], [0.5, 0.6])
    (0.7, 1.0)
    """
    candidates = sorted(set(answerable) | set(unanswerable))
    cuts = [candidates[0] - 1e-6] + [(a + b) / 2 for a, b in zip(candidates, candidates[1:])] + [candidates[-1] + 1e-6]
    best = (cuts[0], -1.0)
    for cut in cuts:
        kept = sum(1 for s in answerable if s >= cut) / len(answerable) if answerable else 1.0
        refused = sum(1 for s in unanswerable if s < cut) / len(unanswerable) if unanswerable else 1.0
        accuracy = (kept + refused) / 2
        if accuracy > best[1] + 1e-12:
            best = (round(cut, 4), accuracy)
    return best
