"""A throw-away PostgreSQL server for the tests and the ingest benchmark.

`initdb` and `pg_ctl` from Debian's `postgresql` package (`/usr/lib/postgresql/N/bin`,
installed by `.ci/run` where missing) make a cluster in a temporary directory, listening on
127.0.0.1 on a free port and on no Unix socket, so that it disturbs nothing on the machine.
PostgreSQL refuses to run as root: run as root, the cluster belongs to `nobody` and the
commands run through `runuser`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

RUN_AS = "nobody"
"""The user a cluster started by root belongs to."""


class Unavailable(RuntimeError):
    """No PostgreSQL server can be started here (the reason says why)."""


def server_bin() -> Path:
    """The directory of the newest installed `initdb`/`pg_ctl`/`postgres`."""
    found = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise Unavailable("PostgreSQL's initdb is not installed (Debian package `postgresql`)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Scratch:
    """A PostgreSQL cluster of its own, started on creation, removed by `stop()`.

    `durable=False` (the tests) turns fsync off; the benchmark keeps the defaults, so that
    its figures are those of a real server.
    """

    def __init__(self, *, durable: bool = False) -> None:
        self.bin = server_bin()
        self.root = Path(tempfile.mkdtemp(prefix="newsfuse-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = "newsfuse"
        self._as: list[str] = []
        try:
            if os.geteuid() == 0:
                owner = pwd.getpwnam(RUN_AS)
                os.chown(self.root, owner.pw_uid, owner.pw_gid)
                runuser = shutil.which("runuser")
                if runuser is None:
                    raise Unavailable("running as root and `runuser` is missing")
                self._as = [runuser, "-u", RUN_AS, "--"]
            self._run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8")
            settings = {
                "listen_addresses": "'127.0.0.1'",
                "port": str(self.port),
                "unix_socket_directories": "''",
                "max_connections": "200",
            }
            if not durable:
                settings |= {"fsync": "off", "synchronous_commit": "off"}
            conf = "".join(f"{k} = {v}\n" for k, v in settings.items())
            with (self.data / "postgresql.conf").open("a", encoding="utf-8") as fh:
                fh.write(conf)
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "start")
        except BaseException:
            self.stop()
            raise

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self._as, str(self.bin / tool), *args],
            capture_output=True,
            text=True,
            cwd=self.root,
            check=False,
            timeout=120,
        )
        if done.returncode != 0:
            log = self.root / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise Unavailable(f"{tool} failed: {done.stderr.strip()[-2000:]}\n{tail}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL. It sorts text as American English does (an ICU
        collation, as a production database's `en_US.UTF-8`), not by code point."""
        import psycopg

        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as conn:
            try:
                conn.execute(
                    f"CREATE DATABASE \"{name}\" LOCALE_PROVIDER icu ICU_LOCALE 'en-US' "
                    "TEMPLATE template0"
                )
            except psycopg.errors.FeatureNotSupported:  # a server built without ICU
                conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(Unavailable, subprocess.TimeoutExpired):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
