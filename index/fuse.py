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
