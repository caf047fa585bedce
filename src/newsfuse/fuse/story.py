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

from newsfuse.fuse.align import LEAD_UNITS, MODEL, SAME_FACT, Model
from newsfuse.fuse.claims import (
    Pairs,
    Unit,
    claim_groups,
    dates_apart,
    embed_units,
    quote_overlap,
    score_pairs,
    source_families,
    units_of,
    words,
)
from newsfuse.fuse.conflicts import agree, comparable, conflict
from newsfuse.fuse.entities import merge_story_entities
from newsfuse.model import (
    Article,
    Claim,
    Quantity,
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
QUOTE_OVERLAP = 0.6
"""Share of the shorter quote's words found in the other for two quotes to be one."""
QUOTE_COSINE = 0.8
"""Cosine from which two quotes' words are the same statement worded differently..."""
QUOTE_MIN_COSINE = 0.6
"""... or, for quotes sharing most words (QUOTE_OVERLAP), the cosine they still need."""
QUOTE_MIN_WORDS = 4
"""Quotes shorter than this are matched by cosine only (few words overlap by chance)."""
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})
"""A speaker written only as a pronoun that resolved to no one names no one."""


class Identities:
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


def fuse(story_id: str, articles: Sequence[Article], model: Model = MODEL) -> Story:
    """Reconcile one story's analysed articles into claims, quotes, timeline, omissions.

    `model` decides whether two sentences state one fact (refits pass their own)."""
    merged = merge_story_entities(articles)
    ident = Identities(articles, merged)
    units = units_of(articles, ident)
    vectors = embed_units(units)
    pairs = score_pairs(units, vectors, same_amount, model)
    families = source_families(units, articles, pairs)

    def outlet_of(u: Unit) -> str:
        return _outlet(articles[u.article])

    def speaker_of(u: Unit, i: int) -> str | None:
        sp = u.quotes[i].speaker
        return ident(u.article, sp.entity) if sp and sp.entity else None

    conflicts: dict[tuple[int, int], str] = {}
    for i, j, p in zip(pairs.i.tolist(), pairs.j.tolist(), pairs.probability.tolist(), strict=True):
        why = conflict(units[i], units[j], p, outlet_of, speaker_of)
        if why:
            conflicts[(i, j)] = why

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

    groups = claim_groups(units, pairs, separate)
    claims = _claims(story_id, articles, units, groups, families, conflicts, pairs)
    by_id = {c.id: c for c in claims}
    return Story(
        id=story_id,
        title=next((a.title for a in articles if a.title), story_id),
        articles=[a.id for a in articles],
        claims=claims,
        quotes=_quotes(articles, ident),
        quantities=_quantities(articles),
        timeline=_timeline(articles, units, groups, claims),
        entities=merged,
        omissions=_omissions(articles, by_id),
    )


def same_amount(a: Quantity, b: Quantity) -> bool:
    """Two amounts of one kind of thing that can be the same (the model's evidence)."""
    return comparable(a, b) and agree(a, b)


def core_group(units: Sequence[Unit], groups: Sequence[list[int]]) -> int | None:
    """The group stating the story's main event: the one the most reports lead with.

    News is written lead first, so the fact that the leads (`LEAD_UNITS`) of most
    reports state together is what happened; among equals, the one stated earliest.
    None when no fact is in the leads of two articles.
    """
    best: tuple[int, float, int] | None = None
    for g, members in enumerate(groups):
        leads = {units[k].article for k in members if units[k].rank < LEAD_UNITS}
        if len(leads) < 2:
            continue
        key = (len(leads), sum(1 / (1 + units[k].rank) for k in members), -g)
        if best is None or key > best:
            best = key
    return -best[2] if best else None


def home_groups(groups: Sequence[list[int]], count: int) -> list[int]:
    """Each unit's own claim: the largest group holding it (the first of equals)."""
    home = [-1] * count
    for g, members in enumerate(groups):
        for k in members:
            if home[k] < 0 or len(members) > len(groups[home[k]]):
                home[k] = g
    return home


def _claim_text(
    members: Sequence[int], units: Sequence[Unit], near: dict[tuple[int, int], float]
) -> str:
    """The member sentence most likely to state what the others state (the shorter of equals)."""

    def centrality(k: int) -> tuple[float, int]:
        total = sum(near.get((min(k, m), max(k, m)), 0.0) for m in members if m != k)
        return (-total, len(units[k].text))

    return units[min(members, key=centrality)].text


def _claims(
    story_id: str,
    articles: Sequence[Article],
    units: Sequence[Unit],
    groups: Sequence[list[int]],
    families: Sequence[int],
    conflicts: dict[tuple[int, int], str],
    pairs: Pairs,
) -> list[Claim]:
    """One claim per group; a conflict links the own claims (`home_groups`) of its units."""
    core_at = core_group(units, groups)
    ids = [f"{story_id}-c{n}" for n in range(1, len(groups) + 1)]
    home = home_groups(groups, len(units))
    against: dict[int, dict[int, str]] = {g: {} for g in range(len(groups))}
    for (i, j), why in sorted(conflicts.items()):
        gi, gj = home[i], home[j]
        if gi != gj:
            against[gi].setdefault(gj, why)
            against[gj].setdefault(gi, why)
    near = pairs.lookup(SAME_FACT)
    claims: list[Claim] = []
    for g, members in enumerate(groups):
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
                text=_claim_text(members, units, near),
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


def _quotes(articles: Sequence[Article], ident: Identities) -> list[StoryQuote]:
    """Quotes of every article, the same statement across outlets merged into one."""
    found: list[tuple[int, Quote, str | None]] = []
    for ai, art in enumerate(articles):
        for q in art.quotes:
            if _removed(art, q.content.start, q.content.end):
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
