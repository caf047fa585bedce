"""The self-contained HTML report: claims, sources side by side, timeline chart, quotes.

Everything is inline (CSS, JS, SVG) and a Content-Security-Policy forbids fetching
anything, so the file opens offline. All article text goes through Jinja2's autoescape:
a report of a hostile page shows its markup as text and never runs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsfuse.model import Article, Briefing, Claim, Story, TimelineEntry
from newsfuse.render.words import (
    CARRIES,
    CONFLICTS,
    CORE_LABEL,
    SILENT,
    STATUS_LABEL,
    DiffPiece,
    claim_matrix,
    core_and_rest,
    diff_pieces,
    outlet_names,
    said,
    speaker_label,
)

TEMPLATES = Path(__file__).parent / "templates"
CHART_WIDTH = 900
CHART_MARGIN = 60
CHART_HEIGHT = 120
DOT_RADIUS = 5
DOT_GROWTH = 2
"""Extra radius per event on one date, up to DOT_MAX_EVENTS events."""
DOT_MAX_EVENTS = 5
REMOVED = "removed"
"""Status of a segment cleaning cut from the article (boilerplate, unrelated items)."""


@dataclass
class Segment:
    """A stretch of an article's text: a source of claims (its own statement's first, then
    the core event's when it restates it), removed text, or neither."""

    text: str
    claims: list[str] = field(default_factory=list)
    status: str | None = None


@dataclass
class Column:
    id: str
    title: str
    outlet: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Dot:
    x: float
    r: float
    date: str
    entries: list[TimelineEntry]


@dataclass
class QuoteView:
    speaker: str
    text: str
    articles: list[str]
    diffs: list[tuple[str, list[DiffPiece]]]


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


SYMBOLS = {CARRIES: "●", SILENT: "·", CONFLICTS: "✗"}
"""How a cell of the claims × outlets matrix is drawn."""


STORY_TEMPLATE = "story.html.j2"
"""The per-story part of the report: the web app's story page includes it too, with the
report's styles (`report.css`) and script (`report.js`), so the two cannot drift apart."""


def story_view(story: Story, by_id: dict[str, Article], names: dict[str, str]) -> dict[str, Any]:
    """What STORY_TEMPLATE shows of one story (`s` in the template)."""
    return {
        "story": story,
        "claims": _core_first(story.claims),
        "matrix": claim_matrix(story, names),
        "columns": _columns(story, by_id),
        "dots": _dots(story.timeline),
        "quotes": _quotes(story),
        "counts": {s: sum(c.status == s for c in story.claims) for s in STATUS_LABEL},
    }


def template_globals(names: dict[str, str]) -> dict[str, Any]:
    """The names STORY_TEMPLATE needs besides `s`."""
    return {
        "labels": STATUS_LABEL,
        "symbols": SYMBOLS,
        "names": names,
        "core_label": CORE_LABEL,
        "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT, "margin": CHART_MARGIN},
    }


def render_html(briefing: Briefing, articles: Sequence[Article]) -> str:
    by_id = {a.id: a for a in articles}
    names = outlet_names(briefing)
    stories = [story_view(story, by_id, names) for story in briefing.stories]
    return (
        _env()
        .get_template("report.html.j2")
        .render(briefing=briefing, stories=stories, **template_globals(names))
    )


def _core_first(claims: Sequence[Claim]) -> list[Claim]:
    core, rest = core_and_rest(claims)
    return ([core] if core else []) + rest


def _columns(story: Story, by_id: dict[str, Article]) -> list[Column]:
    """Each article's text cut into segments: claims' sources marked, removed text dimmed."""
    cited: dict[str, dict[tuple[int, int], list[Claim]]] = {a: {} for a in story.articles}
    for c in sorted(story.claims, key=lambda c: c.core):
        for s in c.sources:
            cited.setdefault(s.article, {}).setdefault((s.start, s.end), []).append(c)
    cols: list[Column] = []
    for aid in story.articles:
        art = by_id.get(aid)
        if art is None:
            continue
        spans = [(start, end, claims) for (start, end), claims in cited[aid].items()]
        spans += [(r.start, r.end, []) for r in art.removed]
        col = Column(id=aid, title=art.title or aid, outlet=art.outlet or "")
        pos = 0
        for start, end, claims in sorted(spans, key=lambda m: (m[0], m[1])):
            if start < pos:
                continue
            if start > pos:
                col.segments.append(Segment(art.text[pos:start]))
            status = claims[0].status if claims else REMOVED
            col.segments.append(Segment(art.text[start:end], [c.id for c in claims], status))
            pos = end
        if pos < len(art.text):
            col.segments.append(Segment(art.text[pos:]))
        cols.append(col)
    return cols


def _dots(timeline: Sequence[TimelineEntry]) -> list[Dot]:
    """One dot per date, evenly spaced in date order, sized by its number of events."""
    by_date: dict[str, list[TimelineEntry]] = {}
    for t in timeline:
        by_date.setdefault(t.date, []).append(t)
    dates = sorted(by_date)
    span = CHART_WIDTH - 2 * CHART_MARGIN
    step = span / (len(dates) - 1) if len(dates) > 1 else 0.0
    return [
        Dot(
            x=CHART_MARGIN + (i * step if len(dates) > 1 else span / 2),
            r=DOT_RADIUS + DOT_GROWTH * min(len(by_date[d]), DOT_MAX_EVENTS),
            date=d,
            entries=by_date[d],
        )
        for i, d in enumerate(dates)
    ]


def _quotes(story: Story) -> list[QuoteView]:
    views: list[QuoteView] = []
    for q in story.quotes:
        base = q.variants[0].text if q.variants else q.text
        views.append(
            QuoteView(
                speaker=speaker_label(q.kind, q.speaker),
                text=said(q.kind, q.text),
                articles=list(dict.fromkeys(s.article for s in q.sources)),
                diffs=[(v.article, diff_pieces(base, v.text)) for v in q.variants[1:]],
            )
        )
    return views
