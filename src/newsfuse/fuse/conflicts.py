"""Conflicts: two reports stating one fact with values that cannot both be true.

Two sentences of different articles conflict only when there is evidence of its own that
they are about the same thing, and a structured value of it disagrees after
normalisation. Two outlets stating one fact with different values word it differently,
so the alignment's link (`newsfuse.fuse.align`) is one piece of evidence here, never a
requirement:

- an amount of the same thing: the same kind and unit (the same counted noun; money in
  any currency, compared at the ECB rate), values of one order that no reading of their
  wording reconciles (rounding, "about", "at least", a round figure's looseness), and the
  same thing shown by the words around the two values, a named actor both sentences
  share, or the model's view that they state one fact. A value given for comparison ("up
  from 55 percent", "in 2019"), one the other sentence also states, one of a list ("Romney
  17 percent, Huckabee 14 percent") or one about half or double the other is another
  thing;
- the date of the same happening: one period each (a day, a week, a month), apart by
  days, not years (background is not today's event), two words around the dates in
  common, in sentences the model finds stating one fact, or likely to and agreeing on
  another value;
- the speaker of the same quoted words, each named in its sentence;
- whether the same action happened: a verb one sentence negates and the other asserts,
  in sentences the model would join in one claim.

Each conflict says what differs and cites both sides. Candidates are never all pairs:
sentences carrying amounts meet in blocks of the same kind and unit (money, percent, the
counted noun), and the rest are the pairs the model scores (`find_conflicts`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.fuse.claims import Pairs, Unit, day_of, quote_overlap, words
from newsfuse.fuse.quotes import PRONOUNS
from newsfuse.model import Quantity, Quote, TimeExpr
from newsfuse.nlp.quantities import FX_SHARE, interval, same_amount, same_count

COMPARED_KINDS = frozenset(["money", "count", "percent"])
"""Kinds of amount compared for conflicts: other measures (lengths, ages) are too often
two different things in one story to tell apart."""
AMOUNT_MAX_RATIO = 1.75
"""Two reports of one number differ by rounding, an update or an error (a toll of 14
against 23), not by a factor: values further apart are two quantities, and a figure and
its double ("$1 trillion", "$2 trillion"; a demand and the half of it offered) are two."""
NEAR_RATIO = 1.1
"""Two sums of money this close that the same named actor states or is given ("$5.7
billion", "$5.6 billion") are one sum reported two ways, even with no word around them
in common."""
ROUND_SLACK = 0.2
"""A round figure of one significant digit ("$5 billion", "300 troops") is read loosely:
it stands for anything within this share of itself."""
LIST_VALUES = 3
"""Values of one kind and unit in one sentence from which it is a list (a poll's
results), whose values are each of something else."""
CONTEXT_WORDS = 4
"""Content words either side of a value that say what it measures ("$5.7 billion for
the wall")."""
LIKELY = 0.35
"""P(same fact) from which the model's word counts as evidence of one fact..."""
SURE = 0.5
"""... and from which it is enough on its own, for counts and money of the same unit."""
DATE_CONFLICT_SCORE = 0.6
"""P(same fact) from which two sentences are taken to date one happening..."""
DATE_ANCHORED_SCORE = LIKELY
"""... or from this one, when they also agree on another value ("exhausted by 2036")."""
DATE_SHARED_WORDS = 2
"""Words around two dates in common from which they date one happening: one alone is
often a name every sentence of the story carries ("Putin")."""
DATE_MAX_DAYS = 7
"""Two dates of one happening differ by days: further apart, they are two happenings."""
SPEAKER_CONFLICT_SCORE = 0.5
"""P(same fact) from which the same quoted words need the same speaker."""
QUOTE_CONFLICT_OVERLAP = 0.8
"""Word overlap from which two quotes are the same words (so need the same speaker)..."""
QUOTE_CONFLICT_MIN_WORDS = 5
"""... when both are verbatim (direct) and this long: a paraphrase or a short phrase may
be given to a spokesperson and to the body they speak for alike."""
NEGATION_CONFLICT_SCORE = LIKELY
"""P(same fact) from which a verb negated in one sentence and asserted in the other is a
contradiction: the bar at which the two would join one claim."""
BLOCK_LIMIT = 150
"""Sentences of one block paired with each other; in a bigger block (a big story's
"people"), only the pairs the model scored at CANDIDATE_FLOOR or more."""
CANDIDATE_FLOOR = 0.05
"""P(same fact) below which a pair gets no evidence from the model."""

TIME_WORDS = frozenset(
    [
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "today",
        "yesterday",
        "tomorrow",
        "night",
        "morning",
        "afternoon",
        "evening",
        "ago",
        "earlier",
        "later",
        "last",
        "next",
        "this",
        "time",
    ]
)
REPORTING_WORDS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "reported",
        "reports",
        "added",
        "noted",
        "statement",
    ]
)
AMOUNT_WORDS = frozenset(
    ["percent", "per", "cent", "million", "billion", "trillion", "thousand", "dollars", "euros"]
)
"""Words of the amount itself, which say nothing of what it counts."""
UNSAID_VERBS = frozenset(
    [
        "say",
        "said",
        "says",
        "tell",
        "told",
        "comment",
        "commented",
        "respond",
        "responded",
        "specify",
        "specified",
        "elaborate",
        "elaborated",
        "disclose",
        "disclosed",
        "reveal",
        "revealed",
        "know",
        "knew",
        "known",
    ]
)
"""Verbs whose negation ("did not say how many") withholds a fact rather than denying
one."""
_COMPARISON = re.compile(
    r"\b(?:from|than|against|versus|vs\.?|compared\s+(?:with|to)|previous(?:ly)?|earlier|"
    r"prior|last\s+year's|originally|initially|once)\s+(?:(?:a|an|the|about|around|some|"
    r"nearly|almost|just|roughly)\s+)?$",
    re.IGNORECASE,
)
"""Words before a value that make it a point of comparison, not the fact ("up from 55")."""
_DATED_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:in|since|by)\s+\d{4}\b|^\s*\w+\s+years?\s+ago\b")
"""Words after a value dating it to another year ("55 percent in 2019")."""
_NEGATOR = re.compile(r"not|never|n[’']t", re.IGNORECASE)
"""The negations that deny a verb ("did not", "hasn't", "never"), not a noun ("no deal")."""
_WORDS = re.compile(r"[A-Za-z’']+")
_CLAUSE_END = re.compile(r"[,;:.!?“”\"()—–]")
"""Punctuation that ends the clause a negation governs ("Absolutely not," Fox said)."""
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|denied|denies|deny)\b|n[’']t\b",
    re.IGNORECASE,
)
_NOT_ASSERTING = frozenset(["to", "by", "of", "for", "from", "without", "about", "after", "before"])
"""Words before a verb that keep it from asserting anything ("by putting", "to appeal")."""
_AUXILIARY = frozenset(
    [
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "be",
        "been",
        "not",
        "no",
        "never",
        "n",
        "t",
    ]
)
_PLURAL = re.compile(r"(?<=[a-z])s$")
_CONTEXT_WORD = re.compile(r"[a-z][a-z'’-]+")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_STEM = 5


# ------------------------------------------------------------------ amounts


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether the two amounts measure the same kind of thing on one scale."""
    if a.kind != b.kind or a.kind not in COMPARED_KINDS or a.value is None or b.value is None:
        return False
    if a.kind == "money":
        return a.unit == b.unit or (a.eur is not None and b.eur is not None)
    return _unit_key(a) == _unit_key(b)


def _unit_key(q: Quantity) -> str:
    return _PLURAL.sub("", (q.unit or "").casefold())


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two amounts can be the same, given rounding, modifiers and exchange rates."""
    return same_amount(a, b) if a.kind == "money" else same_count(a, b)


def _round_figure(q: Quantity) -> bool:
    """One significant digit and a zero or a scale word after it: "$5 billion", "300"."""
    m = re.search(r"\d[\d,.]*", q.text)
    if m is None or q.value is None:
        return False
    digits = m.group().replace(",", "").rstrip(".")
    if "." in digits:
        return False
    significant = digits.rstrip("0")
    return len(significant) == 1 and (significant != digits or abs(q.value) > float(digits))


def _loose_interval(q: Quantity) -> tuple[float, float]:
    lo, hi = interval(q)
    if _round_figure(q) and q.value is not None:
        lo, hi = min(lo, q.value * (1 - ROUND_SLACK)), max(hi, q.value * (1 + ROUND_SLACK))
    return lo, hi


def disagree(a: Quantity, b: Quantity) -> bool:
    """Whether two comparable amounts cannot be one figure under any fair reading of their
    wording: their rounding, hedges and bounds, a round figure's looseness, the rate.
    Figures one last digit apart ("$5.7 billion", "$5.6 billion") are two figures."""
    ia, ib = _loose_interval(a), _loose_interval(b)
    if a.kind == "money" and a.unit != b.unit:
        if not a.eur or not b.eur or not a.value or not b.value:
            return False
        fa, fb = a.eur / a.value * (1 - FX_SHARE), b.eur / b.value * (1 + FX_SHARE)
        ga, gb = a.eur / a.value * (1 + FX_SHARE), b.eur / b.value * (1 - FX_SHARE)
        ia, ib = (ia[0] * fa, ia[1] * ga), (ib[0] * gb, ib[1] * fb)
    return a.value != b.value and not max(ia[0], ib[0]) < min(ia[1], ib[1])


def _stems(ws: list[str], drop: frozenset[str] | set[str] = frozenset()) -> list[str]:
    return [
        w[:_STEM]
        for w in ws
        if w not in STOP_WORDS
        and w not in AMOUNT_WORDS
        and w not in TIME_WORDS
        and w not in REPORTING_WORDS
        and w[:_STEM] not in drop
    ]


def _context(unit: Unit, span: Quantity | TimeExpr, drop: set[str] | None = None) -> set[str]:
    """Stems of the content words around a value in its unit (what it measures), without
    time and reporting words, which say nothing of it."""
    text = unit.text.lower()
    before = _CONTEXT_WORD.findall(text[: span.start - unit.start])
    after = _CONTEXT_WORD.findall(text[span.end - unit.start :])
    skip = drop or set()
    return set(_stems(before, skip)[-CONTEXT_WORDS:]) | set(_stems(after, skip)[:CONTEXT_WORDS])


def _comparison(unit: Unit, q: Quantity) -> bool:
    """A value given for comparison or dated to another year: not the fact itself."""
    before = unit.text[max(0, q.start - unit.start - 40) : q.start - unit.start]
    after = unit.text[q.end - unit.start : q.end - unit.start + 40]
    return bool(_COMPARISON.search(before) or _DATED_AFTER.match(after))


def _same_thing(kind: str, shared: int, actor: bool, score: float, ratio: float) -> bool:
    """Whether two disagreeing amounts of one unit measure the same thing: two words
    around them in common, or one and a named actor both sentences share (or the model's
    view that they state one fact); counts and money also when the model is sure, and
    money close in value with a shared actor when the model finds it likely. Percentages
    of one company or one poll measure many things, so need the model's view."""
    if kind == "percent":
        return shared >= 1 and score >= LIKELY
    if kind == "money" and ratio <= NEAR_RATIO and actor and score >= LIKELY:
        return True
    return shared >= 2 or (shared >= 1 and (actor or score >= LIKELY)) or score >= SURE


def _amount_conflict(a: Unit, b: Unit, score: float) -> tuple[Quantity, Quantity] | None:
    """The two amounts that disagree about one thing, the best attested pair first."""
    best: tuple[tuple[int, float], Quantity, Quantity] | None = None
    actor = bool(a.entities & b.entities)
    for x in a.quantities:
        if x.kind not in COMPARED_KINDS or _comparison(a, x) or listed(a, x):
            continue
        for y in b.quantities:
            if not comparable(x, y) or _comparison(b, y) or listed(b, y) or not disagree(x, y):
                continue
            low, high = sorted((abs(x.value or 0.0), abs(y.value or 0.0)))
            if low <= 0 or high / low > AMOUNT_MAX_RATIO:
                continue
            if _stated_by_both(x, b) or _stated_by_both(y, a):
                continue
            unit = {_unit_key(x)[:_STEM]}
            shared = len(_context(a, x, unit) & _context(b, y, unit))
            if not _same_thing(x.kind, shared, actor, score, high / low):
                continue
            rank = (shared, -high / low)
            if best is None or rank > best[0]:
                best = (rank, x, y)
    return (best[1], best[2]) if best else None


def listed(unit: Unit, q: Quantity) -> bool:
    """One of a list of values of one kind ("Romney (17 percent), Huckabee (14 percent),
    Palin (12 percent)"): each measures something else, and which is unsure."""
    return sum(comparable(q, o) for o in unit.quantities) >= LIST_VALUES


def _stated_by_both(q: Quantity, other: Unit) -> bool:
    """The other sentence gives this figure too: its own differing figure is of another
    thing ("600 million for farmers, 850 million for roads")."""
    return any(comparable(q, o) and not disagree(q, o) for o in other.quantities)


# ------------------------------------------------------------------ dates


def days_of(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TimeML date of a day, an ISO week or a month."""
    if not value:
        return None
    try:
        if _DAY.match(value):
            d = date.fromisoformat(value)
            return d, d
        if m := _WEEK.match(value):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + timedelta(days=6)
        if _MONTH.match(value):
            first = date.fromisoformat(value + "-01")
            following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            return first, following - timedelta(days=1)
    except ValueError:
        return None
    return None


def _periods(unit: Unit) -> list[tuple[TimeExpr, tuple[date, date]]]:
    """The unit's dates of a day, a week or a month (years and vague references aside); a
    time of day gives its day."""
    out = []
    for t in unit.times:
        value = t.value if t.type == "DATE" else day_of(t) if t.type == "TIME" else None
        if value and (span := days_of(value)):
            out.append((t, span))
    return out


def _anchored(a: Unit, b: Unit) -> bool:
    """The two units agree on another value: a year, or an amount."""
    years = {v for v in a.dates if _YEAR.match(v)} & {v for v in b.dates if _YEAR.match(v)}
    return bool(years) or any(
        comparable(x, y) and agree(x, y) for x in a.quantities for y in b.quantities
    )


def _date_conflict(a: Unit, b: Unit, score: float) -> tuple[TimeExpr, TimeExpr] | None:
    """The two dates when each unit gives one period for the same happening (two words
    around them in common) and they do not overlap, days apart: "the House voted on
    Tuesday" / "... on Wednesday"; "issued last week" / "last month" when that week lies
    outside that month."""
    if score < DATE_CONFLICT_SCORE and not (score >= DATE_ANCHORED_SCORE and _anchored(a, b)):
        return None
    pa, pb = _periods(a), _periods(b)
    if len(pa) != 1 or len(pb) != 1:
        return None
    (x, (x0, x1)), (y, (y0, y1)) = pa[0], pb[0]
    gap = max((y0 - x1).days, (x0 - y1).days)
    shared = _context(a, x) & _context(b, y)
    if gap <= 0 or gap > DATE_MAX_DAYS or len(shared) < DATE_SHARED_WORDS:
        return None
    return x, y


# ------------------------------------------------------------------ speakers, negation


def _named(q: Quote, unit: Unit) -> bool:
    """Whether the quote's speaker is named inside the unit (not a pronoun, not elsewhere)."""
    sp = q.speaker
    return (
        sp is not None
        and unit.start <= sp.start < unit.end
        and sp.text.casefold() not in PRONOUNS
        and sp.text[:1].isupper()
    )


def _speaker_conflict(
    a: Unit, b: Unit, score: float, speaker: Callable[[Unit, int], str | None]
) -> tuple[str, str] | None:
    if score < SPEAKER_CONFLICT_SCORE:
        return None
    for i, qa in enumerate(a.quotes):
        for j, qb in enumerate(b.quotes):
            if (
                not _named(qa, a)
                or not _named(qb, b)
                or qa.kind != "direct"
                or qb.kind != "direct"
                or min(len(words(qa.content.text)), len(words(qb.content.text)))
                < QUOTE_CONFLICT_MIN_WORDS
                or quote_overlap(qa.content.text, qb.content.text) < QUOTE_CONFLICT_OVERLAP
            ):
                continue
            sa, sb = speaker(a, i), speaker(b, j)
            if sa and sb and sa != sb:
                return sa, sb
    return None


_SUFFIX = re.compile(r"(?:ing|ed|es|s|n)$")


def _base(word: str) -> str:
    """A verb without its inflection, to match "confirmed" with "confirm", "shown" with
    "show"."""
    low = word.lower()
    cut = _SUFFIX.sub("", low)
    return cut if len(cut) >= 3 else low


def _denied(text: str) -> set[str]:
    """The verbs the sentence's negations govern ("would not appeal", "doesn't have it or
    hasn't shown it"), auxiliaries skipped, in the negation's clause; none when a
    negation denies a noun ("no deal", "denied") or a verb withholds a fact ("did not say
    how many")."""
    found = list(_NEGATION.finditer(text))
    if not all(_NEGATOR.fullmatch(m.group()) for m in found):
        return set()
    verbs = set()
    for m in found:
        clause = _CLAUSE_END.split(text[m.end() :], maxsplit=1)[0]
        verb = next((w for w in _WORDS.findall(clause) if w.lower() not in _AUXILIARY), None)
        if verb is None or not verb.islower() or verb in STOP_WORDS or verb in UNSAID_VERBS:
            continue
        verbs.add(_base(verb))
    return verbs


def _asserts(text: str, verb: str) -> bool:
    """Whether the sentence asserts the verb: not after a preposition or "to" ("by
    putting", "wants to appeal" assert nothing)."""
    tokens = [w.lower() for w in _WORDS.findall(text)]
    return any(
        _base(w) == verb and (k == 0 or tokens[k - 1] not in _NOT_ASSERTING)
        for k, w in enumerate(tokens)
    )


def _negation_conflict(a: Unit, b: Unit, score: float) -> tuple[Unit, Unit] | None:
    """(the denying unit, the affirming one) when one negates a verb the other asserts
    with no negation at all ("would not appeal the verdict" / "would appeal");
    withholding verbs ("did not say how many") aside."""
    if score < NEGATION_CONFLICT_SCORE:
        return None
    for no, yes in ((a, b), (b, a)):
        if _NEGATION.search(yes.text):
            continue
        if any(_asserts(yes.text, verb) for verb in sorted(_denied(no.text))):
            return no, yes
    return None


# ------------------------------------------------------------------ the story's conflicts


def conflict(
    a: Unit,
    b: Unit,
    score: float,
    outlet: Callable[[Unit], str],
    speaker: Callable[[Unit, int], str | None],
) -> str | None:
    """What two units of different articles contradict each other on, in words, or None.

    `score` is the model's P(same fact) of the pair (0 when it did not score it);
    `speaker(unit, i)` the story identity of the speaker of the unit's i-th quote.
    """
    if a.article == b.article:
        return None
    oa, ob = outlet(a), outlet(b)
    if amounts := _amount_conflict(a, b, score):
        x, y = amounts
        return f"amount: {x.text} ({oa}) vs {y.text} ({ob})"
    if who := _speaker_conflict(a, b, score, speaker):
        return f"speaker: {who[0]} ({oa}) vs {who[1]} ({ob}) for the same words"
    if dates := _date_conflict(a, b, score):
        x, y = dates
        return f"date: {x.text} = {x.value} ({oa}) vs {y.text} = {y.value} ({ob})"
    if sides := _negation_conflict(a, b, score):
        no, yes = sides
        return f"negation: {outlet(no)} denies what {outlet(yes)} states"
    return None


def _blocks(units: Sequence[Unit]) -> dict[tuple[str, str], list[int]]:
    """Units by the kind and unit of the amounts they carry: money, percent, a noun."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, u in enumerate(units):
        keys = {
            (q.kind, "" if q.kind == "money" else _unit_key(q))
            for q in u.quantities
            if q.kind in COMPARED_KINDS and q.value is not None
        }
        for key in sorted(keys):
            out[key].append(k)
    return out


def find_conflicts(
    units: Sequence[Unit],
    pairs: Pairs,
    outlet: Callable[[Unit], str],
    speaker: Callable[[Unit, int], str | None],
) -> dict[tuple[int, int], str]:
    """(i, j) → what differs, for every pair of units (i < j) that conflict.

    Candidates: the units carrying amounts of one kind and unit, paired within their
    block (a block bigger than BLOCK_LIMIT only through the pairs the model scored), and
    the pairs the model scored at LIKELY or more.
    """
    keep = np.flatnonzero(pairs.probability >= CANDIDATE_FLOOR)
    scores = {
        (int(pairs.i[k]), int(pairs.j[k])): float(pairs.probability[k]) for k in keep.tolist()
    }
    candidates = {pair for pair, p in scores.items() if p >= LIKELY}
    for members in _blocks(units).values():
        if len(members) <= BLOCK_LIMIT:
            candidates.update(
                (i, j)
                for n, i in enumerate(members)
                for j in members[n + 1 :]
                if units[i].article != units[j].article
            )
        else:
            inside = set(members)
            candidates.update(p for p in scores if p[0] in inside and p[1] in inside)
    found: dict[tuple[int, int], str] = {}
    for i, j in sorted(candidates):
        why = conflict(units[i], units[j], scores.get((i, j), 0.0), outlet, speaker)
        if why:
            found[(i, j)] = why
    return found
