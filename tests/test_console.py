"""No control character from an input reaches the terminal, and odd items stop nothing."""

from __future__ import annotations

import re

import pytest

from newsfuse.cli import render
from newsfuse.model import BriefArticle, Briefing, Claim, Failure, SourceRef, Story
from newsfuse.render.console import console_briefing, console_name, console_output, console_text
from newsfuse.render.markdown import render_markdown
from newsfuse.render.text import render_text

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


def test_the_json_briefing_keeps_its_data_and_carries_no_control() -> None:
    """JSON is data (offsets into the texts among it): what a terminal would act on is
    written as JSON escapes, not removed, so the parsed briefing is the same."""
    briefing = _briefing()
    out = render(briefing, [], "json")
    assert not CONTROL.search(out.replace("\n", "")), repr(out)
    assert Briefing.model_validate_json(out) == briefing
