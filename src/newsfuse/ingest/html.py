"""HTML to article text and metadata, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html

from newsfuse.errors import MalformedInput


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_html(markup: str, url: str | None = None) -> ExtractedPage:
    """The main text of a page, its title, date and site name."""
    if not markup.strip():
        raise MalformedInput("empty HTML")
    try:
        tree = lxml_html.fromstring(markup.encode("utf-8", "replace"))
    except Exception as exc:  # lxml raises several types on hopeless markup
        raise MalformedInput(f"unparseable HTML: {exc}") from exc
    text = trafilatura.extract(
        tree,
        url=url,
        favor_recall=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        with_metadata=False,
    )
    meta = trafilatura.extract_metadata(tree, default_url=url)
    if not text or not text.strip():
        text = _fallback_text(tree)
    if not text.strip():
        raise MalformedInput("no article text found in HTML")
    return ExtractedPage(
        text=text.strip(),
        title=(meta.title if meta else None) or None,
        published=(meta.date if meta else None) or None,
        sitename=(meta.sitename if meta else None) or None,
        url=(meta.url if meta else None) or url,
    )


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    """All paragraph text, for pages trafilatura finds nothing in (very short pages)."""
    paras = [p.text_content().strip() for p in tree.iter("p")]
    paras = [p for p in paras if p]
    if paras:
        return "\n".join(paras)
    body = tree.find("body")
    return (body if body is not None else tree).text_content().strip()
