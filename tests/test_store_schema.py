"""The schema version: recorded on creation, an old database upgraded (its data kept), a
newer one refused with both versions named; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    inspect,
    update,
)

from newsfuse.model import Article, StoryAssignment
from newsfuse.store import SCHEMA_VERSION, SchemaVersionError, Store, database_url, text_hash
from newsfuse.store.schema import schema_version, story_briefs
from tests.conftest import run_cli

V1 = MetaData()
"""The tables of newsfuse 0.1, which recorded no schema version: frozen here, as that
release left them, not derived from today's definitions (which the upgrade changes)."""
Table(
    "articles",
    V1,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(1024), nullable=False, unique=True),
    Column("url", String(2048), nullable=True, index=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("published", String(40), nullable=True),
    Column("outlet", String(256), nullable=True),
    Column("title", Text, nullable=True),
    Column("data", Text, nullable=False),
)
Table(
    "stories",
    V1,
    Column("article_id", String(1024), primary_key=True),
    Column("story_id", String(256), nullable=False, index=True),
)
Table(
    "blobs",
    V1,
    Column("key", String(256), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

OLD = [
    Article(id="old-1", text="The harbour wall gave way on Monday.", title="Wall", url="u:1"),
    Article(id="old-2", text="Engineers inspect the harbour wall.", published="2026-03-10"),
]


def make_v1(target: str, briefs: bool = False) -> None:
    """A database as newsfuse 0.1 left it: two articles in one story and an index blob
    (and, with `briefs`, the story_briefs table that later unversioned builds added)."""
    engine = create_engine(database_url(target))
    V1.create_all(engine)
    if briefs:
        story_briefs.to_metadata(MetaData()).create(engine)
    with engine.begin() as conn:
        for art in OLD:
            conn.execute(
                insert(V1.tables["articles"]).values(
                    id=art.id,
                    url=art.url,
                    text_hash=text_hash(art.text),
                    published=art.published,
                    outlet=None,
                    title=art.title,
                    data=art.model_dump_json(),
                )
            )
            conn.execute(insert(V1.tables["stories"]).values(article_id=art.id, story_id="s-old"))
        conn.execute(insert(V1.tables["blobs"]).values(key="story-index", value=b"\x01index"))
    engine.dispose()


def _shape(target: str) -> dict[str, Any]:
    """Tables, columns (type, nullability), keys and indexes, as the database reports them."""
    engine = create_engine(database_url(target))
    found = inspect(engine)
    shape = {
        table: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                for c in found.get_columns(table)
            ],
            "primary": found.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted(
                (tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(table)
            ),
            "unique": sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
        }
        for table in sorted(found.get_table_names())
    }
    engine.dispose()
    return shape


def _recorded(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        return list(conn.execute(schema_version.select()).scalars())


def test_a_new_database_records_its_version(db_url: str) -> None:
    store = Store(db_url)
    assert _recorded(store) == [SCHEMA_VERSION]
    store.close()
    assert _recorded(Store(db_url)) == [SCHEMA_VERSION], "opening again changes nothing"


@pytest.mark.parametrize("briefs", [False, True], ids=["0.1", "0.1+briefs"])
def test_an_old_database_is_upgraded_with_its_data(
    db_url: str, briefs: bool, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    make_v1(db_url, briefs)
    store = Store(db_url)
    assert _recorded(store) == [SCHEMA_VERSION]
    assert store.articles() == [OLD[1], OLD[0]]
    assert [(s.id, s.articles) for s in store.stories()] == [("s-old", 2)]
    assert store.get_blob("story-index") == b"\x01index"
    corrected = Article(id="old-1", text="The harbour wall gave way on Monday night.")
    assert store.add(corrected) == ("old-1", "updated")
    assert [a.text for a in store.versions("old-1")] == [OLD[0].text, corrected.text]
    assert store.add(Article(id="new", text="A new report.")) == ("new", "added")
    store.set_stories([StoryAssignment(id="new", story="s-new")])
    store.close()
    if "://" in db_url:
        fresh = request.getfixturevalue("postgres").create_database(f"fresh_{int(briefs)}")
    else:
        fresh = str(tmp_path / "fresh.db")
    Store(fresh).close()
    assert _shape(db_url) == _shape(fresh), "a migrated database is a new one"


def test_a_newer_database_is_refused_untouched(db_url: str) -> None:
    store = Store(db_url)
    with store.transaction() as conn:
        conn.execute(update(schema_version).values(version=SCHEMA_VERSION + 1))
    store.close()
    with pytest.raises(SchemaVersionError) as refused:
        Store(db_url)
    message = str(refused.value)
    assert f"schema version {SCHEMA_VERSION + 1}" in message
    assert f"versions up to {SCHEMA_VERSION}" in message
    assert "upgrade newsfuse" in message


def test_the_commands_name_a_database_they_cannot_use(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    store = Store(newer)
    with store.transaction() as conn:
        conn.execute(update(schema_version).values(version=SCHEMA_VERSION + 1))
    store.close()
    refused = run_cli("stories", "--db", str(newer))
    assert refused.returncode == 1
    assert f"has schema version {SCHEMA_VERSION + 1}" in refused.stderr
    missing = tmp_path / "typo.db"
    absent = run_cli("stories", "--db", str(missing))
    assert absent.returncode == 2 and "no database at" in absent.stderr
    assert not missing.exists(), "reading a database never creates one"
