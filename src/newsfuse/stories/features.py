"""What the story index needs to know of an article, computed once per article.

An `ArticleFeatures` record is small and holds no text, so that features can be stored,
streamed and fed to the online index without the analysed article (the benchmark feeds
a million of them). Everything here is deterministic: terms are hashed with CRC-32, not
Python's salted `hash`.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.model import Article
from newsfuse.nlp.embed import embed
from newsfuse.nlp.timex_rules import WEEKDAYS
from newsfuse.stories import minhash

LEAD_CHARS = 700
"""Title plus this much of the body is embedded: the lead says what the story is."""

TERM_CHARS = 4000
"""Lexical terms are counted over this much of the body."""

NUM_PERM = 64
"""MinHash permutations per article (8 bands of 8 rows in the near-duplicate index)."""

SHINGLE_WORDS = 5
"""Near-duplicates are compared on word 5-grams: syndicated copies share most of them."""

MINHASH_SEED = 1

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_TERM = re.compile(r"[^\W\d_]{3,}|\d[\d.,]*\d|\d")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEKDAY_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """Who, where, when and what of one article, plus its near-duplicate signature.

    `vec` is the unit-length MiniLM embedding of title and lead; `terms` maps CRC-32
    term ids to counts; `entities` are normalised names of people, organisations and
    places (and `geo:<id>` for resolved places); `when` are (first, last) day ordinals
    of the dates the article states; `day` is its reference day ordinal (publication,
    else the run's date); `weekdays` (0 = Monday) are the days of the week its lead puts
    events on.
    """

    id: str
    vec: np.ndarray
    terms: dict[int, int]
    entities: frozenset[str]
    when: tuple[tuple[int, int], ...]
    day: int | None
    signature: np.ndarray | None
    weekdays: frozenset[int] = frozenset()


def term_id(term: str) -> int:
    """Stable id of a term (CRC-32, identical across runs and machines)."""
    return zlib.crc32(term.encode("utf-8"))


def terms_of(text: str) -> dict[int, int]:
    """Counts of content words, numbers and adjacent pairs of them (stop words dropped).

    Numbers and pairs are what tell two events of one kind apart: "23 pirates", "magnitude
    6.1", "fishing trawler".
    """
    words = [w for w in (m.lower() for m in _TERM.findall(text)) if w not in STOP_WORDS]
    grams = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return dict(Counter(term_id(g) for g in grams))


def signature_of(text: str) -> np.ndarray | None:
    """MinHash signature of the word 5-gram shingles; None for texts too short to judge."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE_WORDS * 2:
        return None
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    return minhash.signature((s.encode("utf-8") for s in shingles), NUM_PERM, MINHASH_SEED)


def entity_key(name: str) -> str:
    """Normalised entity name: lowercase, single spaces, no leading article."""
    key = " ".join(name.lower().replace("’", "'").split())
    for article in ("the ", "a ", "an "):
        if key.startswith(article):
            key = key[len(article) :]
    return key.strip(" .,'\"“”")


def entities_of(article: Article) -> frozenset[str]:
    """Who and where: every name and alias; a resolved place also by its gazetteer id."""
    keys: set[str] = set()
    for ent in article.entities:
        for name in (ent.name, *ent.aliases):
            key = entity_key(name)
            if len(key) > 1:
                keys.add(key)
        if ent.place is not None and ent.place.geonameid is not None:
            keys.add(f"geo:{ent.place.geonameid}")
    return frozenset(keys)


def interval_of(value: str | None) -> tuple[int, int] | None:
    """A TimeML date value (2025-12-19, 2025-12, 2025, 2025-12-19T10:00) as a day range."""
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3))).toordinal()
            return day, day
        if m.group(2):
            month = int(m.group(2))
            first = date(year, month, 1)
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    except ValueError:
        return None


def when_of(article: Article) -> tuple[tuple[int, int], ...]:
    """The distinct days an article states, when it is dated; sorted.

    Only day-precise dates count (a month or a year is background more often than the
    event), and only for an article with a reference date (its publication date, else the
    run's): without one, relative expressions cannot be anchored and the dates left are
    mostly the history of the story, which would split one event into several.
    """
    if article.reference() is None:
        return ()
    spans = {interval_of(t.value) for t in article.times if t.type in ("DATE", "TIME")}
    return tuple(sorted(s for s in spans if s is not None and s[0] == s[1]))


def weekdays_of(article: Article) -> frozenset[int]:
    """The days of the week the lead puts its events on: "on Saturday", "late Thursday".

    An undated report cannot resolve "on Saturday" to a date, but the weekday alone still
    tells two events of one kind apart: reports of one event name the same day. A stated
    day-precise date counts by its weekday. Only the lead counts (`LEAD_CHARS` of the
    body): later paragraphs hold the story's history.
    """
    lead_end = LEAD_CHARS
    for seg in sorted(article.removed, key=lambda r: r.start):
        if seg.start < lead_end:
            lead_end += seg.end - seg.start
    days: set[int] = set()
    for t in article.times:
        if t.start >= lead_end or t.type not in ("DATE", "TIME"):
            continue
        span = interval_of(t.value)
        if span is not None and span[0] == span[1]:
            days.add(date.fromordinal(span[0]).weekday())
        elif t.value is None:
            named = (WEEKDAYS.get(w.lower()) for w in _WEEKDAY_WORD.findall(t.text))
            days.update(d for d in named if d is not None)
    return frozenset(days)


def lead_of(article: Article) -> str:
    """Title and lead: what the embedding sees."""
    return ((article.title or "") + "\n" + article.body[:LEAD_CHARS]).strip()


def attach_leads(articles: Sequence[Article]) -> None:
    """Embed each article's lead and keep it on the article (`Article._lead`), as an
    analysis worker does for `ingest`: the embedding is most of what clustering costs an
    article, and this way it runs on every worker rather than in the one process that
    clusters. Each lead is embedded alone, so its vector does not depend on which
    articles shared its unit of work."""
    for art in articles:
        art._lead = embed([lead_of(art)])[0]


def features(articles: Sequence[Article]) -> list[ArticleFeatures]:
    """Features of analysed articles, in input order: the lead's embedding kept on the
    article where there is one, else computed here (one batch for the rest)."""
    missing = [k for k, a in enumerate(articles) if a._lead is None]
    computed = iter(embed([lead_of(articles[k]) for k in missing]))
    vecs = [a._lead if a._lead is not None else next(computed) for a in articles]
    out = []
    for art, vec in zip(articles, vecs, strict=True):
        body = art.body or art.text
        day = art.reference()
        out.append(
            ArticleFeatures(
                id=art.id,
                vec=vec,
                terms=terms_of((art.title or "") + "\n" + body[:TERM_CHARS]),
                entities=entities_of(art),
                when=when_of(art),
                day=day.toordinal() if day else None,
                signature=signature_of(body),
                weekdays=weekdays_of(art),
            )
        )
    return out
