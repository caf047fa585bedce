"""Entities with identity (placeholder: spaCy's entities, one per distinct name)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from newsfuse.model import Article, Entity, Span, StoryEntity

_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def extract_entities(doc: Doc) -> list[Entity]:
    by_name: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in _TYPES:
            continue
        key = (ent.text, ent.label_)
        e = by_name.setdefault(key, Entity(name=ent.text, type=ent.label_))  # type: ignore[arg-type]
        e.mentions.append(Span(start=ent.start_char, end=ent.end_char, text=ent.text))
    return list(by_name.values())


def merge_story_entities(articles: Sequence[Article]) -> list[StoryEntity]:
    merged: dict[tuple[str, str], StoryEntity] = {}
    for art in articles:
        for e in art.entities:
            se = merged.setdefault((e.name, e.type), StoryEntity(name=e.name, type=e.type))
            if art.id not in se.articles:
                se.articles.append(art.id)
    return list(merged.values())
