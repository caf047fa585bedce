"""Persistence behind one small interface: SQLite by default, any SQLAlchemy URL otherwise.

State lives only here. Each article is committed in its own transaction, so a run that
is killed mid-ingest loses at most the article it was writing. Re-ingesting an article
already stored (same URL, or the same text once whitespace and case are normalised) is
a no-op that returns the stored id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from newsfuse.model import Article, StoryAssignment

DEFAULT_DB = "newsfuse.db"

metadata = MetaData()

articles_t = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(1024), nullable=False, unique=True),
    Column("url", String(2048), nullable=True, index=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("published", String(40), nullable=True),
    Column("outlet", String(256), nullable=True),
    Column("title", Text, nullable=True),
    Column("data", Text, nullable=False),
)

stories_t = Table(
    "stories",
    metadata,
    Column("article_id", String(1024), primary_key=True),
    Column("story_id", String(256), nullable=False, index=True),
)

blobs_t = Table(
    "blobs",
    metadata,
    Column("key", String(256), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)


@dataclass(frozen=True)
class StorySummary:
    id: str
    title: str
    articles: int


def text_hash(text: str) -> str:
    """Hash of the text with case and whitespace folded: the same report twice is one."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def engine_for(target: str | Path) -> Engine:
    """An engine for a file path (SQLite) or a database URL (postgresql://...)."""
    target = str(target)
    url = target if "://" in target else f"sqlite:///{Path(target).expanduser()}"
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


class Store:
    """Analysed articles, their story assignments, and opaque state blobs."""

    def __init__(self, target: str | Path = DEFAULT_DB) -> None:
        self.engine = engine_for(target)
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def find_duplicate(self, article: Article) -> str | None:
        """Id of a stored article with the same id, URL or normalised text."""
        return self.find_stored(article.id, article.url, article.text)

    def find_stored(self, article_id: str, url: str | None, text: str | None) -> str | None:
        """Id of a stored article with this id, this URL, or (when given) this text."""
        cond = articles_t.c.id == article_id
        if url:
            cond = cond | (articles_t.c.url == url)
        if text is not None:
            cond = cond | (articles_t.c.text_hash == text_hash(text))
        with self.engine.connect() as conn:
            row = conn.execute(select(articles_t.c.id).where(cond).limit(1)).first()
        return row[0] if row else None

    def add(self, article: Article) -> tuple[str, bool]:
        """Store one analysed article in its own transaction: (id, True if new)."""
        existing = self.find_duplicate(article)
        if existing is not None:
            return existing, False
        with self.engine.begin() as conn:
            conn.execute(
                insert(articles_t).values(
                    id=article.id,
                    url=article.url,
                    text_hash=text_hash(article.text),
                    published=article.published,
                    outlet=article.outlet,
                    title=article.title,
                    data=article.model_dump_json(),
                )
            )
        return article.id, True

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles_t)).scalar_one())

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles in the order they were added (or in the order of `ids`)."""
        query = select(articles_t.c.id, articles_t.c.data).order_by(articles_t.c.seq)
        if ids is not None:
            query = query.where(articles_t.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = {r.id: r.data for r in conn.execute(query)}
        order = list(ids) if ids is not None else list(rows)
        return [Article.model_validate_json(rows[i]) for i in order if i in rows]

    def set_stories(self, assignments: Iterable[StoryAssignment]) -> None:
        """Record (or move) articles' stories in one transaction."""
        rows = [{"article_id": a.id, "story_id": a.story} for a in assignments]
        if not rows:
            return
        with self.engine.begin() as conn:
            moved = [r["article_id"] for r in rows]
            conn.execute(delete(stories_t).where(stories_t.c.article_id.in_(moved)))
            conn.execute(insert(stories_t), rows)

    def assignments(self) -> list[StoryAssignment]:
        query = (
            select(stories_t.c.article_id, stories_t.c.story_id)
            .join(articles_t, articles_t.c.id == stories_t.c.article_id)
            .order_by(articles_t.c.seq)
        )
        with self.engine.connect() as conn:
            return [StoryAssignment(id=r[0], story=r[1]) for r in conn.execute(query)]

    def unassigned(self) -> list[Article]:
        """Stored articles that have no story yet (new, or stored by an interrupted run)."""
        query = (
            select(articles_t.c.data)
            .outerjoin(stories_t, articles_t.c.id == stories_t.c.article_id)
            .where(stories_t.c.story_id.is_(None))
            .order_by(articles_t.c.seq)
        )
        with self.engine.connect() as conn:
            return [Article.model_validate_json(r[0]) for r in conn.execute(query)]

    def stories(self) -> list[StorySummary]:
        """Stories with their size and a title (the first titled article's)."""
        titles: dict[str, str] = {}
        counts: dict[str, int] = {}
        query = (
            select(stories_t.c.story_id, articles_t.c.title, articles_t.c.id)
            .join(articles_t, articles_t.c.id == stories_t.c.article_id)
            .order_by(articles_t.c.seq)
        )
        with self.engine.connect() as conn:
            for story_id, title, art_id in conn.execute(query):
                counts[story_id] = counts.get(story_id, 0) + 1
                if story_id not in titles or (not titles[story_id] and title):
                    titles[story_id] = title or ""
                titles.setdefault(story_id, art_id)
        out = [StorySummary(s, titles[s] or s, n) for s, n in counts.items()]
        out.sort(key=lambda s: (-s.articles, s.id))
        return out

    def story_articles(self, story_id: str) -> list[Article]:
        """A story's articles in the order they were added."""
        query = (
            select(articles_t.c.data)
            .join(stories_t, articles_t.c.id == stories_t.c.article_id)
            .where(stories_t.c.story_id == story_id)
            .order_by(articles_t.c.seq)
        )
        with self.engine.connect() as conn:
            return [Article.model_validate_json(r[0]) for r in conn.execute(query)]

    def get_blob(self, key: str) -> bytes | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(blobs_t.c.value).where(blobs_t.c.key == key)).first()
        return bytes(row[0]) if row else None

    def put_blob(self, key: str, value: bytes) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(blobs_t).where(blobs_t.c.key == key))
            conn.execute(insert(blobs_t).values(key=key, value=value))
