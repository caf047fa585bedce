"""Amounts in an article: money, counts of people and things, percentages.

Money is found by pattern over the text ("$105 billion", "90 billion euros") and carries
its ISO 4217 code, its value in that currency and its USD/EUR value at the ECB rate of
the reference date. An amount restated in brackets in another currency ("90 billion
euros ($105 billion)") is one quantity whose restatement is an alternate. Counts take
what they count from the parse (the noun the number modifies). `same_amount` and
`same_count` let fusion tell two reports' agreement from a real conflict: each figure
stands for the interval its wording allows (its rounding, "about", "more than").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from newsfuse.model import Quantity, Span, StoryQuantity
from newsfuse.nlp import fx
from newsfuse.nlp.amounts import (
    MONEY_RE,
    NUMBER_RE,
    SCALE_RE,
    SCALES,
    WORDNUM_RE,
    Reading,
    currency_of,
    parse_number,
)

APPROX_SHARE = 0.10
""""about 3,500" stands for anything within 10% of 3,500."""
FX_SHARE = 0.02
"""Slack for a conversion made by the reporter at another day's or bank's rate."""
MODIFIERS = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "close to": "nearly",
    "nearly": "nearly", "almost": "nearly", "more than": "more than", "over": "more than",
    "at least": "at least", "up to": "up to", "less than": "less than", "under": "less than",
    "at most": "up to", "fewer than": "less than", "just over": "more than",
}  # fmt: skip
LOWER_BOUND = frozenset({"more than", "at least"})
UPPER_BOUND = frozenset({"less than", "up to"})
TIME_UNITS = frozenset({
    "second", "minute", "hour", "day", "week", "weekend", "month", "year", "decade",
    "century", "quarter", "night", "morning", "afternoon", "evening", "time", "times",
})  # fmt: skip
MEASURES = frozenset({
    "km", "kilometre", "kilometer", "mile", "metre", "meter", "foot", "feet", "kg",
    "kilogram", "tonne", "ton", "pound", "barrel", "hectare", "acre", "degree", "litre",
    "liter", "gallon", "megawatt", "mw", "gw", "kwh", "point", "share", "vote", "seat",
})  # fmt: skip
"""Nouns that make a number a measurement ("other") rather than a head count."""
MONTH_WORDS = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$|^\s*(?:Jan|Feb|Mar|Apr|"
    r"May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
)
NEAR_CHARS = 12
"""How far around a number to look for a month name or a clock time (then it is a date)."""
CLOCK = re.compile(r"\s*(?:[ap]\.?m\b|[ap]\.m\.)", re.IGNORECASE)
YEARS = (1800, 2100)
"""A bare four-digit number in this range modifying a noun is a year ("the 2016 campaign")."""

_MOD_BEFORE = re.compile(
    r"(?:\b(?P<mod>about|around|approximately|roughly|some|an estimated|estimated|close to|"
    r"nearly|almost|more than|just over|over|at least|up to|less than|fewer than|under|"
    r"at most))\s+$",
    re.IGNORECASE,
)
_MOD_LEAD = re.compile(_MOD_BEFORE.pattern.replace(r"\s+$", r"\s"), re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_BARE_HEAD = re.compile(
    r"(?:(?P<between>\bbetween\s+)|(?<![\w.,]))(?P<num>" + NUMBER_RE + r")\s*"
    r"(?:-|–|—|to|(?(between)and|(?!)))\s*$",
    re.IGNORECASE,
)
_BARE_TAIL = re.compile(
    r"^\s*(?:-|–|—|to)\s*(?P<num>" + NUMBER_RE + r")(?:\s*(?P<scale>" + SCALE_RE + r")\b)?"
)
_PAREN_ALT = re.compile(
    r"^\s*\(\s*(?:(?:about|around|approximately|roughly|some|or|nearly|almost)\s+)?$",
    re.IGNORECASE,
)
_OR_ALT = re.compile(
    r"^\s*,?\s*or\s+(?:(?:about|around|approximately|roughly|some|nearly|almost)\s+)?$",
    re.IGNORECASE,
)
"""", or $105 billion" after an amount in another currency restates it."""
_PERCENT = re.compile(
    r"(?<![\w.])(?P<num>" + NUMBER_RE + r"|" + WORDNUM_RE + r")\s*(?P<unit>%|percent\b|"
    r"per\s+cent\b|percentage\s+points?\b)",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"(?<![\w.$€£¥#/:-])(?P<num>" + NUMBER_RE + r"|(?i:" + WORDNUM_RE + r"))"
    r"(?:\s+(?P<scale>(?i:thousand|million|billion|mln|bln|mn|bn)))?(?![\w%:/-]|\.\d)",
)


@dataclass
class _Money:
    start: int
    end: int
    value: float
    currency: str
    factor: float
    """The scale word's multiplier (1 when none), shared by a range's bare bound."""


def _money_atoms(text: str) -> list[_Money]:
    out: list[_Money] = []
    for m in MONEY_RE.finditer(text):
        g = m.groupdict()
        num, scale = (g["pnum"], g["pscale"]) if g["pnum"] else (g["num"], g["scale"])
        currency = currency_of(g["sym"], g["pcode"] or g["scode"], g["cword"])
        reading = parse_number(num, scale)
        if currency is None or reading is None:
            continue
        end = m.end()
        while end > m.start() and text[end - 1] == " ":
            end -= 1
        factor = SCALES.get((scale or "").lower(), 1.0)
        out.append(_Money(m.start(), end, reading.value, currency, factor))
    return out


def _modifier(text: str, start: int) -> tuple[str | None, int]:
    """The approximation word right before `start` and where it begins."""
    m = _MOD_BEFORE.search(text, max(0, start - 20), start)
    if not m:
        return None, start
    return MODIFIERS[m["mod"].lower()], m.start()


def _converted(value: float, currency: str, ref: date | None) -> dict[str, object]:
    conv = fx.convert(value, currency, ref)
    if conv is None:
        return {}
    return {"usd": conv.usd, "eur": conv.eur, "rate_date": conv.rate_date.isoformat()}


def find_money(text: str, ref: date | None) -> list[Quantity]:
    """Money amounts in raw text, ranges joined and bracketed restatements as alternates."""
    atoms = _money_atoms(text)
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        start, end, upper = a.start, a.end, None
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        value = a.value
        if nxt and nxt.currency == a.currency and _RANGE_JOIN.match(text[a.end : nxt.start]):
            joiner = text[a.end : nxt.start].strip().lower()
            if joiner != "and" or _BETWEEN.search(text, max(0, a.start - 9), a.start):
                if a.factor == 1.0 and nxt.factor != 1.0:
                    value *= nxt.factor
                upper, end = nxt.value, nxt.end
                i += 1
        elif tail := _BARE_TAIL.match(text, a.end):
            reading = parse_number(tail["num"], tail["scale"])
            if reading is not None:
                if a.factor == 1.0 and tail["scale"]:
                    value *= SCALES[tail["scale"].lower()]
                upper, end = reading.value, tail.end()
        if upper is None and (head := _BARE_HEAD.search(text, max(0, a.start - 30), a.start)):
            reading = parse_number(head["num"])
            if reading is not None:
                value, upper, start = reading.value * a.factor, a.value, head.start()
        if upper is not None and upper < value:
            value, upper = a.value, None
            start, end = a.start, a.end
        modifier, start = _modifier(text, start)
        if upper is not None and (between := _BETWEEN.search(text, max(0, start - 9), start)):
            start = between.start()
        alternates: list[Span] = []
        while i + 1 < len(atoms):
            alt = atoms[i + 1]
            between = text[end : alt.start]
            bracketed = (
                _PAREN_ALT.match(between) and text[alt.end : alt.end + 3].lstrip()[:1] == ")"
            )
            restated = alt.currency != a.currency and _OR_ALT.match(between)
            if not (bracketed or restated):
                break
            alternates.append(Span.of(text, alt.start, alt.end))
            i += 1
        out.append(
            Quantity(
                start=start, end=end, text=text[start:end], kind="money", value=value,
                unit=a.currency, modifier=modifier, upper=upper, alternates=alternates,
                **_converted(value, a.currency, ref),  # type: ignore[arg-type]
            )
        )  # fmt: skip
        i += 1
    return out


def _percents(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _PERCENT.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        reading = parse_number(m["num"])
        if reading is None:
            continue
        unit = "percentage points" if "point" in m["unit"].lower() else "%"
        modifier, start = _modifier(text, m.start())
        out.append(
            Quantity(start=start, end=m.end(), text=text[start : m.end()], kind="percent",
                     value=reading.value, unit=unit, modifier=modifier)
        )  # fmt: skip
    return out


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < e and end > s for s, e in taken)


def _counted(doc: Doc, start: int, end: int) -> Token | None:
    """The noun a number counts: its syntactic head, else the next noun within a few words."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span[-1]
    for _ in range(3):
        if tok.head.pos_ == "NUM" and tok.head is not tok and tok.head.i > tok.i:
            tok = tok.head
    head = tok.head
    if tok.dep_ == "nummod" and head.i > tok.i and head.pos_ in ("NOUN", "PROPN"):
        return head
    for nxt in doc[span.end : span.end + 4]:
        if nxt.pos_ == "NOUN":
            return nxt if nxt.tag_ == "NNS" else None
        if nxt.pos_ not in ("ADJ", "PROPN") and nxt.dep_ != "compound":
            return None
    return None


def _counts(doc: Doc, taken: list[tuple[int, int]]) -> list[Quantity]:
    text = doc.text
    out: list[Quantity] = []
    for m in _COUNT.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        before = text[max(0, m.start() - NEAR_CHARS) : m.start()]
        after = text[m.end() : m.end() + NEAR_CHARS]
        if MONTH_WORDS.search(before) or MONTH_WORDS.search(after) or CLOCK.match(after):
            continue
        num = m["num"]
        year_like = num.isdigit() and len(num) == 4 and YEARS[0] <= int(num) <= YEARS[1]
        if year_like or num.lower() == "one":
            continue
        reading = parse_number(num, m["scale"])
        noun = _counted(doc, m.start(), m.end())
        if reading is None or noun is None:
            continue
        lemma = noun.lemma_.lower()
        if lemma in TIME_UNITS or noun.ent_type_ in ("DATE", "TIME"):
            continue
        kind = "other" if lemma in MEASURES else "count"
        unit = noun.text if noun.pos_ == "PROPN" else noun.lower_
        modifier, start = _modifier(text, m.start())
        out.append(
            Quantity(start=start, end=m.end(), text=text[start : m.end()], kind=kind,
                     value=reading.value, unit=unit, modifier=modifier)
        )  # fmt: skip
    return out


def extract_quantities(doc: Doc, ref: date | None) -> list[Quantity]:
    """Money, percentages and counts in the doc, in text order."""
    text = doc.text
    money = find_money(text, ref)
    taken = [(q.start, q.end) for q in money] + [
        (a.start, a.end) for q in money for a in q.alternates
    ]
    percents = _percents(text, taken)
    taken += [(q.start, q.end) for q in percents]
    found = money + percents + _counts(doc, taken)
    return sorted(found, key=lambda q: q.start)


# ---------------------------------------------------------------- comparing amounts


def _reading(q: Quantity | StoryQuantity) -> Reading | None:
    m = re.search(r"(" + NUMBER_RE + r")(?:\s*(" + SCALE_RE + r")\b)?", q.text)
    if m is None:
        return None
    return parse_number(m.group(1), m.group(2))


def interval(q: Quantity | StoryQuantity) -> tuple[float, float]:
    """The values a stated amount allows, in its own unit: rounding, ranges and hedges.

    A StoryQuantity (no modifier or range kept) is read from its text and value alone.
    """
    if q.value is None:
        return (math.nan, math.nan)
    reading = _reading(q)
    precision = reading.precision if reading and reading.value > 0 else 0.0
    if reading and q.value and not math.isclose(reading.value, q.value, rel_tol=1e-9):
        precision *= q.value / reading.value if reading.value else 1.0
    upper: float | None = getattr(q, "upper", None)
    mod: str | None = getattr(q, "modifier", None)
    if mod is None and (lead := _MOD_LEAD.match(q.text)):
        mod = MODIFIERS[lead["mod"].lower()]
    top = upper if upper is not None else q.value
    lo, hi = q.value - precision, top + precision
    if mod == "about":
        lo, hi = min(lo, q.value * (1 - APPROX_SHARE)), max(hi, top * (1 + APPROX_SHARE))
    elif mod == "nearly":
        lo = min(lo, q.value * (1 - APPROX_SHARE))
    elif mod in LOWER_BOUND:
        hi = math.inf
    elif mod in UPPER_BOUND:
        lo = 0.0
    return lo, hi


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def same_amount(a: Quantity | StoryQuantity, b: Quantity | StoryQuantity) -> bool:
    """Whether two money amounts can be the same sum, given their wording and the ECB rate.

    Same currency: their intervals (rounding, "about", ranges) must meet. Different
    currencies: both are taken to EUR at their recorded rates and the intervals widened
    by FX_SHARE for a conversion the reporter made at another rate.
    """
    if a.kind != "money" or b.kind != "money" or a.value is None or b.value is None:
        return False
    ia, ib = interval(a), interval(b)
    if a.unit == b.unit:
        return _overlap(ia, ib)
    if not a.eur or not b.eur:
        return False
    fa, fb = a.eur / a.value, b.eur / b.value
    ea = (ia[0] * fa * (1 - FX_SHARE), ia[1] * fa * (1 + FX_SHARE))
    eb = (ib[0] * fb * (1 - FX_SHARE), ib[1] * fb * (1 + FX_SHARE))
    return _overlap(ea, eb)


def _unit_key(unit: str | None) -> str | None:
    if unit is None:
        return None
    u = unit.lower()
    return u[:-1] if u.endswith("s") and not u.endswith("ss") else u


def same_count(a: Quantity | StoryQuantity, b: Quantity | StoryQuantity) -> bool:
    """Whether two counts (or percentages) of the same thing can agree given their wording."""
    if a.kind != b.kind or a.kind == "money" or a.value is None or b.value is None:
        return False
    ka, kb = _unit_key(a.unit), _unit_key(b.unit)
    if ka and kb and ka != kb:
        return False
    return _overlap(interval(a), interval(b))
