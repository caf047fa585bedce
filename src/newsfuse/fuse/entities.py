"""One identity per person, organisation or place across the articles of a story.

Article-level identities (`newsfuse.nlp.entities`) join when their names are spelling,
transliteration or acronym variants of each other, or the same gazetteer place. Equal
entities join at once, and the others are compared only within blocks of names that
could match (same kind and first letter, same acronym, same place), so that a story of
a thousand reports costs about a thousand times one report, not a million.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Article, Entity, StoryEntity
from newsfuse.nlp.entities import PLACE_TYPES
from newsfuse.nlp.names import acronym, fold, is_acronym, same_name, surname_of
from newsfuse.unionfind import DisjointSets

__all__ = ["merge_story_entities"]


def _kind(entity_type: str) -> str:
    return "PLACE" if entity_type in PLACE_TYPES else entity_type


def _names(e: Entity) -> list[str]:
    return [e.name, *e.aliases]


def _same_entity(a: Entity, b: Entity) -> bool:
    """Whether two article-level entities of one kind are one identity."""
    if _kind(a.type) != _kind(b.type):
        return False
    if a.place and b.place and a.place.geonameid is not None:
        return a.place.geonameid == b.place.geonameid
    if a.type == "PERSON":
        wa, wb = fold(a.name).split(), fold(b.name).split()
        if not wa or not wb:
            return False
        if len(wa) > 1 and len(wb) > 1:
            return same_name(a.name, b.name) or (
                same_name(wa[-1], wb[-1]) and same_name(wa[0], wb[0])
            )
        return same_name(surname_of(a.name), surname_of(b.name))
    for na in _names(a):
        for nb in _names(b):
            if same_name(na, nb):
                return True
            if a.type == "ORG" and (
                (is_acronym(na) and acronym(nb) == na) or (is_acronym(nb) and acronym(na) == nb)
            ):
                return True
    return False


def _signature(e: Entity) -> tuple[object, ...]:
    """What `_same_entity` reads of an entity: equal signatures are one identity."""
    return (_kind(e.type), e.type, tuple(_names(e)), e.place.geonameid if e.place else None)


def _blocks(e: Entity) -> set[str]:
    """Keys of the blocks an entity is compared within: only entities sharing one can be
    the same (a first letter of a name or surname, an acronym, a gazetteer place)."""
    kind = _kind(e.type)
    keys: set[str] = set()
    if e.place and e.place.geonameid is not None:
        keys.add(f"geo:{e.place.geonameid}")
    for name in _names(e):
        folded = fold(surname_of(name) if e.type == "PERSON" else name)
        if folded:
            keys.add(f"{kind}:{folded[0]}")
        if e.type == "ORG":
            keys.add(f"acr:{name if is_acronym(name) else acronym(name)}")
    return keys


def merge_story_entities(articles: Sequence[Article]) -> list[StoryEntity]:
    """One identity per person, organisation or place across a story's articles."""
    items: list[tuple[str, Entity]] = [(a.id, e) for a in articles for e in a.entities]
    sets = DisjointSets(len(items))
    first: dict[tuple[object, ...], int] = {}
    distinct: list[int] = []
    for i, (_, e) in enumerate(items):
        sig = _signature(e)
        if sig in first:
            sets.join(i, first[sig])
        else:
            first[sig] = i
            distinct.append(i)
    blocks: dict[str, list[int]] = {}
    for i in distinct:
        for key in sorted(_blocks(items[i][1])):
            blocks.setdefault(key, []).append(i)
    for members in blocks.values():
        for x in range(len(members)):
            i = members[x]
            for j in members[:x]:
                if sets.find(i) != sets.find(j) and _same_entity(items[i][1], items[j][1]):
                    sets.join(i, j)
    merged = [_story_entity([items[k] for k in g]) for g in sets.groups()]
    merged.sort(key=lambda s: (-len(s[1].articles), -s[0], s[1].name))
    return [se for _, se in merged]


def _story_entity(group: list[tuple[str, Entity]]) -> tuple[int, StoryEntity]:
    """The merged identity and its mention count (for ordering)."""
    names: list[str] = []
    roles: list[str] = []
    articles: list[str] = []
    place = None
    count = 0
    for art, e in group:
        count += len(e.mentions)
        names.extend(n for n in _names(e) if n not in names)
        for r in e.roles:
            if fold(r) not in {fold(x) for x in roles}:
                roles.append(r)
        if art not in articles:
            articles.append(art)
        place = place or e.place
    canonical = max(names, key=lambda n: (len(n.split()), len(n), -names.index(n)))
    first = group[0][1]
    return count, StoryEntity(
        name=canonical,
        type=first.type,
        aliases=[n for n in names if n != canonical],
        roles=roles,
        articles=articles,
        place=place,
    )
