"""`analyze` beside bare spaCy on the same 150 news articles, in one process.

The speed rule for the extractors: a full `analyze` (cleaning, the one shared parse,
entities, quotes, times, quantities) must run at no less than 0.6 of the speed of spaCy
alone parsing the same texts (issue 16). Both are warmed up first so that model loading and the
gazetteer index are not counted.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

import spacy

from newsfuse import nlp
from newsfuse.model import Article
from newsfuse.pipeline import analyze_batch

ARTICLES = 150
QUICK_ARTICLES = 20
WARMUP_ARTICLES = 8
SOURCES = ("polnear-dev.jsonl", "polnear-train.jsonl")
"""Real news texts, read from ../shared/data when present."""

REQUIRED_RATIO = 0.6
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _texts(data_dir: Path, n: int) -> tuple[list[str], str]:
    """Up to n real news texts, and where they came from."""
    texts: list[str] = []
    for name in SOURCES:
        path = data_dir / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                texts.append(json.loads(line)["text"])
                if len(texts) >= n:
                    return texts, f"PolNeAR dev then train texts ({n} articles)"
    if texts:
        return texts, f"PolNeAR ({len(texts)} articles)"
    files = sorted(p for p in EXAMPLES.rglob("*.txt")) if EXAMPLES.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in files][:n]
    return texts, f"`examples/` ({len(texts)} articles)"


def run(data_dir: Path, quick: bool) -> str:
    """Articles per second for bare spaCy and for `analyze_batch`, and peak memory."""
    n = QUICK_ARTICLES if quick else ARTICLES
    texts, origin = _texts(data_dir, n)
    if not texts:
        return "## analyze\n\nSkipped: no article texts found."
    bare = spacy.load(nlp.MODEL_PACKAGE)
    articles = [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    warm = texts[:WARMUP_ARTICLES]
    list(bare.pipe(warm, batch_size=nlp.BATCH_SIZE))
    analyze_batch(articles[:WARMUP_ARTICLES])

    started = time.perf_counter()
    list(bare.pipe(texts, batch_size=nlp.BATCH_SIZE))
    spacy_s = time.perf_counter() - started

    started = time.perf_counter()
    analyze_batch(articles)
    analyze_s = time.perf_counter() - started

    spacy_rate = len(texts) / spacy_s
    analyze_rate = len(texts) / analyze_s
    ratio = analyze_rate / spacy_rate
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(len(t.split()) for t in texts)
    verdict = "meets" if ratio >= REQUIRED_RATIO else "misses"
    return "\n".join(
        [
            "## analyze",
            "",
            f"{origin}, {words} words, one process, both warmed up first.",
            "",
            "| run | seconds | articles/s |",
            "|---|---|---|",
            f"| bare spaCy `{nlp.MODEL_PACKAGE}` `nlp.pipe` | {spacy_s:.2f} | {spacy_rate:.1f} |",
            f"| `newsfuse.pipeline.analyze_batch` | {analyze_s:.2f} | {analyze_rate:.1f} |",
            "",
            f"analyze / spaCy speed: **{ratio:.2f}** ({verdict} the ≥ {REQUIRED_RATIO} rule). "
            f"Peak RSS of the process: {peak_mib:.0f} MiB.",
        ]
    )
