"""Reciprocal-rank fusion: merges rankings whose scores live on different scales (BM25 vs cosine)."""
from __future__ import annotations

from collections.abc import Hashable, Sequence

RRF_K = 60  # the constant from Cormack et al. (2009); damps the weight of the very top ranks


def rrf(rankings: Sequence[Sequence[Hashable]], weights: Sequence[float] | None = None,
        k: int = RRF_K) -> list[tuple[Hashable, float]]:
    """Fuse ranked lists of ids (best first) into one list of (id, score), best first.

    Each list contributes weight / (k + rank) for every id it ranks (rank from 1). Ties keep the order
    in which ids were first seen, so equal evidence does not reshuffle results between runs.
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[Hashable, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    order = {item: i for i, item in enumerate(scores)}
    return sorted(scores.items(), key=lambda pair: (-pair[1], order[pair[0]]))
