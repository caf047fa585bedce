"""Several processes on one store at once, SQLite and PostgreSQL, in real processes.

Writers run the real `pipeline.ingest` with a stand-in analysis (`tests.store_workload`),
so that a round takes milliseconds and the interleavings that once lost articles, failed
schema creation or split stories differently can be tried many times. Set
NEWSFUSE_RACE_ROUNDS to try more rounds than `make test` does. The last test starts two
real `newsfuse ingest` commands.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from newsfuse import pipeline
from newsfuse.settings import Settings
from newsfuse.store import Store
from newsfuse.store.schema import SCHEMA_VERSION, schema_version
from tests.conftest import ROOT, run_cli
from tests.postgres import Scratch
from tests.store_workload import install, serve, workload
from tests.test_store_schema import make_v1

_databases = itertools.count()
ROUNDS = int(os.environ.get("NEWSFUSE_RACE_ROUNDS", "15"))


@dataclass
class Pool:
    tasks: list[Any]
    out: Any

    def run(self, tasks: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        for queue, task in zip(self.tasks, tasks, strict=True):
            queue.put(task)
        done = [self.out.get(timeout=300) for _ in tasks]
        failed = [d[1] for d in done if d[0] == "failed"]
        if failed:
            pytest.fail("a writer failed:\n" + "\n".join(failed))
        return done


WRITERS = 3


@pytest.fixture(scope="module")
def pool() -> Iterator[Pool]:
    """Writer processes that start each task together (started once: each imports the
    pipeline, which takes seconds)."""
    with processes(WRITERS) as started:
        yield started


@contextmanager
def processes(n: int) -> Iterator[Pool]:
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(n, timeout=240)
    out = ctx.Queue()
    tasks = [ctx.Queue() for _ in range(n)]
    procs = [ctx.Process(target=serve, args=(q, start, out), daemon=True) for q in tasks]
    for proc in procs:
        proc.start()
    try:
        yield Pool(tasks, out)
    finally:
        for queue in tasks:
            queue.put(None)
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()


def _fresh(kind: str, tmp_path: Path, n: int, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return str(tmp_path / f"round{n}.db")
    server: Scratch = request.getfixturevalue("postgres")
    return server.create_database(f"race{os.getpid()}_{next(_databases)}")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_processes_opening_a_database_together_create_or_upgrade_it_once(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, pool: Pool
) -> None:
    """A new database (even rounds) or one of newsfuse 0.1 (odd rounds), opened by
    several processes at the same moment."""
    for n in range(ROUNDS):
        db = _fresh(kind, tmp_path, n, request)
        if n % 2:
            make_v1(db)
        pool.run([("open", db)] * WRITERS)
        store = Store(db)
        with store.engine.connect() as conn:
            rows = conn.execute(select(schema_version.c.version)).scalars().all()
        assert rows == [SCHEMA_VERSION]
        assert len(store.articles()) == (2 if n % 2 else 0)
        store.close()


def _single(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], list[Any]]:
    """Assignments and stories of one ingest of the whole workload."""
    docs, records = workload()
    with monkeypatch.context() as patch:
        install(records, patch.setattr)
        store = Store(tmp_path / "single.db")
        pipeline.ingest(store, docs, Settings())
    return sorted(store.assignments(), key=lambda a: a.id), store.stories()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_concurrent_ingests_store_each_article_once_and_tell_the_stories_of_one(
    kind: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    pool: Pool,
) -> None:
    """Three ingests started together, over overlapping parts of one set of reports in
    any order, store each report once and leave the stories one ingest of the set gives."""
    assignments, stories = _single(tmp_path, monkeypatch)
    assert len({a.story for a in assignments}) > 1
    ids = [a.id for a in assignments]
    for n in range(ROUNDS):
        rng = random.Random(n)
        parts: list[list[str]] = [[] for _ in range(WRITERS)]
        for art_id in ids:
            writers = rng.sample(range(WRITERS), 2 if rng.random() < 0.3 else 1)
            for w in writers:
                parts[w].append(art_id)
        for part in parts:
            rng.shuffle(part)
        db = _fresh(kind, tmp_path, n, request)
        done = pool.run([("ingest", db, part, rng.random()) for part in parts])
        added = [i for d in done for i in d[1]]
        assert sorted(added) == sorted(ids), f"round {n}"
        told = Counter(i for d in done for i in [*d[1], *d[2]])
        assert told == Counter(i for part in parts for i in part), "every input accounted for"
        assert not all(d[3] for d in done), "someone continued the stories"
        store = Store(db)
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(schema_version)).scalar() == 1
        assert store.count() == len(ids)
        assert store.unassigned() == []
        assert sorted(store.assignments(), key=lambda a: a.id) == assignments, f"round {n}"
        assert store.stories() == stories, f"round {n}"
        store.close()


EXAMPLES = ROOT / "examples"
HALVES = (
    [str(EXAMPLES / "reports"), str(EXAMPLES / "feed.jsonl")],
    [str(EXAMPLES / "pages")],
)


@pytest.fixture(scope="module")
def one_ingest(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`newsfuse stories` after one ingest of the examples into SQLite."""
    db = tmp_path_factory.mktemp("single") / "single.db"
    done = run_cli("ingest", *HALVES[0], *HALVES[1], "--db", str(db), "--date", "2026-03-14")
    assert done.returncode == 0, done.stderr
    return run_cli("stories", "--db", str(db)).stdout


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_two_newsfuse_ingests_at_once_list_the_stories_of_one(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, one_ingest: str
) -> None:
    """The real command, real models: the examples split between two `newsfuse ingest`
    processes started together, against one ingest of all of them into SQLite."""
    db = _fresh(kind, tmp_path, 0, request)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "newsfuse", "ingest", *half, "--db", db, "--date", "2026-03-14"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in HALVES
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    listing = run_cli("stories", "--db", db)
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout == one_ingest
    assert len(one_ingest.splitlines()) >= 3
