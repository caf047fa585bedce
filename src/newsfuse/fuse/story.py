"""One reconciled account per story: claims, conflicts, quotes, timeline, omissions.

The articles arrive analysed. Their bodies are cut into claim units and aligned across
articles (`newsfuse.fuse.claims`); pairs whose structured facts contradict each other are
kept apart and marked (`newsfuse.fuse.conflicts`). The story's core event, what its reports
lead with, cites every sentence that restates it (`newsfuse.fuse.claims.core_event`); it
extends the claim that holds most of it, or stands alone where that claim's statement
is not every citing outlet's. A claim is corroborated when two
independent sources carry it: copies of one report, or two reports of one outlet, are
one source. Every line of the result cites the characters of each article it came from.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.fuse.claims import (
    QUOTE_OVERLAP,
    Unit,
    align,
    core_event,
    dates_apart,
    embed_units,
    pair_scores,
    quote_overlap,
    source_families,
    units_of,
    words,
)
from newsfuse.fuse.conflicts import agree, conflict
from newsfuse.fuse.entities import merge_story_entities
from newsfuse.model import (
    Article,
    Claim,
    Quote,
    QuoteVariant,
    SourceRef,
    Story,
    StoryEntity,
    StoryQuantity,
    StoryQuote,
    TimelineEntry,
)
from newsfuse.nlp.embed import embed
from newsfuse.unionfind import DisjointSets

CONFLICT_FLOOR = 0.5
"""Pairs scoring below this are unrelated statements: never checked for conflicts."""
QUOTE_COSINE = 0.8
"""Cosine from which two quotes' words are the same statement worded differently..."""
QUOTE_MIN_COSINE = 0.6
"""... or, for quotes sharing most words (QUOTE_OVERLAP), the cosine they still need."""
QUOTE_MIN_WORDS = 4
"""Quotes shorter than this are matched by cosine only (few words overlap by chance)."""
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})
"""A speaker written only as a pronoun that resolved to no one names no one."""


class _Identities:
    """Story identity of each article's entity names (from merge_story_entities)."""

    def __init__(self, articles: Sequence[Article], merged: Sequence[StoryEntity]) -> None:
        self._key: dict[tuple[str, str], str] = {}
        for se in merged:
            for art in se.articles:
                for name in (se.name, *se.aliases):
                    self._key.setdefault((art, name), se.name)
        self._ids = [a.id for a in articles]

    def __call__(self, article: int, name: str) -> str | None:
        return self._key.get((self._ids[article], name), name)


def _outlet(article: Article) -> str:
    return article.outlet or article.id


def _removed(article: Article, start: int, end: int) -> bool:
    return any(r.start < end and start < r.end for r in article.removed)


def fuse(story_id: str, articles: Sequence[Article]) -> Story:
    """Reconcile one story's analysed articles into claims, quotes, timeline, omissions."""
    merged = merge_story_entities(articles)
    ident = _Identities(articles, merged)
    units = units_of(articles, ident)
    vectors = embed_units(units)
    scores = pair_scores(units, vectors, agree)
    families = source_families(units, articles)

    def outlet_of(u: Unit) -> str:
        return _outlet(articles[u.article])

    def speaker_of(u: Unit, i: int) -> str | None:
        sp = u.quotes[i].speaker
        return ident(u.article, sp.entity) if sp and sp.entity else None

    conflicts: dict[tuple[int, int], str] = {}
    for i, a in enumerate(units):
        for j in range(i + 1, len(units)):
            b = units[j]
            if a.article == b.article or (
                scores[i, j] < CONFLICT_FLOOR and not (a.quotes and b.quotes)
            ):
                continue
            why = conflict(a, b, float(scores[i, j]), outlet_of, speaker_of)
            if why:
                conflicts[(i, j)] = conflicts[(j, i)] = why

    speakers = [
        {sp for i, q in enumerate(u.quotes) if q.kind == "direct" and (sp := speaker_of(u, i))}
        for u in units
    ]

    def separate(x: int, y: int) -> bool:
        """A contradiction, two dates apart, or two statements by different people."""
        return (
            (x, y) in conflicts
            or dates_apart(units[x], units[y])
            or bool(speakers[x] and speakers[y] and not speakers[x] & speakers[y])
        )

    groups = align(units, scores, separate)
    core = core_event(units, vectors, groups, separate)
    claims = _claims(story_id, articles, units, groups, core, families, conflicts)
    by_id = {c.id: c for c in claims}
    timeline = _timeline(articles, units, groups, claims)
    return Story(
        id=story_id,
        title=next((a.title for a in articles if a.title), story_id),
        articles=[a.id for a in articles],
        claims=claims,
        quotes=_quotes(articles, ident),
        quantities=_quantities(articles),
        timeline=timeline,
        entities=merged,
        omissions=_omissions(articles, by_id),
    )


def _core_group(groups: Sequence[list[int]], core: list[int], units: Sequence[Unit]) -> int | None:
    """The group the core event extends: the one holding most of its units (the first of
    equals), or len(groups) for a claim of its own; None when the story has no core.

    The core is a claim of its own when it cites an article that group does not: extending
    one statement with the sources of another would credit that article's outlet with a
    statement it never made ("the quake struck at dawn" to the outlet that only reports
    the rescue); the event, the core, it does report."""
    if not core:
        return None
    shared = [len(set(core).intersection(g)) for g in groups]
    best = max(range(len(groups)), key=lambda g: (shared[g], -g), default=None)
    if best is None or not shared[best]:
        return len(groups)
    credited = {units[k].article for k in core} - {units[k].article for k in groups[best]}
    return len(groups) if credited else best


def _claims(
    story_id: str,
    articles: Sequence[Article],
    units: Sequence[Unit],
    groups: Sequence[list[int]],
    core: list[int],
    families: Sequence[int],
    conflicts: dict[tuple[int, int], str],
) -> list[Claim]:
    """One claim per group; the core event's units are also cited by the group it extends.

    A unit belongs to one group (its statement) and, when it restates the core event, is
    cited by the core claim too; conflicts and status come from the groups' own units.
    """
    core_at = _core_group(groups, core, units)
    cited = [list(g) for g in groups] + ([[]] if core_at == len(groups) else [])
    if core_at is not None:
        cited[core_at] = sorted(set(cited[core_at]).union(core))
    ids = [f"{story_id}-c{n}" for n in range(1, len(cited) + 1)]
    group_of = {k: g for g, members in enumerate(groups) for k in members}
    against: dict[int, dict[int, str]] = {g: {} for g in range(len(cited))}
    for (i, j), why in sorted(conflicts.items()):
        gi, gj = group_of[i], group_of[j]
        if gi != gj:
            against[gi].setdefault(gj, why)
    claims: list[Claim] = []
    for g, members in enumerate(cited):
        outlets: list[str] = []
        for k in members:
            name = _outlet(articles[units[k].article])
            if name not in outlets:
                outlets.append(name)
        independent = {families[units[k].article] for k in members}
        rivals = against[g]
        status = (
            "conflicting" if rivals else "corroborated" if len(independent) > 1 else "single-source"
        )
        claims.append(
            Claim(
                id=ids[g],
                text=units[members[0]].text,
                status=status,
                sources=[units[k].ref(articles) for k in members],
                outlets=outlets,
                conflicts_with=[ids[r] for r in sorted(rivals)],
                conflict="; ".join(dict.fromkeys(rivals[r] for r in sorted(rivals))) or None,
                core=g == core_at,
            )
        )
    return claims


def _timeline(
    articles: Sequence[Article],
    units: Sequence[Unit],
    groups: Sequence[list[int]],
    claims: Sequence[Claim],
) -> list[TimelineEntry]:
    """Each resolved date of each claim, in date order, citing the units that carry it."""
    entries: list[tuple[str, int, TimelineEntry]] = []
    for g, members in enumerate(groups):
        dates = sorted({d for k in members for d in units[k].dates})
        for d in dates:
            refs = [units[k].ref(articles) for k in members if d in units[k].dates]
            entries.append((d, g, TimelineEntry(date=d, text=claims[g].text, sources=refs)))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in entries]


def _quotes(articles: Sequence[Article], ident: _Identities) -> list[StoryQuote]:
    """Quotes of every article, the same statement across outlets merged into one."""
    found: list[tuple[int, Quote, str | None]] = []
    for ai, art in enumerate(articles):
        for q in art.quotes:
            if not q.statement or _removed(art, q.content.start, q.content.end):
                continue
            speaker = q.speaker.entity if q.speaker and q.speaker.entity else None
            found.append((ai, q, ident(ai, speaker) if speaker else None))
    if not found:
        return []
    vectors = embed([q.content.text for _, q, _ in found])
    sims = vectors @ vectors.T
    sets = DisjointSets(len(found))

    for i, (ai, qi, si) in enumerate(found):
        for j in range(i + 1, len(found)):
            aj, qj, sj = found[j]
            if ai == aj or (si and sj and si != sj):
                continue
            shortest = min(len(words(qi.content.text)), len(words(qj.content.text)))
            if sims[i, j] >= QUOTE_COSINE or (
                sims[i, j] >= QUOTE_MIN_COSINE
                and shortest >= QUOTE_MIN_WORDS
                and quote_overlap(qi.content.text, qj.content.text) >= QUOTE_OVERLAP
            ):
                sets.join(j, i)
    out: list[StoryQuote] = []
    for members in sets.groups():
        first = found[members[0]][1]
        speaker = next((found[k][2] for k in members if found[k][2]), None) or next(
            (w for k in members if (w := _written_speaker(found[k][1]))), None
        )
        variants: list[QuoteVariant] = []
        seen: set[str] = set()
        for k in members:
            ai, q, _ = found[k]
            wording = " ".join(q.content.text.split()).casefold()
            if wording not in seen:
                seen.add(wording)
                variants.append(QuoteVariant(text=q.content.text, article=articles[ai].id))
        out.append(
            StoryQuote(
                speaker=speaker,
                text=first.content.text,
                kind=first.kind,
                sources=[
                    SourceRef(
                        article=articles[found[k][0]].id,
                        start=found[k][1].content.start,
                        end=found[k][1].content.end,
                        text=found[k][1].content.text,
                    )
                    for k in members
                ],
                variants=variants if len(variants) > 1 else [],
            )
        )
    return out


def _written_speaker(quote: Quote) -> str | None:
    """The source as written ("hospitals", "a police spokesman"), unless a bare pronoun."""
    if quote.speaker is None:
        return None
    text = " ".join(quote.speaker.text.split())
    return None if text.casefold() in PRONOUNS else text


def _quantities(articles: Sequence[Article]) -> list[StoryQuantity]:
    return [
        StoryQuantity.project(q, article=art.id)
        for art in articles
        for q in art.quantities
        if not _removed(art, q.start, q.end)
    ]


def _omissions(articles: Sequence[Article], claims: dict[str, Claim]) -> dict[str, list[str]]:
    """Per outlet, the corroborated claims it does not carry."""
    outlets = list(dict.fromkeys(_outlet(a) for a in articles))
    out: dict[str, list[str]] = {}
    for name in outlets:
        missing = [
            cid for cid, c in claims.items() if c.status == "corroborated" and name not in c.outlets
        ]
        if missing:
            out[name] = missing
    return out
