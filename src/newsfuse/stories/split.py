"""Does a young story hold two events? A spectral two-way cut of its articles.

The online index decides on each article alone, so the first report of a second event
of the same kind (a second quake on the same island, a second robbery in the same city)
can join the first event's story while that story is one or two articles old. Once the
story has a few articles, their pairwise similarities show the two groups: the cut of the
similarity graph along its Fiedler vector (normalised Laplacian) separates them, and the
story splits when the articles across the cut are much less alike than those within.

The best of the many two-way cuts of a few articles of one event also looks well
separated on average: some pair of reports is always worded apart. What such a cut
lacks is closure: two events are two groups in which every article's most similar
fellow is of its own event, while a cut through one event leaves some article whose
closest report is on the other side. So a cut also stands only when at most a given
number of articles have their nearest fellow across it.

The sign of the Fiedler vector is unreliable for an article that lies between the groups:
of two events in a larger story, the cut often misplaces one such article, its nearest
fellow then lies across, and the cut is refused. So before the checks up to a given number
of articles whose nearest fellow lies across are moved to their fellow's side.
"""

from __future__ import annotations

import numpy as np


def two_way_cut(
    similarity: np.ndarray,
    max_ratio: float,
    min_side: int,
    max_nearest_across: int = 0,
    max_moved: int = 0,
) -> np.ndarray | None:
    """Boolean side of each article when the story should split, else None.

    `similarity` is the symmetric matrix of pairwise similarities (diagonal ignored);
    the spectral cut is first corrected by moving up to `max_moved` articles to the side
    of their most similar fellow; the cut stands when mean similarity across it is below
    `max_ratio` times the mean within its sides, each side holds at least `min_side`
    articles, and no more than `max_nearest_across` articles have their most similar
    fellow on the other side.
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
    nearest = np.where(np.eye(n, dtype=bool), -np.inf, similarity).argmax(axis=1)
    side = _follow_nearest(vectors[:, 1] >= 0, nearest, w, max_moved)
    a, b = int(side.sum()), int(n - side.sum())
    if min(a, b) < min_side:
        return None
    within_pairs = a * (a - 1) + b * (b - 1)
    within = (w[np.ix_(side, side)].sum() + w[np.ix_(~side, ~side)].sum()) / within_pairs
    across = w[np.ix_(side, ~side)].mean()
    if within <= 0 or across >= max_ratio * within:
        return None
    return side if int((side[nearest] != side).sum()) <= max_nearest_across else None


def _follow_nearest(
    side: np.ndarray, nearest: np.ndarray, w: np.ndarray, max_moved: int
) -> np.ndarray:
    """`side` with up to `max_moved` articles whose nearest fellow lies across moved over.

    One at a time, the one most drawn to the other side (its mean similarity there less
    that on its own side): of two articles that are each other's nearest across the cut,
    only the one that belongs less where it is moves.
    """
    moved = side.copy()
    n = len(side)
    total = w.sum(axis=1)
    for _ in range(max_moved):
        across = moved[nearest] != moved
        if not across.any():
            break
        size = int(moved.sum())
        to_true = w @ moved.astype(np.float64)
        to_false = total - to_true
        own = np.where(moved, to_true / max(size - 1, 1), to_false / max(n - size - 1, 1))
        other = np.where(moved, to_false / max(n - size, 1), to_true / max(size, 1))
        i = int(np.where(across, other - own, -np.inf).argmax())
        moved[i] = not moved[i]
    return moved
