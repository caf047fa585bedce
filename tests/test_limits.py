"""What the analysis is given is bounded: tokens per article, tokens per parse, elements
per page, dates past the calendar; each bound reported where it cut."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import trafilatura

from newsfuse import nlp
from newsfuse.clean import analysed_end, clean, token_count
from newsfuse.ingest.document import Document, to_article
from newsfuse.model import Article
from newsfuse.nlp.times import find_times
from newsfuse.settings import (
    MAX_ARTICLE_CHARS,
    MAX_ARTICLE_TOKENS,
    MAX_BATCH_TOKENS,
    MAX_HTML_CHILDREN,
    MAX_HTML_ELEMENTS,
    MAX_WORD_CHARS,
)

PARAGRAPH = (
    "Dock workers at the port of Valdmark stopped all cranes on Tuesday after a pay "
    "dispute, the union said.\n"
)


def test_token_count_counts_line_breaks_words_and_marks() -> None:
    assert token_count("x\n" * 10) == 20
    assert token_count("Cranes halted, the union said.") == 7
    assert token_count("a  b") == 3


@pytest.mark.parametrize(
    "text",
    [
        "x\n" * 200_000,  # 400 KB of one-character lines: 6.7 GB in spaCy once
        PARAGRAPH * 3000,
        "(" * 100_000,
        "a" * (MAX_ARTICLE_CHARS + 10),
    ],
)
def test_long_texts_are_cut_with_a_removed_segment(text: str) -> None:
    cleaned = clean(Article(id="long", text=text))
    tail = cleaned.removed[-1]
    assert tail.reason == "over-token-limit" and tail.end == len(text)
    assert cleaned.text == text and len(cleaned.body) <= tail.start
    parsed = nlp.masked_text(cleaned)
    assert len(parsed) == tail.start <= MAX_ARTICLE_CHARS
    assert token_count(parsed) <= MAX_ARTICLE_TOKENS
    assert clean(cleaned) == cleaned


def test_a_cut_ends_on_a_whole_line() -> None:
    text = PARAGRAPH * 3000
    end = analysed_end(text)
    assert text[end - 1] == "\n" and end < len(text)


def test_short_texts_are_not_cut() -> None:
    text = PARAGRAPH * 10
    assert analysed_end(text) == len(text)
    assert not any(
        r.reason == "over-token-limit" for r in clean(Article(id="a", text=text)).removed
    )


@pytest.mark.parametrize("text", ["$" * 10_000, "Port (" + "(" * 3000 + ") reopens.", "a" * 2000])
def test_no_word_reaches_the_parser_longer_than_the_limit(text: str) -> None:
    """spaCy's tokenizer takes time with the square of a word of punctuation (10,000 `$`:
    68 s); the parse is given pieces of MAX_WORD_CHARS, at the same offsets."""
    parsed = nlp.masked_text(clean(Article(id="w", text=text)))
    assert len(parsed) == len(text)
    assert max(len(w) for w in parsed.split()) <= MAX_WORD_CHARS
    assert sum(a != b for a, b in zip(parsed, text, strict=True)) == len(text) // 501


def test_parses_are_grouped_under_the_batch_token_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    groups: list[list[str]] = []

    class Recorder:
        def pipe(self, texts: list[str], batch_size: int) -> list[str]:
            groups.append(list(texts))
            return list(texts)

    monkeypatch.setattr(nlp, "load", Recorder)
    big = "word " * (MAX_BATCH_TOKENS * 6 // 10)
    arts = [Article(id=str(n), text=t) for n, t in enumerate([big, big, "short", big])]
    assert list(nlp.parse_many(arts)) == [a.text for a in arts]
    assert [len(g) for g in groups] == [1, 2, 1]
    assert all(sum(token_count(t) for t in g) <= MAX_BATCH_TOKENS for g in groups)


def test_a_page_is_cut_before_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000,000 short paragraphs (8 MB) took over 600 s to extract; the extractor now
    sees MAX_HTML_ELEMENTS elements and the rest is kept as removed text."""
    seen: list[int] = []
    extract = trafilatura.extract

    def counting(tree: Any, **kw: Any) -> str | None:
        seen.append(sum(1 for _ in tree.iter()))
        return extract(tree, **kw)

    monkeypatch.setattr(trafilatura, "extract", counting)
    sections = (
        "<div>" + "".join(f"<p>p{s}-{n}</p>" for n in range(MAX_HTML_CHILDREN)) + "</div>"
        for s in range(20)
    )
    page = "<html><body>" + "".join(sections) + "</body></html>"
    art = to_article(Document(id="big", kind="html", content=page))
    assert seen and max(seen) <= MAX_HTML_ELEMENTS
    tail = art.removed[-1]
    assert tail.reason == "over-element-limit" and tail.end == len(art.text)
    assert art.text.endswith("p19-999") and "p19-999" not in art.text[: tail.start]
    cleaned = clean(art)
    assert cleaned.removed[-1] == tail and "p19-999" not in cleaned.body


def test_a_crowded_element_is_cut_before_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 links in one paragraph took 71 s to extract (time grows with the square of
    the children of one element); the extractor now sees MAX_HTML_CHILDREN of them."""
    widest: list[int] = []
    extract = trafilatura.extract

    def counting(tree: Any, **kw: Any) -> str | None:
        widest.append(max(len(e) for e in tree.iter()))
        return extract(tree, **kw)

    monkeypatch.setattr(trafilatura, "extract", counting)
    links = " ".join(f"<a href='/{n}'>link{n}</a>" for n in range(10_000))
    page = f"<html><body><article><p>{links}</p></article></body></html>"
    art = clean(to_article(Document(id="crowded", kind="html", content=page)))
    assert widest and max(widest) <= MAX_HTML_CHILDREN
    assert art.body.endswith("link999") and "link1000" not in art.body
    assert art.removed[-1].reason == "over-element-limit" and "link9999" in art.removed[-1].text


@pytest.mark.parametrize(
    ("ref", "text"),
    [
        (date(9999, 12, 31), "The port reopens tomorrow."),
        (date(1, 1, 1), "The port closed yesterday."),
    ],
)
def test_dates_past_the_calendar_are_unresolved_not_fatal(ref: date, text: str) -> None:
    (expr,) = find_times(text, ref)
    assert expr.value is None and expr.reason and "calendar" in expr.reason
