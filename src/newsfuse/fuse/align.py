"""Whether two sentences of different reports state the same fact: a learned decision.

A small logistic regression over features a careful reader would weigh: how close the
two sentences are in meaning (MiniLM cosine), how many of their rarer words they share
(TF-IDF cosine of word stems over the story's sentences), whether both open their
reports (news is written lead first, so leads state the same main facts), how far apart
they sit in their reports, and whether they share quoted words, a resolved date or an
amount. Its weights were fitted on the BASIL dev facts and on the labelled reports
written for this project (`python -m newsfuse.evaluate.basil_fit` refits them and prints
their leave-events-out figures; docs/evaluation.md has the history).

The features are computed over candidate pairs only: every pair of sentences of
different articles in a story of up to ALL_PAIRS_UNITS sentences, else each sentence's
NEIGHBOURS nearest in meaning (a usearch index), so that fusion grows about linearly
with the reports of a story.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.model import Quantity

FEATURES = (
    "cosine",
    "terms",
    "leads",
    "position_gap",
    "quoted_words",
    "same_date",
    "same_amount",
)
"""What the model weighs, in the order of WEIGHTS."""


@dataclass(frozen=True)
class Model:
    """Logistic regression weights, one per feature of FEATURES, and the bias."""

    weights: tuple[float, ...]
    bias: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same fact) of each row of features."""
        return 1.0 / (1.0 + np.exp(-(x @ np.array(self.weights) + self.bias)))

    def describe(self) -> str:
        """The weights by feature name: "cosine +5.98, terms +8.80, ..."."""
        return ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, self.weights, strict=True))


MODEL = Model(weights=(5.98, 8.6, 1.68, -1.35, 0.81, 1.63, 2.58), bias=-6.22)
"""Fitted by `python -m newsfuse.evaluate.basil_fit`, which prints this line."""

SAME_FACT = 0.35
"""Probability from which two sentences state one fact: the edge of a claim."""
LEAD_UNITS = 2
"""An article's first two statements are its lead."""
STEM = 6
"""Words are compared on their first letters ("announced", "announces")."""
MIN_QUOTED_WORDS = 2
"""Quoted stretches with fewer content words than this are not compared."""
ALL_PAIRS_UNITS = 1200
"""Up to this many sentences in a story, every pair of different articles is scored."""
NEIGHBOURS = 32
"""Beyond it, each sentence is scored against this many nearest in meaning."""
ANN_CONNECTIVITY = 16
ANN_EXPANSION = 64
"""HNSW graph degree and search breadth of the neighbour index (usearch)."""
PAIR_CHUNK = 200_000
"""Pairs scored at once (bounds the memory of the sparse row products)."""

_TOKEN = re.compile(r"\b\w\w+\b")
_QUOTED = re.compile(r"[\"“]([^\"”]{3,})[\"”]")


@dataclass
class Statement:
    """What the model needs of one sentence."""

    article: int
    text: str
    rank: int
    """Position among its article's statements (0 = first)."""
    share: float
    """rank over the number of its article's statements."""
    dates: set[str]
    quantities: list[Quantity]


def stems(text: str) -> list[str]:
    """Lower-cased word stems of the content words (stop words dropped)."""
    return [w[:STEM] for w in _TOKEN.findall(text.lower()) if w not in STOP_WORDS]


def quoted_words(text: str) -> set[str]:
    """Content words inside quotation marks."""
    out: set[str] = set()
    for m in _QUOTED.finditer(text):
        out.update(w for w in _TOKEN.findall(m.group(1).lower()) if w not in STOP_WORDS)
    return out


def _binary(rows: Sequence[set[str]] | Sequence[list[str]], weights: bool) -> sparse.csr_matrix:
    """Rows of the texts' terms: TF-IDF unit rows when `weights`, else 0/1."""
    vocab: dict[str, int] = {}
    counts = [Counter(r) for r in rows]
    for c in counts:
        for w in c:
            vocab.setdefault(w, len(vocab))
    n = len(rows)
    df = Counter(w for c in counts for w in c)
    data: list[float] = []
    cols: list[int] = []
    ptr = [0]
    for c in counts:
        vals = {
            vocab[w]: (k * (math.log((1 + n) / (1 + df[w])) + 1) if weights else 1.0)
            for w, k in c.items()
        }
        norm = math.sqrt(sum(v * v for v in vals.values())) if weights else 1.0
        for col in sorted(vals):
            cols.append(col)
            data.append(vals[col] / (norm or 1.0))
        ptr.append(len(cols))
    return sparse.csr_matrix(
        (np.array(data, dtype=np.float64), np.array(cols, dtype=np.int64), np.array(ptr)),
        shape=(n, max(1, len(vocab))),
    )


def _row_dots(m: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return np.asarray(m[i].multiply(m[j]).sum(axis=1)).ravel()


def candidate_pairs(articles: np.ndarray, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) with i < j of sentences of different articles worth scoring."""
    n = len(articles)
    if n <= ALL_PAIRS_UNITS:
        i, j = np.triu_indices(n, k=1)
    else:
        from usearch.index import Index

        index = Index(
            ndim=vectors.shape[1],
            metric="cos",
            dtype="f32",
            connectivity=ANN_CONNECTIVITY,
            expansion_add=ANN_EXPANSION,
            expansion_search=ANN_EXPANSION,
        )
        index.add(np.arange(n), vectors, threads=1)
        found = index.search(vectors, min(n, NEIGHBOURS + 1), threads=1)
        keys = np.asarray(found.keys, dtype=np.int64)
        src = np.repeat(np.arange(n), keys.shape[1])
        dst = keys.ravel()
        ok = (dst >= 0) & (dst < n)
        a, b = np.minimum(src[ok], dst[ok]), np.maximum(src[ok], dst[ok])
        packed = np.unique(a * n + b)
        i, j = packed // n, packed % n
    keep = articles[i] != articles[j]
    return i[keep].astype(np.int64), j[keep].astype(np.int64)


def features(
    statements: Sequence[Statement],
    vectors: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
    same_amount: Callable[[Quantity, Quantity], bool],
) -> np.ndarray:
    """The FEATURES of each pair (i[k], j[k]), one row per pair."""
    out = np.zeros((len(i), len(FEATURES)))
    if not len(i):
        return out
    terms = _binary([stems(s.text) for s in statements], weights=True)
    quoted = [quoted_words(s.text) for s in statements]
    quote_rows = _binary(quoted, weights=False)
    quote_size = np.array([len(q) for q in quoted], dtype=np.float64)
    date_rows = _binary([s.dates for s in statements], weights=False)
    lead = np.array([s.rank < LEAD_UNITS for s in statements], dtype=np.float64)
    share = np.array([s.share for s in statements])
    for lo in range(0, len(i), PAIR_CHUNK):
        a, b = i[lo : lo + PAIR_CHUNK], j[lo : lo + PAIR_CHUNK]
        block = out[lo : lo + PAIR_CHUNK]
        block[:, 0] = np.einsum("ij,ij->i", vectors[a], vectors[b])
        block[:, 1] = _row_dots(terms, a, b)
        block[:, 2] = lead[a] * lead[b]
        block[:, 3] = np.abs(share[a] - share[b])
        smaller = np.minimum(quote_size[a], quote_size[b])
        shared = _row_dots(quote_rows, a, b)
        block[:, 4] = np.where(smaller >= MIN_QUOTED_WORDS, shared / np.maximum(smaller, 1), 0)
        block[:, 5] = _row_dots(date_rows, a, b) > 0
    with_amounts = [k for k in range(len(i)) if statements[i[k]].quantities]
    for k in with_amounts:
        qa, qb = statements[i[k]].quantities, statements[j[k]].quantities
        out[k, 6] = any(same_amount(x, y) for x in qa for y in qb)
    return out
