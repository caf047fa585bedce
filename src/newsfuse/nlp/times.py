"""Time expressions normalised to TimeML (placeholder)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from newsfuse.model import TimeExpr


def extract_times(doc: Doc, ref: date | None) -> list[TimeExpr]:
    return []
