"""The numpy all-MiniLM-L6-v2 against vectors of the reference implementation
(sentence-transformers over PyTorch; tests/refit_minilm_reference.py)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsfuse.nlp import embed as embed_module
from newsfuse.nlp.embed import DIM, embed

FIXTURE = Path(__file__).parent / "fixtures" / "minilm_reference.json"


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], np.ndarray]:
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))["rows"]
    vecs = np.stack(
        [np.frombuffer(base64.b64decode(r["vector"]), dtype="<f2").astype(np.float32) for r in rows]
    )
    return [r["text"] for r in rows], vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def test_vectors_match_the_reference_implementation(
    reference: tuple[list[str], np.ndarray],
) -> None:
    texts, expected = reference
    assert len(texts) >= 24 and max(len(t) for t in texts) > 1500  # past 256 tokens: cut
    got = embed(texts)
    assert got.shape == (len(texts), DIM) and got.dtype == np.float32
    cosines = (got * expected).sum(axis=1)
    worst = int(cosines.argmin())
    assert cosines[worst] >= 0.999, (texts[worst], cosines[worst])
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_a_vector_does_not_depend_on_its_batch(reference: tuple[list[str], np.ndarray]) -> None:
    texts, _ = reference
    together = embed(texts)
    alone = np.stack([embed([t])[0] for t in texts[:6]])
    np.testing.assert_allclose(alone, together[:6], atol=1e-5)
    assert embed([]).shape == (0, DIM)


def test_threads_give_the_same_bits(
    reference: tuple[list[str], np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts, _ = reference
    monkeypatch.setattr(embed_module, "blas_threads", lambda: 1)
    one = embed(texts)
    monkeypatch.setattr(embed_module, "blas_threads", lambda: 2)
    assert np.array_equal(embed(texts), one)


def test_the_runtime_needs_no_torch() -> None:
    code = (
        "import sys; from newsfuse.nlp.embed import embed; embed(['a train derailed']); "
        "import newsfuse.cli, newsfuse.pipeline; "
        "sys.exit(any(m in sys.modules for m in ('torch', 'sentence_transformers')))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
