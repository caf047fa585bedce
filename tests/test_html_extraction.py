"""HTML pages to article text and metadata, on small pages written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean import clean
from newsfuse.errors import MalformedInput
from newsfuse.ingest.html import extract_html
from newsfuse.ingest.jsonl import article_from_row
from tests.test_clean import HARBOUR

PARAGRAPHS = HARBOUR[1:]
"""The harbour report's paragraphs (its first line is a headline), shared with test_clean."""
HEADLINE = "Port of Valmora reopens after dockworkers' strike"


def _page(body_paragraphs: list[str], extra_head: str = "", charset: bool = True) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    meta = '<meta charset="utf-8">' if charset else ""
    return f"""<!DOCTYPE html>
<html><head>{meta}<title>{HEADLINE} | Valmora Post</title>
<meta property="og:site_name" content="Valmora Post">
<meta property="article:published_time" content="2025-12-16T08:30:00Z">
{extra_head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>{HEADLINE}</h1>
{paras}
</article>
<aside><h2>Most read</h2><ul>
<li><a href="/a">Snow closes mountain passes in the north</a></li>
<li><a href="/b">Museum unveils restored medieval tapestry</a></li></ul></aside>
</main>
<footer><p>Contact us | Privacy policy | Terms of use</p></footer>
</body></html>"""


def test_article_text_and_metadata() -> None:
    page = extract_html(_page(PARAGRAPHS), url="https://valmora.example/port")
    for p in PARAGRAPHS:
        assert p in page.text
    assert "Privacy policy" not in page.text
    assert "Weather" not in page.text
    assert page.title is not None and page.title.startswith(HEADLINE)
    assert page.sitename == "Valmora Post"
    assert page.published == "2025-12-16"


def test_headline_is_not_repeated_as_first_line() -> None:
    page = extract_html(_page(PARAGRAPHS))
    assert page.text.split("\n", 1)[0] != HEADLINE
    assert page.text.startswith(PARAGRAPHS[0])


def test_non_ascii_text_survives_without_a_declared_charset() -> None:
    words = "Stra\u00dfe, caf\u00e9, \u201cquoted\u201d and \u0130stanbul"
    paras = [
        PARAGRAPHS[0],
        f"Residents of the {words} district welcomed the news.",
        *PARAGRAPHS[1:],
    ]
    page = extract_html(_page(paras, charset=False))
    assert words in page.text


def test_malformed_html_still_gives_the_article() -> None:
    markup = (
        "<html><head><title>Port reopens</head><body><div><p>"
        + "<p>".join(PARAGRAPHS)
        + "</span></div></div><p>unclosed <b>bold <i>text"
    )
    page = extract_html(markup)
    for p in PARAGRAPHS:
        assert p in page.text


def test_tiny_fragment_falls_back_to_its_paragraph_text() -> None:
    page = extract_html("<html><body><p>Dockworkers end strike.</p></body></html>")
    assert page.text == "Dockworkers end strike."


@pytest.mark.parametrize(
    "markup", ["", "   \n ", "<html><body><script>var x = 1;</script></body></html>"]
)
def test_pages_without_text_are_refused(markup: str) -> None:
    with pytest.raises(MalformedInput):
        extract_html(markup)


def test_html_row_goes_through_cleaning_like_analyze() -> None:
    paras = [
        "WASHINGTON (Reuters) - " + PARAGRAPHS[0],
        *PARAGRAPHS[1:],
        "Reporting by Jane Doe; Editing by John Roe",
    ]
    article = clean(article_from_row({"id": "p1", "html": _page(paras)}, default_id="x"))
    assert article.outlet == "Valmora Post"
    assert article.dateline == "WASHINGTON"
    assert article.body.endswith(PARAGRAPHS[-1])
    assert [r.reason for r in article.removed] == ["byline"]


_TAGS = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<html>", "<body>", "<br>",
     "<h1>", "</h1>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "\x00", "<?xml version='1.0'?>"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_TAGS | st.text(max_size=40), max_size=20).map("".join))
def test_any_markup_gives_text_or_a_clear_refusal(markup: str) -> None:
    try:
        page = extract_html(markup)
    except MalformedInput:
        return
    assert page.text and page.text == page.text.strip()
