"""Rendering a Briefing for people (text, Markdown, HTML) and machines (JSON)."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Article, Briefing

FORMATS = ("text", "markdown", "html", "json")


def render(briefing: Briefing, articles: Sequence[Article], fmt: str) -> str:
    """The briefing in one of FORMATS; `articles` feed the HTML side-by-side view."""
    if fmt == "json":
        return briefing.model_dump_json(indent=2) + "\n"
    if fmt == "text":
        from newsfuse.render.text import render_text

        return render_text(briefing)
    if fmt == "markdown":
        from newsfuse.render.markdown import render_markdown

        return render_markdown(briefing)
    if fmt == "html":
        from newsfuse.render.html import render_html

        return render_html(briefing, articles)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
