"""Claims: cutting each article's body into statements and grouping those of one fact.

A claim unit is a sentence of the body (cut at line breaks), minus the title and
section headings, which state no fact of their own; an untitled article's opening line
is its headline and does state one. A claim's text is always one whole sentence of a
source, never a fragment.

Two units of different articles state one fact when the learned model says so
(`newsfuse.fuse.align`). A claim is a group in which every two units of different
articles do (`claim_groups`): one link cannot chain two facts together, and a sentence
stating two facts may support two claims. A quotation of several sentences is one
statement, so claims citing it sentence by sentence are one (`join_quotations`).
Corroboration counts independent sources
(`source_families`), so copies and one outlet's repeats cannot corroborate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfuse.fuse.align import MODEL, SAME_FACT, Model, Statement, candidate_pairs, features
from newsfuse.model import Article, Quantity, Quote, SourceRef, TimeExpr
from newsfuse.nlp.embed import embed
from newsfuse.unionfind import DisjointSets

HEADING_MAX_WORDS = 12
"""A line this short without closing punctuation is a heading, not a statement."""
MIN_UNIT_WORDS = 3
"""Fragments shorter than this are not claims."""
NEAR_DUPLICATE = 0.8
"""Word-trigram Jaccard from which two units are one wording (a copy), not two reports."""
SHINGLE = 3
SYNDICATION_SHARE = 0.6
"""Share of an article's units copied from another for the two to count as one source."""
CLIQUE_BUDGET = 200_000
"""Steps the clique listing of one tangle of links may take before growing greedily."""
CLIQUE_COMPONENT = 400
"""Tangles of more units than this (big stories) are grown greedily without listing."""
CLIQUES_PER_UNIT = 2
"""A tangle with more cliques than this per unit would bury the reader: grown greedily."""
QUOTATION_REACH = 3
"""Sentences ahead in which a claim looks for the next sentence of its quotation."""
COPY_COSINE = 0.9
"""Cosine below which two units are never copies (checked before the trigram Jaccard)."""

_END_PUNCT = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_DATELINE_END = re.compile(r"\s[—–-]+$")
_WORD = re.compile(r"\w+")
_DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class Unit:
    """One claim-sized stretch of one article, with the facts found inside it."""

    article: int
    start: int
    end: int
    text: str
    sentence: int = 0
    """Index of the article sentence it was cut from (a sentence may span lines)."""
    rank: int = 0
    """Position among its article's units (0 = the first statement)."""
    share: float = 0.0
    """rank over the number of its article's units."""
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
    """(start, end, sentence index) of the sentences cut at line breaks, trimmed, outside
    removed text."""
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
            s, e = line_start, line_end
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside(start: int, end: int, s: int, e: int) -> bool:
    return s < end and start < e


def day_of(time: TimeExpr) -> str | None:
    """The calendar date (day, month or year) a time expression names: a date's value, or
    the day of a time of day ("Thursday evening" is on that Thursday)."""
    if not time.value or time.type not in ("DATE", "TIME"):
        return None
    value = time.value if time.type == "DATE" else time.value.split("T")[0]
    return value if _DATE_VALUE.match(value) else None


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
                    if (day := day_of(t)) is not None:
                        unit.dates.add(day)
            unit.quantities = [q for q in art.quantities if _inside(start, end, q.start, q.end)]
            unit.quotes = [
                q for q in art.quotes if _inside(start, end, q.content.start, q.content.end)
            ]
            units.append(unit)
        mine = [u for u in units if u.article == ai]
        for rank, u in enumerate(mine):
            u.rank, u.share = rank, rank / len(mine)
    return units


def quote_overlap(a: str, b: str) -> float:
    """Share of the shorter text's words that the other one also has."""
    wa, wb = set(words(a)), set(words(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


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
    """MiniLM vectors of the units, each distinct wording embedded once (copies abound)."""
    distinct = list(dict.fromkeys(u.text for u in units))
    index = {t: k for k, t in enumerate(distinct)}
    vectors = embed(distinct)
    return vectors[[index[u.text] for u in units]] if len(units) else vectors


def statements(
    units: Sequence[Unit], amounts: Callable[[Unit], list[Quantity]] | None = None
) -> list[Statement]:
    """What the alignment model reads of each unit (`amounts`: those of its amounts it
    compares, all by default)."""
    return [
        Statement(
            article=u.article,
            text=u.text,
            rank=u.rank,
            share=u.share,
            dates=u.dates,
            quantities=amounts(u) if amounts else u.quantities,
        )
        for u in units
    ]


@dataclass
class Pairs:
    """The scored candidate pairs of a story's units: (i, j) with i < j, and P(same fact)."""

    i: np.ndarray
    j: np.ndarray
    probability: np.ndarray
    cosine: np.ndarray

    def lookup(self, floor: float = 0.0) -> dict[tuple[int, int], float]:
        """(i, j) → probability of the pairs reaching `floor`."""
        keep = np.flatnonzero(self.probability >= floor)
        return {(int(self.i[k]), int(self.j[k])): float(self.probability[k]) for k in keep.tolist()}


def score_pairs(
    units: Sequence[Unit],
    vectors: np.ndarray,
    same_amount: Callable[[Quantity, Quantity], bool],
    model: Model = MODEL,
    amounts: Callable[[Unit], list[Quantity]] | None = None,
) -> Pairs:
    """P(same fact) of every candidate pair of units of different articles."""
    articles = np.array([u.article for u in units], dtype=np.int64)
    i, j = candidate_pairs(articles, vectors)
    x = features(statements(units, amounts), vectors, i, j, same_amount)
    return Pairs(i=i, j=j, probability=model.probability(x), cosine=x[:, 0])


def _shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))}


def _jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def source_families(units: Sequence[Unit], articles: Sequence[Article], pairs: Pairs) -> list[int]:
    """Family of each article: copies of one another (or of one outlet) count as one source.

    Copied units are looked for among the candidate pairs close in meaning (a copy is its
    original's nearest neighbour), so this costs no more than the alignment.
    """
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
    per_article = Counter(u.article for u in units)
    copied: dict[tuple[int, int], set[int]] = {}
    for a, b, cos in zip(pairs.i, pairs.j, pairs.cosine, strict=True):
        if cos < COPY_COSINE:
            continue
        ua, ub = units[int(a)], units[int(b)]
        if _jaccard(_shingles(ua.text), _shingles(ub.text)) >= NEAR_DUPLICATE:
            key = (min(ua.article, ub.article), max(ua.article, ub.article))
            copied.setdefault(key, set()).add(int(a) if ua.article == key[0] else int(b))
    for (a, b), found in sorted(copied.items()):
        if len(found) / min(per_article[a], per_article[b]) >= SYNDICATION_SHARE:
            sets.join(b, a)
    return [sets.find(i) for i in range(n)]


def claim_groups(
    units: Sequence[Unit], pairs: Pairs, separate: Callable[[int, int], bool]
) -> list[list[int]]:
    """Groups of units stating one fact, each sorted, in order of their first unit.

    Two units of different articles are linked when the model finds them likely to state
    one fact (SAME_FACT) and `separate` does not keep them apart. A claim is a maximal
    group of units every two of which are linked (a clique): one link cannot chain two
    facts into one claim, and a sentence stating two facts may support two claims. A
    unit linked to nothing is a claim of its own. Where a tangle of links would hold too
    many cliques to list (CLIQUE_BUDGET, CLIQUE_COMPONENT), its groups are grown
    greedily instead.
    """
    adjacent: dict[int, set[int]] = {}
    sets = DisjointSets(len(units))
    for a, b, p in zip(pairs.i.tolist(), pairs.j.tolist(), pairs.probability.tolist(), strict=True):
        if p >= SAME_FACT and not separate(a, b):
            adjacent.setdefault(a, set()).add(b)
            adjacent.setdefault(b, set()).add(a)
            sets.join(b, a)
    found: list[tuple[int, ...]] = []
    likely: dict[tuple[int, int], float] | None = None
    for component in sets.groups():
        if len(component) == 1:
            found.append((component[0],))
            continue
        cliques = (
            _maximal_cliques(component, adjacent) if len(component) <= CLIQUE_COMPONENT else None
        )
        if cliques is None:
            likely = pairs.lookup(SAME_FACT) if likely is None else likely
            cliques = _greedy_cliques(component, adjacent, likely)
        found += cliques
    return [list(g) for g in sorted(set(found))]


def quotations(unit: Unit) -> set[tuple[int, int, int]]:
    """(article, start, end) of the direct quotations whose words the unit holds."""
    return {
        (unit.article, q.content.start, q.content.end) for q in unit.quotes if q.kind == "direct"
    }


def join_quotations(units: Sequence[Unit], groups: Sequence[list[int]]) -> list[list[int]]:
    """The groups, with those that tell one quotation sentence by sentence joined.

    A quotation of several sentences ("He should pay for it. He's got the money.") is one
    statement, but its sentences are linked one to one across reports, each pair a group.
    Two groups citing the same reports join when, in every report, they cite two different
    sentences of one direct quotation; two joins that end with the same sentences are one
    claim. A group is compared only with those citing one of the next QUOTATION_REACH
    sentences of its first report, so the cost grows with the claims, not their square.
    """
    sets = DisjointSets(len(groups))
    per_article: list[dict[int, int] | None] = []
    holding: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        mine = {units[k].article: k for k in members}
        eligible = len(mine) >= 2 and len(mine) == len(members)
        per_article.append(mine if eligible else None)
        if eligible:
            for k in members:
                holding.setdefault(k, []).append(g)
    for g, a in enumerate(per_article):
        if a is None:
            continue
        first = a[min(a)]
        for k in range(first + 1, min(first + 1 + QUOTATION_REACH, len(units))):
            for h in holding.get(k, []):
                b = per_article[h]
                if b is None or a.keys() != b.keys():
                    continue
                if all(
                    a[t] != b[t] and quotations(units[a[t]]) & quotations(units[b[t]]) for t in a
                ):
                    sets.join(h, g)
    joined: dict[int, set[int]] = {}
    for g, members in enumerate(groups):
        joined.setdefault(sets.find(g), set()).update(members)
    return [list(m) for m in sorted({tuple(sorted(m)) for m in joined.values()})]


class _TooMany(Exception):
    """The clique listing ran past its budget."""


def _maximal_cliques(
    nodes: Sequence[int], adjacent: dict[int, set[int]]
) -> list[tuple[int, ...]] | None:
    """Every maximal clique of the nodes (Bron–Kerbosch with a pivot), or None when the
    listing runs past CLIQUE_BUDGET steps or CLIQUES_PER_UNIT."""
    out: list[tuple[int, ...]] = []
    steps = 0

    def expand(chosen: list[int], candidates: set[int], excluded: set[int]) -> None:
        nonlocal steps
        steps += 1
        if steps > CLIQUE_BUDGET:
            raise _TooMany
        if not candidates and not excluded:
            out.append(tuple(sorted(chosen)))
            if len(out) > CLIQUES_PER_UNIT * len(nodes):
                raise _TooMany
            return
        pivot = max(candidates | excluded, key=lambda u: (len(adjacent[u] & candidates), -u))
        for v in sorted(candidates - adjacent[pivot]):
            expand([*chosen, v], candidates & adjacent[v], excluded & adjacent[v])
            candidates = candidates - {v}
            excluded = excluded | {v}

    try:
        expand([], set(nodes), set())
    except _TooMany:
        return None
    return out


def _greedy_cliques(
    nodes: Sequence[int], adjacent: dict[int, set[int]], likely: dict[tuple[int, int], float]
) -> list[tuple[int, ...]]:
    """Cliques grown one at a time: the most linked unit not yet in one anchors the next,
    its most likely neighbours joining when linked to all already in; at most one claim
    per unit, so a big story's claims grow with its sentences (`likely`: the pairs'
    probabilities)."""
    covered: set[int] = set()
    found: list[tuple[int, ...]] = []
    for anchor in sorted(nodes, key=lambda k: (-len(adjacent[k]), k)):
        if anchor in covered:
            continue
        members = [anchor]
        ranked = sorted(
            adjacent[anchor],
            key=lambda v: (-likely.get((min(anchor, v), max(anchor, v)), 0.0), v),
        )
        for v in ranked:
            if all(w in adjacent[v] for w in members):
                members.append(v)
        covered.update(members)
        found.append(tuple(sorted(members)))
    return found
