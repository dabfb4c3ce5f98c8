"""Rank fusion: pure functions over ranked lists of ids."""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], weights: Sequence[float] | None = None,
                           k: int = RRF_K) -> dict[int, float]:
    """score(id) = sum over rankings of weight / (k + rank), rank starting at 1.

    >>> sorted(reciprocal_rank_fusion([[1, 2], [2, 3]]).items(), key=lambda kv: -kv[1])[0][0]
    2
    """
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused


def normalised_sum(scores: Sequence[dict[int, float]], weights: Sequence[float] | None = None) -> dict[int, float]:
    """score(id) = sum of weight x (score scaled to 0..1 within its own list); missing counts 0.

    Unlike rank fusion this keeps how far ahead a clear winner is.

    >>> fused = normalised_sum([{1: 0.9, 2: 0.85, 3: 0.5}, {2: 5.0, 3: 1.0}])
    >>> max(fused, key=fused.get)
    2
    >>> normalised_sum([{7: 0.8}, {7: 0.0}])  # one candidate: first by its cosine, no keyword match
    {7: 1.0}
    """
    weights = weights or [1.0] * len(scores)
    fused: dict[int, float] = {}
    for values, weight in zip(scores, weights):
        if not values:
            continue
        low, high = min(values.values()), max(values.values())
        alike = 1.0 if high > 0 else 0.0  # one candidate, or all alike: the best of its list, unless it scored 0
        for item, value in values.items():
            fused[item] = fused.get(item, 0.0) + weight * ((value - low) / (high - low) if high > low else alike)
    return fused
