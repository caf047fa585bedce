"""The issue's hostile probes, each beside one good report, through `newsfuse brief` as a
user runs it: wall and CPU time, the peak memory of the largest process (the command or
one of its analysis workers), and what became of the probe.

Each probe is a fresh process (models loaded, as a user waits for them), run once: the
figures are bounds to hold, not speeds to compare. The inputs are made here, in a
temporary folder deleted afterwards; the large ones are gzip bombs or files of one
repeated character.
"""

from __future__ import annotations

import json
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_scale import _load, timed
from newsfuse.clean import token_count
from newsfuse.settings import ANALYSIS_ITEM_SECONDS, MAX_ARTICLE_TOKENS

GOOD = (
    "VALDMARK — The port of Valdmark will reopen on Monday after a three-day strike, the "
    "harbour authority said on Friday. About 1,200 dock workers had walked out over pay."
)
"""The good report that must come out of every probe's batch."""

MIB = 1024 * 1024


def _gzip_of_zeros(path: Path, size: int) -> None:
    """`size` bytes of zeros gzipped, written a MiB at a time (never held whole)."""
    pack = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(MIB)
    with path.open("wb") as fh:
        for _ in range(size // MIB):
            fh.write(pack.compress(block))
        fh.write(pack.flush())


def _long_line(path: Path, size: int) -> None:
    """A JSONL row of `size` bytes with no newline, written a MiB at a time."""
    with path.open("wb") as fh:
        fh.write(b'{"id": "long", "text": "')
        block = b"x" * MIB
        for _ in range(size // MIB):
            fh.write(block)


def _paragraphs(path: Path, n: int) -> None:
    path.write_text("<html><body>" + "<p>a</p>" * n + "</body></html>", encoding="utf-8")


def _links(path: Path, n: int) -> None:
    links = "".join(f'<a href="/{i}">w{i}</a> ' for i in range(n))
    path.write_text(f"<html><body><p>{links}</p></body></html>", encoding="utf-8")


def _feed(path: Path, n: int) -> None:
    """A feed of n entries without text (each is named as such; none is analysed)."""
    items = "<item><title>t</title></item>" * n
    path.write_text(f"<rss><channel><title>T</title>{items}</channel></rss>", encoding="utf-8")


def _prose(tokens: int) -> str:
    """About `tokens` tokens of news prose: numbered variations of one invented paragraph,
    one paragraph a line."""
    paragraph = (
        "Crane crew {n} at the port of Valdmark stopped work on Tuesday, the union said. "
        "“We will not stop,” said Ilse Marrow, who leads crew {n}; about {n},200 workers "
        "walked out over pay worth 3 million euros."
    )
    per = token_count(paragraph.format(n=1) + "\n")
    return "\n".join(paragraph.format(n=n) for n in range(1, tokens // per + 1)) + "\n"


def _time_words(tokens: int) -> str:
    """About `tokens` tokens on one line, dense with time words, some capitalized within a
    sentence (names such as a "Today" show): every one is a time candidate whose context a
    rule reads, so a rule that scans its whole line for each is quadratic here."""
    sentence = (
        "The Today show aired on Tuesday, May 5, at 7 p.m. ET, a week after the Daily "
        "Courier said the Weekly Review would close next year. "
    )
    return sentence * (tokens // token_count(sentence)) + "\n"


Probe = tuple[str, str, Callable[[Path], None]]


def probes(quick: bool) -> list[Probe]:
    """(label, file name, maker) of each probe; `quick` makes the large ones small."""
    scale = 64 if quick else 1
    return [
        (
            f"`.jsonl.gz` of {2048 // scale:,} MiB of zeros",
            "bomb.jsonl.gz",
            lambda p: _gzip_of_zeros(p, 2048 * MIB // scale),
        ),
        (
            f"`.txt.gz` of {1024 // scale:,} MiB of zeros",
            "bomb.txt.gz",
            lambda p: _gzip_of_zeros(p, 1024 * MIB // scale),
        ),
        (
            f"one {1000 // scale:,} MiB JSONL line without a newline",
            "line.jsonl",
            lambda p: _long_line(p, 1000 * MIB // scale),
        ),
        (
            f"`x\\n` × {200_000 // scale:,} ({400 // scale:,} KB)",
            "lines.txt",
            lambda p: p.write_text("x\n" * (200_000 // scale), encoding="utf-8"),
        ),
        (
            f"HTML page of {1_000_000 // scale:,} short paragraphs",
            "paragraphs.html",
            lambda p: _paragraphs(p, 1_000_000 // scale),
        ),
        (
            f"HTML paragraph of {10_000 // scale:,} links",
            "links.html",
            lambda p: _links(p, 10_000 // scale),
        ),
        (
            f"feed of {200_000 // scale:,} entries",
            "entries.rss",
            lambda p: _feed(p, 200_000 // scale),
        ),
        (
            f"prose of {MAX_ARTICLE_TOKENS // scale:,} tokens (MAX_ARTICLE_TOKENS)",
            "long.txt",
            lambda p: p.write_text(_prose(MAX_ARTICLE_TOKENS // scale), encoding="utf-8"),
        ),
        (
            f"one line of {MAX_ARTICLE_TOKENS // scale:,} tokens of time words",
            "times.txt",
            lambda p: p.write_text(_time_words(MAX_ARTICLE_TOKENS // scale), encoding="utf-8"),
        ),
        (
            f"one word of {10_000 // scale:,} `$`",
            "dollars.txt",
            lambda p: p.write_text("$" * (10_000 // scale), encoding="utf-8"),
        ),
    ]


def _size(n: int) -> str:
    return f"{n / MIB:,.1f} MiB" if n >= MIB // 10 else f"{n / 1024:,.0f} KiB"


def _outcome(stdout: bytes, name: str) -> str:
    """What the briefing says of the probe: its failure reason, or its removed segments."""
    briefing = json.loads(stdout)
    ids = [a["id"] for a in briefing["articles"]]
    if not any(i.endswith("good.txt") for i in ids):
        return "**the good report is missing**"
    for failure in briefing["failures"]:
        if failure["item"].split(":")[0].endswith(name):
            return f"failed: {failure['reason'][:110]}"
    for article in briefing["articles"]:
        if article["id"].endswith(name):
            cut = sorted({r["reason"] for r in article.get("removed", [])} & _CUTS)
            return "analysed" + (f", cut ({', '.join(cut)})" if cut else "")
    return "**not named**"


_CUTS = {"over-token-limit", "over-element-limit"}


def run(data_dir: Path, quick: bool) -> str:
    rows = []
    for label, name, make in probes(quick):
        with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
            folder = Path(tmp)
            (folder / "good.txt").write_text(GOOD, encoding="utf-8")
            make(folder / name)
            on_disk = (folder / name).stat().st_size
            cmd = [sys.executable, "-m", "newsfuse", "brief", tmp, "-f", "json"]
            cmd += ["--date", "2026-03-14"]
            run = timed(cmd)
        rows.append(
            f"| {label} | {_size(on_disk)} | {run.wall_s:.1f} s | {run.cpu_s:.1f} s "
            f"| {run.peak_mib:,.0f} MiB | {_outcome(run.stdout, name)} |"
        )
        print(rows[-1], file=sys.stderr)
    return "\n".join(
        [
            "## Hostile input: bounds per probe",
            "",
            "`benchmarks/bench_hostile.py`: each probe of issue 19 beside one good report, "
            "through `newsfuse brief FOLDER -f json` in a fresh process (models loaded, "
            "analysis on the default workers), run once. Peak is the largest resident set of "
            "the command and its analysis workers (where the parse runs); CPU is theirs "
            "together. In every run the good report came out in the briefing. "
            "Each item's extraction and analysis is held to ANALYSIS_ITEM_SECONDS "
            f"({ANALYSIS_ITEM_SECONDS:g} s) of CPU time, within three times that of "
            "wall-clock time, so a loaded machine does not stop an item within its budget. "
            f"Load average (1 min) at the end: {_load()}.",
            "",
            "| probe | on disk | wall | CPU | peak RSS | outcome |",
            "|---|---:|---:|---:|---:|---|",
            *rows,
        ]
    )
