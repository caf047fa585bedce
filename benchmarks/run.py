"""`python -m benchmarks.run`: run every benchmark and write docs/performance.md.

With `--only NAME --out FILE`, only that benchmark runs and its section of FILE is
replaced; the other sections keep their figures.

Each module in BENCHES exposes `run(data_dir: Path, quick: bool) -> str`, returning a
Markdown section with the figures it measured. Each runs in its own process so that one
benchmark's memory does not inflate the next one's peak.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import subprocess
import sys
from pathlib import Path

BENCHES = (
    "bench_analyze",
    "bench_scale",
    "bench_cluster",
    "bench_brief",
    "bench_ingest",
    "bench_serve",
    "bench_hostile",
)

HEADER = """# Performance

Measured by `make bench` on this project's reference machine ({machine}). Each benchmark
runs in a fresh process; peak memory is the process's maximum resident set size.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--only", action="append", choices=BENCHES)
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        module = importlib.import_module(f"benchmarks.{args.child}")
        print(module.run(args.data, args.quick))
        return 0
    sections = []
    for name in args.only or BENCHES:
        cmd = [sys.executable, "-m", "benchmarks.run", "--child", name, "--data", str(args.data)]
        if args.quick:
            cmd.append("--quick")
        print(f"running {name} ...", file=sys.stderr)
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            sections.append(f"## {name}\n\nFailed (exit {done.returncode}).")
        else:
            sections.append(done.stdout.strip())
            print(done.stdout.strip(), file=sys.stderr)
    machine = f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}"
    report = HEADER.format(machine=machine) + "\n" + "\n\n".join(sections) + "\n"
    if args.out and not args.quick:
        if args.only and args.out.exists():
            report = replace_sections(args.out.read_text(encoding="utf-8"), sections)
        args.out.write_text(report, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(report)
    return 0


def replace_sections(report: str, sections: list[str]) -> str:
    """`report` with each of `sections` in place of the section of the same heading
    (a rerun of some benchmarks keeps the others' figures); new headings go at the end."""
    blocks: list[str] = []
    for line in report.rstrip("\n").split("\n"):
        if line.startswith("## ") or not blocks:
            blocks.append(line)
        else:
            blocks[-1] += "\n" + line
    fresh = {s.split("\n", 1)[0]: s for s in sections}
    out = [fresh.pop(b.split("\n", 1)[0], b.rstrip("\n")) for b in blocks]
    return "\n\n".join([*out, *fresh.values()]).replace("\n\n\n", "\n\n") + "\n"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    raise SystemExit(main())
