"""The command line end to end on real files: contract shape, bad input, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_ingest import PAGE, REPORT


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of good reports and every kind of bad input the issue names."""
    d = tmp_path_factory.mktemp("batch")
    (d / "good.txt").write_text(REPORT, encoding="utf-8")
    (d / "page.html").write_text(PAGE, encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "empty.txt").write_bytes(b"")
    (d / "huge.txt").write_bytes(b"word " * (50 * 1024 * 1024 // 5))
    (d / "broken.html").write_text("<html><body><div><p></div></span>", encoding="utf-8")
    (d / "bad-utf8.jsonl").write_bytes(
        json.dumps({"id": "fine", "text": REPORT}).encode()
        + b"\n"
        + b'{"id": "mangled", "text": "caf\xe9 \xff\xfe"}\n'
    )
    (d / "rows.jsonl").write_text(
        json.dumps({"id": "row1", "text": REPORT.replace("Tuesday", "Monday")}) + "\n{broken\n",
        encoding="utf-8",
    )
    return d


@pytest.fixture(scope="module")
def analysed(batch: Path) -> tuple[list[dict], str, int]:
    done = run_cli("analyze", str(batch), "--date", "2026-03-12")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    return rows, done.stderr, done.returncode


def test_good_items_processed_in_order(analysed: tuple[list[dict], str, int], batch: Path) -> None:
    rows, _, _ = analysed
    assert [r["id"] for r in rows] == ["fine", f"{batch}/good.txt", f"{batch}/page.html", "row1"]


def test_every_bad_item_named_with_reason(
    analysed: tuple[list[dict], str, int], batch: Path
) -> None:
    _, stderr, code = analysed
    assert code == 1
    expect = {
        "binary.txt": "binary",
        "empty.txt": "empty",
        "huge.txt": "too large",
        "broken.html": "no article text",
        "bad-utf8.jsonl:2": "invalid UTF-8",
        "rows.jsonl:2": "invalid JSON",
    }
    for name, reason in expect.items():
        line = next(
            (
                ln
                for ln in stderr.splitlines()
                if f"{batch}/{name}:" in ln or f"{batch}/{name} " in ln
            ),
            None,
        )
        assert line is not None, f"{name} not reported in:\n{stderr}"
        assert reason in line, line
    assert "4 articles processed, 6 failed" in stderr


def test_contract_fields_and_offsets(analysed: tuple[list[dict], str, int]) -> None:
    rows, _, _ = analysed
    keys = {
        "id",
        "text",
        "body",
        "removed",
        "title",
        "outlet",
        "dateline",
        "published",
        "entities",
        "quotes",
        "times",
        "quantities",
    }
    for row in rows:
        assert keys <= set(row)
        text = row["text"]
        spans = [m for e in row["entities"] for m in e["mentions"]]
        spans += row["times"] + row["quantities"] + row["removed"]
        for q in row["quotes"]:
            spans += [s for s in (q["speaker"], q["cue"], q["content"]) if s]
        for s in spans:
            assert text[s["start"] : s["end"]] == s["text"], s


def test_all_good_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    done = run_cli("analyze", str(tmp_path / "a.txt"))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == str(tmp_path / "a.txt")


def test_usage_errors_exit_two() -> None:
    assert run_cli("analyze").returncode == 2
    assert run_cli("brief", "x.txt", "--format", "pdf").returncode == 2
    assert run_cli("analyze", "x.txt", "--date", "last friday").returncode == 2


def test_schema_command() -> None:
    done = run_cli("schema", "brief")
    schema = json.loads(done.stdout)
    assert "stories" in schema["properties"]
    analyze = json.loads(run_cli("schema", "analyze").stdout)
    assert {"quotes", "times", "quantities", "removed"} <= set(analyze["properties"])
