"""Tables derived from installed packages, kept on disk between processes.

Every analysis process used to rebuild the same tables from the packages' data at start:
the gazetteer's index of 190,000 folded place names (0.85 s of CPU) and the ECB rate
history (0.3 s). Each worker, each Dask worker and each replacement after a kill paid it
before its first article; a cold `brief` waits on it. A pickle of the table loads in a
quarter of that.

A table's file is named by a key that changes with whatever it is built from (the
versions of the packages holding the data and the source of the code building it), so a
stale table is never read. Writes are atomic (a temporary file renamed into place), so
processes starting together can race harmlessly. Any failure to read or write falls back
to building the table: the cache only ever saves time.

The folder is `$NEWSFUSE_CACHE`, else `$XDG_CACHE_HOME/newsfuse`, else
`~/.cache/newsfuse`; `NEWSFUSE_CACHE=off` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TypeVar

T = TypeVar("T")

log = logging.getLogger("newsfuse")

ENV = "NEWSFUSE_CACHE"
OFF = "off"


def folder() -> Path | None:
    """Where tables are kept; None when caching is off."""
    chosen = os.environ.get(ENV)
    if chosen == OFF:
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsfuse"


def key(packages: Iterable[str], modules: Iterable[ModuleType]) -> str:
    """A key that changes with the packages' versions and the modules' source."""
    digest = hashlib.sha256()
    for name in packages:
        digest.update(f"{name}=={metadata.version(name)}\n".encode())
    for module in modules:
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:20]


def load_or_build(name: str, table_key: str, build: Callable[[], T]) -> T:
    """The table `name` built for `table_key`: read from disk, else built (and saved)."""
    root = folder()
    if root is None:
        return build()
    path = root / f"{name}-{table_key}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except Exception as exc:  # a truncated or foreign file: rebuild over it
        log.debug("cache: %s unreadable (%s); rebuilding", path, exc)
    table = build()
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=root, prefix=f".{name}-")
    except OSError as exc:
        log.debug("cache: cannot keep %s (%s)", path, exc)
        return table
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("cache: cannot keep %s (%s)", path, exc)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return table
