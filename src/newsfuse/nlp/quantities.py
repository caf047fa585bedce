"""Amounts: money, counts, percentages (placeholder)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from newsfuse.model import Quantity


def extract_quantities(doc: Doc, ref: date | None) -> list[Quantity]:
    return []
