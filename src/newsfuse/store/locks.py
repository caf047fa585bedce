"""The locks that let several processes write to one store.

Three locks, each released by the operating system or the server when its holder dies, so
that a killed process never leaves one behind:

- the *schema* lock, held while a database is created or migrated;
- the *writers* lock, held shared by every ingest while it stores articles. An ingest that
  has stored its last article lets go of it and asks for it alone, without waiting: if it
  gets it, no other ingest is still storing and this one continues the stories; if not,
  the last ingest to finish storing will, over every article then unassigned;
- the *index* lock: one process at a time continues the story index.

PostgreSQL: advisory locks (session locks on a connection of their own; the schema lock
for the creating transaction). SQLite: `flock` on two empty files beside the database
(`NAME-writers.lock`, `NAME-index.lock`), never on the database file itself, whose POSIX
locks SQLite owns; the schema lock is the database's own write lock.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

ADVISORY_SPACE = 0x6E667573
"""First key of every newsfuse advisory lock ("nfus"): other applications sharing the
database are not disturbed."""

SCHEMA, INDEX, WRITERS = 1, 2, 3


class Writing:
    """An ingest storing articles: it holds the writers lock shared until `finish()`."""

    def __init__(self, release: Callable[[], None], alone: Callable[[], bool]) -> None:
        self._release, self._alone = release, alone
        self.last: bool | None = None

    def finish(self) -> bool:
        """Stop storing; True when no other writer is still storing (this one is the last,
        and continues the stories)."""
        if self.last is None:
            self._release()
            self.last = self._alone()
        return self.last


class Locks(Protocol):
    def schema(self, conn: Connection) -> None:
        """Hold the schema lock until `conn`'s transaction ends."""
        ...

    def writing(self) -> Iterator[Writing]: ...

    def index(self) -> Iterator[None]: ...


def locks_for(engine: Engine) -> Locks:
    if engine.dialect.name == "postgresql":
        return AdvisoryLocks(engine)
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        return FileLocks(Path(database))
    return ProcessLocks()


def _advisory(conn: Connection, function: str, key: int) -> object:
    """Call one of PostgreSQL's advisory lock functions on newsfuse's lock `key`."""
    return conn.execute(
        text(f"SELECT {function}(:s, :k)"), {"s": ADVISORY_SPACE, "k": key}
    ).scalar()


class AdvisoryLocks:
    """PostgreSQL advisory locks, scoped to the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def schema(self, conn: Connection) -> None:
        _advisory(conn, "pg_advisory_xact_lock", SCHEMA)

    @contextmanager
    def _session(self) -> Iterator[Connection]:
        """A connection of its own for session locks; closed (so its locks are gone) if
        anything goes wrong with it."""
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            yield conn
        except BaseException:
            conn.invalidate()
            raise
        finally:
            conn.close()

    @contextmanager
    def writing(self) -> Iterator[Writing]:
        with self._session() as conn:

            def release() -> None:
                _advisory(conn, "pg_advisory_unlock_shared", WRITERS)

            def alone() -> bool:
                got = bool(_advisory(conn, "pg_try_advisory_lock", WRITERS))
                if got:
                    _advisory(conn, "pg_advisory_unlock", WRITERS)
                return got

            _advisory(conn, "pg_advisory_lock_shared", WRITERS)
            writing = Writing(release, alone)
            yield writing
            if writing.last is None:
                release()

    @contextmanager
    def index(self) -> Iterator[None]:
        with self._session() as conn:
            _advisory(conn, "pg_advisory_lock", INDEX)
            yield
            try:
                _advisory(conn, "pg_advisory_unlock", INDEX)
            except DBAPIError:
                conn.invalidate()


@contextmanager
def _flocked(path: Path, how: int) -> Iterator[int]:
    fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o666)  # flock needs no write access
    try:
        fcntl.flock(fd, how)
        yield fd
    finally:
        os.close(fd)  # closing the last descriptor drops the lock


class FileLocks:
    """`flock` on files beside a SQLite database."""

    def __init__(self, database: Path) -> None:
        self.writers = Path(f"{database}-writers.lock")
        self.index_file = Path(f"{database}-index.lock")

    def schema(self, conn: Connection) -> None:
        """Nothing more: the creating transaction began with BEGIN IMMEDIATE."""

    @contextmanager
    def writing(self) -> Iterator[Writing]:
        with _flocked(self.writers, fcntl.LOCK_SH) as fd:

            def alone() -> bool:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return False
                fcntl.flock(fd, fcntl.LOCK_UN)
                return True

            yield Writing(lambda: fcntl.flock(fd, fcntl.LOCK_UN), alone)

    @contextmanager
    def index(self) -> Iterator[None]:
        with _flocked(self.index_file, fcntl.LOCK_EX):
            yield


class ProcessLocks:
    """An in-memory database: no other process can see it."""

    def __init__(self) -> None:
        self._index = threading.Lock()

    def schema(self, conn: Connection) -> None:
        pass

    @contextmanager
    def writing(self) -> Iterator[Writing]:
        yield Writing(lambda: None, lambda: True)

    @contextmanager
    def index(self) -> Iterator[None]:
        with self._index:
            yield
