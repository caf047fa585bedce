"""The ECB+ dev articles, read and analysed once per process.

Two evaluations (stories, claim alignment) use the same 772 analysed articles; analysing
them takes minutes, so `python -m newsfuse.evaluate` pays for it once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from newsfuse.model import Article
from newsfuse.pipeline import analyze_batch

FILE = "ecbplus-dev.jsonl"


@lru_cache(maxsize=2)
def rows(data_dir: Path, limit: int | None) -> tuple[dict[str, object], ...]:
    """The first `limit` rows (all when None) of the dev file."""
    with (data_dir / FILE).open(encoding="utf-8") as fh:
        out = [json.loads(line) for line in fh if line.strip()]
    return tuple(out[:limit] if limit else out)


@lru_cache(maxsize=2)
def analysed(data_dir: Path, limit: int | None) -> tuple[Article, ...]:
    """Those rows as analysed Articles (text only: ECB+ has no titles or dates)."""
    arts = [Article(id=str(r["id"]), text=str(r["text"])) for r in rows(data_dir, limit)]
    return tuple(analyze_batch(arts))
