"""PolNeAR (who said what): quotes and their speakers against human attributions.

Metric (../shared/data/README.md): a predicted quote matches a gold attribution when
their content spans overlap by at least half of the shorter. Matching is one to one,
largest overlap first. Predicted quotes that share one cue ("A," he said, "B.") are one
predicted attribution with several content spans, as PolNeAR annotates them. Speaker
accuracy is the share of matched pairs whose speaker span overlaps the gold source span
(or where neither has one); end-to-end F1 counts only those pairs as hits.

"Direct" keeps gold attributions whose content has a double quotation mark, and the
predicted quotes of kind `direct` or whose content has one (mixed quotes carry quoted words).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsfuse.evaluate import Result
from newsfuse.model import Article, Quote
from newsfuse.pipeline import analyze_batch

FILE = "polnear-dev.jsonl"
QUOTE_MARKS = '"“”„«»'
"""Double quotation marks: a content with one of them is a direct quotation."""

MIN_SHARE = 0.5
"""Overlap needed, as a share of the shorter content, for a match."""

BATCH = 16
"""Articles analysed per batch."""

PEERS = {"direct": 0.452, "all": 0.208}
"""textacy 0.13 `direct_quotations` end-to-end F1 on the dev split (from the data README)."""

Spans = list[tuple[int, int]]


@dataclass
class _Item:
    content: Spans
    source: Spans

    @property
    def length(self) -> int:
        return sum(e - s for s, e in self.content)


@dataclass
class Tally:
    """Counts for one subset (direct or all)."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speaker_ok: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.speaker_ok += other.speaker_ok

    def figures(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        ep = self.speaker_ok / self.predicted if self.predicted else 0.0
        er = self.speaker_ok / self.gold if self.gold else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": _f1(p, r),
            "speaker_accuracy": self.speaker_ok / self.matched if self.matched else 0.0,
            "e2e_f1": _f1(ep, er),
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _gold(row: dict[str, object]) -> tuple[list[_Item], list[_Item]]:
    """Gold attributions of a row: (all, direct)."""
    items, direct = [], []
    for att in row["attributions"]:  # type: ignore[attr-defined]
        item = _Item(
            content=[(c["start"], c["end"]) for c in att["content"]],
            source=[(s["start"], s["end"]) for s in att["source"] or []],
        )
        items.append(item)
        if any(m in c["text"] for c in att["content"] for m in QUOTE_MARKS):
            direct.append(item)
    return items, direct


def _predicted(quotes: list[Quote]) -> tuple[list[_Item], list[_Item]]:
    """Predicted attributions (quotes sharing a cue joined): (all, direct)."""
    grouped: dict[object, tuple[_Item, bool]] = {}
    for n, q in enumerate(quotes):
        key: object = (q.cue.start, q.cue.end) if q.cue else ("uncued", n)
        is_direct = q.kind == "direct" or any(m in q.content.text for m in QUOTE_MARKS)
        source = [(q.speaker.start, q.speaker.end)] if q.speaker else []
        if key in grouped:
            item, flag = grouped[key]
            item.content.append((q.content.start, q.content.end))
            grouped[key] = (item, flag or is_direct)
        else:
            grouped[key] = (_Item([(q.content.start, q.content.end)], source), is_direct)
    items = [item for item, _ in grouped.values()]
    return items, [item for item, flag in grouped.values() if flag]


def _score(pred: list[_Item], gold: list[_Item]) -> Tally:
    """One-to-one matching, largest overlap first."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            shared = _overlap(p.content, g.content)
            if shared and shared >= MIN_SHARE * min(p.length, g.length):
                pairs.append((shared, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    tally = Tally(predicted=len(pred), gold=len(gold))
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        tally.matched += 1
        p, g = pred[i], gold[j]
        if _overlap(p.source, g.source) > 0 or (not p.source and not g.source):
            tally.speaker_ok += 1
    return tally


def evaluate_file(path: Path, limit: int | None) -> dict[str, Tally]:
    """Tallies for the direct and all subsets over the rows of one PolNeAR file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = rows[:limit] if limit else rows
    totals = {"direct": Tally(), "all": Tally()}
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        analysed = analyze_batch([Article(id=r["id"], text=r["text"]) for r in chunk])
        for row, art in zip(chunk, analysed, strict=True):
            gold_all, gold_direct = _gold(row)
            pred_all, pred_direct = _predicted(art.quotes)
            totals["all"].add(_score(pred_all, gold_all))
            totals["direct"].add(_score(pred_direct, gold_direct))
    return totals


def run(data_dir: Path, limit: int | None) -> Result:
    """Score quotes and speakers on PolNeAR dev, beside textacy's figures."""
    path = data_dir / FILE
    if not path.is_file():
        return Result(name="polnear", skipped=f"{path} is absent")
    totals = evaluate_file(path, limit)
    metrics: dict[str, float] = {}
    lines = [
        "## PolNeAR: who said what",
        "",
        f"`{FILE}`{f' (first {limit} articles)' if limit else ''}. A predicted quote matches",
        "a gold attribution when their content spans overlap by at least half of the shorter",
        "(one to one; quotes sharing a cue count as one attribution). Speaker accuracy: matched",
        "pairs whose speaker overlaps the gold source (or neither has one). End-to-end F1",
        "counts only those. *Direct*: gold content with a double quotation mark; predictions",
        "of kind direct or whose content has one.",
        "",
        "| subset | gold | predicted | content P | content R | content F1 | speaker acc "
        "| end-to-end F1 | textacy 0.13 end-to-end F1 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for subset in ("direct", "all"):
        tally = totals[subset]
        f = tally.figures()
        metrics.update({f"{subset}_{k}": v for k, v in f.items()})
        lines.append(
            f"| {subset} | {tally.gold} | {tally.predicted} | {f['precision']:.3f} "
            f"| {f['recall']:.3f} | {f['f1']:.3f} | {f['speaker_accuracy']:.3f} "
            f"| **{f['e2e_f1']:.3f}** | {PEERS[subset]:.3f} |"
        )
    lines += [
        "",
        "textacy refuses 22 of the 84 dev articles (an unclosed quotation mark);",
        "newsfuse repairs unbalanced marks and scores every article.",
    ]
    return Result(name="polnear", metrics=metrics, markdown="\n".join(lines))
