"""Does a young story hold two events? A spectral two-way cut of its articles.

The online index decides on each article alone, so the first report of a second event
of the same kind (a second quake on the same island, a second robbery in the same city)
can join the first event's story while that story is one or two articles old. Once the
story has a few articles, their pairwise similarities show the two groups: the cut of the
similarity graph along its Fiedler vector (normalised Laplacian) separates them, and the
story splits when the articles across the cut are much less alike than those within.
"""

from __future__ import annotations

import numpy as np


def two_way_cut(similarity: np.ndarray, max_ratio: float, min_side: int) -> np.ndarray | None:
    """Boolean side of each article when the story should split, else None.

    `similarity` is the symmetric matrix of pairwise similarities (diagonal ignored);
    the cut stands when mean similarity across it is below `max_ratio` times the mean
    within its sides, and each side holds at least `min_side` articles.
    """
    n = len(similarity)
    if n < 2 * min_side:
        return None
    w = np.clip(similarity, 0.0, None)
    np.fill_diagonal(w, 0.0)
    degree = np.maximum(w.sum(axis=1), 1e-9)
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(n) - w * np.outer(scale, scale)
    _, vectors = np.linalg.eigh(laplacian)
    side = vectors[:, 1] >= 0
    a, b = int(side.sum()), int(n - side.sum())
    if min(a, b) < min_side:
        return None
    within_pairs = a * (a - 1) + b * (b - 1)
    within = (w[np.ix_(side, side)].sum() + w[np.ix_(~side, ~side)].sum()) / within_pairs
    across = w[np.ix_(side, ~side)].mean()
    return side if within > 0 and across < max_ratio * within else None
