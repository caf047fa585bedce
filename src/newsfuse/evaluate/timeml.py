"""TimeML scoring shared by the time sets (TimeBank, MEANTIME): spans, values, categories.

Metrics follow TempEval-3: a predicted and a gold expression match when their spans
overlap (relaxed, one to one, largest overlap first); value F1 counts matches whose TimeML
value is identical, over all predicted and all gold; type accuracy is over matched pairs.

Value errors are broken down by what the gold expression is (a weekday to anchor, a month
without its year, a duration...), so that a rule is judged by the category it serves on
every set rather than by one set's total. A category is read off the gold text and value
alone, never off the prediction, so the breakdown means the same on any system.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.evaluate import Result
from newsfuse.model import Article, TimeExpr
from newsfuse.nlp.timex_rules import MONTHS, WEEKDAYS
from newsfuse.pipeline import analyze_batch

BATCH = 16
"""Documents analysed per batch."""

VALUE_FORMAT = re.compile(
    r"^(?:"
    r"PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|Q|E|C|L|DE|CE|WE))+(?:T\d+[HMS])?(?:\d+[MDS])*"
    r"|(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:\d|WE))?"
    r"|-Q[1-4X]|-H[12]|-(?:SP|SU|FA|WI))?"
    r"(?:T(?:\d{2}(?::\d{2})?Z?|MO|AF|EV|NI|MI))?"
    r"|\d{1,3}X{0,2}"
    r")$"
)
"""TimeML/ISO-8601 values as the TIMEX3 guidelines write them: dates at any granularity,
weeks, quarters, halves, seasons, times of day, durations, decades/centuries, *_REF."""

CATEGORIES = (
    "weekday",
    "relative day/unit",
    "partial date",
    "full date",
    "quarter/season/fiscal/half",
    "decade/century",
    "duration",
    "set",
    "present/past/future ref",
    "time of day",
    "other",
)
"""Report order of the gold categories (each gold expression falls in exactly one)."""

_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE = re.compile(
    r"\b(today|tonight|yesterday|tomorrow|ago|earlier|later|this|last|next|past|coming|"
    r"previous|current|following|recent|year-ago|year-earlier|week|month|year)\b",
    re.I,
)
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.I)
_YEAR_DIGITS = re.compile(r"\b\d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|'\d\d\b")
_PERIOD_VALUE = re.compile(r"-(Q\d|H\d|SP|SU|FA|WI)$")
_CENTURY_VALUE = re.compile(r"^\d{2,3}$")


def category(gold: dict) -> str:
    """The category of one gold expression, from its type, value and text."""
    value, text, kind = str(gold["value"]), gold["text"], gold["type"]
    if kind == "SET":
        return "set"
    if value.endswith("_REF"):
        return "present/past/future ref"
    if kind == "DURATION":
        return "duration"
    if kind == "TIME":
        return "time of day"
    if _PERIOD_VALUE.search(value) or re.search(r"\b(fiscal|quarter|half)\b", text, re.I):
        return "quarter/season/fiscal/half"
    if _CENTURY_VALUE.match(value) or re.search(r"\d0'?s\b|centur", text, re.I):
        return "decade/century"
    if _WEEKDAY.search(text):
        return "weekday"
    if _YEAR_DIGITS.search(text):
        return "full date"
    if _MONTH.search(text):
        return "partial date"
    if _RELATIVE.search(text):
        return "relative day/unit"
    return "other"


@dataclass
class Tally:
    """Gold expressions of one category, and how many came out with the right value."""

    gold: int = 0
    found: int = 0
    right: int = 0


@dataclass
class Counts:
    """Tallies over a corpus from which every reported figure is derived."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    same_value: int = 0
    same_type: int = 0
    mod_gold: int = 0
    mod_right: int = 0
    malformed_gold: int = 0
    by_category: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    errors: list[tuple[str, str, dict, TimeExpr | None]] = field(default_factory=list)
    """(document id, category, gold, matched prediction or None) for each wrong value."""


def match(pred: Sequence[TimeExpr], gold: Sequence[dict]) -> list[tuple[TimeExpr, dict]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            overlap = min(p.end, g["end"]) - max(p.start, g["start"])
            if overlap > 0:
                pairs.append((overlap, p.start, g["start"], i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, _, _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((pred[i], gold[j]))
    return out


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    rows: Sequence[dict],
    predicted: Sequence[Sequence[TimeExpr]],
    annotated: Sequence[int] | None = None,
) -> Counts:
    """Tally predicted expressions against the gold rows (same order).

    `annotated` gives, per row, the offset where its annotation stops (a corpus that
    annotates only each document's first sentences): predictions beyond it are not counted.
    """
    counts = Counts()
    for i, (row, pred) in enumerate(zip(rows, predicted, strict=True)):
        if annotated is not None:
            pred = [p for p in pred if p.start < annotated[i]]
        counts.predicted += len(pred)
        counts.gold += len(row["timexes"])
        paired = {id(g): p for p, g in match(pred, row["timexes"])}
        for g in row["timexes"]:
            cat = counts.by_category[category(g)]
            cat.gold += 1
            counts.malformed_gold += not VALUE_FORMAT.match(str(g["value"]))
            p = paired.get(id(g))
            if g.get("mod"):
                counts.mod_gold += 1
                counts.mod_right += p is not None and p.value == g["value"] and p.mod == g["mod"]
            if p is None:
                counts.errors.append((row["id"], category(g), g, None))
                continue
            cat.found += 1
            counts.matched += 1
            counts.same_type += p.type == g["type"]
            if p.value == g["value"]:
                cat.right += 1
                counts.same_value += 1
            else:
                counts.errors.append((row["id"], category(g), g, p))
    return counts


def load_rows(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def analyse(rows: Sequence[dict]) -> list[list[TimeExpr]]:
    """Each document through the normal path (`analyze_batch`, its DCT as `published`)."""
    out: list[list[TimeExpr]] = []
    for i in range(0, len(rows), BATCH):
        chunk = rows[i : i + BATCH]
        arts = [Article(id=r["id"], text=r["text"], published=r["dct"]) for r in chunk]
        out.extend(a.times for a in analyze_batch(arts))
    return out


def metrics(c: Counts) -> dict[str, float]:
    sp, sr, sf = prf(c.matched, c.predicted, c.gold)
    vp, vr, vf = prf(c.same_value, c.predicted, c.gold)
    return {
        "span_p": sp, "span_r": sr, "span_f1": sf,
        "value_p": vp, "value_r": vr, "value_f1": vf,
        "type_acc": c.same_type / c.matched if c.matched else 0.0,
    }  # fmt: skip


def category_table(c: Counts) -> list[str]:
    """Markdown rows: per gold category, count, found (span) and right value (accuracy)."""
    lines = [
        "| gold category | gold | span found | value right | value accuracy |",
        "|---|---|---|---|---|",
    ]
    for name in CATEGORIES:
        t = c.by_category[name]
        if t.gold:
            lines.append(f"| {name} | {t.gold} | {t.found} | {t.right} | {t.right / t.gold:.3f} |")
    if c.mod_gold:
        lines.append(
            f"| *with a `mod` (across categories)* | {c.mod_gold} | | {c.mod_right} | "
            f"{c.mod_right / c.mod_gold:.3f} |"
        )
    return lines


def report(
    name: str, title: str, intro: str, c: Counts, peers: Sequence[tuple[str, str, str]]
) -> Result:
    """The section of docs/evaluation.md for one set: headline figures, peers, categories."""
    m = metrics(c)
    lines = [
        f"## {title}",
        "",
        f"{intro} {c.gold} gold expressions, {c.predicted} predicted. Relaxed span match "
        "(any overlap, one-to-one); value F1 counts matches with the exact TimeML value; "
        "type accuracy is over matched pairs.",
        "",
        "| system | relaxed span F1 | value F1 |",
        "|---|---|---|",
        f"| newsfuse (P {m['span_p']:.3f} / R {m['span_r']:.3f}; value P {m['value_p']:.3f} / "
        f"R {m['value_r']:.3f}; type acc {m['type_acc']:.3f}) | {m['span_f1']:.3f} | "
        f"{m['value_f1']:.3f} |",
        *(f"| {peer} | {span} | {value} |" for peer, span, value in peers),
        "",
        "Value accuracy by gold category (a gold expression counts as right when a predicted "
        "span overlaps it and carries the same value):",
        "",
        *category_table(c),
    ]
    if c.malformed_gold:
        lines += [
            "",
            f"{c.malformed_gold} gold values are not well-formed TimeML and cannot be matched.",
        ]
    return Result(name=name, metrics=m, markdown="\n".join(lines))
