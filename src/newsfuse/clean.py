"""Separating the article from what is not the article (placeholder: owned by the cleaning work)."""

from __future__ import annotations

from newsfuse.model import Article


def body_of(text: str, removed: list) -> str:
    """`text` with every removed segment cut out."""
    out, pos = [], 0
    for seg in sorted(removed, key=lambda s: s.start):
        out.append(text[pos : seg.start])
        pos = max(pos, seg.end)
    out.append(text[pos:])
    return "".join(out).strip()


def clean(article: Article) -> Article:
    """Find removed segments, outlet and dateline; fill `body`."""
    return article.model_copy(update={"body": body_of(article.text, article.removed)})
