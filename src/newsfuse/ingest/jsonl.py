"""JSONL rows (`id`, `text` or `html`, optional `title`, `url`, `outlet`, `published`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsfuse.errors import EmptyInput, MalformedInput
from newsfuse.ingest.document import Document, to_article
from newsfuse.model import Article


def parse_lines(
    lines: Iterable[tuple[int, bytes | Exception]], origin: str
) -> Iterator[Document | tuple[str, Exception]]:
    """One Document per good row; (item, error) for a bad row, so the batch goes on, and
    for the file itself when it holds no row at all."""
    rows = 0
    for lineno, line in lines:
        item = f"{origin}:{lineno}"
        if isinstance(line, Exception):
            rows += 1
            yield (item, line)
            continue
        if not line.strip():
            continue
        rows += 1
        try:
            yield document_from_row(_row(line, first=lineno == 1), default_id=item)
        except Exception as exc:
            yield (item, exc)
    if not rows:
        yield (origin, EmptyInput("no rows: the file is empty or holds only blank lines"))


def _row(line: bytes, first: bool) -> Any:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedInput(f"invalid UTF-8 at byte {exc.start}") from exc
    if first:
        text = text.removeprefix("\ufeff")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise MalformedInput("invalid JSON: nested too deeply") from exc


def document_from_row(row: Any, default_id: str) -> Document:
    """A contract row to a Document (its HTML extracted later, with the analysis)."""
    if not isinstance(row, dict):
        raise MalformedInput(f"row is a JSON {type(row).__name__}, not an object")
    raw_id = row.get("id")
    art_id = str(raw_id) if raw_id not in (None, "") else default_id
    meta = {key: _opt_str(row.get(key)) for key in ("title", "url", "outlet", "published")}
    text, html = row.get("text"), row.get("html")
    if isinstance(text, str) and text.strip():
        return Document(id=art_id, kind="text", content=text, **meta)
    if isinstance(html, str) and html.strip():
        return Document(id=art_id, kind="html", content=html, **meta)
    raise MalformedInput(f"row {art_id!r} has no non-empty 'text' or 'html'")


def article_from_row(row: Any, default_id: str) -> Article:
    """A contract row to an Article, its HTML extracted now."""
    return to_article(document_from_row(row, default_id))


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None
