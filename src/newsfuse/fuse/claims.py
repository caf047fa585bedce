"""Claims: cutting each article's body into statements and aligning them across articles.

A claim unit is a sentence of the body, or a clause of it where the sentence carries two
statements (a semicolon, or a clause with its own subject: `newsfuse.nlp.clauses`),
minus the title and section headings, which state no fact of their own; an untitled
article's opening line is its headline and does state one.
Units are aligned by meaning: MiniLM cosine, raised by the facts two units of different
articles share (people and places, amounts, dates, quoted words). Alignment links the
best pairs first (single linkage) unless something keeps the two groups apart: a
structured conflict, dates that cannot be one day, or direct statements of different
people (see `newsfuse.fuse`). Units are linked only across articles (an article
restating a fact may join the claim through another), and corroboration counts
independent sources (`source_families`), so copies and one outlet's repeats cannot
corroborate.

The story's core event, what the leads of its reports say, is a claim of its own
(`core_event`): it cites every sentence that restates it, including sentences that are
also sources of a more specific claim ("Reid checked herself in on Tuesday, December 9").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from newsfuse.model import Article, Quantity, Quote, SourceRef, TimeExpr
from newsfuse.nlp.embed import embed
from newsfuse.unionfind import DisjointSets

ALIGN_THRESHOLD = 0.62
"""Pair score from which two units of different articles state the same thing."""
GROUP_MEAN = 0.35
"""Average pair score two groups need to merge: keeps single linkage from chaining.
At 0.5 reports of one event worded apart stayed split (ECB+ dev, own stories: F1 0.69
at 0.35, 0.67 at 0.4; gold stories 0.66 at 0.5, 0.71 at 0.4, 0.73 at 0.35). The seed's
claims are the same at 0.35 as at 0.4; 0.3 chains more of a seed report into one claim."""
BONUS_FLOOR = 0.3
"""Pairs with a cosine below this are unrelated: their shared facts are not looked up."""
ENTITY_BONUS = 0.04
"""Added per story entity both units mention, up to ENTITY_BONUS_CAP."""
ENTITY_BONUS_CAP = 0.12
DATE_BONUS = 0.08
"""Added when both units carry the same resolved date: one named day or month is strong
evidence of one fact ("Work starts in September" / "Construction is due to begin in
September")."""
AMOUNT_BONUS = 0.05
"""Added when both units carry the same amount."""
QUOTE_BONUS = 0.05
"""Added when both units hold the same quoted words (see QUOTE_OVERLAP)."""
QUOTE_OVERLAP = 0.6
"""Share of the shorter quote's words found in the other for two quotes to be one."""
HEADING_MAX_WORDS = 12
"""A line this short without closing punctuation is a heading, not a statement."""
MIN_UNIT_WORDS = 3
"""Fragments shorter than this are not claims."""
NEAR_DUPLICATE = 0.8
"""Word-trigram Jaccard from which two units are one wording (a copy), not two reports."""
SHINGLE = 3
SYNDICATION_SHARE = 0.6
"""Share of an article's units copied from another for the two to count as one source."""

CORE_LEAD_SENTENCES = 2
"""The units of an article's first two sentences (headline and lede, standfirst and lede,
or lede and second sentence) are its lead: news is written lead first, so the leads of one
story's reports state its event. Counted in sentences, a standfirst cut in two at a clause
break does not push the lede out of the lead. ECB+ dev, gold stories, claim F1: the first
one, two, three units 0.768, 0.783, 0.780; the first two sentences 0.780."""
CORE_SIMILARITY = 0.45
"""Cosine to the centroid of the core's leads from which a unit restates the core event.
ECB+ dev, gold stories, claim alignment F1 (P / R): no core claim 0.737 (0.773 / 0.704);
0.40 → 0.795 (0.754 / 0.841), 0.45 → 0.783 (0.755 / 0.814), 0.50 → 0.774 (0.760 / 0.788),
0.55 → 0.763 (0.767 / 0.758). At 0.40 the seed's core also cites "the European Union
continues to shore up support for Kyiv", which is not what happened."""
CORE_WORD_SHARE = 1 / 3
"""A word is one of the core event's when the leads of this share of the articles (and of
two at least) use it; a unit restating the core uses one of them. It keeps out sentences
on the story's subject that name none of what happened (ECB+ dev, gold stories: precision
0.741 → 0.755 at the same F1; shares 0.2 / 0.5 give F1 0.781 / 0.774)."""
CORE_STEM = 5
"""Core words are compared on their first letters, so that "checked", "checks" and
"checking" are one word (measured as good as spaCy's lemmas of verbs and nouns)."""

_END_PUNCT = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_CLAUSE_SPLIT = re.compile(r";\s+")
_DATELINE_END = re.compile(r"\s[—–-]$")
_WORD = re.compile(r"\w+")
_DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+")
"""Lower-case words: what happened, not who (names are capitalised, and entities' business)."""


@dataclass
class Unit:
    """One claim-sized stretch of one article, with the facts found inside it."""

    article: int
    start: int
    end: int
    text: str
    sentence: int = 0
    """Index of the article sentence it was cut from (a sentence may give several units)."""
    entities: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    quantities: list[Quantity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)

    def ref(self, articles: Sequence[Article]) -> SourceRef:
        return SourceRef(
            article=articles[self.article].id, start=self.start, end=self.end, text=self.text
        )


def words(text: str) -> list[str]:
    """Lower-cased word tokens, for overlap measures."""
    return _WORD.findall(text.lower())


def _fold(text: str) -> str:
    return " ".join(words(text))


def _is_heading(text: str) -> bool:
    return len(text.split()) <= HEADING_MAX_WORDS and not _END_PUNCT.search(text)


def _pieces(article: Article) -> list[tuple[int, int, int]]:
    """(start, end, sentence index) of the sentence spans cut at line breaks, semicolons
    and clause breaks, trimmed, outside removed text."""
    removed = [(r.start, r.end) for r in article.removed]
    title = _fold(article.title or "")
    out: list[tuple[int, int, int]] = []
    opened: int | None = None  # a dateline ("DROVNY (Meridian Wire) —") cut from its sentence
    for index, sent in enumerate(article.sentences):
        for line_start, line_end in _split(article.text, sent.start, sent.end, "\n"):
            if any(s < line_end and line_start < e for s, e in removed):
                continue
            piece = article.text[line_start:line_end]
            if title and _fold(piece) == title:
                continue
            headline = not out and not title
            if (
                _whole_line(article.text, line_start, line_end)
                and _is_heading(piece)
                and not headline
            ):
                continue
            for s, e in _split_clauses(article, line_start, line_end):
                if opened is not None:
                    s, opened = opened, None
                if _DATELINE_END.search(article.text[s:e]):
                    opened = s
                elif len(article.text[s:e].split()) >= MIN_UNIT_WORDS:
                    out.append((s, e, index))
    return out


def _whole_line(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def _split(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        cut = text.find(sep, pos, end)
        stop = end if cut < 0 else cut
        out.append(_trim(text, pos, stop))
        pos = stop + len(sep) if cut >= 0 else end
    return [(s, e) for s, e in out if e > s]


def _split_clauses(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses joined by semicolons, or cut at the article's clause breaks, are statements."""
    text = article.text
    cuts = [(m.start() + 1, m.end()) for m in _CLAUSE_SPLIT.finditer(text, start, end)]
    cuts += [(a, b) for a, b in article.clause_breaks if start < a and b < end]
    out: list[tuple[int, int]] = []
    pos = start
    for stop, resume in sorted(cuts):
        if stop > pos:
            out.append(_trim(text, pos, stop))
            pos = resume
    out.append(_trim(text, pos, end))
    return [(s, e) for s, e in out if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside(start: int, end: int, s: int, e: int) -> bool:
    return s < end and start < e


def units_of(
    articles: Sequence[Article], entity_key: Callable[[int, str], str | None]
) -> list[Unit]:
    """Every claim unit of every article, in article then text order, with its facts.

    `entity_key(article_index, name)` maps an article's entity name to its story identity.
    """
    units: list[Unit] = []
    for ai, art in enumerate(articles):
        for start, end, sentence in _pieces(art):
            unit = Unit(
                article=ai, start=start, end=end, text=art.text[start:end], sentence=sentence
            )
            for ent in art.entities:
                if any(_inside(start, end, m.start, m.end) for m in ent.mentions):
                    key = entity_key(ai, ent.name)
                    if key:
                        unit.entities.add(key)
            for t in art.times:
                if _inside(start, end, t.start, t.end):
                    unit.times.append(t)
                    if t.type == "DATE" and t.value and _DATE_VALUE.match(t.value):
                        unit.dates.add(t.value)
            unit.quantities = [q for q in art.quantities if _inside(start, end, q.start, q.end)]
            unit.quotes = [
                q for q in art.quotes if _inside(start, end, q.content.start, q.content.end)
            ]
            units.append(unit)
    return units


def quote_overlap(a: str, b: str) -> float:
    """Share of the shorter text's words that the other one also has."""
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def pair_scores(
    units: Sequence[Unit], vectors: np.ndarray, same_amount: Callable[[Quantity, Quantity], bool]
) -> np.ndarray:
    """Score of every pair of units: cosine plus the shared-fact bonuses."""
    scores = vectors @ vectors.T if len(units) else np.zeros((0, 0), dtype=np.float32)
    scores = scores.astype(np.float64)
    for i, a in enumerate(units):
        for j in range(i + 1, len(units)):
            b = units[j]
            if a.article == b.article or scores[i, j] < BONUS_FLOOR:
                continue
            bonus = min(ENTITY_BONUS_CAP, ENTITY_BONUS * len(a.entities & b.entities))
            if a.dates & b.dates:
                bonus += DATE_BONUS
            if any(same_amount(x, y) for x in a.quantities for y in b.quantities):
                bonus += AMOUNT_BONUS
            if any(
                quote_overlap(x.content.text, y.content.text) >= QUOTE_OVERLAP
                for x in a.quotes
                for y in b.quotes
            ):
                bonus += QUOTE_BONUS
            scores[i, j] = scores[j, i] = scores[i, j] + bonus
    return scores


def dates_apart(a: Unit, b: Unit) -> bool:
    """Both units are dated and no date of one falls within a date of the other.

    "In July he called Putin" and "Putin said on Sunday" report two events, however
    alike their words: they are never one claim (a high-scoring pair of this kind is a
    date conflict, which `newsfuse.fuse.conflicts` reports on its own).
    """
    if not a.dates or not b.dates:
        return False
    return not any(x.startswith(y) or y.startswith(x) for x in a.dates for y in b.dates)


def embed_units(units: Sequence[Unit]) -> np.ndarray:
    return embed([u.text for u in units])


def _shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))}


def _jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def source_families(units: Sequence[Unit], articles: Sequence[Article]) -> list[int]:
    """Family of each article: copies of one another (or of one outlet) count as one source."""
    n = len(articles)
    sets = DisjointSets(n)

    outlet_first: dict[str, int] = {}
    for i, art in enumerate(articles):
        if art.outlet:
            key = art.outlet.casefold()
            if key in outlet_first:
                sets.join(i, outlet_first[key])
            else:
                outlet_first[key] = i
    shingles: dict[int, list[set[tuple[str, ...]]]] = {}
    for u in units:
        shingles.setdefault(u.article, []).append(_shingles(u.text))
    for a in range(n):
        for b in range(a + 1, n):
            sa, sb = shingles.get(a, []), shingles.get(b, [])
            if not sa or not sb or sets.find(a) == sets.find(b):
                continue
            copied = sum(any(_jaccard(x, y) >= NEAR_DUPLICATE for y in sb) for x in sa)
            if copied / min(len(sa), len(sb)) >= SYNDICATION_SHARE:
                sets.join(b, a)
    return [sets.find(i) for i in range(n)]


def align(
    units: Sequence[Unit],
    scores: np.ndarray,
    separate: Callable[[int, int], bool],
    threshold: float = ALIGN_THRESHOLD,
) -> list[list[int]]:
    """Groups of unit indexes stating the same thing, each group sorted, in text order.

    Pairs of different articles scoring at least `threshold` are linked best first, when
    the two groups' average pair score reaches GROUP_MEAN and `separate(i, j)` (two
    units that cannot state one fact) holds for no pair across them.
    """
    group_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    pairs = [
        (float(scores[i, j]), i, j)
        for i in range(len(units))
        for j in range(i + 1, len(units))
        if units[i].article != units[j].article and scores[i, j] >= threshold
    ]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if float(np.mean(scores[np.ix_(a, b)])) < GROUP_MEAN:
            continue
        if any(separate(x, y) for x in a for y in b):
            continue
        keep, drop = min(gi, gj), max(gi, gj)
        members[keep] = sorted(a + b)
        for k in members.pop(drop):
            group_of[k] = keep
    return sorted(members.values(), key=lambda g: g[0])


def _core_words(text: str) -> set[str]:
    """Stems of the content words of a unit that can name what happened."""
    return {w[:CORE_STEM] for w in _LOWER_WORD.findall(text) if len(w) > 2 and w not in STOP_WORDS}


def core_event(
    units: Sequence[Unit],
    vectors: np.ndarray,
    groups: Sequence[list[int]],
    separate: Callable[[int, int], bool],
) -> list[int]:
    """The units, sorted, that state the story's core event; empty when one article would.

    The core is what the reports open with: every aligned group that holds the leads
    (`CORE_LEAD_SENTENCES`) of two articles or more. Reports often lead with one event in
    wordings that do not align ("John Jenkin, 23, was arrested..." / "A man has been
    charged with the murder of his mother and sister"), so all such groups count, not
    only the one opening the most. A unit of any article restates the core when it is
    close to the centroid of those groups' leads (`CORE_SIMILARITY`) and uses a word the
    leads share (`CORE_WORD_SHARE`); units join closest first, unless `separate` keeps one
    from a unit already in (dated apart, contradicting, another person's direct
    statement).
    """
    seen: dict[int, list[int]] = {}  # article → the sentences its units came from, in order
    rank: list[int] = []
    for u in units:
        order = seen.setdefault(u.article, [])
        if not order or order[-1] != u.sentence:
            order.append(u.sentence)
        rank.append(len(order) - 1)
    lead_of = {k: u.article for k, u in enumerate(units) if rank[k] < CORE_LEAD_SENTENCES}
    lead = [
        k
        for g in groups
        if len({lead_of[k] for k in g if k in lead_of}) >= 2
        for k in g
        if k in lead_of
    ]
    if not lead:
        return []
    centroid = vectors[lead].mean(axis=0)
    closeness = vectors @ (centroid / max(float(np.linalg.norm(centroid)), 1e-9))
    stems = [_core_words(u.text) for u in units]
    lead_words: dict[int, set[str]] = {}
    for k, article in lead_of.items():
        lead_words.setdefault(article, set()).update(stems[k])
    used = Counter(w for found in lead_words.values() for w in found)
    need = max(2.0, CORE_WORD_SHARE * len(seen))
    shared = {w for w, n in used.items() if n >= need}
    core: list[int] = []
    for k in np.argsort(-closeness, kind="stable").tolist():
        if closeness[k] < CORE_SIMILARITY:
            break
        if stems[k] & shared and not any(separate(k, j) for j in core):
            core.append(k)
    return sorted(core) if len({units[k].article for k in core}) > 1 else []
