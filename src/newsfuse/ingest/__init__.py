"""Reading sources into Documents: files, directories, JSONL, HTML, feeds and URLs.

`read_documents` yields a Document per readable item and a Failure (item, reason) per
unreadable one, in input order, so that one bad file never stops a batch: whatever goes
wrong while one source is read (a truncated gzip, a damaged row, a refused URL, an error
nobody foresaw) is that source's Failure, after the documents it gave before. What kind
of source a file is comes from one table (`SUFFIX_KINDS`, content sniffed when the suffix
says nothing), and each kind has one reader (`READERS`) of its bytes (`Source`); each
Document becomes an Article through `newsfuse.ingest.document.KINDS`. `read_sources` does
both, for callers that want Articles at once. Every size is bounded in `bounded`.
"""

from __future__ import annotations

import errno
import io
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from newsfuse.errors import InputError, MalformedInput
from newsfuse.ingest import bounded, feed, jsonl
from newsfuse.ingest.decode import decode
from newsfuse.ingest.document import Document, to_article, writable_id
from newsfuse.ingest.url import fetch, is_url
from newsfuse.model import Article, Failure

log = logging.getLogger("newsfuse")

SourceKind = Literal["jsonl", "feed", "html", "text"]
Item = Document | Failure

SUFFIX_KINDS: dict[str, SourceKind] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
"""The kind of source a file is, by suffix (each may also end in .gz)."""

CONTENT_TYPE_KINDS: tuple[tuple[str, SourceKind], ...] = (
    ("rss", "feed"),
    ("atom", "feed"),
    ("html", "html"),
    ("json", "jsonl"),
)
"""The kind of a fetched URL, by a word of its content type (first match); else an XML
body that reads as a feed is one, else the URL's suffix decides, else the content."""


@dataclass(frozen=True)
class Source:
    """One source's bytes, read within their limit, and where they came from."""

    name: str
    """The id of what it holds (a file's path as given, a URL), writable to any output."""
    data: bytes
    path: str | None = None
    url: str | None = None
    """The URL it was fetched from."""
    content_type: str | None = None
    """The media type an HTTP server declared."""
    charset: str | None = None
    """The charset an HTTP server declared."""

    @cached_property
    def text(self) -> str:
        """The bytes decoded (an encoding other than UTF-8 detected, and logged)."""
        text, note = decode(self.data, declared=self.charset)
        if note:
            log.warning("%s: %s", self.name, note)
        return text


def read_documents(sources: Iterable[str], allow_private: bool = False) -> Iterator[Item]:
    """Every document in the given files, directories and URLs, in order; ids unique."""
    seen: dict[str, str] = {}
    for source in sources:
        for item in _read_one(source, allow_private):
            if isinstance(item, Document):
                if item.id in seen:
                    yield Failure(
                        item=item.id, reason=f"duplicate id (first read from {seen[item.id]})"
                    )
                    continue
                seen[item.id] = writable_id(source)
            yield item


def read_sources(
    sources: Iterable[str], allow_private: bool = False
) -> Iterator[Article | Failure]:
    """Every article in the given sources, extracted now, in order."""
    for item in read_documents(sources, allow_private):
        yield load(item) if isinstance(item, Document) else item


def load(doc: Document) -> Article | Failure:
    """The document's Article, or the Failure that names why it has none."""
    try:
        return to_article(doc)
    except Exception as exc:
        return Failure(item=doc.id, reason=reason(exc))


def reason(exc: BaseException) -> str:
    """An error as the reason an item failed: ours as they say, others with their type."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    return f"{exc.__class__.__name__}: {exc}"


def _guarded(name: str, items: Iterator[Item]) -> Iterator[Item]:
    """The items of one source, and its Failure when reading it raises, whatever the error:
    the documents before the error stand, the batch goes on."""
    try:
        yield from items
    except Exception as exc:
        log.debug("reading %s failed", name, exc_info=True)
        yield Failure(item=name, reason=reason(exc))


def _read_one(source: str, allow_private: bool) -> Iterator[Item]:
    yield from _guarded(writable_id(source), _source_items(source, allow_private))


def _source_items(source: str, allow_private: bool) -> Iterator[Item]:
    if is_url(source):
        yield from _read_url(source, allow_private)
        return
    path = Path(source)
    if path.is_dir():
        for file in _walk(path, writable_id(source)):
            if isinstance(file, Failure):
                yield file
                continue
            real = os.path.join(source, os.path.relpath(file, path))
            yield from _guarded(writable_id(real), _read_file(real))
        return
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, "no such file or directory")
    yield from _read_file(source)


def _suffix_kind(name: str) -> SourceKind | None:
    lower = name.lower().removesuffix(".gz")
    return next((kind for sfx, kind in SUFFIX_KINDS.items() if lower.endswith(sfx)), None)


def _walk(root: Path, name: str) -> list[Path | Failure]:
    """Supported files below root, sorted for determinism, hidden entries skipped; a
    directory that cannot be listed is a Failure in its place."""
    found: list[Path | Failure] = []

    def unlisted(exc: OSError) -> None:
        where = os.path.join(name, os.path.relpath(exc.filename, root)) if exc.filename else name
        found.append(Failure(item=writable_id(where), reason=reason(exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for file in sorted(filenames):
            if file.startswith("."):
                continue
            if _suffix_kind(file):
                found.append(Path(dirpath) / file)
            else:
                log.info("skipped %s: not a supported file type", writable_id(file))
    return found


def _sniffed_kind(source: Source) -> SourceKind:
    """The kind of a source whose name says nothing, from its first characters."""
    head = source.text.lstrip()[:2000]
    if feed.looks_like_feed(head):
        return "feed"
    if head.startswith("<"):
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def _read_file(name: str) -> Iterator[Item]:
    kind = _suffix_kind(name)
    if kind == "jsonl":
        with bounded.open_stream(name) as fh:
            yield from _rows(bounded.lines(fh), writable_id(name))
        return
    source = Source(name=writable_id(name), data=bounded.read_file(name), path=writable_id(name))
    yield from READERS[kind or _sniffed_kind(source)](source)


def _rows(lines: Iterable[tuple[int, bytes | Exception]], origin: str) -> Iterator[Item]:
    for result in jsonl.parse_lines(lines, origin):
        if isinstance(result, Document):
            yield result
        else:
            item, exc = result
            yield Failure(item=item, reason=reason(exc))


def _jsonl_documents(source: Source) -> Iterator[Item]:
    yield from _rows(bounded.lines(io.BytesIO(source.data)), source.name)


def _feed_documents(source: Source) -> Iterator[Item]:
    for result in feed.parse_feed(source.data, source.name, source.charset):
        if isinstance(result, Document):
            yield result
        else:
            item, exc = result
            yield Failure(item=item, reason=reason(exc))


def _html_document(source: Source) -> Iterator[Item]:
    yield Document(
        id=source.name, kind="html", content=source.text, path=source.path, fetched_from=source.url
    )


def _text_document(source: Source) -> Iterator[Item]:
    text = source.text
    if "\x00" in text:
        raise MalformedInput("binary content in text file")
    yield Document(
        id=source.name,
        kind="text",
        content=text,
        title=headline(text),
        path=source.path,
        fetched_from=source.url,
    )


READERS: dict[SourceKind, Callable[[Source], Iterator[Item]]] = {
    "jsonl": _jsonl_documents,
    "feed": _feed_documents,
    "html": _html_document,
    "text": _text_document,
}
"""The reader of each kind of source: its bytes, read within their limit → documents."""


def _url_kind(url: str, source: Source) -> SourceKind:
    content_type = source.content_type or ""
    for word, kind in CONTENT_TYPE_KINDS:
        if word in content_type:
            return kind
    if content_type.endswith("xml") and feed.looks_like_feed(source.text):
        return "feed"
    return _suffix_kind(urlsplit(url).path) or _sniffed_kind(source)


def _read_url(url: str, allow_private: bool) -> Iterator[Item]:
    got = fetch(url, allow_private=allow_private)
    source = Source(
        name=writable_id(url),
        data=got.content,
        url=got.url,
        content_type=got.content_type,
        charset=got.charset,
    )
    yield from READERS[_url_kind(url, source)](source)


def headline(text: str) -> str | None:
    """The first line of a plain-text report when it reads as a headline."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) <= 200 and not first.endswith((".", "!", "?", '"', "”", ":")):
        return first
    return None
