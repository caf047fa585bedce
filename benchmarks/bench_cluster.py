"""Story clustering of 10k, 100k and 1M already-analysed articles: time and peak memory.

The articles are synthetic but built from real text: the lead embeddings, terms and
names of real ECB+ and PolNeAR articles are mixed and perturbed into events of a few
to a few dozen reports each, spread over a year, with one report in ten a syndicated
copy of another. Only clustering is timed (the features are what analysis produced
before). Each size runs in a fresh process so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from newsfuse.stories.features import NUM_PERM, ArticleFeatures, entity_key, terms_of

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000,)
SOURCES = ("ecbplus-dev.jsonl", "polnear-train.jsonl", "polnear-dev.jsonl")
LEAD_CHARS = 700
DAYS = 365
MEAN_EVENT_SIZE = 6
COPY_SHARE = 0.1
WEEKDAY_SHARE = 0.6
"""Share of articles whose lead names the day of the week of their event."""
NOISE = 0.25
"""Per-article noise added to the event's embedding (unit vectors of dimension 384)."""

SEED = 20260101
_NAME = re.compile(r"(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _material(data_dir: Path, out: Path) -> int:
    """Embed real leads once and save vectors, terms and names for the child runs."""
    from newsfuse.nlp.embed import embed

    texts: list[str] = []
    for name in SOURCES:
        path = data_dir / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for line in fh if line.strip()]
    if not texts:
        return 0
    leads = [t[:LEAD_CHARS] for t in texts]
    vecs = embed(leads)
    terms = [sorted(terms_of(t).items()) for t in leads]
    names = [sorted({entity_key(n) for n in _NAME.findall(t)}) for t in texts]
    np.save(out.with_suffix(".npy"), vecs)
    out.write_text(json.dumps({"terms": terms, "names": names}), encoding="utf-8")
    return len(texts)


def _stream(material: Path, size: int) -> Iterator[list[ArticleFeatures]]:
    """One day's articles at a time, in publication order (the whole set never in RAM)."""
    vecs = np.load(material.with_suffix(".npy"))
    meta = json.loads(material.read_text(encoding="utf-8"))
    terms = [dict(t) for t in meta["terms"]]
    names = meta["names"]
    rng = np.random.default_rng(SEED)
    n_events = max(1, size // MEAN_EVENT_SIZE)
    sizes = rng.geometric(1 / MEAN_EVENT_SIZE, n_events)
    sizes[-1] += max(0, size - int(sizes.sum()))
    event_of = np.repeat(np.arange(n_events), sizes)[:size]
    event_day = rng.integers(0, DAYS, n_events)
    day = np.minimum(event_day[event_of] + rng.geometric(0.5, size) - 1, DAYS - 1)
    order = np.argsort(day, kind="stable")
    base = rng.integers(0, len(vecs), n_events)
    other = rng.integers(0, len(vecs), n_events)
    event_vec = vecs[base] + 0.5 * vecs[other]
    event_vec /= np.linalg.norm(event_vec, axis=1, keepdims=True)
    signatures: dict[int, np.ndarray] = {}
    start = 0
    for d in range(DAYS):
        end = int(np.searchsorted(day[order], d, side="right"))
        batch = []
        for i in order[start:end].tolist():
            ev = int(event_of[i])
            vec = event_vec[ev] + NOISE * rng.standard_normal(vecs.shape[1]) / np.sqrt(
                vecs.shape[1]
            )
            b, o = int(base[ev]), int(other[ev])
            picked = [t for t in terms[b] if rng.random() < 0.7] + [
                t for t in terms[o] if rng.random() < 0.2
            ]
            ents = [e for e in names[b] if rng.random() < 0.7]
            sig = signatures.get(ev)
            if sig is not None and rng.random() < COPY_SHARE:
                sig = sig.copy()
                sig[rng.integers(0, NUM_PERM, 4)] = rng.integers(0, 2**32, 4, dtype=np.uint32)
            else:
                sig = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
                signatures[ev] = sig
            batch.append(
                ArticleFeatures(
                    id=f"a{i}",
                    vec=(vec / np.linalg.norm(vec)).astype(np.float32),
                    terms={t: terms[b].get(t) or terms[o][t] for t in picked},
                    entities=frozenset(ents),
                    when=(),
                    day=738000 + d,
                    signature=sig,
                    weekdays=frozenset({int(event_day[ev]) % 7})
                    if rng.random() < WEEKDAY_SHARE
                    else frozenset(),
                )
            )
        start = end
        yield batch


def _measure(material: Path, size: int) -> dict[str, float]:
    """Cluster `size` generated articles a day at a time, as daily runs continuing the
    stored stories would; time spent clustering only."""
    from newsfuse.stories.cluster import StoryIndex, cluster_features

    index = StoryIndex()
    took = cpu = 0.0
    stories: set[str] = set()
    for batch in _stream(material, size):
        started, started_cpu = time.perf_counter(), time.process_time()
        stories.update(cluster_features(batch, index))
        took += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "size": size,
        "seconds": took,
        "cpu_seconds": cpu,
        "peak_mb": peak_kb / 1024,
        "stories": len(stories),
    }


def run(data_dir: Path, quick: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        material = Path(tmp) / "material.json"
        if not _material(data_dir, material):
            return "## Story clustering\n\nSkipped: no source text in the data folder."
        rows = []
        for size in QUICK_SIZES if quick else SIZES:
            cmd = [sys.executable, "-m", "benchmarks.bench_cluster", str(material), str(size)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            rows.append(json.loads(done.stdout))
    lines = [
        "## Story clustering",
        "",
        "Already-analysed articles generated from real ECB+ and PolNeAR leads (embeddings,",
        "terms, names), in events of about six reports spread over a year; one in ten is a",
        "syndicated copy. Time is spent in the online index only; memory is the peak RSS of",
        "a fresh process that generates and clusters the articles. CPU time is given beside",
        "wall time because the clustering is single-threaded and the reference machine is",
        "shared: CPU time is what a dedicated core would take.",
        "",
        "| articles | stories | wall (s) | CPU (s) | CPU µs / article | peak RSS (MB) "
        "| CPU ratio to previous |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    prev: dict[str, float] | None = None
    for r in rows:
        ratio = (
            f"{r['cpu_seconds'] / prev['cpu_seconds']:.1f}× for {r['size'] / prev['size']:.0f}×"
            if prev
            else ""
        )
        lines.append(
            f"| {r['size']:,} | {r['stories']:,} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
            f"{1e6 * r['cpu_seconds'] / r['size']:.0f} | {r['peak_mb']:.0f} | {ratio} |"
        )
        prev = r
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description="one size of the clustering benchmark")
    ap.add_argument("material", type=Path)
    ap.add_argument("size", type=int)
    args = ap.parse_args()
    print(json.dumps(_measure(args.material, args.size)))


if __name__ == "__main__":
    main()
