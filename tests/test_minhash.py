"""MinHash signatures: the values newsfuse has stored all along, and what makes them a
set's signature (order and repeats do not matter; a union's is the elementwise minimum)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.stories.features import MINHASH_SEED, NUM_PERM, signature_of
from newsfuse.stories.minhash import signature

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = json.loads((ROOT / "tests/fixtures/minhash_reference.json").read_text())

shingle_sets = st.lists(st.binary(min_size=1, max_size=40), max_size=60)


def test_signatures_are_the_ones_stored_before() -> None:
    """Byte for byte datasketch 2.0's, which made the signatures already in stores."""
    for ref in REFERENCE["signatures"]:
        text = (ROOT / ref["file"]).read_text(encoding="utf-8")
        got = signature_of(text)
        assert got is not None and got.dtype == np.uint32
        assert got.tolist() == ref["signature"], ref["file"]


@given(shingle_sets, st.randoms())
def test_order_and_repeats_do_not_matter(shingles: list[bytes], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = shingles + shingles
    rnd.shuffle(shuffled)
    assert np.array_equal(
        signature(shingles, NUM_PERM, MINHASH_SEED), signature(shuffled, NUM_PERM, MINHASH_SEED)
    )


@given(shingle_sets, shingle_sets)
def test_a_union_is_the_minimum_of_its_parts(a: list[bytes], b: list[bytes]) -> None:
    both = signature(a + b, NUM_PERM, MINHASH_SEED)
    parts = np.minimum(signature(a, NUM_PERM, MINHASH_SEED), signature(b, NUM_PERM, MINHASH_SEED))
    assert np.array_equal(both, parts)


def test_agreement_estimates_jaccard() -> None:
    a = [f"s{i}".encode() for i in range(400)]
    b = [f"s{i}".encode() for i in range(200, 600)]  # Jaccard 200 / 600
    agree = np.mean(signature(a, 256, 7) == signature(b, 256, 7))
    assert abs(agree - 1 / 3) < 0.1
    assert np.mean(signature(a, 256, 7) == signature(a[:1], 256, 7)) < 0.05
