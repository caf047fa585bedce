"""Reading sources into Documents: files, directories, JSONL, HTML, feeds and URLs.

`read_documents` yields a Document per readable item and a Failure (item, reason) per
unreadable one, in input order, so that one bad file never stops a batch. What kind of
source a file is comes from one table (`SUFFIX_KINDS`, content sniffed when the suffix
says nothing), and each kind has one reader (`READERS`); each Document becomes an Article
through `newsfuse.ingest.document.KINDS`. `read_sources` does both, for callers that want
Articles at once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from newsfuse.errors import InputError, MalformedInput
from newsfuse.ingest import feed, jsonl
from newsfuse.ingest.decode import check_size, decode, gunzip
from newsfuse.ingest.document import Document, to_article
from newsfuse.ingest.url import fetch, is_url
from newsfuse.model import Article, Failure
from newsfuse.settings import MAX_DOCUMENT_BYTES

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
                seen[item.id] = source
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
    except InputError as exc:
        return Failure(item=doc.id, reason=str(exc))


def _read_one(source: str, allow_private: bool) -> Iterator[Item]:
    if is_url(source):
        yield from _read_url(source, allow_private)
        return
    path = Path(source)
    if path.is_dir():
        for file in _walk(path):
            yield from _read_file(os.path.join(source, os.path.relpath(file, path)))
        return
    if not path.exists():
        yield Failure(item=source, reason="no such file or directory")
        return
    yield from _read_file(source)


def _suffix_kind(name: str) -> SourceKind | None:
    lower = name.lower().removesuffix(".gz")
    return next((kind for sfx, kind in SUFFIX_KINDS.items() if lower.endswith(sfx)), None)


def _walk(root: Path) -> list[Path]:
    """Supported files below root, sorted for determinism, hidden entries skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if _suffix_kind(name):
                found.append(Path(dirpath) / name)
            else:
                log.info("skipped %s: not a supported file type", Path(dirpath) / name)
    return found


def _sniffed_kind(text: str) -> SourceKind:
    """The kind of a source whose name says nothing, from its first characters."""
    head = text.lstrip()[:2000]
    if feed.looks_like_feed(head):
        return "feed"
    if head.startswith("<"):
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def _read_file(name: str) -> Iterator[Item]:
    try:
        size = os.path.getsize(name)
        lower = name.lower()
        is_jsonl = _suffix_kind(name) == "jsonl"
        if is_jsonl and not lower.endswith(".gz"):
            yield from _read_jsonl_file(name)
            return
        if not is_jsonl:
            check_size(size)
        with open(name, "rb") as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1 if not is_jsonl else -1)
        if lower.endswith(".gz"):
            data = gunzip(data, limit=MAX_DOCUMENT_BYTES if not is_jsonl else 1 << 34)
        text, note = decode(data)
        if note:
            log.warning("%s: %s", name, note)
        kind = _suffix_kind(name) or _sniffed_kind(text)
        yield from READERS[kind](name, text, name, None)
    except InputError as exc:
        yield Failure(item=name, reason=str(exc))
    except OSError as exc:
        yield Failure(item=name, reason=f"cannot read: {exc.strerror or exc}")


def _read_jsonl_file(name: str) -> Iterator[Item]:
    """Stream a JSONL file row by row: no size limit on the file, one per row."""
    with open(name, "rb") as fh:
        lines: list[tuple[int, str]] = []
        for lineno, raw in enumerate(fh, start=1):
            try:
                lines.append((lineno, raw.decode("utf-8")))
            except UnicodeDecodeError as exc:
                yield Failure(item=f"{name}:{lineno}", reason=f"invalid UTF-8 at byte {exc.start}")
                continue
            if len(lines) >= 256:
                yield from _rows(lines, name)
                lines = []
        yield from _rows(lines, name)


def _rows(lines: list[tuple[int, str]], origin: str) -> Iterator[Item]:
    for result in jsonl.parse_lines(iter(lines), origin):
        if isinstance(result, Document):
            yield result
        else:
            item, exc = result
            yield Failure(item=item, reason=_reason(exc))


def _jsonl_documents(name: str, text: str, _path: str | None, _url: str | None) -> Iterator[Item]:
    yield from _rows(list(enumerate(text.splitlines(), start=1)), name)


def _feed_documents(name: str, text: str, _path: str | None, _url: str | None) -> Iterator[Item]:
    for result in feed.parse_feed(text, name):
        if isinstance(result, Document):
            yield result
        else:
            item, exc = result
            yield Failure(item=item, reason=_reason(exc))


def _html_document(name: str, text: str, path: str | None, url: str | None) -> Iterator[Item]:
    yield Document(id=name, kind="html", content=text, path=path, fetched_from=url)


def _text_document(name: str, text: str, path: str | None, url: str | None) -> Iterator[Item]:
    if "\x00" in text:
        raise MalformedInput("binary content in text file")
    yield Document(
        id=name, kind="text", content=text, title=headline(text), path=path, fetched_from=url
    )


READERS: dict[SourceKind, Callable[[str, str, str | None, str | None], Iterator[Item]]] = {
    "jsonl": _jsonl_documents,
    "feed": _feed_documents,
    "html": _html_document,
    "text": _text_document,
}
"""The reader of each kind of source: (id, decoded text, path, URL) → documents."""


def _url_kind(url: str, content_type: str, text: str) -> SourceKind:
    for word, kind in CONTENT_TYPE_KINDS:
        if word in content_type:
            return kind
    if content_type.endswith("xml") and feed.looks_like_feed(text):
        return "feed"
    return _suffix_kind(urlsplit(url).path) or _sniffed_kind(text)


def _read_url(url: str, allow_private: bool) -> Iterator[Item]:
    try:
        got = fetch(url, allow_private=allow_private)
        text, note = decode(got.content, declared=got.charset)
        if note:
            log.warning("%s: %s", url, note)
        yield from READERS[_url_kind(url, got.content_type, text)](url, text, None, got.url)
    except InputError as exc:
        yield Failure(item=url, reason=str(exc))


def _reason(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    return f"{exc.__class__.__name__}: {exc}"


def headline(text: str) -> str | None:
    """The first line of a plain-text report when it reads as a headline."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) <= 200 and not first.endswith((".", "!", "?", '"', "”", ":")):
        return first
    return None
