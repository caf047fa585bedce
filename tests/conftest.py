"""Shared fixtures: the repository root, ../shared when present, a CLI runner, and the
databases a store runs on (a SQLite file; a database on a throw-away PostgreSQL server)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from newsfuse.nlp.embed import DIM
from newsfuse.stories.features import ArticleFeatures
from tests.postgres import Scratch, Unavailable, server_bin

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _models_loaded_once() -> None:
    """Load the analysis models in the test process once: the workers that
    `pipeline.analyze` forks then start with them instead of loading them each time."""
    from newsfuse.pipeline import warm

    warm()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS


@pytest.fixture(scope="session")
def postgres() -> Iterator[Scratch]:
    """A PostgreSQL server of the session's own (skipped, with the reason, only where
    PostgreSQL is not installed: `.ci/run` installs Debian's `postgresql`; installed but
    failing to start is an error)."""
    try:
        server_bin()
    except Unavailable as exc:
        pytest.skip(f"no PostgreSQL server: {exc}")
    server = Scratch()
    try:
        yield server
    finally:
        server.stop()


_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    server: Scratch = request.getfixturevalue("postgres")
    return server.create_database(f"t{os.getpid()}_{next(_databases)}")


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the real `newsfuse` command in a fresh process."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def two_events(
    per_event: int = 4,
    seed: int = 3,
    *,
    apart: float = 0.8,
    own_terms: int = 8,
    own_entities: bool = True,
    weekdays: tuple[int, int] | None = None,
) -> list[ArticleFeatures]:
    """Two events of one kind in one harbour town, their reports interleaved: alike
    enough that each report joins the first story, apart enough to tell in a group.
    `apart` scales each event's own direction of the embedding; `weekdays` gives the
    day of the week each event's reports name."""
    rng = np.random.default_rng(seed)
    common = rng.standard_normal(DIM)
    own = [rng.standard_normal(DIM) for _ in range(2)]
    out = []
    for j in range(per_event):
        for e in range(2):
            vec = common + apart * own[e] + 0.3 * rng.standard_normal(DIM)
            names = (
                {"harbour town", f"captain {e}", f"ship {e}"}
                if own_entities
                else {"harbour town", "coast guard"}
            )
            out.append(
                ArticleFeatures(
                    id=f"ev{e}-{j}",
                    vec=(vec / np.linalg.norm(vec)).astype(np.float32),
                    terms={t: 1 for t in range(8)}
                    | {100 * (e + 1) + t: 1 for t in range(own_terms)},
                    entities=frozenset(names),
                    when=(),
                    day=739000 + j // 2,
                    signature=None,
                    weekdays=frozenset({weekdays[e]}) if weekdays else frozenset(),
                )
            )
    return out


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store of the bundled examples, analysed and fused once per session (the web
    tests each serve a copy)."""
    from tests.webapp import examples_db

    return examples_db(tmp_path_factory.mktemp("examples-store") / "examples.db")
