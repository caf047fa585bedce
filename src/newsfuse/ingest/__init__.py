"""Reading sources into Articles: files, directories, JSONL, HTML, feeds and URLs.

`read_sources` yields an Article per readable item and a Failure (item, reason) per
unreadable one, in input order, so that one bad file never stops a batch.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfuse.errors import InputError, MalformedInput
from newsfuse.ingest import feed, jsonl
from newsfuse.ingest.decode import check_size, decode, gunzip
from newsfuse.ingest.html import extract_html
from newsfuse.ingest.url import fetch, is_url
from newsfuse.model import Article, Failure
from newsfuse.settings import MAX_DOCUMENT_BYTES, SUPPORTED_SUFFIXES

log = logging.getLogger("newsfuse")

Item = Article | Failure


def read_sources(sources: Iterable[str], allow_private: bool = False) -> Iterator[Item]:
    """Every article in the given files, directories and URLs, in order; ids unique."""
    seen: dict[str, str] = {}
    for source in sources:
        for item in _read_one(source, allow_private):
            if isinstance(item, Article):
                if item.id in seen:
                    yield Failure(
                        item=item.id, reason=f"duplicate id (first read from {seen[item.id]})"
                    )
                    continue
                seen[item.id] = source
            yield item


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


def _walk(root: Path) -> list[Path]:
    """Supported files below root, sorted for determinism, hidden entries skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            base = name[:-3] if name.endswith(".gz") else name
            if base.lower().endswith(SUPPORTED_SUFFIXES):
                found.append(Path(dirpath) / name)
            else:
                log.info("skipped %s: not a supported file type", Path(dirpath) / name)
    return found


def _kind_of(name: str, text_head: str) -> str:
    """'jsonl', 'html', 'feed' or 'text', by suffix, else by content."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lower.endswith((".rss", ".atom")):
        return "feed"
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith(".xml"):
        return "feed"
    if lower.endswith((".txt", ".text")):
        return "text"
    head = text_head.lstrip()[:2000]
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
        is_jsonl = lower.removesuffix(".gz").endswith((".jsonl", ".ndjson"))
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
        yield from _from_text(name, text, path=name)
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
        if isinstance(result, Article):
            yield result
        else:
            item, exc = result
            yield Failure(item=item, reason=_reason(exc))


def _from_text(name: str, text: str, path: str | None, url: str | None = None) -> Iterator[Item]:
    kind = _kind_of(name, text[:2000])
    if kind == "jsonl":
        yield from _rows(list(enumerate(text.splitlines(), start=1)), name)
    elif kind == "feed":
        for result in feed.parse_feed(text, name):
            if isinstance(result, Article):
                yield result
            else:
                item, exc = result
                yield Failure(item=item, reason=_reason(exc))
    elif kind == "html":
        page = extract_html(text, url=url)
        yield Article(
            id=name,
            text=page.text,
            title=page.title,
            published=page.published,
            outlet=page.sitename,
            url=page.url or url,
            path=path,
        )
    else:
        if "\x00" in text:
            raise MalformedInput("binary content in text file")
        yield Article(id=name, text=text.strip("\ufeff"), title=headline(text), url=url, path=path)


def _read_url(url: str, allow_private: bool) -> Iterator[Item]:
    try:
        got = fetch(url, allow_private=allow_private)
        text, note = decode(got.content, declared=got.charset)
        if note:
            log.warning("%s: %s", url, note)
        ctype = got.content_type
        if (
            "rss" in ctype
            or "atom" in ctype
            or (ctype.endswith("xml") and feed.looks_like_feed(text))
        ):
            name = url + ".rss"
        elif "html" in ctype:
            name = url + ".html"
        elif "json" in ctype:
            name = url + ".jsonl"
        else:
            name = url
        for item in _from_text(name, text, path=None, url=got.url):
            if isinstance(item, Article) and item.id == name:
                item = item.model_copy(update={"id": url})
            yield item
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
