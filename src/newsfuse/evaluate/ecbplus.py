"""ECB+ story clustering: B-cubed F1 of article → story against the gold `subtopic`.

Every topic of ECB+ holds two real events of the same kind, so the score measures what
matters: telling two earthquakes apart. All articles are clustered together, as one
stream; the `topic` field is never used. Articles carry only their text (ECB+ gives no
titles or dates, and the ids, which encode the event, are not shown to the clusterer).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from newsfuse.cluster import cluster
from newsfuse.evaluate import Result
from newsfuse.model import Article
from newsfuse.pipeline import analyze_batch

FILE = "ecbplus-dev.jsonl"
PEERS = (
    ("TF-IDF + average linkage (threshold tuned on dev)", 0.873),
    ("all-MiniLM-L6-v2 + average linkage (threshold tuned on dev)", 0.857),
)


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    if not predicted:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(predicted, gold, strict=True))
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    n = len(predicted)
    p = sum(c * c / pred_size[pr] for (pr, _), c in pairs.items()) / n
    r = sum(c * c / gold_size[g] for (_, g), c in pairs.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load(path: Path, limit: int | None) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def run(data_dir: Path, limit: int | None) -> Result:
    path = data_dir / FILE
    if not path.exists():
        return Result(name="ecbplus", skipped=f"{path} is absent")
    rows = load(path, limit)
    articles = analyze_batch([Article(id=str(r["id"]), text=str(r["text"])) for r in rows])
    stories = [a.story for a in cluster(articles)]
    gold = [str(r["subtopic"]) for r in rows]
    p, r, f = bcubed(stories, gold)
    events: dict[str, set[str]] = defaultdict(set)
    for s, g in zip(stories, gold, strict=True):
        events[g].add(s)
    lines = [
        "## ECB+ stories (dev)",
        "",
        f"{len(rows)} articles, {len(set(gold))} events, clustered together as one stream "
        f"into {len(set(stories))} stories. B-cubed of article → story against `subtopic`.",
        "",
        "| system | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| newsfuse (online) | {p:.3f} | {r:.3f} | **{f:.3f}** |",
        *(f"| {name} | | | {score:.3f} |" for name, score in PEERS),
    ]
    return Result(
        name="ecbplus",
        metrics={"bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f},
        markdown="\n".join(lines),
    )
