"""The terminal briefing (rich): coloured on a terminal, plain text when piped."""

from __future__ import annotations

import io
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsfuse.model import Briefing, Claim, Story
from newsfuse.render.console import console_briefing
from newsfuse.render.words import (
    CORE_LABEL,
    STATUS_LABEL,
    claim_matrix,
    core_and_rest,
    outlet_names,
    outlet_summary,
    quote_diff,
    said,
    speaker_label,
)

WIDTH = 100
"""Column width when the output is not a terminal (files and pipes)."""
STYLE = {"corroborated": "green", "single-source": "yellow", "conflicting": "bold red"}


def render_text(briefing: Briefing, color: bool | None = None) -> str:
    """The briefing for a person at a terminal; `color` defaults to stdout being a tty."""
    briefing = console_briefing(briefing)
    tty = sys.stdout.isatty() if color is None else color
    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=tty,
        no_color=not tty,
        width=WIDTH if not tty else None,
        highlight=False,
        emoji=False,
    )
    names = outlet_names(briefing)
    for story in briefing.stories:
        _story(console, story, names)
    for f in briefing.failures:
        console.print(f"[red]not read[/red] {escape(f.item)}: {escape(f.reason)}")
    return buf.getvalue()


def _story(console: Console, story: Story, names: dict[str, str]) -> None:
    console.rule(f"[bold]{escape(story.title)}[/bold]  ({len(story.articles)} articles)")
    matrix = claim_matrix(story, names)
    console.print("\n[bold]OUTLETS[/bold]")
    for col in matrix.outlets:
        console.print(f"  {escape(outlet_summary(col, len(story.claims)))}")
    core, rest = core_and_rest(story.claims)
    if core:
        console.print(f"\n[bold]{CORE_LABEL.upper()}[/bold]")
        _claim(console, core)
        console.print(f"    [dim]stated in {len(core.sources)} sentences[/dim]")
    for status in ("conflicting", "corroborated", "single-source"):
        claims = [c for c in rest if c.status == status]
        if not claims:
            continue
        console.print(f"\n[{STYLE[status]}]{STATUS_LABEL[status].upper()}[/{STYLE[status]}]")
        for c in claims:
            _claim(console, c)
    if story.quotes:
        console.print("\n[bold]WHO SAID WHAT[/bold]")
        for q in story.quotes:
            who = escape(speaker_label(q.kind, q.speaker))
            carried = escape(
                ", ".join(dict.fromkeys(names.get(s.article, s.article) for s in q.sources))
            )
            console.print(
                f"  [bold]{who}[/bold]: {escape(said(q.kind, q.text))} [dim]({carried})[/dim]"
            )
            if q.variants:
                wording = escape(quote_diff(q.variants, names))
                console.print(f"    [magenta]wording: {wording}[/magenta]")
    if story.timeline:
        console.print()
        table = Table(title="TIMELINE", show_lines=False, expand=False)
        table.add_column("date", no_wrap=True)
        table.add_column("event")
        table.add_column("sources", justify="right")
        for t in story.timeline:
            table.add_row(t.date, escape(t.text), str(len(t.sources)))
        console.print(table)
    if story.omissions:
        console.print("\n[bold]LEFT OUT[/bold]")
        for outlet, ids in story.omissions.items():
            console.print(f"  {escape(outlet)} omits {', '.join(ids)}")
    console.print()


def _claim(console: Console, c: Claim) -> None:
    outlets = escape(", ".join(c.outlets))
    style = STYLE[c.status]
    label = f" [{style}]{STATUS_LABEL[c.status]}[/{style}]" if c.core else ""
    console.print(f"  [dim]{c.id}[/dim] {escape(c.text)} [cyan]({outlets})[/cyan]{label}")
    if c.conflict:
        console.print(f"    [red]↯ vs {', '.join(c.conflicts_with)}: {escape(c.conflict)}[/red]")
