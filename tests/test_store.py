"""The store: a real SQLite database, de-duplication, and surviving a killed ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse import pipeline
from newsfuse.model import Article, StoryAssignment
from newsfuse.store import Store, text_hash
from newsfuse.stories import cluster
from newsfuse.stories.features import ArticleFeatures
from tests.conftest import ROOT, run_cli, two_events


def _art(i: int, **kw: str) -> Article:
    return Article(id=f"a{i}", text=f"Report number {i} about the Valdmark strike.", **kw)


def test_add_and_read_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    art = _art(1, outlet="Courier", url="https://c.example/1")
    assert store.add(art) == ("a1", True)
    assert store.articles() == [art]
    assert store.count() == 1


def test_same_text_or_url_not_duplicated(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    store.add(_art(1, url="https://c.example/1"))
    same_text = Article(id="other", text="  report NUMBER 1 about the   Valdmark strike. ")
    same_url = Article(id="third", text="Different words entirely.", url="https://c.example/1")
    assert store.add(same_text) == ("a1", False)
    assert store.add(same_url) == ("a1", False)
    assert store.count() == 1


def test_text_hash_folds_case_and_space() -> None:
    assert text_hash("A  b\nC") == text_hash("a b c")
    assert text_hash("a b c") != text_hash("a b d")


def test_stories_and_blobs(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    for i in range(3):
        store.add(_art(i, title=f"T{i}"))
    store.set_stories(
        [
            StoryAssignment(id="a0", story="s1"),
            StoryAssignment(id="a1", story="s1"),
            StoryAssignment(id="a2", story="s2"),
        ]
    )
    assert [(s.id, s.articles, s.title) for s in store.stories()] == [
        ("s1", 2, "T0"),
        ("s2", 1, "T2"),
    ]
    assert [a.id for a in store.story_articles("s1")] == ["a0", "a1"]
    store.set_stories([StoryAssignment(id="a1", story="s2")])
    assert [a.id for a in store.story_articles("s2")] == ["a1", "a2"]
    store.put_blob("k", b"\x00\x01")
    store.put_blob("k", b"\x02")
    assert store.get_blob("k") == b"\x02"
    assert store.get_blob("missing") is None


def test_a_split_in_a_later_run_re_records_stored_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two events' reports share one story after the first run; the second run splits it,
    and the reports of the second event stored by the first run move with it."""
    records = {r.id: r for r in two_events()}

    def synthetic(articles: list[Article]) -> list[ArticleFeatures]:
        return [records[a.id] for a in articles]

    monkeypatch.setattr(cluster, "features", synthetic)
    store = Store(tmp_path / "s.db")
    ids = list(records)
    for i in ids[:5]:
        store.add(Article(id=i, text=f"Harbour report {i}."))
    first = pipeline.continue_stories(store)
    assert len({row.story for row in first}) == 1
    for i in ids[5:]:
        store.add(Article(id=i, text=f"Harbour report {i}."))
    pipeline.continue_stories(store)
    stories = {row.id: row.story for row in store.assignments()}
    assert len(stories) == len(ids)
    assert len({stories[i] for i in ids if i.startswith("ev0")}) == 1
    assert len({stories[i] for i in ids if i.startswith("ev1")}) == 1
    assert stories["ev0-0"] != stories["ev1-0"]


def _feed(path: Path, n: int) -> None:
    rows = (
        {
            "id": f"r{i}",
            "text": f"Story {i}: the council of Town{i} voted on Monday to close "
            f"{i} schools, mayor Anna Berg{i} said. " * 3,
        }
        for i in range(n)
    )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_killed_ingest_loses_nothing_stored(tmp_path: Path) -> None:
    feed, db = tmp_path / "feed.jsonl", tmp_path / "kill.db"
    _feed(feed, 200)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "ingest", str(feed), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.5)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    stored = conn.execute("select count(*) from articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 20:
                break
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = Store(db)
    before = store.articles()
    assert len(before) >= stored >= 20
    assert all(a.body for a in before)
    done = run_cli("ingest", str(feed), "--db", str(db))
    assert done.returncode == 0, done.stderr
    after = Store(db).articles()
    assert len(after) == 200
    assert [a.id for a in after[: len(before)]] == [a.id for a in before]
    assert f"{200 - len(before)} added, {len(before)} already stored" in done.stderr


def test_ingest_stories_show_brief_from_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    reports = tmp_path / "reports"
    reports.mkdir()
    strike = "Dock workers at the port of Valdmark stopped all cranes on Tuesday, the union said."
    (reports / "a.txt").write_text("Valdmark dock strike\n" + strike + " Talks resume Thursday.\n")
    (reports / "b.txt").write_text(
        "Cranes stop in Valdmark\n" + strike.replace("all", "every") + "\n"
    )
    first = run_cli("ingest", str(reports / "a.txt"), "--db", str(db), "--date", "2026-03-12")
    assert first.returncode == 0, first.stderr
    done = run_cli("ingest", str(reports), "--db", str(db), "--date", "2026-03-12")
    assert "1 added, 1 already stored" in done.stderr
    listing = run_cli("stories", "--db", str(db)).stdout.splitlines()
    assert len(listing) == 1 and listing[0].split("\t")[1] == "2", listing
    story_id = listing[0].split("\t")[0]
    shown = run_cli("show", story_id, "--db", str(db), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["stories"][0]["id"] == story_id
    briefed = run_cli("brief", "--db", str(db), "--format", "json")
    ids = {a["id"] for a in json.loads(briefed.stdout)["articles"]}
    assert ids == {f"{reports}/a.txt", f"{reports}/b.txt"}
    assert run_cli("show", "no-such-story", "--db", str(db)).returncode == 2
