"""RSS and Atom feeds (feedparser): one document per entry.

feedparser fetches a string that reads as a URL and opens one that names a file, so a
feed body of `http://127.0.0.1/...` or `/etc/passwd` would make it reach inside the
reader's machine. It is only ever given a file object over the bytes already read, as
bytes, so that the XML declaration's encoding (or the HTTP charset) is the one used.

Its time grows with the feed's entries (80,000 one-word entries, 3.3 MB: 17 s), so the
bytes are cut before the entry past MAX_FEED_ENTRIES: the entries beyond are counted by
their start tags, not parsed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from itertools import islice
from time import strftime
from typing import Any

import feedparser

from newsfuse.errors import EmptyInput, MalformedInput, TooLarge
from newsfuse.ingest.document import Document
from newsfuse.settings import MAX_FEED_ENTRIES

_ENTRY_START = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(?:item|entry)[\s/>]", re.IGNORECASE)
"""The start tag of an RSS item or an Atom entry (namespaced or not), in the feed's bytes."""


def _cut_entries(data: bytes) -> tuple[bytes, int]:
    """The feed's bytes before its entry past MAX_FEED_ENTRIES, and how many entries are
    cut off (counted by their start tags: a feed in UTF-16 is not cut)."""
    starts = _ENTRY_START.finditer(data)
    past = next(islice(starts, MAX_FEED_ENTRIES, None), None)
    if past is None:
        return data, 0
    return data[: past.start()], 1 + sum(1 for _ in starts)


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def parse_feed(
    data: bytes, origin: str, charset: str | None = None
) -> Iterator[Document | tuple[str, Exception]]:
    """Documents of a feed's entries; (item, error) for an entry without usable text, and
    (origin, error) for the entries past MAX_FEED_ENTRIES or a feed without entries.

    `charset` is the one an HTTP header declared, which wins over the XML declaration.
    """
    headers = {"content-type": f"application/xml; charset={charset}"} if charset else {}
    data, past = _cut_entries(data)
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # its lenient parser has its own bugs on broken input
        raise MalformedInput(f"not a readable feed: {exc.__class__.__name__}: {exc}") from exc
    if parsed.bozo and not parsed.entries:
        raise MalformedInput(f"not a readable feed: {parsed.get('bozo_exception')}")
    if not parsed.entries:
        raise EmptyInput("feed has no entries")
    outlet = (parsed.feed.get("title") or None) if parsed.feed else None
    for n, entry in enumerate(parsed.entries[:MAX_FEED_ENTRIES], start=1):
        item = entry.get("id") or entry.get("link") or f"{origin}#{n}"
        try:
            yield _entry_document(entry, str(item), outlet)
        except Exception as exc:
            yield (str(item), exc)
    past += max(0, len(parsed.entries) - MAX_FEED_ENTRIES)
    if past > 0:
        yield (
            origin,
            TooLarge(
                f"{past:,} entries past the first {MAX_FEED_ENTRIES:,} not read "
                f"(limit MAX_FEED_ENTRIES = {MAX_FEED_ENTRIES:,})"
            ),
        )


def _entry_document(entry: Any, art_id: str, outlet: str | None) -> Document:
    markup = ""
    if entry.get("content"):
        markup = "\n".join(c.get("value", "") for c in entry.content)
    markup = markup or entry.get("summary", "") or ""
    if not markup.strip():
        raise MalformedInput("feed entry has no content or summary")
    published = None
    for key in ("published_parsed", "updated_parsed"):
        if entry.get(key):
            published = strftime("%Y-%m-%dT%H:%M:%S", entry[key])
            break
    html = "<" in markup
    return Document(
        id=art_id,
        kind="html" if html else "text",
        content=f"<html><body>{markup}</body></html>" if html else markup.strip(),
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
        published=published,
    )
