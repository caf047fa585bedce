"""JSONL rows (`id`, `text` or `html`, optional `title`, `url`, `outlet`, `published`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsfuse.errors import MalformedInput
from newsfuse.ingest.decode import check_size
from newsfuse.ingest.document import Document, to_article
from newsfuse.model import Article


def parse_lines(
    lines: Iterator[tuple[int, str]], origin: str
) -> Iterator[Document | tuple[str, Exception]]:
    """One Document per good row; (item, error) for a bad row, so the batch goes on."""
    for lineno, line in lines:
        if not line.strip():
            continue
        item = f"{origin}:{lineno}"
        try:
            check_size(len(line.encode("utf-8", "surrogatepass")))
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInput(f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
            yield document_from_row(row, default_id=item)
        except Exception as exc:
            yield (item, exc)


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
