"""A read input item before extraction, and the one table that turns each kind into an Article.

Reading (files, rows, feed entries, URLs) is cheap and bounded; extracting an article from
HTML is not. Keeping the two apart lets the analysis stage extract, clean and analyse each
item in one step, where its cost is measured and bounded, and lets readers stream.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsfuse.ingest.html import extract_html
from newsfuse.model import Article

Kind = Literal["text", "html"]


@dataclass(frozen=True)
class Document:
    """One input item as read: its text or its markup, and the metadata that came with it.

    Metadata given with the item (a JSONL row's `title`, a feed entry's `published`) wins
    over what extraction finds in the markup.
    """

    id: str
    kind: Kind
    content: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    path: str | None = None
    fetched_from: str | None = None
    """The URL the item was fetched from: the base for its links, its URL if it names none."""


def _text_article(doc: Document) -> Article:
    return Article(
        id=doc.id,
        text=doc.content.strip("\ufeff"),
        title=doc.title,
        url=doc.url or doc.fetched_from,
        outlet=doc.outlet,
        published=doc.published,
        path=doc.path,
    )


def _html_article(doc: Document) -> Article:
    page = extract_html(doc.content, url=doc.url or doc.fetched_from)
    return Article(
        id=doc.id,
        text=page.text,
        title=doc.title or page.title,
        published=doc.published or page.published,
        outlet=doc.outlet or page.sitename,
        url=doc.url or page.url or doc.fetched_from,
        path=doc.path,
    )


KINDS: dict[Kind, Callable[[Document], Article]] = {"text": _text_article, "html": _html_article}
"""How each kind of document becomes an Article."""


def to_article(doc: Document) -> Article:
    """The Article of a document (raises InputError when there is none to be had)."""
    return KINDS[doc.kind](doc)
