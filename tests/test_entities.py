"""Entities with identity, within one article and across a story, on sentences written here."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfuse import nlp
from newsfuse.fuse.entities import merge_story_entities
from newsfuse.model import Article, Entity, Place, Span
from newsfuse.nlp.entities import extract_entities
from newsfuse.nlp.gazetteer import resolve
from newsfuse.nlp.names import acronym, fold, same_name

TEXT = (
    "German Chancellor Markus Weber arrived in Lisbon on Monday. "
    "Weber met the Portuguese prime minister, Rui Costa, for two hours. "
    "The German chancellor said he expected a deal on fishing quotas. "
    "Later he flew back to Berlin."
)


def entity(entities: list[Entity], name: str) -> Entity:
    hits = [e for e in entities if e.name == name]
    assert len(hits) == 1, [e.name for e in entities]
    return hits[0]


def test_mentions_of_one_person_are_linked() -> None:
    ents = extract_entities(nlp.load()(TEXT))
    weber = entity(ents, "Markus Weber")
    said = {m.text for m in weber.mentions}
    assert {"Markus Weber", "Weber", "The German chancellor", "he"} <= said
    assert "Weber" in weber.aliases
    assert "German Chancellor" in weber.roles
    assert sum(1 for m in weber.mentions if m.text == "he") == 2


def test_mention_offsets_point_into_the_text() -> None:
    for ent in extract_entities(nlp.load()(TEXT)):
        for m in ent.mentions:
            assert TEXT[m.start : m.end] == m.text


def test_role_from_apposition() -> None:
    ents = extract_entities(nlp.load()(TEXT))
    costa = entity(ents, "Rui Costa")
    assert any("prime minister" in r for r in costa.roles)


def test_places_are_resolved_in_the_gazetteer() -> None:
    ents = extract_entities(nlp.load()(TEXT))
    lisbon = entity(ents, "Lisbon")
    assert lisbon.place is not None and lisbon.place.country == "PT"
    assert lisbon.place.latitude is not None


def test_gazetteer_resolves_transliterations_and_refuses_ambiguity() -> None:
    a, b = resolve("Konstantinovka"), resolve("Kostiantynivka")
    assert a is not None and b is not None and a.geonameid == b.geonameid
    assert a.country == "UA"
    assert resolve("Zzyzxville") is None


def test_name_variants() -> None:
    assert same_name("Zelensky", "Zelenskyy")
    assert same_name("Konstantinovka", "Kostiantynivka")
    assert not same_name("Putin", "Patan")
    assert acronym("Agence France-Presse") == "AFP"
    assert acronym("North Atlantic Treaty Organization") == "NATO"


@given(st.text(max_size=40))
def test_fold_is_idempotent(name: str) -> None:
    assert fold(fold(name)) == fold(name)


def _article(aid: str, entities: list[Entity]) -> Article:
    return Article(id=aid, text="", entities=entities)


def _ent(name: str, etype: str, aliases: list[str] = (), roles: list[str] = (), place=None):  # type: ignore[no-untyped-def]
    return Entity(
        name=name,
        type=etype,
        mentions=[Span(start=0, end=0, text="")],
        aliases=list(aliases),
        roles=list(roles),
        place=place,
    )


def test_story_entities_merge_variants_across_articles() -> None:
    kyiv = Place(country="UA", geonameid=705104)
    one = _article(
        "a",
        [
            _ent("Volodymyr Zelensky", "PERSON", ["Zelensky"], ["Ukrainian President"]),
            _ent("Agence France-Presse", "ORG"),
            _ent("Konstantinovka", "GPE", place=kyiv),
        ],
    )
    two = _article(
        "b",
        [
            _ent("Zelenskyy", "PERSON", roles=["president of Ukraine"]),
            _ent("AFP", "ORG"),
            _ent("Kostiantynivka", "GPE", place=kyiv),
            _ent("Volodymyr Groysman", "PERSON"),
        ],
    )
    merged = merge_story_entities([one, two])
    names = sorted(e.name for e in merged)
    assert names == [
        "Agence France-Presse",
        "Konstantinovka",
        "Volodymyr Groysman",
        "Volodymyr Zelensky",
    ]
    zelensky = next(e for e in merged if e.name == "Volodymyr Zelensky")
    assert zelensky.articles == ["a", "b"]
    assert "Zelenskyy" in zelensky.aliases
    assert zelensky.roles == ["Ukrainian President", "president of Ukraine"]


def _mentions_of(text: str, name: str) -> list[str]:
    ents = extract_entities(nlp.load()(text))
    return [m.text for e in ents if e.name == name for m in e.mentions]


def test_a_pronoun_outside_a_quote_is_not_someone_named_inside_it() -> None:
    text = (
        "Finance Minister Lena Sorensen spoke after the vote. "
        '"Without Premier Karl Brandt the budget would have failed," she said.'
    )
    assert "she" in _mentions_of(text, "Lena Sorensen")
    assert "she" not in _mentions_of(text, "Karl Brandt")


def test_a_subject_pronoun_is_not_another_participant_of_its_clause() -> None:
    text = (
        "Senator Ray Olsen took questions in Denver on Monday. "
        "Of Governor Ted Marsh, he said the state had been well run."
    )
    assert "he" not in _mentions_of(text, "Ted Marsh")


def test_the_official_after_an_unnamed_official_is_that_one() -> None:
    text = (
        "Paula Grant, a senior official at the agency, declined to comment. "
        "One union official said the talks had stalled. "
        "The official said members would vote next week."
    )
    assert "The official" not in _mentions_of(text, "Paula Grant")
