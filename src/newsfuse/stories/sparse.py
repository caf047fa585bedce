"""Sparse weight vectors (term or entity → weight) and their cosines."""

from __future__ import annotations

import math
from collections.abc import Hashable
from itertools import repeat
from operator import mul
from typing import TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)


def norm(weights: dict[K, float]) -> float:
    return math.hypot(*weights.values())


def unit(weights: dict[K, float]) -> dict[K, float]:
    n = norm(weights)
    return {k: v / n for k, v in weights.items()} if n else {}


def cosine(unit_vec: dict[K, float], other: dict[K, float], other_norm: float = 1.0) -> float:
    """Cosine of a unit vector with a vector of known norm (1 for another unit vector)."""
    if not unit_vec or not other_norm:
        return 0.0
    small, large = (other, unit_vec) if len(unit_vec) > len(other) else (unit_vec, other)
    return sum(map(mul, small.values(), map(large.get, small, repeat(0.0)))) / other_norm


def top(weights: dict[K, float], cap: int) -> dict[K, float]:
    """The `cap` heaviest entries."""
    keep = sorted(weights, key=weights.__getitem__, reverse=True)[:cap]
    return {k: weights[k] for k in keep}


def gram(vectors: list[dict[K, float]]) -> np.ndarray:
    """Matrix of the dot products of every pair of sparse vectors (one dense product)."""
    column: dict[K, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for r, vec in enumerate(vectors):
        for k, v in vec.items():
            rows.append(r)
            cols.append(column.setdefault(k, len(column)))
            values.append(v)
    dense = np.zeros((len(vectors), len(column)))
    dense[rows, cols] = values
    return dense @ dense.T
