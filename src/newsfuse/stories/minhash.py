"""MinHash signatures of shingle sets, for the near-duplicate index.

Each shingle is hashed to 32 bits (the first four bytes of its SHA-1, little-endian),
mixed by MurmurHash3's 32-bit finaliser, and mapped by `num_perm` affine permutations
h → a·h + b mod 2³² (a odd, so each is a bijection); the signature keeps each
permutation's minimum. Two sets' signatures agree in a share of places that estimates
their Jaccard similarity.

The values are datasketch 2.0's default (`affine32`) MinHash with the same seed, which
newsfuse used before: stored signatures stay comparable. Owning these lines keeps the
values a property of newsfuse rather than of a library's version (datasketch 2.0
changed them), and spares every process datasketch's import, which pulls in
`scipy.integrate` (about 0.35 s of CPU at start-up, with scipy's core already loaded).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np

_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)
"""MurmurHash3's 32-bit finaliser: shift, multiply, shift, multiply, shift."""


def _hash32(shingle: bytes) -> int:
    return int.from_bytes(hashlib.sha1(shingle).digest()[:4], "little")


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    h = h ^ (h >> np.uint32(s1))
    h = h * np.uint32(m1)
    h = h ^ (h >> np.uint32(s2))
    h = h * np.uint32(m2)
    return h ^ (h >> np.uint32(s3))


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations' factors (odd) and offsets, drawn from `seed`."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def signature(shingles: Iterable[bytes], num_perm: int, seed: int) -> np.ndarray:
    """The set's MinHash signature: `num_perm` uint32 values (all 2³²-1 for no shingles)."""
    hashes = np.fromiter((_hash32(s) for s in shingles), dtype=np.uint32)
    if hashes.size == 0:
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = permutations(num_perm, seed)
    mixed = _fmix32(hashes)
    with np.errstate(over="ignore"):  # products wrap modulo 2³², as intended
        permuted = mixed[:, None] * a[None, :] + b[None, :]
    return permuted.min(axis=0)
