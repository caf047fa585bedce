"""Rendering a Briefing for people (text, Markdown, HTML) and machines (JSON).

One table, `RENDERERS`, maps each output format to its function; the command line's
`--format` choices and the web app's formats come from it, so a new format is one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsfuse.model import Article, Briefing
from newsfuse.render.html import render_html
from newsfuse.render.markdown import render_markdown
from newsfuse.render.text import render_text

Renderer = Callable[[Briefing, Sequence[Article]], str]


def _json(briefing: Briefing, _articles: Sequence[Article]) -> str:
    return briefing.model_dump_json(indent=2) + "\n"


RENDERERS: dict[str, Renderer] = {
    "text": lambda briefing, _articles: render_text(briefing),
    "markdown": lambda briefing, _articles: render_markdown(briefing),
    "html": render_html,
    "json": _json,
}
"""Each output format's renderer: (briefing, the articles it cites) → text."""

FORMATS = tuple(RENDERERS)


def render(briefing: Briefing, articles: Sequence[Article], fmt: str) -> str:
    """The briefing in one of FORMATS; `articles` feed the HTML side-by-side view."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    return renderer(briefing, articles)
