"""Who said what (placeholder)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsfuse.model import Entity, Quote


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    return []
