"""The briefing as Markdown: one section per story, every claim with its sources."""

from __future__ import annotations

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
    source_line,
    speaker_label,
)

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    """Text from an article, inert in Markdown (no links, emphasis or raw HTML)."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def render_markdown(briefing: Briefing) -> str:
    briefing = console_briefing(briefing)
    out: list[str] = ["# Briefing", ""]
    names = outlet_names(briefing)
    for story in briefing.stories:
        out += _story(story, names)
    if briefing.failures:
        out += ["## Inputs that could not be read", ""]
        out += [f"- {_md(f.item)}: {_md(f.reason)}" for f in briefing.failures]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _story(story: Story, names: dict[str, str]) -> list[str]:
    counts = {s: sum(c.status == s for c in story.claims) for s in STATUS_LABEL}
    out = [
        f"## {_md(story.title)}",
        "",
        f"{len(story.articles)} articles; "
        + ", ".join(f"{n} {STATUS_LABEL[s]}" for s, n in counts.items()),
        "",
    ]
    out += ["### Outlets", ""]
    out += [
        f"- {_md(outlet_summary(c, len(story.claims)))}" for c in claim_matrix(story, names).outlets
    ]
    out.append("")
    core, rest = core_and_rest(story.claims)
    if core:
        out += [f"### {CORE_LABEL.capitalize()}", ""]
        out += [*_claim(core, f" ({STATUS_LABEL[core.status]})"), ""]
    for status in ("conflicting", "corroborated", "single-source"):
        claims = [c for c in rest if c.status == status]
        if not claims:
            continue
        out += [f"### {STATUS_LABEL[status].capitalize()}", ""]
        for c in claims:
            out += _claim(c)
        out.append("")
    if story.quotes:
        out += ["### Who said what", ""]
        for q in story.quotes:
            who = _md(speaker_label(q.kind, q.speaker))
            carried = ", ".join(dict.fromkeys(names.get(s.article, s.article) for s in q.sources))
            out.append(f"- **{who}**: {_md(said(q.kind, q.text))} ({_md(carried)})")
            if q.variants:
                out.append(f"  - wording differs: {_md(quote_diff(q.variants, names))}")
        out.append("")
    if story.timeline:
        out += ["### Timeline", "", "| date | event | sources |", "|---|---|---|"]
        out += [
            f"| {t.date} | {_md(t.text)} | {_md(', '.join(dict.fromkeys(names.get(s.article, s.article) for s in t.sources)))} |"
            for t in story.timeline
        ]
        out.append("")
    if story.omissions:
        out += ["### Left out", ""]
        out += [f"- {_md(o)} omits {', '.join(ids)}" for o, ids in story.omissions.items()]
        out.append("")
    return out


def _claim(c: Claim, label: str = "") -> list[str]:
    """A claim's line, its conflict and its sources."""
    line = f"- **{c.id}** {_md(c.text)} — _{_md(', '.join(c.outlets))}_{label}"
    if c.conflict:
        line += f"\n  - conflict with {', '.join(c.conflicts_with)}: {_md(c.conflict)}"
    return [line] + [f"  - {_md(source_line(s))}" for s in c.sources]
