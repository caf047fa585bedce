"""Conflicts between two statements, read from their structured facts, never their wording.

Two units that say the same kind of thing conflict when they give the same quantity of
the same thing different values (after currency conversion, beyond the rounding each
expression implies: `newsfuse.nlp.quantities`), the same event different dates, the same quoted words different
speakers, or when one negates the other. Wording differences alone are never a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsfuse.fuse.claims import Unit, quote_overlap, words
from newsfuse.model import Quantity
from newsfuse.nlp.quantities import same_amount, same_count

AMOUNT_CONFLICT_SCORE = 0.6
"""Pair score from which two units are taken to count the same thing."""
DATE_CONFLICT_SCORE = 0.78
"""Pair score from which two units are taken to date the same event."""
QUOTE_CONFLICT_OVERLAP = 0.8
"""Word overlap from which two quotes are the same words (so need the same speaker)..."""
QUOTE_CONFLICT_MIN_WORDS = 5
"""... when both are verbatim (direct) and this long: a paraphrase or a short phrase may
be given to a spokesperson and to the body they speak for alike."""
COMPARED_KINDS = frozenset(["money", "count", "percent"])
"""Kinds of amount compared for conflicts: other measures (lengths, ages) are too often
two different things in one story to tell apart."""
NEGATION_CONFLICT_SCORE = 0.8
"""Pair score from which a negated and an affirmed unit say opposite things..."""
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


def _amount_conflict(a: Unit, b: Unit) -> tuple[Quantity, Quantity] | None:
    for x in a.quantities:
        alike = [y for y in b.quantities if comparable(x, y)]
        if alike and not any(agree(x, y) for y in alike):
            return x, alike[0]
    return None


def _date_conflict(a: Unit, b: Unit) -> tuple[str, str] | None:
    if not a.dates or not b.dates or a.dates & b.dates:
        return None
    for x in sorted(a.dates):
        for y in sorted(b.dates):
            if len(x) == len(y) and not (x.startswith(y) or y.startswith(x)):
                return x, y
    return None


def _differ_by_negation(a: str, b: str) -> bool:
    wa, wb = set(words(a)) - _AUXILIARY, set(words(b)) - _AUXILIARY
    return len(wa - wb) <= NEGATION_EXTRA_WORDS and len(wb - wa) <= NEGATION_EXTRA_WORDS


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
                qa.kind != "direct"
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
