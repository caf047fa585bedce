"""Claim alignment and reconciliation (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Article, Story
from newsfuse.nlp.entities import merge_story_entities


def fuse(story_id: str, articles: Sequence[Article]) -> Story:
    title = next((a.title for a in articles if a.title), story_id)
    return Story(
        id=story_id,
        title=title,
        articles=[a.id for a in articles],
        entities=merge_story_entities(articles),
    )
