"""Briefing time: one 20-article story, 1,000 articles in 50 stories, and 10,000
articles in stories of 1,000 reports; peak memory.

The articles are real ECB+ reports, analysed once before timing (analysis has its own
benchmark). Stories are made of whole ECB+ topics (each holds two related events, about
22 reports) cut into stories of STORY_SIZE; to reach 1,000 articles the reports are
reused under new ids in differently cut stories. The single story is briefed through
`pipeline.brief` (clustering included); the 50 stories are fused as given, since story
clustering at scale is timed by bench_cluster. The big stories (BIG_STORY reports each,
as a wire story syndicated everywhere makes) repeat the reports of a few topics under
new ids; `pipeline.brief` clusters and fuses all BIG_STORIES of them together, so the
figure shows that fusion grows about linearly with a story's reports.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from newsfuse.fuse import fuse
from newsfuse.model import Article
from newsfuse.nlp.embed import embed
from newsfuse.pipeline import analyze_batch, brief

FILE = "ecbplus-dev.jsonl"
STORY_SIZE = 20
STORIES = 50
QUICK_STORIES = 2
BIG_STORY = 1000
BIG_STORIES = 10
BIG_TOPICS = 3
"""Each big story repeats the reports of this many consecutive topics."""
QUICK_BIG = (200, 1)


def _articles(data_dir: Path, count: int) -> list[Article]:
    with (data_dir / FILE).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows.sort(key=lambda r: (int(r["topic"]), str(r["id"])))
    rows = rows[:count]
    return analyze_batch([Article(id=str(r["id"]), text=str(r["text"])) for r in rows])


def _stories(pool: list[Article], stories: int) -> list[list[Article]]:
    """`stories` stories of STORY_SIZE reports; each pass over the pool shifts the cut."""
    out: list[list[Article]] = []
    rounds = 0
    while len(out) < stories:
        shift = (rounds * STORY_SIZE // 2) % len(pool)
        ring = pool[shift:] + pool[:shift]
        for k in range(0, len(ring) - STORY_SIZE + 1, STORY_SIZE):
            chunk = ring[k : k + STORY_SIZE]
            out.append([a.model_copy(update={"id": f"{a.id}#{rounds}"}) for a in chunk])
            if len(out) == stories:
                break
        rounds += 1
    return out


def _big_stories(pool: list[Article], size: int, count: int) -> list[Article]:
    """`count` stories of `size` reports, each repeating the reports of BIG_TOPICS topics."""
    topics: dict[str, list[Article]] = {}
    for a in pool:
        topics.setdefault(a.id.split("_", 1)[0], []).append(a)
    groups = list(topics.values())
    out: list[Article] = []
    for s in range(count):
        reports = [a for g in groups[s * BIG_TOPICS : (s + 1) * BIG_TOPICS] for a in g] or pool
        out += [
            reports[k % len(reports)].model_copy(
                update={"id": f"{reports[k % len(reports)].id}#b{s}.{k}"}
            )
            for k in range(size)
        ]
    return out


def run(data_dir: Path, quick: bool) -> str:
    if not (data_dir / FILE).exists():
        return f"## Briefing\n\nSkipped: {data_dir / FILE} is absent."
    n_stories = QUICK_STORIES if quick else STORIES
    pool_size = STORY_SIZE * n_stories if quick else 10**9
    started = time.perf_counter()
    pool = _articles(data_dir, pool_size)
    analysed_s = time.perf_counter() - started
    embed(["warm up the model"])

    started = time.perf_counter()
    one = brief(pool[:STORY_SIZE])
    one_s = time.perf_counter() - started

    stories = _stories(pool, n_stories)
    total = sum(len(s) for s in stories)
    started = time.perf_counter()
    claims = sum(len(fuse(f"s{i}", arts).claims) for i, arts in enumerate(stories))
    many_s = time.perf_counter() - started
    size, count = QUICK_BIG if quick else (BIG_STORY, BIG_STORIES)
    big = _big_stories(pool, size, count)
    started = time.perf_counter()
    big_briefing = brief(big)
    big_s = time.perf_counter() - started
    largest = max(len(s.articles) for s in big_briefing.stories)
    big_claims = sum(len(s.claims) for s in big_briefing.stories)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "## Briefing (cluster + fuse)",
        "",
        f"Real ECB+ reports ({len(pool)} analysed in {analysed_s:.0f} s, not counted).",
        "",
        "| workload | articles | stories | claims | seconds | articles/s |",
        "|---|---|---|---|---|---|",
        f"| one story, `pipeline.brief` | {STORY_SIZE} | {len(one.stories)} | "
        f"{sum(len(s.claims) for s in one.stories)} | {one_s:.1f} | {STORY_SIZE / one_s:.1f} |",
        f"| {len(stories)} stories, `fuse` each | {total} | {len(stories)} | {claims} | "
        f"{many_s:.1f} | {total / many_s:.1f} |",
        f"| {count} stories of {size} reports, `pipeline.brief` | {len(big)} | "
        f"{len(big_briefing.stories)} (largest {largest}) | {big_claims} | {big_s:.1f} | "
        f"{len(big) / big_s:.1f} |",
        "",
        f"Peak RSS {peak_mb:.0f} MB.",
    ]
    return "\n".join(lines)
