"""Persistence behind one small interface: SQLite by default, any SQLAlchemy URL otherwise.

State lives only here. Each article is committed in its own transaction, so a run that
is killed mid-ingest loses at most the article it was writing. Re-ingesting an article
already stored (same URL, or the same text once whitespace and case are normalised) is
a no-op that returns the stored id.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Index,
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


# --- Story briefs: the fused stories the web app lists and serves -----------------------
#
# Fusing a story is the expensive step, so each story is fused once per change of its
# articles and kept here with what its listing shows. `version` names the article set it
# was fused from; a brief whose version no longer matches the story's articles is stale.

story_briefs_t = Table(
    "story_briefs",
    metadata,
    Column("story_id", String(256), primary_key=True),
    Column("version", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("articles", Text, nullable=False),
    Column("outlets", Text, nullable=False),
    Column("outlet_keys", Text, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("conflicts", Integer, nullable=False),
    Column("first_seen", String(32), nullable=False),
    Column("updated", String(32), nullable=False),
    Column("search", Text, nullable=False),
    Column("data", Text, nullable=False),
    Index("story_briefs_updated", "updated", "story_id"),
)

_KEY_SEP = "\x1f"
"""Separates the casefolded outlet names in `outlet_keys`, so a filter matches whole names."""


@dataclass(frozen=True)
class StoryBrief:
    """One fused story as the web app lists it, with the Story JSON it serves."""

    id: str
    version: str
    title: str
    articles: list[str]
    outlets: list[str]
    claims: int
    conflicts: int
    first_seen: str
    updated: str
    search: str
    data: str


def story_version(article_ids: Iterable[str]) -> str:
    """Name of a story's article set: the same articles, in any order, the same version."""
    joined = "\n".join(sorted(article_ids))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def _like(term: str) -> str:
    """A LIKE pattern that matches `term` anywhere, its wildcards taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _brief_row(row: Any) -> StoryBrief:
    return StoryBrief(
        id=row.story_id,
        version=row.version,
        title=row.title,
        articles=json.loads(row.articles),
        outlets=json.loads(row.outlets),
        claims=row.claims,
        conflicts=row.conflicts,
        first_seen=row.first_seen,
        updated=row.updated,
        search=row.search,
        data=row.data,
    )


class BriefStore(Store):
    """A Store that also keeps each story's fused brief for listing and serving."""

    def story_members(self, story_ids: Sequence[str] | None = None) -> dict[str, list[str]]:
        """Article ids of each story (of the given ones, or of all), in the order added."""
        query = (
            select(stories_t.c.story_id, stories_t.c.article_id)
            .join(articles_t, articles_t.c.id == stories_t.c.article_id)
            .order_by(articles_t.c.seq)
        )
        if story_ids is not None:
            query = query.where(stories_t.c.story_id.in_(list(story_ids)))
        members: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for story_id, article_id in conn.execute(query):
                members.setdefault(story_id, []).append(article_id)
        return members

    def brief_versions(self) -> dict[str, str]:
        """The version of every kept brief, by story id."""
        query = select(story_briefs_t.c.story_id, story_briefs_t.c.version)
        with self.engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(query)}

    def put_brief(self, brief: StoryBrief) -> None:
        """Keep (or replace) a story's brief; a replaced one keeps its first_seen."""
        with self.engine.begin() as conn:
            old = conn.execute(
                select(story_briefs_t.c.first_seen).where(story_briefs_t.c.story_id == brief.id)
            ).first()
            first_seen = old[0] if old else brief.first_seen
            conn.execute(delete(story_briefs_t).where(story_briefs_t.c.story_id == brief.id))
            conn.execute(
                insert(story_briefs_t).values(
                    story_id=brief.id,
                    version=brief.version,
                    title=brief.title,
                    articles=json.dumps(brief.articles, ensure_ascii=False),
                    outlets=json.dumps(brief.outlets, ensure_ascii=False),
                    outlet_keys=_KEY_SEP
                    + _KEY_SEP.join(o.casefold() for o in brief.outlets)
                    + _KEY_SEP,
                    claims=brief.claims,
                    conflicts=brief.conflicts,
                    first_seen=first_seen,
                    updated=brief.updated,
                    search=brief.search,
                    data=brief.data,
                )
            )

    def drop_briefs(self, story_ids: Sequence[str]) -> None:
        """Forget the briefs of stories that no longer hold any article."""
        if story_ids:
            with self.engine.begin() as conn:
                conn.execute(
                    delete(story_briefs_t).where(story_briefs_t.c.story_id.in_(list(story_ids)))
                )

    def brief(self, story_id: str) -> StoryBrief | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(story_briefs_t).where(story_briefs_t.c.story_id == story_id)
            ).first()
        return _brief_row(row) if row else None

    def list_briefs(
        self,
        q: str | None = None,
        since: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        after: tuple[str, str] | None = None,
    ) -> list[StoryBrief]:
        """Briefs newest first (by `updated`, then id): those whose search text holds every
        word of `q`, updated at or after `since`, carrying `outlet` (whole name, any case),
        after the (updated, id) cursor `after`; at most `limit`."""
        t = story_briefs_t
        query = select(t).order_by(t.c.updated.desc(), t.c.story_id.desc()).limit(limit)
        for word in (q or "").casefold().split():
            query = query.where(t.c.search.like(_like(word), escape="\\"))
        if since:
            query = query.where(t.c.updated >= since)
        if outlet:
            key = _KEY_SEP + outlet.strip().casefold() + _KEY_SEP
            query = query.where(t.c.outlet_keys.like(_like(key), escape="\\"))
        if after:
            updated, story_id = after
            query = query.where(
                (t.c.updated < updated) | ((t.c.updated == updated) & (t.c.story_id < story_id))
            )
        with self.engine.connect() as conn:
            return [_brief_row(r) for r in conn.execute(query)]

    def brief_outlets(self) -> list[str]:
        """Every outlet of a kept brief, sorted (the list page's outlet filter)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(story_briefs_t.c.outlets))
            names = {name for (outlets,) in rows for name in json.loads(outlets)}
        return sorted(names, key=str.casefold)

    def story_of(self, article_id: str) -> str | None:
        """The story a stored article belongs to, if it has one yet."""
        query = select(stories_t.c.story_id).where(stories_t.c.article_id == article_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return row[0] if row else None

    def article_data(self, article_id: str) -> str | None:
        """A stored article's JSON as stored (what `analyze` writes), not parsed."""
        query = select(articles_t.c.data).where(articles_t.c.id == article_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return row[0] if row else None
