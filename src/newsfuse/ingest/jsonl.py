"""JSONL rows (`id`, `text` or `html`, optional `title`, `url`, `outlet`, `published`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsfuse.errors import MalformedInput
from newsfuse.ingest.decode import check_size
from newsfuse.ingest.html import extract_html
from newsfuse.model import Article


def parse_lines(
    lines: Iterator[tuple[int, str]], origin: str
) -> Iterator[Article | tuple[str, Exception]]:
    """One Article per good row; (item, error) for a bad row, so the batch goes on."""
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
            yield article_from_row(row, default_id=item)
        except Exception as exc:
            yield (item, exc)


def article_from_row(row: Any, default_id: str) -> Article:
    """A contract row to an Article (HTML rows extracted here)."""
    if not isinstance(row, dict):
        raise MalformedInput(f"row is a JSON {type(row).__name__}, not an object")
    raw_id = row.get("id")
    art_id = str(raw_id) if raw_id not in (None, "") else default_id
    text, html = row.get("text"), row.get("html")
    title = _opt_str(row.get("title"))
    published = _opt_str(row.get("published"))
    outlet = _opt_str(row.get("outlet"))
    url = _opt_str(row.get("url"))
    if isinstance(text, str) and text.strip():
        body = text
    elif isinstance(html, str) and html.strip():
        page = extract_html(html, url=url)
        body = page.text
        title = title or page.title
        published = published or page.published
        outlet = outlet or page.sitename
        url = url or page.url
    else:
        raise MalformedInput(f"row {art_id!r} has no non-empty 'text' or 'html'")
    return Article(id=art_id, text=body, title=title, outlet=outlet, published=published, url=url)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None
