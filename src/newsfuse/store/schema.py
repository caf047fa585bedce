"""The store's tables, the schema version recorded in the database, and the migrations.

To add a table or a column: declare it here, raise `SCHEMA_VERSION`, and add the step that
brings a database at the previous version to the new one to `MIGRATIONS` (a new table is
`table.create(conn)`; a new column is `add_column(conn, table.c.name)`). A fresh database
is created at the current version directly; `tests/test_store_schema.py` checks that a
database migrated from version 1 ends up with the same tables and columns.

Creation and migration run in one transaction under a lock (PostgreSQL: an advisory lock;
SQLite: the database's write lock), so several processes opening a new or old database at
once create or migrate it exactly once. A database newer than this code is refused, never
written to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateColumn

from newsfuse.errors import NewsfuseError

SCHEMA_VERSION = 3
"""1: articles, stories, blobs (newsfuse 0.1, no version recorded; later unversioned
builds added story_briefs). 2: article versions (`articles.version`, `article_versions`),
the source digest and the time stored, story briefs. 3: each article's lead embedding
(`articles.lead`), computed by the analysis workers."""

metadata = MetaData()

articles = Table(
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
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("source_hash", String(64), nullable=True),
    Column("stored_at", DateTime(timezone=True), nullable=True),
    Column("published_at", String(19), nullable=True),
    Column("lead", LargeBinary, nullable=True),
)
"""The current version of every article: `data` is the analysed Article as JSON;
`source_hash` digests the document as read (its markup for a page), so that a page read
again unchanged is skipped before its extraction; `published_at` is the publication time
in UTC as `publication_key` writes it, the order articles are read in; `lead` is the
lead's embedding (float32) the analysis computed for clustering, null for an article
stored before schema 3."""

article_versions = Table(
    "article_versions",
    metadata,
    Column("article_id", String(1024), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("text_hash", String(64), nullable=False),
    Column("data", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=True),
)
"""Earlier versions of articles whose text changed (the current one is in `articles`)."""

stories = Table(
    "stories",
    metadata,
    Column("article_id", String(1024), primary_key=True),
    Column("story_id", String(256), nullable=False, index=True),
)

blobs = Table(
    "blobs",
    metadata,
    Column("key", String(256), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

story_briefs = Table(
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
"""Each story's fused brief, as the web app lists and serves it (`newsfuse.store.briefs`)."""

schema_version = Table(
    "newsfuse_schema",
    metadata,
    Column("version", Integer, nullable=False),
)


class SchemaVersionError(NewsfuseError):
    """The database's schema is one this code cannot read or upgrade."""


def add_column(conn: Connection, column: Column[object]) -> None:
    """ALTER TABLE ... ADD COLUMN, spelled for the connection's dialect."""
    spec = CreateColumn(column).compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {column.table.name} ADD COLUMN {spec}"))


def publication_key(published: str | None) -> str | None:
    """A publication date or time as a string that sorts chronologically: the UTC time
    (YYYY-MM-DDTHH:MM:SS; a time without a zone taken as UTC), a date alone at the end of
    its day (T24:00:00, ISO 8601's midnight that ends it: some time that day); None when
    absent or not ISO 8601."""
    if not published:
        return None
    value = published.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat() + "T24:00:00"
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # not ISO 8601; past the calendar's ends in UTC
        return None
    return moment.isoformat(timespec="seconds")


def _v1_to_v2(conn: Connection) -> None:
    for name in ("version", "source_hash", "stored_at", "published_at"):
        add_column(conn, articles.c[name])
    seq = articles.c.seq
    last = -1
    while rows := conn.execute(
        select(seq, articles.c.published).where(seq > last).order_by(seq).limit(1000)
    ).all():
        for row in rows:
            if key := publication_key(row.published):
                conn.execute(update(articles).where(seq == row.seq).values(published_at=key))
        last = rows[-1].seq
    article_versions.create(conn)
    story_briefs.create(conn, checkfirst=True)  # unversioned builds after 0.1 made it


def _v2_to_v3(conn: Connection) -> None:
    add_column(conn, articles.c.lead)  # articles stored before it are embedded when clustered


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}
"""MIGRATIONS[n] brings a database at version n to version n + 1, in the caller's
transaction."""


def version_of(conn: Connection) -> int:
    """The schema version of the database: 0 when it holds no newsfuse tables yet, 1 for
    the tables of newsfuse 0.1 (which recorded no version)."""
    tables = inspect(conn).get_table_names()
    if schema_version.name in tables:
        found = conn.execute(select(schema_version.c.version)).scalar()
        if found is not None:
            return int(found)
    return 1 if articles.name in tables else 0


def check(version: int, where: str) -> None:
    """Refuse a database this code cannot use, naming both versions."""
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{where} has schema version {version}, newer than this newsfuse, which "
            f"knows versions up to {SCHEMA_VERSION}: upgrade newsfuse to use it"
        )
    missing = [v for v in range(max(version, 1), SCHEMA_VERSION) if v not in MIGRATIONS]
    if version and missing:
        raise SchemaVersionError(
            f"{where} has schema version {version}, which this newsfuse cannot upgrade "
            f"to version {SCHEMA_VERSION}"
        )


def upgrade(conn: Connection, where: str) -> int:
    """Create or migrate the schema to `SCHEMA_VERSION` in the caller's transaction (which
    holds the schema lock); the version found."""
    found = version_of(conn)
    check(found, where)
    if found == SCHEMA_VERSION:
        return found
    if found == 0:
        metadata.create_all(conn)
    else:
        for step in range(found, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        schema_version.create(conn, checkfirst=True)
    if conn.execute(select(schema_version.c.version)).first() is None:
        conn.execute(insert(schema_version).values(version=SCHEMA_VERSION))
    else:
        conn.execute(update(schema_version).values(version=SCHEMA_VERSION))
    return found
