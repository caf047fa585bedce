"""Persistence behind one small interface: a SQLite file by default, PostgreSQL by URL.

State lives only here. Each article is committed in its own transaction, so a run that
is killed mid-ingest loses at most the article it was writing; its articles without a
story are given one by the next run.

What a report is: its id, else its URL, names it; its text (case and whitespace folded)
tells a new report from one already stored. The same text again, under any id, is a
quiet no-op. An id or URL already stored with *other* text is a new version of that
article: the current text replaces the stored one, which is kept in `article_versions`,
and the article stays in its story, whose account is fused from the current texts.
Refusing instead would lose every correction an outlet publishes under the same address
and fail every re-poll of a feed that carries it.

Several processes may write at once (`newsfuse.store.locks`). Articles are stored
concurrently; a unique id and text make a duplicate stored by another writer in the
meantime a conflict that is retried as a lookup. The story index has one writer at a
time, and its continuation is left to the last ingest to finish storing, which clusters
every unassigned article in one pass. Online clustering depends on the order articles
arrive in; the index sees them in an order of their own (publication, then id), not the
order writers happened to commit in, so concurrent ingests of a set of articles give the
stories of one ingest of the same set. Reads list articles in the same order.

The schema carries a version (`newsfuse.store.schema`): an older database is upgraded
when opened, a newer one refused.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Select,
    delete,
    event,
    func,
    insert,
    make_url,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine, create_engine
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from newsfuse.errors import InputError, NotFound
from newsfuse.model import Article, StoryAssignment
from newsfuse.settings import SQLITE_BUSY_TIMEOUT_S
from newsfuse.store.locks import Locks, Writing, locks_for
from newsfuse.store.schema import (
    SCHEMA_VERSION,
    SchemaVersionError,
    article_versions,
    articles,
    blobs,
    check,
    publication_key,
    stories,
    upgrade,
    version_of,
)

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "Added",
    "BriefStore",
    "Match",
    "NotStored",
    "SchemaVersionError",
    "Store",
    "StoryBrief",
    "StorySummary",
    "Writing",
    "source_hash",
    "story_version",
    "text_hash",
]

DEFAULT_DB = "newsfuse.db"

ID_WIDTH = articles.c.id.type.length  # type: ignore[attr-defined]
URL_WIDTH = articles.c.url.type.length  # type: ignore[attr-defined]
"""An id longer than its column is refused; a longer URL is kept in the article only (and
not matched on)."""

ADD_ATTEMPTS = 3
"""Tries to store one article when concurrent writers keep colliding with it."""

Outcome = Literal["added", "updated", "stored"]
"""A new article; a new version of a stored one; already stored (the same text)."""


class Added(NamedTuple):
    """What `Store.add` did, and the id the article is stored under (a stored article's,
    when the text was there already)."""

    id: str
    outcome: Outcome


@dataclass(frozen=True)
class Match:
    """A stored article that an incoming document may be: found by its id, its URL, or
    its text."""

    id: str
    by: Literal["id", "url", "text"]
    text_hash: str
    source_hash: str | None


@dataclass(frozen=True)
class StorySummary:
    id: str
    title: str
    articles: int


class NotStored(InputError):
    """The database cannot hold this article (an id too long, text it refuses)."""


IndexStep = Callable[[bytes | None, Iterator[Article]], tuple[list[StoryAssignment], bytes]]
"""Continues a story index: (stored index, articles without a story) to (their
assignments and any moves of earlier articles, the new index)."""


def text_hash(text: str) -> str:
    """Hash of the text with case and whitespace folded: the same report twice is one."""
    norm = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()


def source_hash(content: str) -> str:
    """Digest of a document exactly as read (a page's markup, a file's text)."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def database_url(target: str | Path) -> str:
    """The SQLAlchemy URL of a file path (SQLite) or a database URL; `postgresql://`
    means psycopg 3 (the `postgres` extra), not SQLAlchemy's default psycopg2."""
    target = str(target)
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    url = make_url(target)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _write_ahead_log(dbapi_conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode (readers never wait for the writer). Switching fails
    at once, busy timeout or not, while another process holds a lock on a new database,
    so it is retried until the timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            if dbapi_conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                dbapi_conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def engine_for(target: str | Path) -> Engine:
    """An engine for a file path (SQLite) or a database URL (postgresql://...).

    SQLite transactions are begun by hand so that a write transaction can take the write
    lock at its start (BEGIN IMMEDIATE): a transaction that read first and upgraded later
    could fail at once, whatever the busy timeout, when another writer committed between.
    """
    url = database_url(target)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        _write_ahead_log(dbapi_conn)
        dbapi_conn.execute("PRAGMA synchronous=NORMAL")

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        write = conn.get_execution_options().get("newsfuse_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


BYTEWISE = {"postgresql": "C", "sqlite": "BINARY"}
"""The collation that compares strings by code point, so that every backend, whatever
its locale, lists articles in the same order."""


def _fit(value: str | None, width: int) -> str | None:
    return value[:width] if value else value


class Store:
    """Analysed articles (and their earlier versions), their stories, and state blobs."""

    def __init__(self, target: str | Path = DEFAULT_DB, *, create: bool = True) -> None:
        """Open (and create, or upgrade) the store; with `create=False` a SQLite file that
        does not exist is NotFound rather than made."""
        self.engine = engine_for(target)
        url = self.engine.url
        sqlite = url.get_backend_name() == "sqlite"
        self.where = str(url.database) if sqlite else url.render_as_string(hide_password=True)
        """The database, for messages (a PostgreSQL URL without its password)."""
        if not create and sqlite and not (url.database and Path(url.database).exists()):
            raise NotFound(f"no database at {self.where}")
        self._writer = self.engine.execution_options(newsfuse_write=True)
        self._bytewise = BYTEWISE.get(self.engine.dialect.name)
        self.locks: Locks = locks_for(self.engine)
        self._open_schema()

    def close(self) -> None:
        self.engine.dispose()

    def transaction(self) -> AbstractContextManager[Connection]:
        """A write transaction (on SQLite it holds the write lock from its start)."""
        return self._writer.begin()

    def _open_schema(self) -> None:
        with self.engine.connect() as conn:
            found = version_of(conn)
        check(found, self.where)
        if found == SCHEMA_VERSION:
            return
        with self.transaction() as conn:
            self.locks.schema(conn)
            upgrade(conn, self.where)

    def _canonical(self, query: Select) -> Select:  # type: ignore[type-arg]
        """Articles in publication order, then by id: an order of their own, the same
        whatever order concurrent writers stored them in, and on every backend."""
        published, art_id = articles.c.published_at, articles.c.id
        if self._bytewise:
            published, art_id = published.collate(self._bytewise), art_id.collate(self._bytewise)
        return query.order_by(articles.c.published_at.is_(None), published, art_id)

    # -- writing articles ------------------------------------------------------------

    def lookup(self, article_id: str, url: str | None, digest: str | None = None) -> Match | None:
        """The stored article this document would be: same id, else same URL, else (when
        the `text_hash` of its text is given) the same text."""
        cols = (articles.c.id, articles.c.text_hash, articles.c.source_hash)
        with self.engine.connect() as conn:
            for by, cond in self._identities(article_id, url, digest):
                row = conn.execute(select(*cols).where(cond).order_by(articles.c.seq)).first()
                if row is not None:
                    return Match(row.id, by, row.text_hash, row.source_hash)
        return None

    @staticmethod
    def _identities(
        article_id: str, url: str | None, digest: str | None
    ) -> Iterator[tuple[Literal["id", "url", "text"], ColumnElement[bool]]]:
        yield "id", articles.c.id == article_id
        if url and len(url) <= URL_WIDTH:
            yield "url", articles.c.url == url
        if digest is not None:
            yield "text", articles.c.text_hash == digest

    def add(self, article: Article, source: str | None = None) -> Added:
        """Store one analysed article in its own transaction (`source`: the digest of the
        document it was read from). A conflict with a concurrent writer is looked up
        again; NotStored when the database cannot hold the article."""
        if len(article.id) > ID_WIDTH:
            raise NotStored(f"not stored: an id longer than {ID_WIDTH} characters")
        digest = text_hash(article.text)
        for attempt in range(ADD_ATTEMPTS):
            try:
                with self.transaction() as conn:
                    return self._add(conn, article, digest, source)
            except IntegrityError:
                if attempt == ADD_ATTEMPTS - 1:
                    raise
            except (DataError, ValueError) as exc:
                raise NotStored(f"not stored: {_cause(exc)}") from exc
            except StatementError as exc:  # a value the driver cannot send (no DBAPI error)
                if not isinstance(exc.orig, ValueError):
                    raise
                raise NotStored(f"not stored: {_cause(exc)}") from exc
        raise AssertionError("unreachable")

    def _add(self, conn: Connection, article: Article, digest: str, source: str | None) -> Added:
        now = datetime.now(UTC)
        same = None
        for _by, cond in self._identities(article.id, article.url, None):
            same = conn.execute(
                select(
                    articles.c.id,
                    articles.c.url,
                    articles.c.text_hash,
                    articles.c.version,
                    articles.c.data,
                    articles.c.stored_at,
                )
                .where(cond)
                .order_by(articles.c.seq)
                .limit(1)
            ).first()
            if same is not None:
                break
        if same is not None and same.text_hash == digest:
            if source:
                conn.execute(
                    update(articles).where(articles.c.id == same.id).values(source_hash=source)
                )
            return Added(same.id, "stored")
        copy = conn.execute(select(articles.c.id).where(articles.c.text_hash == digest)).first()
        if copy is not None:
            return Added(copy.id, "stored")
        if same is None:
            conn.execute(insert(articles).values(**self._row(article, digest, source, now)))
            return Added(article.id, "added")
        current = article.model_copy(update={"id": same.id, "url": article.url or same.url})
        conn.execute(
            insert(article_versions).values(
                article_id=same.id,
                version=same.version,
                text_hash=same.text_hash,
                data=same.data,
                stored_at=same.stored_at,
            )
        )
        row = self._row(current, digest, source, now) | {"version": same.version + 1}
        conn.execute(update(articles).where(articles.c.id == same.id).values(**row))
        return Added(same.id, "updated")

    @staticmethod
    def _row(article: Article, digest: str, source: str | None, now: datetime) -> dict[str, object]:
        url = article.url if article.url and len(article.url) <= URL_WIDTH else None
        return {
            "id": article.id,
            "url": url,
            "text_hash": digest,
            "published": _fit(article.published, 40),
            "published_at": publication_key(article.published),
            "outlet": _fit(article.outlet, 256),
            "title": article.title,
            "data": article.model_dump_json(),
            "lead": _lead_bytes(article),
            "source_hash": source,
            "stored_at": now,
        }

    @contextmanager
    def writing(self) -> Iterator[Writing]:
        """Mark this process as storing articles until `finish()` (or the end of the
        block); `finish()` says whether it was the last writer storing."""
        with self.locks.writing() as writing:
            yield writing

    # -- reading articles ------------------------------------------------------------

    def count(self, *, without_story: bool = False) -> int:
        """Stored articles (only those without a story yet, when asked)."""
        query = select(func.count()).select_from(articles)
        if without_story:
            query = query.outerjoin(stories, articles.c.id == stories.c.article_id).where(
                stories.c.story_id.is_(None)
            )
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles (their current versions) in publication order, then by id (or
        in the order of `ids`)."""
        query = self._canonical(select(articles.c.id, articles.c.data))
        if ids is not None:
            query = query.where(articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = {r.id: r.data for r in conn.execute(query)}
        order = list(ids) if ids is not None else list(rows)
        return [Article.model_validate_json(rows[i]) for i in order if i in rows]

    def versions(self, article_id: str) -> list[Article]:
        """Every version of an article, the first stored first and the current one last."""
        with self.engine.connect() as conn:
            old = conn.execute(
                select(article_versions.c.data)
                .where(article_versions.c.article_id == article_id)
                .order_by(article_versions.c.version)
            ).all()
            current = conn.execute(select(articles.c.data).where(articles.c.id == article_id)).all()
        return [Article.model_validate_json(r.data) for r in [*old, *current]]

    # -- stories ---------------------------------------------------------------------

    def set_stories(self, assignments: Iterable[StoryAssignment]) -> None:
        """Record (or move) articles' stories in one transaction."""
        with self.transaction() as conn:
            self._set_stories(conn, list(assignments))

    @staticmethod
    def _set_stories(conn: Connection, assignments: list[StoryAssignment]) -> None:
        rows = [{"article_id": a.id, "story_id": a.story} for a in assignments]
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            moved = [r["article_id"] for r in chunk]
            conn.execute(delete(stories).where(stories.c.article_id.in_(moved)))
            conn.execute(insert(stories), chunk)

    def continue_index(self, key: str, step: IndexStep) -> list[StoryAssignment]:
        """Continue the story index stored under `key` over every article without a
        story, one process at a time: `step` gets the stored index (None at first) and
        those articles in publication order, then by id; the assignments and the index it
        returns are written in one transaction. Nothing to assign: nothing written."""
        with self.locks.index():
            with self.engine.connect() as conn:
                if conn.execute(self._unassigned().limit(1)).first() is None:
                    return []
                blob = conn.execute(select(blobs.c.value).where(blobs.c.key == key)).scalar()
                rows = conn.execution_options(yield_per=256).execute(self._unassigned())
                todo = (_with_lead(Article.model_validate_json(r.data), r.lead) for r in rows)
                assigned, index = step(bytes(blob) if blob is not None else None, todo)
            with self.transaction() as conn:
                self._set_stories(conn, assigned)
                self._put_blob(conn, key, index)
        return assigned

    def _unassigned(self) -> Select:  # type: ignore[type-arg]
        return self._canonical(
            select(articles.c.data, articles.c.lead)
            .outerjoin(stories, articles.c.id == stories.c.article_id)
            .where(stories.c.story_id.is_(None))
        )

    def unassigned(self) -> list[Article]:
        """Stored articles that have no story yet (new, or stored by an interrupted run)."""
        with self.engine.connect() as conn:
            return [Article.model_validate_json(r.data) for r in conn.execute(self._unassigned())]

    def assignments(self) -> list[StoryAssignment]:
        query = self._canonical(
            select(stories.c.article_id, stories.c.story_id).join(
                articles, articles.c.id == stories.c.article_id
            )
        )
        with self.engine.connect() as conn:
            return [StoryAssignment(id=r[0], story=r[1]) for r in conn.execute(query)]

    def stories(self) -> list[StorySummary]:
        """Stories with their size and a title (the first titled article's, in publication
        order), the largest first."""
        titles: dict[str, str] = {}
        counts: dict[str, int] = {}
        query = self._canonical(
            select(stories.c.story_id, articles.c.title, articles.c.id).join(
                articles, articles.c.id == stories.c.article_id
            )
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

    def story_of(self, article_id: str) -> str | None:
        """The story a stored article belongs to, if it has one yet."""
        query = select(stories.c.story_id).where(stories.c.article_id == article_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return row[0] if row else None

    def story_articles(self, story_id: str) -> list[Article]:
        """A story's articles in publication order, then by id."""
        query = self._canonical(
            select(articles.c.data)
            .join(stories, articles.c.id == stories.c.article_id)
            .where(stories.c.story_id == story_id)
        )
        with self.engine.connect() as conn:
            return [Article.model_validate_json(r[0]) for r in conn.execute(query)]

    # -- blobs -----------------------------------------------------------------------

    def get_blob(self, key: str) -> bytes | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(blobs.c.value).where(blobs.c.key == key)).first()
        return bytes(row[0]) if row else None

    def put_blob(self, key: str, value: bytes) -> None:
        with self.transaction() as conn:
            self._put_blob(conn, key, value)

    @staticmethod
    def _put_blob(conn: Connection, key: str, value: bytes) -> None:
        conn.execute(delete(blobs).where(blobs.c.key == key))
        conn.execute(insert(blobs).values(key=key, value=value))


def _lead_bytes(article: Article) -> bytes | None:
    """The article's lead embedding as stored (float32), if a worker computed it."""
    return None if article._lead is None else np.asarray(article._lead, np.float32).tobytes()


def _with_lead(article: Article, stored: bytes | None) -> Article:
    """The stored article with its stored lead embedding (none for one stored before
    schema 3: clustering embeds it)."""
    if stored is not None:
        article._lead = np.frombuffer(stored, dtype=np.float32)
    return article


def _cause(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


from newsfuse.store.briefs import BriefStore, StoryBrief, story_version  # noqa: E402
