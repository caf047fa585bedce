"""Conflicts between two statements of one fact, read from their structured facts.

Two units conflict only when the alignment model finds them likely to state the same
fact and a structured value of that fact disagrees after normalisation: the same
quantity of the same thing (the same unit, the same words around the number, values of
one order: a toll of 14 against 23, not 6 percent against 20) beyond the rounding each
expression implies (`newsfuse.nlp.quantities`); the date of the same happening (one
named day each, days apart, not years: background is not today's event); the speaker
of the same quoted words, each named in its sentence; or whether the same action
happened (one negates the other). Wording differences alone are never a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.fuse.claims import Unit, quote_overlap, words
from newsfuse.model import Quantity, Quote, TimeExpr
from newsfuse.nlp.quantities import same_amount, same_count

AMOUNT_CONFLICT_SCORE = 0.35
CONFLICT_FLOOR = AMOUNT_CONFLICT_SCORE
"""The lowest probability of one fact any conflict needs: pairs below are not checked."""
"""Probability of one fact from which two units are taken to count the same thing."""
AMOUNT_MAX_RATIO = 2.0
"""Two reports of one number differ by rounding or an update, not by a factor: values
further apart than this are two quantities."""
CONTEXT_WORDS = 4
"""Words either side of an amount that say what it counts ("$5.7 billion for the wall")."""
DATE_CONFLICT_SCORE = 0.6
"""Probability of one fact from which two units are taken to date the same event."""
DATE_MAX_DAYS = 7
"""Two dates of one happening differ by days: further apart, they are two happenings."""
SPEAKER_CONFLICT_SCORE = 0.5
"""Probability of one fact from which the same quoted words need the same speaker."""
QUOTE_CONFLICT_OVERLAP = 0.8
"""Word overlap from which two quotes are the same words (so need the same speaker)..."""
QUOTE_CONFLICT_MIN_WORDS = 5
"""... when both are verbatim (direct) and this long: a paraphrase or a short phrase may
be given to a spokesperson and to the body they speak for alike."""
COMPARED_KINDS = frozenset(["money", "count", "percent"])
"""Kinds of amount compared for conflicts: other measures (lengths, ages) are too often
two different things in one story to tell apart."""
NEGATION_CONFLICT_SCORE = 0.6
"""Probability of one fact from which a negated and an affirmed unit say opposite things..."""
NEGATION_EXTRA_WORDS = 2
"""... and at most this many words (negations and auxiliaries aside) either has that the
other lacks: one must be the other negated, not a longer or shorter statement."""
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

_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|denied|denies|deny)\b|n[’']t\b",
    re.IGNORECASE,
)
_PLURAL = re.compile(r"(?<=[a-z])s$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTEXT_WORD = re.compile(r"[a-z][a-z'’-]+")
AMOUNT_WORDS = frozenset(
    ["percent", "per", "cent", "million", "billion", "trillion", "thousand", "dollars", "euros"]
)
"""Words of the amount itself, which say nothing of what it counts."""
PRONOUNS = frozenset(["he", "she", "they", "it", "i", "we", "you", "him", "her", "them"])


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


def _context(unit: Unit, q: Quantity | TimeExpr) -> set[str]:
    """Stems of the content words around an amount or a date in its unit."""
    before = _CONTEXT_WORD.findall(unit.text[: q.start - unit.start].lower())
    after = _CONTEXT_WORD.findall(unit.text[q.end - unit.start :].lower())

    def content(ws: list[str]) -> list[str]:
        return [w[:5] for w in ws if w not in STOP_WORDS and w not in AMOUNT_WORDS]

    return set(content(before)[-CONTEXT_WORDS:]) | set(content(after)[:CONTEXT_WORDS])


def _same_thing(a: Unit, x: Quantity, b: Unit, y: Quantity) -> bool:
    """Whether two comparable amounts count one thing: a count's unit says what it counts;
    money and percentages need a word around them in common."""
    if x.kind == "count" and x.unit and y.unit:
        return True
    return bool(_context(a, x) & _context(b, y))


def _amount_conflict(a: Unit, b: Unit) -> tuple[Quantity, Quantity] | None:
    for x in a.quantities:
        alike = [y for y in b.quantities if comparable(x, y)]
        if not alike or any(agree(x, y) for y in alike):
            continue
        for y in alike:
            low, high = sorted((abs(x.value or 0.0), abs(y.value or 0.0)))
            if low > 0 and high / low <= AMOUNT_MAX_RATIO and _same_thing(a, x, b, y):
                return x, y
    return None


def _one_day(unit: Unit) -> TimeExpr | None:
    """The unit's one dated expression, when it names one day and nothing else."""
    days = [t for t in unit.times if t.value in unit.dates]
    if len(unit.dates) != 1 or not days or not _DAY.match(days[0].value or ""):
        return None
    return days[0]


def _date_conflict(a: Unit, b: Unit) -> tuple[str, str] | None:
    """The two days when each unit names one day for the same happening (a word around
    the dates in common: "the House voted on Tuesday" / "the House voted Wednesday"), and
    they differ by days, not more."""
    x, y = _one_day(a), _one_day(b)
    if x is None or y is None or x.value == y.value or not x.value or not y.value:
        return None
    gap = abs((date.fromisoformat(x.value) - date.fromisoformat(y.value)).days)
    if gap > DATE_MAX_DAYS or not _context(a, x) & _context(b, y):
        return None
    return x.value, y.value


def _named(q: Quote, unit: Unit) -> bool:
    """Whether the quote's speaker is named inside the unit (not a pronoun, not elsewhere)."""
    sp = q.speaker
    return (
        sp is not None
        and unit.start <= sp.start < unit.end
        and sp.text.casefold() not in PRONOUNS
        and sp.text[:1].isupper()
    )


def _differ_by_negation(a: str, b: str) -> bool:
    wa, wb = set(words(a)) - _AUXILIARY, set(words(b)) - _AUXILIARY
    return len(wa - wb) <= NEGATION_EXTRA_WORDS and len(wb - wa) <= NEGATION_EXTRA_WORDS


@lru_cache(maxsize=65536)
def negated(text: str) -> bool:
    """Whether the statement carries an odd number of negations."""
    return len(_NEGATION.findall(text)) % 2 == 1


def conflict(
    a: Unit,
    b: Unit,
    score: float,
    outlet: Callable[[Unit], str],
    speaker: Callable[[Unit, int], str | None],
) -> str | None:
    """What two units of different articles contradict each other on, in words, or None.

    `speaker(unit, i)` is the story identity of the speaker of the unit's i-th quote.
    """
    if a.article == b.article:
        return None
    oa, ob = outlet(a), outlet(b)
    if score >= AMOUNT_CONFLICT_SCORE:
        amounts = _amount_conflict(a, b)
        if amounts:
            x, y = amounts
            return f"amount: {x.text} ({oa}) vs {y.text} ({ob})"
    for i, qa in enumerate(a.quotes):
        for j, qb in enumerate(b.quotes):
            if (
                score < SPEAKER_CONFLICT_SCORE
                or not _named(qa, a)
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
                return f"speaker: {sa} ({oa}) vs {sb} ({ob}) for the same words"
    if score >= DATE_CONFLICT_SCORE:
        dates = _date_conflict(a, b)
        if dates:
            return f"date: {dates[0]} ({oa}) vs {dates[1]} ({ob})"
    if (
        score >= NEGATION_CONFLICT_SCORE
        and negated(a.text) != negated(b.text)
        and _differ_by_negation(a.text, b.text)
    ):
        no, yes = (oa, ob) if negated(a.text) else (ob, oa)
        return f"negation: {no} denies what {yes} states"
    return None
