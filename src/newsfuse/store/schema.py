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

from sqlalchemy import (
    Column,
    DateTime,
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

SCHEMA_VERSION = 2
"""1: articles, stories, blobs (newsfuse 0.1, no version recorded). 2: article versions
(`articles.version`, `article_versions`), the source digest and the time stored."""

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
)
"""The current version of every article: `data` is the analysed Article as JSON;
`source_hash` digests the document as read (its markup for a page), so that a page read
again unchanged is skipped before its extraction."""

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


def _v1_to_v2(conn: Connection) -> None:
    for name in ("version", "source_hash", "stored_at"):
        add_column(conn, articles.c[name])
    article_versions.create(conn)


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2}
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
