"""`ingest` of 10,000 news articles end to end into SQLite and into PostgreSQL, and what
the store itself costs per article.

End to end is `pipeline.ingest` as `newsfuse ingest` runs it (read a JSONL file, analyse,
store each article in its own transaction, continue the stories), in a fresh process per
database with one analysis worker, so that each run's CPU and peak RSS are its own (the
PostgreSQL server's are not in them). The articles are real news texts (ECB+, PolNeAR, MEANTIME,
TimeBank) cycled to the count, each copy made distinct by a line of its own (the store
keeps a text once), so every article costs a full analysis.

The store's own cost: the analysed articles of the SQLite run stored again, without
analysis, into fresh databases of each kind, `Store.add` per article, then the story
continuation (the story features, which embed each lead, and the online clustering), and
the bytes the database takes per article. PostgreSQL is a throw-away server on this
machine with its default, durable settings (`tests/postgres.py`).

Writers: 10,000 reports stored by one, two and four `pipeline.ingest` processes at once,
each over its share, with the stand-in analysis of the store's concurrency tests
(`tests/store_workload.py`: extraction only, made-up story features), so that what is timed
is the store — a transaction per article, the writers' and index locks, the story
continuation — and not spaCy; every article must be stored once and the stories must be
those of one writer.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ARTICLES = 10_000
QUICK_ARTICLES = 60
WRITERS = (1, 2, 4)
REPORTS_PER_EVENT = 10
"""The writers' reports are of events reported this many times each."""
SOURCES = (
    "ecbplus-dev.jsonl",
    "polnear-dev.jsonl",
    "polnear-train.jsonl",
    "meantime-en.jsonl",
    "timebank.jsonl",
)
REFERENCE_DATE = date(2026, 3, 12)
KINDS = ("sqlite", "postgresql")


def write_feed(data_dir: Path, n: int, path: Path) -> float:
    """A JSONL feed of `n` distinct articles cycled from the real texts, in SOURCES order;
    their mean length in words (0 when there are no texts)."""
    texts: list[tuple[str, str]] = []
    for name in SOURCES:
        source = data_dir / name
        if source.is_file():
            with source.open(encoding="utf-8") as fh:
                texts += [(f"{name}:{row['id']}", row["text"]) for row in map(json.loads, fh)]
    if not texts:
        return 0
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            art_id, text = texts[k % len(texts)]
            copy = k // len(texts)
            row = {"id": f"{art_id}#{copy}", "text": f"{text}\n\nDesk copy {copy}."}
            words += len(row["text"].split())
            out.write(json.dumps(row) + "\n")
    return words / n


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU seconds of this process and of its workers that have exited."""
    return sum(
        use.ru_utime + use.ru_stime
        for use in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def _worker_peak_mib() -> float:
    """Peak RSS of the largest worker that has exited."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _size(store: Any) -> int:
    """Bytes the database takes on disk."""
    from sqlalchemy import text

    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar())
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return Path(store.engine.url.database).stat().st_size


def _timing_continuation() -> dict[str, float]:
    """Have `pipeline.ingest` time its story continuation: the seconds land under
    "continue" in the dict returned."""
    from newsfuse import pipeline

    continued = pipeline.continue_stories
    spent: dict[str, float] = {}

    def timed(store: Any) -> Any:
        started = time.perf_counter()
        try:
            return continued(store)
        finally:
            spent["continue"] = time.perf_counter() - started

    pipeline.continue_stories = timed  # type: ignore[assignment]
    return spent


def end_to_end(feed: Path, db: str) -> dict[str, Any]:
    """`pipeline.ingest` of the feed into `db`: seconds, of which the story continuation."""
    from newsfuse import pipeline
    from newsfuse.settings import Settings
    from newsfuse.store import Store

    settings = Settings(reference_date=REFERENCE_DATE, workers=1)
    store = Store(db)
    empty = _size(store)
    spent = _timing_continuation()
    started, cpu = time.perf_counter(), _cpu_s()
    report = pipeline.ingest(store, pipeline.read([str(feed)], settings), settings)
    seconds, cpu = time.perf_counter() - started, _cpu_s() - cpu
    return {
        "articles": len(report.added),
        "failures": len(report.failures),
        "stories": len(store.stories()),
        "seconds": seconds,
        "cpu_s": cpu,
        "continue_s": spent.get("continue", 0.0),
        "bytes": _size(store) - empty,
        "peak_mib": _peak_mib(),
        "worker_peak_mib": _worker_peak_mib(),
    }


def _analysed(source_db: Path) -> Iterator[Any]:
    from newsfuse.model import Article

    conn = sqlite3.connect(source_db)
    try:
        for (data,) in conn.execute("SELECT data FROM articles ORDER BY seq"):
            yield Article.model_validate_json(data)
    finally:
        conn.close()


def store_only(source_db: Path, db: str) -> dict[str, Any]:
    """The analysed articles of `source_db` stored into `db`, then their stories."""
    from newsfuse import pipeline
    from newsfuse.store import Store

    store = Store(db)
    empty = _size(store)
    add_s = add_cpu = 0.0
    n = 0
    for article in _analysed(source_db):
        started, cpu = time.perf_counter(), _cpu_s()
        store.add(article)
        add_s += time.perf_counter() - started
        add_cpu += _cpu_s() - cpu
        n += 1
    started, cpu = time.perf_counter(), _cpu_s()
    pipeline.continue_stories(store)
    continue_s, continue_cpu = time.perf_counter() - started, _cpu_s() - cpu
    return {
        "articles": n,
        "add_s": add_s,
        "add_cpu": add_cpu,
        "continue_s": continue_s,
        "continue_cpu": continue_cpu,
        "bytes": _size(store) - empty,
        "peak_mib": _peak_mib(),
    }


def writer(n: int, db: str, share: str, ready: Path) -> dict[str, Any]:
    """Writer `i` of `w` (`share` is "i/w"): the i-th of every w reports of the writers'
    workload ingested into `db` with the stand-in analysis, once every writer is ready."""
    from tests.store_workload import install, workload

    from newsfuse import pipeline
    from newsfuse.settings import Settings
    from newsfuse.store import Store

    index, of = map(int, share.split("/"))
    events = max(1, n // REPORTS_PER_EVENT)
    docs, records = workload(events=events, per_event=n // events)
    install(records, setattr)
    mine = docs[index::of]
    spent = _timing_continuation()
    store = Store(db)
    (ready / str(index)).touch()
    while len(list(ready.iterdir())) < of:
        time.sleep(0.01)
    started, cpu = time.time(), _cpu_s()
    report = pipeline.ingest(store, mine, Settings())
    store.close()
    return {
        "added": len(report.added),
        "started": started,
        "ended": time.time(),
        "cpu_s": _cpu_s() - cpu,
        "continue_s": spent.get("continue", 0.0),
        "peak_mib": _peak_mib(),
    }


def writers(n: int, target: Any, tmp: Path) -> list[dict[str, Any]]:
    """Each number of WRITERS in turn on a fresh database of `target`: the writers'
    figures, with whether every report was stored once and the stories are one writer's."""
    from newsfuse.store import Store

    rows: list[dict[str, Any]] = []
    one: tuple[Any, Any] | None = None
    for w in WRITERS:
        db = target(f"writers{w}")
        ready = tmp / f"ready-{db.rsplit('/', 1)[-1]}-{w}"
        ready.mkdir()
        done = _children(
            {
                str(i): ["writers", str(n), db, "--share", f"{i}/{w}", "--ready", str(ready)]
                for i in range(w)
            }
        ).values()
        store = Store(db)
        told = (sorted(store.assignments(), key=lambda a: a.id), store.stories())
        once = store.count() == n == sum(d["added"] for d in done) and not store.unassigned()
        store.close()
        one = one or told
        started = min(d["started"] for d in done)
        rows.append(
            {
                "writers": w,
                "seconds": max(d["ended"] for d in done) - started,
                "cpu_s": sum(d["cpu_s"] for d in done),
                "continue_s": max(d["continue_s"] for d in done),
                "peak_mib": max(d["peak_mib"] for d in done),
                "stories": len(told[1]),
                "once": once,
                "same": told == one,
            }
        )
    return rows


def _children(runs: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """Each run in a process of its own, all at once (one per core of the reference
    machine); the figures each reports."""
    procs = {
        key: subprocess.Popen(
            [sys.executable, "-m", "benchmarks.bench_ingest", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for key, args in runs.items()
    }
    out = {}
    for key, proc in procs.items():
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            raise RuntimeError(f"{key} failed:\n{stderr[-3000:]}")
        out[key] = dict(json.loads(stdout.strip().splitlines()[-1]))
    return out


def run(data_dir: Path, quick: bool, articles: int | None = None) -> str:
    """The section; `articles` end to end instead of ARTICLES (the writers' count stays)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.postgres import Scratch, Unavailable

    total = QUICK_ARTICLES if quick else ARTICLES
    n = articles or total
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        feed = Path(tmp) / "feed.jsonl"
        if not (words := write_feed(data_dir, n, feed)):
            return "## ingest\n\nSkipped: no article texts found."
        try:
            server: Scratch | None = Scratch(durable=True)
        except Unavailable as exc:
            server, why = None, str(exc)
        try:
            targets = {"sqlite": lambda name: str(Path(tmp) / f"{name}.db")}
            if server is not None:
                targets["postgresql"] = server.create_database
            e2e = _children({k: ["e2e", str(feed), url("e2e")] for k, url in targets.items()})
            source = Path(targets["sqlite"]("e2e"))
            own = _children({k: ["own", str(source), url("own")] for k, url in targets.items()})
            written = {k: writers(total, url, Path(tmp)) for k, url in targets.items()}
        finally:
            if server is not None:
                server.stop()
    lines = [
        "## ingest",
        "",
        f"`pipeline.ingest` of {n:,} news articles (the texts of ECB+, PolNeAR, MEANTIME and "
        f"TimeBank in that order, cycled, each copy distinct; {words:.0f} words on average) "
        "from one JSONL file, one analysis "
        "worker, a fresh database each; the two runs side by side, one per core. PostgreSQL on "
        "this machine with its default durable settings. CPU seconds are the ingesting "
        "process's and its worker's (the server's are not in them).",
        "",
        "| database | articles | stories | seconds | CPU s | articles/s | articles per CPU s "
        "| of which stories (s) | peak RSS (MiB) | worker peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, r in e2e.items():
        lines.append(
            f"| {kind} | {r['articles']:,} | {r['stories']:,} | {r['seconds']:.0f} "
            f"| {r['cpu_s']:.0f} | {r['articles'] / r['seconds']:.2f} "
            f"| {r['articles'] / r['cpu_s']:.2f} | {r['continue_s']:.0f} | {r['peak_mib']:.0f} "
            f"| {r['worker_peak_mib']:.0f} |"
        )
    if server is None:
        lines += ["", f"PostgreSQL skipped: {why}."]
    lines += [
        "",
        "The store's own cost: the same analysed articles stored again without analysis "
        "(`Store.add`, one transaction each), then the stories continued over all of them "
        "(story features, embedding each lead, and the online clustering), both databases "
        "side by side; bytes are what the database grew by.",
        "",
        "| database | ms per `add` | CPU ms per `add` | continuation ms per article "
        "| CPU ms | bytes per article | peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, r in own.items():
        per = r["articles"] or 1
        lines.append(
            f"| {kind} | {1000 * r['add_s'] / per:.2f} | {1000 * r['add_cpu'] / per:.2f} "
            f"| {1000 * r['continue_s'] / per:.1f} | {1000 * r['continue_cpu'] / per:.1f} "
            f"| {r['bytes'] / per:,.0f} | {r['peak_mib']:.0f} |"
        )
    lines += ["", _sizing(e2e, own), "", *_writers_table(total, written)]
    return "\n".join(lines)


def _writers_table(n: int, written: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = [
        "### Concurrent writers",
        "",
        f"{n:,} reports of {max(1, n // REPORTS_PER_EVENT):,} events stored by 1, 2 and 4 `pipeline.ingest` "
        "processes started together, each over its share, with the stand-in analysis of the "
        "store's concurrency tests (extraction only, made-up story features: what is timed is "
        "the store, its locks and the story continuation, not spaCy); a fresh database each. "
        "Seconds from the first writer's start to the last one's end; the stories are "
        "continued once, by the last writer to finish storing.",
        "",
        "| database | writers | seconds | articles/s | CPU s (all writers) | of which stories (s) "
        "| peak RSS (MiB) | stories | each stored once | stories as one writer's |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for kind, rows in written.items():
        for r in rows:
            lines.append(
                f"| {kind} | {r['writers']} | {r['seconds']:.1f} | {n / r['seconds']:,.0f} "
                f"| {r['cpu_s']:.1f} | {r['continue_s']:.1f} | {r['peak_mib']:.0f} "
                f"| {r['stories']:,} | {'yes' if r['once'] else 'NO'} "
                f"| {'yes' if r['same'] else 'NO'} |"
            )
    return lines


def _sizing(e2e: dict[str, dict[str, Any]], own: dict[str, dict[str, Any]]) -> str:
    """The figures turned into what a reader sizing a database asks."""
    parts = []
    for kind, r in own.items():
        per = r["articles"] or 1
        analysis_ms = 1000 * e2e[kind]["cpu_s"] / max(e2e[kind]["articles"], 1)
        add_ms = 1000 * r["add_s"] / per
        parts.append(
            f"{kind}: a million articles take {r['bytes'] / per * 1e6 / 1e9:.0f} GB; storing "
            f"an analysed article costs {add_ms:.1f} ms ({1000 / add_ms:,.0f} articles/s "
            f"from one writer) and the story continuation "
            f"{1000 * r['continue_s'] / per:.0f} ms, against {analysis_ms:.0f} CPU ms per "
            "article end to end"
        )
    return "Sizing — " + "; ".join(parts) + "."


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_ingest")
    ap.add_argument("what", choices=["e2e", "own", "writers"])
    ap.add_argument("source", help="feed (e2e), analysed SQLite database (own), count (writers)")
    ap.add_argument("db")
    ap.add_argument("--share", default="0/1", help="writers: this one's share, i/w")
    ap.add_argument("--ready", type=Path, help="writers: folder where each marks itself ready")
    args = ap.parse_args()
    if args.what == "writers":
        result = writer(int(args.source), args.db, args.share, args.ready)
    elif args.what == "e2e":
        result = end_to_end(Path(args.source), args.db)
    else:
        result = store_only(Path(args.source), args.db)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
