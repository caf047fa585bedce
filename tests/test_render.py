"""Rendering a hand-built briefing: every format, and article text kept inert."""

from __future__ import annotations

import json
import re

import pytest

from newsfuse.model import (
    Article,
    BriefArticle,
    Briefing,
    Claim,
    QuoteVariant,
    SourceRef,
    Story,
    StoryQuote,
    TimelineEntry,
)
from newsfuse.render import FORMATS, render

HOSTILE = "<script>window.__pwned = true;</script>"
TEXT_A = f"The dam burst on Monday. {HOSTILE} Nine villages were evacuated.\n"
TEXT_B = "Nine villages were evacuated after the dam burst on Monday.\n"


def _ref(aid: str, text: str, part: str) -> SourceRef:
    start = text.index(part)
    return SourceRef(article=aid, start=start, end=start + len(part), text=part)


def briefing_and_articles() -> tuple[Briefing, list[Article]]:
    """Two reports of a dam burst, one carrying a hostile script in its text.

    The burst is the core event; Beta's one sentence states it and the evacuation, so
    it is a source of both the core claim (s-c1) and the evacuation claim (s-c3).
    """
    a = Article(id="a", text=TEXT_A, title="Dam <b>bursts</b>", outlet="Alpha")
    b = Article(id="b", text=TEXT_B, title="Villages evacuated", outlet="Beta")
    burst = [_ref("a", TEXT_A, "The dam burst on Monday."), _ref("b", TEXT_B, TEXT_B.strip())]
    evacuated = [_ref("a", TEXT_A, "Nine villages were evacuated."), burst[1]]
    story = Story(
        id="s",
        title="Dam <b>bursts</b>",
        articles=["a", "b"],
        claims=[
            Claim(
                id="s-c1",
                text=burst[0].text,
                status="corroborated",
                sources=burst,
                outlets=["Alpha", "Beta"],
                core=True,
            ),
            Claim(
                id="s-c2",
                text=HOSTILE,
                status="single-source",
                sources=[_ref("a", TEXT_A, HOSTILE)],
                outlets=["Alpha"],
            ),
            Claim(
                id="s-c3",
                text=evacuated[0].text,
                status="corroborated",
                sources=evacuated,
                outlets=["Alpha", "Beta"],
            ),
        ],
        quotes=[
            StoryQuote(
                speaker="Mayor <i>Lind</i>",
                text="we saw it coming",
                kind="direct",
                sources=[_ref("a", TEXT_A, "dam")],
                variants=[
                    QuoteVariant(text="we saw it coming", article="a"),
                    QuoteVariant(text="we had seen it coming", article="b"),
                ],
            )
        ],
        timeline=[TimelineEntry(date="2025-03-03", text=burst[0].text, sources=burst)],
        omissions={"Gamma": ["s-c1"]},
    )
    arts = [BriefArticle.project(x) for x in (a, b)]
    return Briefing(articles=arts, stories=[story]), [a, b]


def test_json_follows_the_contract() -> None:
    briefing, arts = briefing_and_articles()
    data = json.loads(render(briefing, arts, "json"))
    story = data["stories"][0]
    assert set(story) >= {
        "id",
        "title",
        "articles",
        "claims",
        "quotes",
        "quantities",
        "timeline",
        "entities",
    }
    assert set(story["claims"][0]) >= {"id", "text", "status", "sources", "conflicts_with"}
    assert story["claims"][0]["sources"][1] == {
        "article": "b",
        "start": 0,
        "end": len(TEXT_B.strip()),
        "text": TEXT_B.strip(),
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_the_claims(fmt: str) -> None:
    briefing, arts = briefing_and_articles()
    out = render(briefing, arts, fmt)
    assert "The dam burst on Monday." in out
    assert "2025-03-03" in out


def test_text_is_plain_when_not_a_terminal() -> None:
    from newsfuse.render.text import render_text

    briefing, _ = briefing_and_articles()
    out = render_text(briefing, color=False)
    assert "\x1b[" not in out
    assert "CORROBORATED" in out and "Alpha, Beta" in out
    assert out.index("WHAT HAPPENED") < out.index("s-c1") < out.index("CORROBORATED")
    assert out.count("s-c1 ") == 1
    assert "“we saw it coming” → “we had seen it coming”" not in out
    assert "“saw” → “had seen”" in out


def test_markdown_keeps_article_markup_inert() -> None:
    briefing, arts = briefing_and_articles()
    out = render(briefing, arts, "markdown")
    assert "<script>" not in out and "\\<script\\>" in out
    assert "Gamma omits s-c1" in out
    core = out.index("### What happened")
    assert core < out.index("**s-c1**") < out.index("### Corroborated") < out.index("**s-c3**")
    assert out.count("**s-c1**") == 1


def test_html_escapes_article_text_and_fetches_nothing() -> None:
    briefing, arts = briefing_and_articles()
    out = render(briefing, arts, "html")
    assert HOSTILE not in out
    assert "&lt;script&gt;window.__pwned" in out
    assert "<b>bursts</b>" not in out and "<i>Lind</i>" not in out
    assert out.count("<script>") == 1
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", out)
    assert "<link" not in out and "@import" not in out
    assert "<svg" in out
    assert len(re.findall(r'<mark class="src corroborated" data-claims="s-c1"', out)) == 1
    assert len(re.findall(r'<mark class="src corroborated" data-claims="s-c3 s-c1"', out)) == 1
    assert (
        out.index('data-claim="s-c1"')
        < out.index("What happened:")
        < out.index('data-claim="s-c2"')
    )
    assert "<del>saw</del>" in out and "<ins>had seen</ins>" in out


def test_unknown_format_is_refused() -> None:
    briefing, arts = briefing_and_articles()
    with pytest.raises(ValueError, match="unknown format"):
        render(briefing, arts, "pdf")


def rendered_with_quote(fmt: str, text: str) -> str:
    """The test briefing in one format, its one quote worded `text`."""
    briefing, arts = briefing_and_articles()
    quote = briefing.stories[0].quotes[0]
    quote.text = text
    quote.variants = []
    return render(briefing, arts, fmt)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_quote_whose_span_kept_its_marks_is_shown_in_one_pair(fmt: str) -> None:
    out = rendered_with_quote(fmt, '"Both cubs are strong."')
    assert "“Both cubs are strong.”" in out
    assert '“"' not in out and "&#34;Both" not in out and "&quot;Both" not in out


def test_the_matrix_marks_who_carries_who_is_silent_and_who_contradicts() -> None:
    from newsfuse.render.words import CARRIES, CONFLICTS, SILENT, claim_matrix, outlet_names

    briefing, _ = briefing_and_articles()
    story = briefing.stories[0]
    story.claims[1].conflicts_with = ["s-c3"]
    story.claims[1].status = story.claims[2].status = "conflicting"
    story.claims[2].conflicts_with = ["s-c2"]
    story.claims[2].outlets = ["Beta"]
    matrix = claim_matrix(story, outlet_names(briefing))
    assert [c.name for c in matrix.outlets] == ["Alpha", "Beta"]
    assert [cells for _, cells in matrix.rows] == [
        [CARRIES, CARRIES],
        [CARRIES, CONFLICTS],
        [CONFLICTS, CARRIES],
    ]
    alpha, beta = matrix.outlets
    assert (alpha.carries, alpha.additions, alpha.conflicts) == (2, ["s-c2"], ["s-c3"])
    assert (beta.additions, beta.omissions) == (["s-c3"], [])
    assert SILENT not in [cell for _, cells in matrix.rows for cell in cells]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_outlets_are_counted_in_words(fmt: str) -> None:
    briefing, arts = briefing_and_articles()
    out = render(briefing, arts, fmt)
    assert "Alpha carries 3 of 3 claims: 1 only it, omits 0 that others corroborate" in out
    assert "Beta carries 2 of 3 claims: 0 only it, omits 0 that others corroborate" in out


def test_html_shows_the_claims_by_outlets_matrix() -> None:
    briefing, arts = briefing_and_articles()
    out = render(briefing, arts, "html")
    table = out[
        out.index('<table class="matrix">') : out.index(
            "</table>", out.index('<table class="matrix">')
        )
    ]
    assert table.count('<td class="cell carries"') == 5
    assert table.count('<td class="cell silent"') == 1
    assert "<th>Alpha</th><th>Beta</th>" in table


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_wordings_are_named_by_outlet_not_by_file(fmt: str) -> None:
    briefing, arts = briefing_and_articles()
    out = render(briefing, arts, fmt)
    assert "Alpha vs Beta" in out or "as worded by Beta" in out
    assert "a vs b" not in out and "as worded by b:" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_reported_speech_is_not_shown_as_a_quote(fmt: str) -> None:
    briefing, arts = briefing_and_articles()
    quotes = briefing.stories[0].quotes
    direct = quotes[0].model_copy(update={"speaker": "Engineer Ola Brenn", "variants": []})
    quote = quotes[0]
    quote.kind = "indirect"
    quote.text = 'that the spillway had been "patched, not mended" for years'
    quote.variants = []
    quotes.append(direct)
    out = render(briefing, arts, fmt)
    assert "(reported)" in out
    assert "Engineer Ola Brenn (reported)" not in out and "“we saw it coming”" in out
    mended = "&#34;patched, not mended&#34;" if fmt == "html" else '"patched, not mended"'
    assert f"the spillway had been {mended} for years" in out
    assert "that the spillway" not in out and "“the spillway" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_quote_is_shown_without_the_comma_that_led_to_its_cue(fmt: str) -> None:
    out = rendered_with_quote(fmt, "“The spillway held for a week,”")
    assert "“The spillway held for a week”" in out
