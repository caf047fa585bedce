"""One reconciled account per story: claims, conflicts, quotes, timeline, omissions.

The articles arrive analysed. Their bodies are cut into sentences and grouped into
claims of one fact each (`newsfuse.fuse.claims`, deciding with `newsfuse.fuse.align`);
pairs whose structured facts contradict each other are kept apart and marked
(`newsfuse.fuse.conflicts`). The story's core event is the claim the leads of most of
its reports state (`core_group`). A claim is corroborated when two independent sources
carry it: copies of one report, or two reports of one outlet, are one source. Quotes
(`newsfuse.fuse.quotes`) and the timeline (`newsfuse.fuse.timeline`) are assembled from
the same sentences. Every line of the result cites the characters of each article it
came from.
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
    join_quotations,
    quotations,
    quote_overlap,
    score_pairs,
    source_families,
    units_of,
)
from newsfuse.fuse.conflicts import agree, comparable, find_conflicts, listed
from newsfuse.fuse.entities import merge_story_entities
from newsfuse.fuse.quotes import in_removed, story_quotes
from newsfuse.fuse.timeline import timeline
from newsfuse.model import (
    Article,
    Claim,
    Quantity,
    Story,
    StoryEntity,
    StoryQuantity,
)

SAME_WORDING = 0.75
"""Share of the shorter sentence's words from which two sentences quote one statement."""


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


def fuse(story_id: str, articles: Sequence[Article], model: Model = MODEL) -> Story:
    """Reconcile one story's analysed articles into claims, quotes, timeline, omissions.

    `model` decides whether two sentences state one fact (refits pass their own)."""
    merged = merge_story_entities(articles)
    ident = Identities(articles, merged)
    units = units_of(articles, ident)
    vectors = embed_units(units)
    pairs = score_pairs(units, vectors, same_amount, model, compared_amounts)
    families = source_families(units, articles, pairs)

    def outlet_of(u: Unit) -> str:
        return _outlet(articles[u.article])

    def speaker_of(u: Unit, i: int) -> str | None:
        sp = u.quotes[i].speaker
        return ident(u.article, sp.entity) if sp and sp.entity else None

    conflicts = find_conflicts(units, pairs, outlet_of, speaker_of)

    speakers = [
        {sp for i, q in enumerate(u.quotes) if q.kind == "direct" and (sp := speaker_of(u, i))}
        for u in units
    ]

    def separate(x: int, y: int) -> bool:
        """A contradiction, two dates apart, or two statements by different people (the
        same words are one statement, however each report's attribution resolves)."""
        return (
            (x, y) in conflicts
            or dates_apart(units[x], units[y])
            or bool(
                speakers[x]
                and speakers[y]
                and not speakers[x] & speakers[y]
                and quote_overlap(units[x].text, units[y].text) < SAME_WORDING
            )
        )

    groups = join_quotations(units, claim_groups(units, pairs, separate))
    core_at = core_group(units, groups)
    claims = _claims(story_id, articles, units, groups, core_at, families, conflicts, pairs)
    by_id = {c.id: c for c in claims}
    return Story(
        id=story_id,
        title=next((a.title for a in articles if a.title), story_id),
        articles=[a.id for a in articles],
        claims=claims,
        quotes=story_quotes(articles, ident),
        quantities=_quantities(articles),
        timeline=timeline(articles, units, groups),
        entities=merged,
        omissions=_omissions(articles, by_id),
    )


def same_amount(a: Quantity, b: Quantity) -> bool:
    """Two amounts of one kind of thing that can be the same (the model's evidence)."""
    return comparable(a, b) and agree(a, b)


def compared_amounts(unit: Unit) -> list[Quantity]:
    """The amounts of a sentence the model compares: not the values of a list ("Romney (17
    percent), Huckabee (14 percent), Palin (12 percent)"), which another sentence shares
    by chance."""
    return [q for q in unit.quantities if not listed(unit, q)]


def core_group(units: Sequence[Unit], groups: Sequence[list[int]]) -> int | None:
    """The group stating the story's main event: the fact the most reports lead with.

    News is written lead first, so the fact that the leads (`LEAD_UNITS`) of most
    reports state together is what happened; among equals, the one stated earliest.
    None when no fact is in the leads of two reports. (Joining the other groups that
    share a lead sentence with it cited more of the main event but more besides:
    BASIL dev, see docs/evaluation.md.)
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
    members: Sequence[int],
    units: Sequence[Unit],
    near: dict[tuple[int, int], float],
    shown: set[str],
) -> str:
    """The member sentence most likely to state what the others state (the earliest in
    its report, then the shorter, of equals), unless an earlier claim shows it already;
    with the other sentences of its quotation the claim cites (`join_quotations`)."""

    def rank(k: int) -> tuple[bool, float, int, int, int]:
        total = sum(near.get((min(k, m), max(k, m)), 0.0) for m in members if m != k)
        u = units[k]
        return (u.text in shown, -total, u.rank, u.article, len(u.text))

    best = min(members, key=rank)
    told = quotations(units[best])
    return " ".join(
        units[k].text
        for k in members
        if k == best or (units[k].article == units[best].article and quotations(units[k]) & told)
    )


def _claims(
    story_id: str,
    articles: Sequence[Article],
    units: Sequence[Unit],
    groups: Sequence[list[int]],
    core_at: int | None,
    families: Sequence[int],
    conflicts: dict[tuple[int, int], str],
    pairs: Pairs,
) -> list[Claim]:
    """One claim per group; a conflict links the own claims (`home_groups`) of its units."""
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
    shown: set[str] = set()
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
        text = _claim_text(members, units, near, shown)
        shown.add(text)
        claims.append(
            Claim(
                id=ids[g],
                text=text,
                status=status,
                sources=[units[k].ref(articles) for k in members],
                outlets=outlets,
                conflicts_with=[ids[r] for r in sorted(rivals)],
                conflict="; ".join(dict.fromkeys(rivals[r] for r in sorted(rivals))) or None,
                core=g == core_at,
            )
        )
    return claims


def _quantities(articles: Sequence[Article]) -> list[StoryQuantity]:
    return [
        StoryQuantity.project(q, article=art.id)
        for art in articles
        for q in art.quantities
        if not in_removed(art, q.start, q.end)
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
