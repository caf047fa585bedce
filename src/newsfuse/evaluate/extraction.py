"""Article extraction (Zyte/Scrapinghub benchmark, dev half): the body of an HTML page.

Each page goes the way `newsfuse analyze` takes an `{"id", "html"}` row (extraction in
`ingest.jsonl.article_from_row`, then `clean.clean`), and its `body` is scored against
the annotated articleBody as the benchmark does: per page, precision and recall of word
4-shingle multisets; both averaged over pages; F1 of the two averages. Plain
`trafilatura.extract(html)` with default options is measured in the same run, so the
comparison with the baseline does not depend on the machine or the library version.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsfuse.clean import clean
from newsfuse.errors import InputError
from newsfuse.evaluate import Result
from newsfuse.ingest.jsonl import article_from_row

FOLDER = "article-extraction"
SHINGLE = 4
"""Words per shingle, as in the benchmark."""
PEERS = (
    ("trafilatura 2.3.1 (README, this half)", "0.962"),
    ("trafilatura 2.0 (published, whole set)", "0.958"),
    ("rs-trafilatura (published, whole set)", "0.970"),
    ("Zyte AutoExtract, commercial (published, whole set)", "0.970"),
)
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> Counter[str]:
    """The multiset of n-word shingles of a text (a shorter text is one shingle)."""
    words = _TOKEN.findall(text)
    return Counter(" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def page_scores(truth: str, predicted: str) -> tuple[float, float]:
    """Precision and recall of one page's predicted body against its true body."""
    gold, pred = shingles(truth), shingles(predicted)
    hits = sum((gold & pred).values())
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    return (hits / n_pred if n_pred else 0.0), (hits / n_gold if n_gold else 0.0)


def corpus_scores(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and their F1 over (truth, predicted) pages."""
    if not pairs:
        return 0.0, 0.0, 0.0
    scores = [page_scores(t, p) for t, p in pairs]
    precision = sum(s[0] for s in scores) / len(scores)
    recall = sum(s[1] for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def newsfuse_body(page_id: str, html: str) -> str:
    """The `body` newsfuse gives an `{"id", "html"}` row; empty when the page is refused."""
    try:
        article = article_from_row({"id": page_id, "html": html}, default_id=page_id)
    except InputError:
        return ""
    return clean(article).body


def trafilatura_body(_page_id: str, html: str) -> str:
    """The baseline: trafilatura's extraction with its default options."""
    return trafilatura.extract(html) or ""


def run(data_dir: Path, limit: int | None) -> Result:
    folder = data_dir / FOLDER
    truth_file = folder / "ground-truth.json"
    if not truth_file.exists():
        return Result(name="extraction", skipped=f"{truth_file} is absent")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    files = sorted((folder / "html").glob("*.html.gz"))
    files = [f for f in files if f.name.removesuffix(".html.gz") in truth][:limit]
    if not files:
        return Result(name="extraction", skipped=f"no labelled pages in {folder / 'html'}")
    pages = [
        (
            f.name.removesuffix(".html.gz"),
            gzip.decompress(f.read_bytes()).decode("utf-8", "replace"),
        )
        for f in files
    ]

    def measure(system: Callable[[str, str], str]) -> tuple[float, float, float]:
        return corpus_scores(
            [(truth[pid]["articleBody"], system(pid, html)) for pid, html in pages]
        )

    p, r, f1 = measure(newsfuse_body)
    tp, tr, tf1 = measure(trafilatura_body)
    lines = [
        "## Article extraction (Zyte benchmark, dev half): the body of an HTML page",
        "",
        f'{len(pages)} pages, each read as an `{{"id", "html"}}` row and cleaned, as '
        "`newsfuse analyze` does. Per page, precision and recall of word 4-shingle "
        "multisets against the annotated article body; both averaged over pages; F1 of "
        "the averages. The trafilatura row is measured in the same run.",
        "",
        "| system | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| newsfuse (trafilatura precision mode + cleaning) | {p:.3f} | {r:.3f} | {f1:.3f} |",
        f"| trafilatura {trafilatura.__version__}, default options (this run) | {tp:.3f} | {tr:.3f} | {tf1:.3f} |",
        *(f"| {name} | – | – | {score} |" for name, score in PEERS),
    ]
    return Result(
        name="extraction",
        metrics={"precision": p, "recall": r, "f1": f1, "trafilatura_f1": tf1},
        markdown="\n".join(lines),
    )
