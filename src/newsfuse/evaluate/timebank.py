"""TimeBank 1.2 (TempEval-3 cleaned): finding and normalising time expressions.

Each document goes through the normal path (an Article whose `published` is the DCT,
`pipeline.analyze_batch`), so what is scored is what `newsfuse analyze` emits. Metrics
follow TempEval-3: a predicted and a gold expression match when their spans overlap
(relaxed); value F1 counts matches whose TimeML value is identical, over all predicted
and all gold; type accuracy is over matched pairs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsfuse.evaluate import Result
from newsfuse.model import Article, TimeExpr
from newsfuse.pipeline import analyze_batch

FILE = "timebank.jsonl"
BATCH = 16
PEERS = (
    ("spaCy DATE/TIME entities + dateparser (dev)", "0.889", "0.161"),
    ("HeidelTime (TempEval-3 platinum, published)", "–", "0.776"),
    ("SUTime (TempEval-3 platinum, published)", "–", "0.674"),
)


@dataclass
class Counts:
    """Tallies over the corpus from which every reported figure is derived."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    same_value: int = 0
    same_type: int = 0


def _match(pred: list[TimeExpr], gold: list[dict]) -> list[tuple[TimeExpr, dict]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    pairs = []
    for p in pred:
        for g in gold:
            overlap = min(p.end, g["end"]) - max(p.start, g["start"])
            if overlap > 0:
                pairs.append((overlap, p.start, g["start"], p, g))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, ps, gs, p, g in pairs:
        if ps in used_p or gs in used_g:
            continue
        used_p.add(ps)
        used_g.add(gs)
        out.append((p, g))
    return out


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(rows: list[dict], analysed: list[Article]) -> Counts:
    """Tally matches between analysed articles and their gold rows (same order)."""
    counts = Counts()
    for row, art in zip(rows, analysed, strict=True):
        counts.predicted += len(art.times)
        counts.gold += len(row["timexes"])
        for p, g in _match(art.times, row["timexes"]):
            counts.matched += 1
            counts.same_value += p.value == g["value"]
            counts.same_type += p.type == g["type"]
    return counts


def run(data_dir: Path, limit: int | None) -> Result:
    path = data_dir / FILE
    if not path.exists():
        return Result(name="timebank", skipped=f"{path} is absent")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows = rows[:limit] if limit else rows
    analysed: list[Article] = []
    for i in range(0, len(rows), BATCH):
        chunk = rows[i : i + BATCH]
        arts = [Article(id=r["id"], text=r["text"], published=r["dct"]) for r in chunk]
        analysed.extend(analyze_batch(arts))
    c = score(rows, analysed)
    sp, sr, sf = _prf(c.matched, c.predicted, c.gold)
    vp, vr, vf = _prf(c.same_value, c.predicted, c.gold)
    type_acc = c.same_type / c.matched if c.matched else 0.0
    metrics = {
        "span_p": sp, "span_r": sr, "span_f1": sf,
        "value_p": vp, "value_r": vr, "value_f1": vf, "type_acc": type_acc,
    }  # fmt: skip
    lines = [
        "## TimeBank 1.2 (TempEval-3): time expressions",
        "",
        f"{len(rows)} documents, {c.gold} gold expressions, {c.predicted} predicted. Relaxed "
        "span match (any overlap, one-to-one); value F1 counts matches with the exact TimeML "
        "value; type accuracy is over matched pairs.",
        "",
        "| system | relaxed span F1 | value F1 |",
        "|---|---|---|",
        f"| newsfuse (P {sp:.3f} / R {sr:.3f}; value P {vp:.3f} / R {vr:.3f}; "
        f"type acc {type_acc:.3f}) | {sf:.3f} | {vf:.3f} |",
        *(f"| {name} | {span} | {value} |" for name, span, value in PEERS),
    ]
    return Result(name="timebank", metrics=metrics, markdown="\n".join(lines))
