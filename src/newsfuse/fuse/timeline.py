"""The story's timeline: each happening once, at the date its sentence gives it.

Each dated sentence goes on the timeline once, at the first day (else month, else year)
it names: "held on Friday, distinct from Sunday's comments" happened on Friday. A date
that belongs to something else is not the sentence's: one in quoted words (the saying is
the happening), in an aside on someone ("who led the country from 2000 to 2006"), the
point a state runs from ("since"), an occasion compared ("as he did in May"), a bound
("before Christmas"), a year naming a thing ("the 2016 election"); a sentence with no
date of its own stays off the timeline. Sentences
of one date that state one fact (they share a claim) are one entry, told in the words
of the sentence that carries the date, citing them all. A date after the report's
reference date (its publication, else the run's --date) is left out unless the sentence
says it lies ahead ("will", "is due to").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from newsfuse.fuse.claims import Unit
from newsfuse.fuse.conflicts import days_of
from newsfuse.model import Article, TimelineEntry
from newsfuse.nlp.quotemarks import CLOSE_DOUBLE, OPEN_DOUBLE, quoted_coverage
from newsfuse.unionfind import DisjointSets

_AHEAD = re.compile(
    r"\b(?:will|shall|plans?|planned|scheduled|due|expected|expects|next|upcoming|coming|"
    r"later this|set to|to be held|is to|are to)\b",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
_DAY_NAMED = re.compile(
    _NAMED.pattern + r"|\b(?:today|tonight|yesterday|tomorrow|this)\b", re.IGNORECASE
)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
WINDOW = 80
"""Characters read before a time expression to tell what it dates (a bounded window)."""
_CLAUSE_EDGE = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
_REFERENCE_POINT = re.compile(
    r"\b(?:since|response to|following)\b|\bas (?:\w+ ){0,3}(?:did|does|had|was the case)\b",
    re.IGNORECASE,
)
_BOUND = re.compile(r"\b(?:before|after)\s*$", re.IGNORECASE)
_RELATIVE = re.compile(r"^\s*(?:who|whom|whose|which)\b", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|a|an|his|her|its|their|our|your|my)\s*$", re.IGNORECASE)
QUOTE_REACH = 300
"""Characters read back for the opening mark of a quotation a sentence starts inside."""


def dates_other_happening(text: str, start: int, end: int, value: str) -> bool:
    """The expression at text[start:end] dates something else than what the sentence reports.

    Read in the `WINDOW` characters before it, up to the clause's edge: the point a state
    or a sequence runs from ("the first visit since their Dec. 11 meeting", "following
    calls last week"), an occasion compared ("as he did in September"), a bound ("before
    Christmas"), an aside on someone or something named ("Fox, who led the country from
    2000 to 2006, said"), or a year naming a thing ("the 2016 election", "the year-end
    deadline")."""
    before = text[max(0, start - WINDOW) : start]
    edges = list(_CLAUSE_EDGE.finditer(before))
    clause = before[edges[-1].end() :] if edges else before
    if _REFERENCE_POINT.search(clause) or _BOUND.search(before):
        return True
    if edges and edges[-1].group() == "," and _RELATIVE.match(clause):
        return True
    return bool(_YEAR.match(value) and _DETERMINER.search(before))


def _week_days(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO week value ("2012-W30", `conflicts.days_of`), or of
    its weekend ("2012-W30-WE")."""
    if not _WEEK.match(value):
        return None
    days = days_of(value.removesuffix("-WE"))
    if days is None or not value.endswith("-WE"):
        return days
    return days[1] - timedelta(days=1), days[1]


def _calendar(value: str) -> str | None:
    """A value as a calendar date: a day (a time of day gives its day), a month, a year,
    or a week that lies within one month (as that month)."""
    if _DAY.match(value):
        return value[:10]
    if _MONTH.match(value) or _YEAR.match(value):
        return value
    days = _week_days(value)
    if days and days[0].month == days[1].month:
        return f"{days[0].year:04d}-{days[0].month:02d}"
    return None


def _within(value: str, opening: str) -> bool:
    """`value` (a calendar date) falls within the TimeML value `opening`."""
    days = _week_days(opening)
    if days is None:
        return value.startswith(opening)
    return _DAY.match(value) is not None and days[0].isoformat() <= value <= days[1].isoformat()


def happening_date(unit: Unit) -> str | None:
    """The date of what the sentence reports: its first named day, else month, else year,
    unless a time that opens it ("Last weekend, ...") says otherwise.

    Expressions that name a day ("on Friday", "December 19", "12/19") come before vaguer
    ones that resolve to one ("year-end", "today"); a time of day gives its day only when
    it names one ("Friday morning", not "the morning after the vote"). Quoted words and
    expressions that date something else (`dates_other_happening`) are not the
    happening's date. A time that opens the sentence dates it, or a date within it does
    ("In July, talks failed on Monday")."""
    quoted = quoted_coverage(unit.text)
    candidates: list[tuple[int, str, str]] = []
    opening: str | None = None
    for t in unit.times:
        start, end = t.start - unit.start, t.end - unit.start
        if t.type not in ("DATE", "TIME") or not t.value or start < 0:
            continue
        if any(quoted[start:end]):
            continue
        if dates_other_happening(unit.text, start, end, t.value):
            continue
        if t.type == "TIME" and not _DAY_NAMED.search(t.text):
            continue
        value = _calendar(t.value)
        if not value:
            continue
        if start <= 3 and unit.text[end : end + 1] == ",":
            opening = t.value
        candidates.append((start, t.text, value))
    candidates.sort(key=lambda c: (not _NAMED.search(c[1]), c[0]))
    values = [v for _, _, v in candidates]
    chosen = next(
        (v for pattern in (_DAY, _MONTH) for v in values if pattern.match(v)),
        values[0] if values else None,
    )
    if opening and chosen and not _within(chosen, opening):
        return _calendar(opening)
    return chosen


def readable_text(text: str, start: int, end: int) -> str:
    """The entry's words: a sentence that starts inside a quotation ('Now," she tweeted
    Friday.', cut from '"Cancel it. Now," she tweeted Friday.') is shown from the quotation's
    opening mark, looked for in the same paragraph within `QUOTE_REACH` characters."""
    piece = text[start:end]
    closing = min((i for i in map(piece.find, CLOSE_DOUBLE) if i >= 0), default=-1)
    opening = min((i for i in map(piece.find, OPEN_DOUBLE) if i >= 0), default=-1)
    if closing < 0 or 0 <= opening < closing:
        return piece
    window = text[max(0, start - QUOTE_REACH) : start]
    opened = max(map(window.rfind, OPEN_DOUBLE))
    if opened < 0 or any(c in window[opened:] for c in "\n" + CLOSE_DOUBLE):
        return piece
    return text[start - len(window) + opened : end]


def _after(value: str, published: date | None) -> bool:
    if published is None:
        return False
    padded = value + "-01" * ((10 - len(value)) // 3)
    try:
        return date.fromisoformat(padded) > published
    except ValueError:
        return False


def timeline(
    articles: Sequence[Article], units: Sequence[Unit], groups: Sequence[list[int]]
) -> list[TimelineEntry]:
    """One entry per happening, in date order (then order of appearance)."""
    dated: dict[int, str] = {}
    for k, u in enumerate(units):
        value = happening_date(u)
        if value is None:
            continue
        if _after(value, articles[u.article].reference()) and not _AHEAD.search(u.text):
            continue
        dated[k] = value
    sets = DisjointSets(len(units))
    for members in groups:
        for a in members:
            for b in members:
                if a < b and a in dated and dated.get(b) == dated[a]:
                    sets.join(b, a)
    entries: list[tuple[str, int, TimelineEntry]] = []
    for members in sets.groups():
        first = members[0]
        if first not in dated:
            continue
        entries.append(
            (
                dated[first],
                first,
                TimelineEntry(
                    date=dated[first],
                    text=readable_text(
                        articles[units[first].article].text, units[first].start, units[first].end
                    ),
                    sources=[units[k].ref(articles) for k in members],
                ),
            )
        )
    entries.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in entries]
