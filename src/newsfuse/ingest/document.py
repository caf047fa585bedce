"""A read input item before extraction, and the one table that turns each kind into an Article.

Reading (files, rows, feed entries, URLs) is cheap and bounded; extracting an article from
HTML is not. Keeping the two apart lets the analysis stage extract, clean and analyse each
item in one step, where its cost is measured and bounded, and lets readers stream.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Literal

from newsfuse.ingest.html import extract_html
from newsfuse.model import Article, Removed

log = logging.getLogger("newsfuse")

Kind = Literal["text", "html"]

UNWRITABLE = re.compile("[\ud800-\udfff\x00]")
"""What a JSON escape or a file name can carry and no output can: a lone surrogate cannot
be written as UTF-8 (to a terminal, a file, a database), a NUL cannot be stored in
PostgreSQL."""


def writable_id(item: str) -> str:
    """An id or a name, its unwritable characters spelled as escapes (`\\ud800`), so that
    the user can still tell which item it is."""
    if not UNWRITABLE.search(item):
        return item
    return UNWRITABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", item)


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

    def __post_init__(self) -> None:
        """Every string writable: the id escaped, the others' bad characters as U+FFFD,
        as a decoder does with bytes it cannot read."""
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str) and UNWRITABLE.search(value):
                if f.name == "id":
                    fixed = writable_id(value)
                    log.warning("%s: id holds characters no output can carry", fixed)
                else:
                    fixed = UNWRITABLE.sub("\ufffd", value)
                object.__setattr__(self, f.name, fixed)


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
    text, removed = page.text, []
    if page.cut_off:
        text = f"{page.text}\n\n{page.cut_off}"
        removed = [Removed.of(text, len(page.text) + 2, len(text), reason="over-element-limit")]
    return Article(
        id=doc.id,
        text=text,
        removed=removed,
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
