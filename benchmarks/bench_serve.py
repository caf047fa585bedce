"""The web service under load: `newsfuse serve` started as a user starts it, on an empty
store, then timed from a client on the same machine.

Timed: the warm-up POST, the two seed reports POSTed as rows (when ../shared/seeds is
there) and the first GET of their story, the bundled examples POSTed in one request, GETs
while that POST is being analysed (the analysis thread shares the process with the event
loop), and a bounded load test: CLIENTS concurrent clients on loopback for SECONDS, each
with its own keep-alive connection, asking in turn for the list, a story's JSON, a
story's page, the list page and an article's JSON. The load generator (httpx on asyncio)
runs in this process and shares the 2 cores with the server, so the figures are a floor.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CLIENTS = 50
SECONDS = 30.0
QUICK_CLIENTS = 10
QUICK_SECONDS = 5.0
WARM_UP = [
    {
        "id": "bench-warm-up",
        "outlet": "Bench Wire",
        "text": "Bridge reopens in Velmora\nThe city council of Velmora said on Tuesday that "
        "the river bridge would reopen on Friday after repairs costing $3 million.",
    }
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _example_rows() -> list[dict[str, Any]]:
    """The bundled examples as POST rows: .txt as text, .html as html, JSONL as it is."""
    rows: list[dict[str, Any]] = []
    for path in sorted(EXAMPLES.rglob("*")):
        rel = str(path.relative_to(ROOT))
        if path.suffix == ".txt":
            rows.append({"id": rel, "text": path.read_text(encoding="utf-8")})
        elif path.suffix == ".html":
            rows.append({"id": rel, "html": path.read_text(encoding="utf-8")})
        elif path.suffix == ".jsonl":
            rows += [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln]
    return rows


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _load(
    base: str, targets: list[tuple[str, str]], clients: int, seconds: float
) -> dict[str, Any]:
    """Each client asks for the targets in turn (a random start) until time is up."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    async def client(n: int) -> None:
        order = targets[n % len(targets) :] + targets[: n % len(targets)]
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            i = 0
            while time.perf_counter() < deadline:
                kind, url = order[i % len(order)]
                i += 1
                started = time.perf_counter()
                try:
                    resp = await http.get(url)
                    await resp.aread()
                except httpx.HTTPError as exc:
                    errors.append(f"{url}: {exc.__class__.__name__}")
                    continue
                latencies[kind].append(time.perf_counter() - started)
                if resp.status_code != 200:
                    errors.append(f"{url}: HTTP {resp.status_code}")

    started = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    return {"latencies": latencies, "errors": errors, "wall": time.perf_counter() - started}


async def _during_ingest(base: str, story_url: str, rows: list[dict]) -> tuple[float, list[float]]:
    """Seconds of a POST of `rows`, and the latencies of GETs made meanwhile."""
    async with httpx.AsyncClient(base_url=base, timeout=600) as http:
        post = asyncio.create_task(http.post("/api/articles", json=rows))
        started = time.perf_counter()
        gets: list[float] = []
        while not post.done():
            t = time.perf_counter()
            assert (await http.get(story_url)).status_code == 200
            gets.append(time.perf_counter() - t)
            await asyncio.sleep(0.05)
        resp = await post
        assert resp.status_code == 200, resp.text
        return time.perf_counter() - started, gets


def run(data_dir: Path, quick: bool) -> str:
    clients, seconds = (QUICK_CLIENTS, QUICK_SECONDS) if quick else (CLIENTS, SECONDS)
    seeds = data_dir.resolve().parent / "seeds"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "newsfuse", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            load_before = os.getloadavg()[0]
            rows, timings = _measure(base, seeds, clients, seconds, started, server.pid)
            timings["loadavg"] = (load_before, os.getloadavg()[0])
            rss = _peak_rss_mb(server.pid)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
    return _report(rows, timings, clients, seconds, rss)


def _wait_ready(base: str, started: float) -> tuple[float, float]:
    """Seconds until the port answers, and until the models are warm."""
    answering = ready = None
    while ready is None:
        try:
            health = httpx.get(f"{base}/api/health", timeout=5).json()
            answering = answering or time.perf_counter() - started
            if health["ready"]:
                ready = time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return float(answering or 0.0), ready


def _timed_post(base: str, rows: list[dict], **params: str) -> tuple[float, dict]:
    t = time.perf_counter()
    resp = httpx.post(f"{base}/api/articles", json=rows, params=params, timeout=600)
    assert resp.status_code == 200, resp.text
    return time.perf_counter() - t, resp.json()


def _timed_get(base: str, url: str) -> tuple[float, httpx.Response]:
    t = time.perf_counter()
    resp = httpx.get(base + url, timeout=60)
    assert resp.status_code == 200, resp.text
    return time.perf_counter() - t, resp


def _measure(
    base: str, seeds: Path, clients: int, seconds: float, started: float, pid: int
) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    rows: list[tuple[str, str]] = []
    answering, ready = _wait_ready(base, started)
    rows.append(("start-up: port answering / models warm", f"{answering:.1f} s / {ready:.1f} s"))
    took, _ = _timed_post(base, WARM_UP)
    rows.append(("warm-up POST (1 short article)", f"{took:.2f} s"))
    if seeds.is_dir():
        seed_rows = [
            {"id": p.name, "text": p.read_text(encoding="utf-8")}
            for p in sorted(seeds.glob("*.txt"))
        ]
        cpu = _cpu_s(pid)
        took, result = _timed_post(base, seed_rows)
        cpu = _cpu_s(pid) - cpu
        story = result["stories"][0]
        first, resp = _timed_get(base, f"/api/stories/{story}")
        fused = resp.json()
        rows.append(
            (
                f"POST the {len(seed_rows)} seed reports (no date)",
                f"{took:.2f} s (server CPU {cpu:.1f} s)",
            )
        )
        rows.append(
            (
                "first GET of their story (`/api/stories/{id}`)",
                f"{1000 * first:.0f} ms ({len(fused['articles'])} articles, {len(fused['claims'])} claims)",
            )
        )
    examples = _example_rows()
    listing = httpx.get(f"{base}/api/stories").json()["stories"]
    story_url = f"/api/stories/{listing[0]['id']}"
    cpu = _cpu_s(pid)
    took, gets = asyncio.run(_during_ingest(base, story_url, examples))
    cpu = _cpu_s(pid) - cpu
    rows.append(
        (
            f"POST the {len(examples)} bundled examples in one request",
            f"{took:.2f} s (server CPU {cpu:.1f} s)",
        )
    )
    if gets:
        rows.append(
            (
                f"GET a story while that POST is analysed ({len(gets)} GETs)",
                f"median {_ms(gets, 0.5):.0f} ms, p95 {_ms(gets, 0.95):.0f} ms, max {_ms(gets, 1.0):.0f} ms",
            )
        )
    stories = httpx.get(f"{base}/api/stories").json()["stories"]
    articles = [a for s in stories for a in s["articles"]]
    random.seed(7)
    targets = [("list JSON `/api/stories`", "/api/stories"), ("list page `/`", "/")]
    for s in stories:
        targets.append(("story JSON `/api/stories/{id}`", f"/api/stories/{s['id']}"))
        targets.append(("story page `/stories/{id}`", f"/stories/{s['id']}"))
    for a in random.sample(articles, min(5, len(articles))):
        targets.append(("article JSON `/api/articles/{id}`", f"/api/articles/{a}"))
    cpu = _cpu_s(pid)
    load = asyncio.run(_load(base, targets, clients, seconds))
    load["server_cpu"] = _cpu_s(pid) - cpu
    return rows, {"load": load, "stories": len(stories), "articles": len(articles)}


def _report(
    rows: list[tuple[str, str]], timings: dict[str, Any], clients: int, seconds: float, rss: float
) -> str:
    load = timings["load"]
    lat = load["latencies"]
    total = sum(len(v) for v in lat.values())
    lines = [
        "## Web service",
        "",
        "`newsfuse serve --db EMPTY.db --port N` started as a user starts it (uvicorn, one "
        "process; analysis on its one worker thread), timed by `benchmarks/bench_serve.py` "
        "from a client on the same machine. The reference machine is shared: server CPU "
        "seconds are given beside wall time, since they are what a machine of its own would "
        "take (analysis uses both cores, so a POST's wall time there can be less).",
        "",
        "| step | time |",
        "|---|---|",
        *(f"| {step} | {value} |" for step, value in rows),
        "",
        f"Load test: {clients} concurrent clients on loopback for {seconds:.0f} s, each on its "
        f"own keep-alive connection, cycling through the list (JSON and page), every story "
        f"(JSON and page; {timings['stories']} stories) and five articles' JSON. The load "
        "generator runs on the same 2 cores as the server.",
        "",
        f"**{total:,} requests in {load['wall']:.1f} s: {total / load['wall']:.0f} requests/s, "
        f"{len(load['errors'])} errors.** The server used {load['server_cpu']:.1f} CPU s: "
        f"{1000 * load['server_cpu'] / max(total, 1):.1f} ms per request. Peak RSS of the "
        f"server: {rss:.0f} MB. Load average of the machine (1 min) before / after: "
        f"{timings['loadavg'][0]:.1f} / {timings['loadavg'][1]:.1f}.",
        "",
        "| request | count | median ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in sorted(lat):
        v = lat[kind]
        lines.append(
            f"| {kind} | {len(v):,} | {_ms(v, 0.5):.1f} | {_ms(v, 0.95):.1f} "
            f"| {_ms(v, 0.99):.1f} | {_ms(v, 1.0):.1f} |"
        )
    if load["errors"]:
        lines += ["", "Errors (first five): " + "; ".join(load["errors"][:5])]
    return "\n".join(lines)


if __name__ == "__main__":
    os.chdir(ROOT)
    print(run(ROOT.parent / "shared" / "data", "--quick" in sys.argv))
