"""`python -m newsfuse.evaluate`: run every evaluation whose data is present."""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from newsfuse.evaluate import SETS, Result

HEADER = """# Evaluation

Measured by `make eval` on the development splits in `../shared/data` (see its README for
the metrics and the peers). Held-out test splits are kept aside by the project's judges;
expect them to come out a little lower. Regenerate this file with `make eval`.
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsfuse.evaluate")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=None, help="write the report here")
    ap.add_argument("--only", action="append", choices=SETS, help="run just these sets")
    ap.add_argument("--limit", type=int, default=None, help="items per set (quick runs)")
    args = ap.parse_args(argv)
    results: list[Result] = []
    for name in args.only or SETS:
        module = importlib.import_module(f"newsfuse.evaluate.{name}")
        started = time.perf_counter()
        if not args.data.is_dir():
            result = Result(name=name, skipped=f"{args.data} is absent")
        else:
            result = module.run(args.data, args.limit)
        took = time.perf_counter() - started
        if result.skipped:
            print(f"{name}: skipped ({result.skipped})", file=sys.stderr)
        else:
            figures = ", ".join(f"{k} {v:.3f}" for k, v in result.metrics.items())
            print(f"{name}: {figures}  [{took:.0f}s]", file=sys.stderr)
        results.append(result)
    report = (
        HEADER
        + "\n"
        + "\n\n".join(
            r.markdown if not r.skipped else f"## {r.name}\n\nSkipped: {r.skipped}."
            for r in results
        )
        + "\n"
    )
    if args.out:
        if args.only and args.out.exists():
            print("partial run (--only): not overwriting the full report", file=sys.stderr)
            print(report)
        else:
            args.out.write_text(report, encoding="utf-8")
            print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
