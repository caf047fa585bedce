"""One time slice of the active window: its articles in an ANN index and an LSH index.

Articles are indexed by time slice so that leaving the active window costs nothing:
a whole slice is dropped at once, and no index ever holds more than the window.
Near-duplicates are found by MinHash LSH (8 bands of 8 rows: pairs above a Jaccard
of about 0.8 collide) and confirmed on the whole signature; semantic neighbours come
from a usearch HNSW index of the lead embeddings.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from usearch.index import Index

from newsfuse.nlp.embed import DIM

BANDS = 8
ROWS = 8
NEAR_DUP_JACCARD = 0.8
"""Share of equal MinHash values above which two articles are copies of one report."""

ANN_CONNECTIVITY = 16
ANN_EXPANSION_ADD = 64
ANN_EXPANSION_SEARCH = 48
ANN_DTYPE = "i8"
"""8-bit vectors: four times less memory than float32, recall still ~0.95 at k=10."""


def _new_ann() -> Index:
    return Index(
        ndim=DIM,
        metric="cos",
        dtype=ANN_DTYPE,
        connectivity=ANN_CONNECTIVITY,
        expansion_add=ANN_EXPANSION_ADD,
        expansion_search=ANN_EXPANSION_SEARCH,
    )


def _bands(signature: np.ndarray) -> list[bytes]:
    return [signature[i * ROWS : (i + 1) * ROWS].tobytes() for i in range(BANDS)]


class Shard:
    """The articles of one time slice: seq → story, their vectors and their signatures."""

    def __init__(self, key: int, ann: Index | None = None) -> None:
        self.key = key
        self.ann = ann if ann is not None else _new_ann()
        self.story_of: dict[int, int] = {}
        self.signatures: dict[int, np.ndarray] = {}
        self.buckets: dict[bytes, list[int]] = {}

    def add(
        self, seq: int, story: int, vec: np.ndarray, signature: np.ndarray | None, ann: bool
    ) -> None:
        """Index one article (seq is unique over the whole index); its lead only if `ann`."""
        self.story_of[seq] = story
        if ann:
            self.ann.add(seq, vec, threads=1)
        if signature is not None:
            self._add_signature(seq, signature)

    def move(self, seq: int, story: int, vec: np.ndarray, ann: bool) -> None:
        """Give an indexed article to another story (a split); its lead enters the ANN
        index if `ann` and it is not there yet, so the new story can be found."""
        self.story_of[seq] = story
        if ann and seq not in self.ann:
            self.ann.add(seq, vec, threads=1)

    def _add_signature(self, seq: int, signature: np.ndarray) -> None:
        self.signatures[seq] = signature
        for band in _bands(signature):
            self.buckets.setdefault(band, []).append(seq)

    def neighbours(self, vec: np.ndarray, count: int) -> list[int]:
        """Seqs of up to `count` articles nearest to `vec` (approximate)."""
        if not len(self.ann):
            return []
        found = self.ann.search(vec, count, threads=1)
        return [int(k) for k in found.keys]

    def near_duplicates(self, signature: np.ndarray) -> list[tuple[float, int]]:
        """(estimated Jaccard, seq) of the indexed copies of a report."""
        seen: set[int] = set()
        for band in _bands(signature):
            seen.update(self.buckets.get(band, ()))
        out = []
        for seq in sorted(seen):
            jac = float(np.mean(self.signatures[seq] == signature))
            if jac >= NEAR_DUP_JACCARD:
                out.append((jac, seq))
        return out

    def state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """JSON-able metadata and arrays that `restore` rebuilds this shard from."""
        seqs = list(self.signatures)
        sigs = (
            np.stack([self.signatures[s] for s in seqs])
            if seqs
            else np.zeros((0, BANDS * ROWS), np.uint32)
        )
        meta = {"key": self.key, "story_of": list(self.story_of.items())}
        arrays = {
            "ann": np.frombuffer(bytes(self.ann.save()), dtype=np.uint8),
            "sig_seqs": np.asarray(seqs, dtype=np.int64),
            "sigs": sigs,
        }
        return meta, arrays

    @classmethod
    def restore(cls, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Shard:
        ann = Index.restore(arrays["ann"].tobytes())
        if ann is None:
            raise ValueError("corrupt story index: ANN shard unreadable")
        shard = cls(int(meta["key"]), ann)
        shard.story_of = {int(s): int(t) for s, t in meta["story_of"]}
        for seq, sig in zip(arrays["sig_seqs"].tolist(), arrays["sigs"], strict=True):
            shard._add_signature(int(seq), np.asarray(sig, dtype=np.uint32))
        return shard
