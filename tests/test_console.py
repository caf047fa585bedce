"""No control character from an input reaches the terminal, and odd items stop nothing."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from newsfuse.cli import render
from newsfuse.model import BriefArticle, Briefing, Claim, Failure, SourceRef, Story
from newsfuse.render.console import console_briefing, console_name, console_output, console_text
from newsfuse.render.markdown import render_markdown
from newsfuse.render.text import render_text
from tests.conftest import run_cli

HOSTILE = (
    "Cranes \x1b[2J halted \x1b]8;;http://evil.example/\x07here\x1b]8;;\x07\r\n\u202eok\x9b31m"
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

REPORT = (
    "Dock workers at the port of Valdmark stopped all cranes on Tuesday after a pay dispute, "
    "the union said. The strike is the first at the port in ten years.\n"
)


def test_console_text_strips_controls_and_line_breaks() -> None:
    safe = console_text(HOSTILE)
    assert not CONTROL.search(safe) and "\n" not in safe
    assert "halted" in safe and "here" in safe
    assert console_text("lone \ud800 surrogate") == "lone \ufffd surrogate"


def test_console_output_keeps_the_layout() -> None:
    assert console_output("a\n\tb\x1b[2J\n") == "a\n\tb[2J\n"


def test_console_name_spells_controls_out() -> None:
    assert console_name("id\x1b[2J\n\ud800") == "id\\x1b[2J\\n\\ud800"
    assert console_name("m1[/bold]") == "m1[/bold]"


def _briefing() -> Briefing:
    ref = SourceRef(article=HOSTILE, start=0, end=5, text=HOSTILE)
    claim = Claim(id="c1", text=HOSTILE, status="single-source", sources=[ref], outlets=[HOSTILE])
    story = Story(id="s1", title=HOSTILE, articles=[HOSTILE], claims=[claim])
    art = BriefArticle(
        id=HOSTILE,
        path=None,
        outlet=HOSTILE,
        title=HOSTILE,
        published=None,
        dateline=None,
        removed=[],
    )
    return Briefing(
        articles=[art],
        stories=[story],
        failures=[Failure(item=HOSTILE + "[/bold]", reason=HOSTILE)],
    )


@pytest.mark.parametrize("color", [False, True])
def test_the_text_briefing_carries_no_control_from_an_article(color: bool) -> None:
    out = render_text(_briefing(), color=color)
    assert "halted" in out
    if color:  # the renderer's own colours, and nothing else
        out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not CONTROL.search(out), repr(out)


def test_the_markdown_briefing_carries_no_control_from_an_article() -> None:
    out = render_markdown(_briefing())
    assert "halted" in out and not CONTROL.search(out)


def test_a_safe_briefing_is_still_a_briefing() -> None:
    safe = console_briefing(_briefing())
    assert safe.stories[0].claims[0].sources[0].start == 0
    assert not CONTROL.search(safe.model_dump_json())


@pytest.mark.slow
def test_a_batch_of_broken_and_odd_items_names_each_and_briefs_the_rest(tmp_path: Path) -> None:
    """The issue's probes in one directory: a truncated .txt.gz, ids with console markup,
    a lone surrogate and an escape, publication dates at the ends of the calendar, escape
    sequences in a title, an outlet and a text."""
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    packed = gzip.compress(REPORT.encode() * 40)
    (tmp_path / "b.txt.gz").write_bytes(packed[: len(packed) // 2])
    rows = [
        {"id": "m1[/bold]", "text": ""},
        {"id": "m2[/bold]", "text": REPORT},
        {"id": "e1\x1b[2J", "text": " "},
        {"id": "d1", "published": "9999-12-31", "text": "The port reopens tomorrow. " + REPORT},
        {"id": "d2", "published": "0001-01-01", "text": "The port closed yesterday. " + REPORT},
        {"id": "t1", "title": HOSTILE, "outlet": HOSTILE, "text": HOSTILE + " " + REPORT},
    ]
    lines = [json.dumps(r) for r in rows] + ['{"id": "\\ud800", "text": "Cranes halted."}']
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_cli("brief", str(tmp_path), "--date", "2026-03-14", "-f", "json")
    assert run.returncode == 1, run.stderr
    assert not CONTROL.search(run.stderr.replace("\n", ""))
    assert f"{tmp_path / 'b.txt.gz'}: truncated gzip" in run.stderr
    assert f"{tmp_path / 'c.jsonl'}:1: row 'm1[/bold]' has no" in run.stderr
    assert f"{tmp_path / 'c.jsonl'}:3: row 'e1\\x1b[2J' has no" in run.stderr
    briefing = Briefing.model_validate_json(run.stdout)
    assert [a.id for a in briefing.articles] == [
        str(tmp_path / "a.txt"),
        "m2[/bold]",
        "d1",
        "d2",
        "t1",
        "\\ud800",
    ]
    assert len(briefing.failures) == 3
    for fmt in ("text", "markdown", "html", "json"):
        out = render(briefing, [], fmt)
        assert "Valdmark" in out and not CONTROL.search(out.replace("\n", "").replace("\t", ""))
