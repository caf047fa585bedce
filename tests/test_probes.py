"""The issue's probes end to end: one batch of hostile and broken files through the real
command in a fresh process, its peak memory measured (not its time)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsfuse.cli import render
from newsfuse.model import Briefing
from tests.test_console import CONTROL, HOSTILE, REPORT

PEAK_LIMIT_MB = 2000
"""400 KB of one-character lines once took 6.7 GB; the whole batch must stay under 2 GB, in
the command's process and in each of its analysis workers (where the parse runs)."""

_RUN = """
import resource, sys
from newsfuse.cli import run
sys.argv = ["newsfuse", *sys.argv[1:]]
try:
    run()
except SystemExit as done:
    code = done.code
peaks = [resource.getrusage(who).ru_maxrss // 1024
         for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print("exit", code, "peak", *peaks, file=sys.stderr)
"""


@pytest.mark.slow
def test_a_batch_of_hostile_inputs_names_each_and_briefs_the_rest(tmp_path: Path) -> None:
    """A truncated .txt.gz; ids with console markup, an escape and a lone surrogate;
    publication dates at both ends of the calendar; escape sequences in a title, an outlet
    and a text; a JSONL file of blank lines; 400 KB of one-character lines."""
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    packed = gzip.compress(REPORT.encode() * 40)
    (tmp_path / "b.txt.gz").write_bytes(packed[: len(packed) // 2])
    rows = [
        {"id": "m1[/bold]", "text": ""},
        {"id": "m2[/bold]", "text": REPORT},
        {"id": "e1\x1b[2J", "text": " "},
        {"id": "d1", "published": "9999-12-31", "text": "The port reopens tomorrow. " + REPORT},
        {"id": "d2", "published": "0001-01-01", "text": "The port closed yesterday. " + REPORT},
        {"id": "t1", "title": HOSTILE, "outlet": HOSTILE, "text": HOSTILE + " " + REPORT},
    ]
    lines = [json.dumps(r) for r in rows] + ['{"id": "\\ud800", "text": "Cranes halted."}']
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text("\n\n  \n", encoding="utf-8")
    (tmp_path / "x.txt").write_text("x\n" * 200_000, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _RUN, "brief", str(tmp_path), "--date", "2026-03-14", "-f", "json"],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )
    *_, exit_code, _, peak, workers_peak = run.stderr.split()
    assert exit_code == "1", run.stderr
    assert 0 < int(workers_peak) < PEAK_LIMIT_MB, workers_peak  # the workers did the parse
    assert int(peak) < PEAK_LIMIT_MB, peak
    err = run.stderr
    assert not CONTROL.search(err.replace("\n", ""))
    assert f"{tmp_path / 'b.txt.gz'}: truncated gzip" in err
    assert f"{tmp_path / 'c.jsonl'}:1: row 'm1[/bold]' has no" in err
    assert f"{tmp_path / 'c.jsonl'}:3: row 'e1\\x1b[2J' has no" in err
    assert f"{tmp_path / 'd.jsonl'}: no rows" in err
    assert not CONTROL.search(run.stdout.replace("\n", ""))
    assert "\\u009b31m" in run.stdout  # written as a JSON escape: the data is kept
    briefing = Briefing.model_validate_json(run.stdout)
    ids = [str(tmp_path / "a.txt"), "m2[/bold]", "d1", "d2", "t1", "\\ud800"]
    assert [a.id for a in briefing.articles] == [*ids, str(tmp_path / "x.txt")]
    assert briefing.articles[-1].removed[-1].reason == "over-token-limit"
    assert len(briefing.failures) == 4
    for fmt in ("text", "markdown", "html", "json"):
        out = render(briefing, [], fmt)
        assert "Valdmark" in out and not CONTROL.search(out.replace("\n", "").replace("\t", ""))
