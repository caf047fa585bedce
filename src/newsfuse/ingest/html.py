"""HTML to article text and metadata, through trafilatura.

trafilatura's precision mode (comments left out) is the main extractor: on news pages it
drops related-story lists and teasers that recall mode keeps, and loses little article
text. Where it keeps far less than recall mode would, the page is not shaped the way it
expects, and recall mode's text is used instead. A headline repeated as the first line is
dropped: the title is metadata, and the text is the article under it.

Extraction time grows faster than the page (with the elements under one parent above all),
so a page is cut before the extractor sees it: to MAX_HTML_CHILDREN children under any
element, then to its first MAX_HTML_ELEMENTS elements (the head, with its metadata, comes
first); the text of what was cut is returned apart, for the article to keep as removed.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from itertools import islice
from typing import Any

import trafilatura
from lxml import html as lxml_html

from newsfuse.errors import MalformedInput
from newsfuse.settings import MAX_HTML_CHILDREN, MAX_HTML_ELEMENTS

MIN_PRECISION_SHARE = 0.25
"""Precision-mode text shorter than this share of recall-mode text is not trusted."""

TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•]\s+")
"""What sits between a headline and the site name in a page <title>."""

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class ExtractedPage:
    """What a page yields: the article text and the metadata found around it."""

    text: str
    title: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    cut_off: str = ""
    """The text of the elements past MAX_HTML_CHILDREN or MAX_HTML_ELEMENTS, not extracted."""


def extract_html(markup: str, url: str | None = None) -> ExtractedPage:
    """The main text of a page, its title, date and site name."""
    if not markup.strip():
        raise MalformedInput("empty HTML")
    tree = trafilatura.load_html(markup)
    if tree is None:
        raise MalformedInput("unparseable HTML")
    cut_off = _cut(tree)
    meta = trafilatura.extract_metadata(deepcopy(tree), default_url=url)
    text = _main_text(tree, url)
    title = (meta.title if meta else None) or None
    if not text.strip():
        text = _fallback_text(tree)
    text = _drop_repeated_title(text.strip(), title)
    if not text:
        raise MalformedInput("no article text found in HTML")
    return ExtractedPage(
        text=text,
        title=title,
        published=(meta.date if meta else None) or None,
        sitename=(meta.sitename if meta else None) or None,
        url=(meta.url if meta else None) or url,
        cut_off=cut_off,
    )


def _cut(tree: lxml_html.HtmlElement) -> str:
    """Remove the children of any element past its first MAX_HTML_CHILDREN, then every
    element past the first MAX_HTML_ELEMENTS in document order; the text removed."""
    cut: list[str] = []
    for crowded in reversed([e for e in tree.iter() if len(e) > MAX_HTML_CHILDREN]):
        cut.insert(0, _cut_children(crowded, MAX_HTML_CHILDREN))  # inner first: none twice
    last = next(islice(tree.iter(), MAX_HTML_ELEMENTS - 1, None), None)
    if last is not None:
        cut.append(_cut_children(last, 0))
        node = last
        while (parent := node.getparent()) is not None:
            cut.append(_cut_children(parent, parent.index(node) + 1))
            node = parent
    return "\n".join(t for t in cut if t)


def _cut_children(element: lxml_html.HtmlElement, keep: int) -> str:
    """Remove the children of `element` past the first `keep`; their text."""
    text = "\n".join(t for t in map(_text_of, element[keep:]) if t)
    del element[keep:]
    return text


def _text_of(element: lxml_html.HtmlElement) -> str:
    """An element's text and its tail, one line per text node."""
    pieces = [t.strip() for t in element.itertext()] + [(element.tail or "").strip()]
    return "\n".join(p for p in pieces if p)


def _main_text(tree: lxml_html.HtmlElement, url: str | None) -> str:
    """Precision-mode text, or recall-mode text when precision mode keeps too little."""
    common: dict[str, Any] = {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "deduplicate": False,
        "with_metadata": False,
    }
    precise = trafilatura.extract(deepcopy(tree), favor_precision=True, **common) or ""
    recalled = trafilatura.extract(deepcopy(tree), favor_recall=True, **common) or ""
    if len(precise.strip()) < MIN_PRECISION_SHARE * len(recalled.strip()):
        return recalled
    return precise


def _drop_repeated_title(text: str, title: str | None) -> str:
    """`text` without a first line that only repeats the page's headline."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    first_words = _norm(first)
    headline = TITLE_SEPARATORS.split(title)
    candidates = {_norm(title), _norm(headline[0]), _norm(" ".join(headline[:-1]))}
    if first_words and rest.strip() and first_words in candidates:
        return rest.strip()
    return text


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    """All paragraph text, for pages trafilatura finds nothing in (very short pages)."""
    for hidden in tree.xpath("//script|//style|//noscript|//template"):
        hidden.drop_tree()
    paras = [p.text_content().strip() for p in tree.iter("p")]
    paras = [p for p in paras if p]
    if paras:
        return "\n".join(paras)
    body = tree.find("body")
    return (body if body is not None else tree).text_content().strip()
