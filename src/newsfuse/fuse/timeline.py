"""The story's timeline: each happening once, at the date its sentence gives it.

Each dated sentence goes on the timeline once, at the first day (else month, else year)
it names: "held on Friday, distinct from Sunday's comments" happened on Friday. Sentences
of one date that state one fact (they share a claim) are one entry, told in the words
of the sentence that carries the date, citing them all. A date after the report's
reference date (its publication, else the run's --date) is left out unless the sentence
says it lies ahead ("will", "is due to").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from newsfuse.fuse.claims import Unit
from newsfuse.model import Article, TimelineEntry
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
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def happening_date(unit: Unit) -> str | None:
    """The date of what the sentence reports: its first named day, else month, else year.

    Expressions that name a day ("on Friday", "December 19", "12/19") come before vaguer
    ones that resolve to one ("year-end", "today")."""
    dated = [t for t in unit.times if t.value in unit.dates]
    dated.sort(key=lambda t: (not _NAMED.search(t.text), t.start))
    values = [t.value for t in dated if t.value]
    for pattern in (_DAY, _MONTH):
        found = next((v for v in values if pattern.match(v)), None)
        if found:
            return found
    return values[0] if values else None


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
                    text=units[first].text,
                    sources=[units[k].ref(articles) for k in members],
                ),
            )
        )
    entries.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in entries]
