"""The store on SQLite and on a real PostgreSQL: de-duplication, versions, stories, the
order of reads, what the database refuses, and surviving a killed ingest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse import pipeline
from newsfuse.ingest.document import Document
from newsfuse.model import Article, StoryAssignment
from newsfuse.settings import Settings
from newsfuse.store import NotStored, Store, text_hash
from newsfuse.store.schema import publication_key
from newsfuse.stories import features
from tests.conftest import ROOT, run_cli, two_events
from tests.store_workload import install, workload


def _art(i: int, **kw: str) -> Article:
    return Article(id=f"a{i}", text=f"Report number {i} about the Valdmark strike.", **kw)


def test_add_and_read_back(db_url: str) -> None:
    store = Store(db_url)
    art = _art(1, outlet="Courier", url="https://c.example/1")
    assert store.add(art) == ("a1", "added")
    assert store.articles() == [art]
    assert store.count() == 1


def test_same_text_is_stored_once(db_url: str) -> None:
    store = Store(db_url)
    store.add(_art(1, url="https://c.example/1"))
    same_text = Article(id="other", text="  report NUMBER 1 about the   Valdmark strike. ")
    assert store.add(same_text) == ("a1", "stored")
    assert store.add(_art(1, url="https://c.example/1")) == ("a1", "stored")
    assert store.count() == 1
    assert len(store.versions("a1")) == 1


def test_other_text_under_a_stored_id_or_url_is_a_new_version(db_url: str) -> None:
    store = Store(db_url)
    store.add(_art(1, url="https://c.example/1", title="First"))
    store.set_stories([StoryAssignment(id="a1", story="s1")])
    corrected = Article(id="a1", text="Report number 1, corrected: the strike ended.")
    assert store.add(corrected) == ("a1", "updated")
    moved_page = Article(
        id="elsewhere", text="Report 1 again, updated at noon.", url="https://c.example/1"
    )
    assert store.add(moved_page) == ("a1", "updated")
    assert store.count() == 1
    assert [a.text for a in store.versions("a1")] == [
        "Report number 1 about the Valdmark strike.",
        "Report number 1, corrected: the strike ended.",
        "Report 1 again, updated at noon.",
    ]
    assert [a.id for a in store.versions("a1")] == ["a1", "a1", "a1"]
    assert [a.text for a in store.story_articles("s1")] == ["Report 1 again, updated at noon."]
    assert store.add(corrected) == ("a1", "updated"), "going back is a change too"
    assert store.add(corrected) == ("a1", "stored")


def test_text_hash_folds_case_and_space() -> None:
    assert text_hash("A  b\nC") == text_hash("a b c")
    assert text_hash("a b c") != text_hash("a b d")
    assert text_hash("lone \ud800 surrogate") != text_hash("lone surrogate")


def test_stories_and_blobs(db_url: str) -> None:
    store = Store(db_url)
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


def test_reads_follow_publication_then_id_not_arrival(db_url: str) -> None:
    store = Store(db_url)
    arrival = [
        _art(3, published="2026-03-12", title="Later"),
        _art(2),
        _art(5, published="2026-03-11", title="That day, some time"),
        _art(1, published="2026-03-11T08:00:00Z"),
        _art(4, published="2026-03-11T08:00:00Z", title="Earliest titled"),
        _art(6, published="2026-03-11T09:00:00+02:00", title="Earliest of all, in UTC"),
    ]
    for art in arrival:
        store.add(art)
    store.set_stories(StoryAssignment(id=a.id, story="s") for a in arrival[:5])
    assert [a.id for a in store.articles()] == ["a6", "a1", "a4", "a5", "a3", "a2"]
    assert [a.id for a in store.story_articles("s")] == ["a1", "a4", "a5", "a3", "a2"]
    assert [r.id for r in store.assignments()] == ["a1", "a4", "a5", "a3", "a2"]
    assert store.stories()[0].title == "Earliest titled"


def test_publication_key_sorts_chronologically() -> None:
    assert publication_key("2026-03-11T09:00:00+02:00") == "2026-03-11T07:00:00"
    assert publication_key("2026-03-11T08:00:00Z") == "2026-03-11T08:00:00"
    assert publication_key("2026-03-11T08:00") == "2026-03-11T08:00:00"
    assert publication_key("2026-03-11") == "2026-03-11T24:00:00"
    for unusable in (None, "", "Tue, 10 Mar 2026", "9999-12-31T23:00:00-05:00", "2026-13-01"):
        assert publication_key(unusable) is None


def test_the_order_is_by_code_point_whatever_the_databases_locale(db_url: str) -> None:
    """The test server's databases sort text as en-US does, where "a" < "B" < "e0_1"."""
    store = Store(db_url)
    ids = ["e0_1", "e010", "a", "e0-10", "B", "é"]
    for n, art_id in enumerate(ids):
        store.add(Article(id=art_id, text=f"Undated report {n}."))
    assert (
        [a.id for a in store.articles()] == sorted(ids) == ["B", "a", "e0-10", "e010", "e0_1", "é"]
    )


def test_what_the_database_cannot_hold_is_that_articles_failure(db_url: str) -> None:
    store = Store(db_url)
    with pytest.raises(NotStored, match="longer than 1024"):
        store.add(Article(id="x" * 1025, text="An id nobody can index."))
    odd = Article(
        id="odd",
        text="A report with odd metadata.",
        published="Tuesday, March 12, 2026, 10:00:00 Eastern Standard Time",
        outlet="O" * 300,
        url="https://c.example/" + "p" * 3000,
    )
    assert store.add(odd) == ("odd", "added")
    assert store.articles(["odd"]) == [odd], "the article keeps what its columns cut"
    nul = Article(id="nul", text="A title with a NUL byte.", title="bad\x00title")
    if "://" in db_url:  # PostgreSQL text holds no NUL
        with pytest.raises(NotStored, match="NUL"):
            store.add(nul)
    else:
        assert store.add(nul) == ("nul", "added")
    with pytest.raises(NotStored, match="surrogates not allowed"):
        store.add(Article(id="lone", text="A lone \ud800 surrogate."))
    assert store.add(_art(5)) == ("a5", "added"), "the store goes on"


def test_continuing_with_nothing_unassigned_writes_nothing(db_url: str) -> None:
    store = Store(db_url)
    calls = []

    def step(blob: bytes | None, todo: object) -> tuple[list[StoryAssignment], bytes]:
        calls.append(blob)
        return [], b"index"

    assert store.continue_index("idx", step) == []
    assert calls == [] and store.get_blob("idx") is None


def test_a_split_in_a_later_run_re_records_stored_articles(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two events' reports share one story after the first run; the second run splits it,
    and the reports of the second event stored by the first run move with it."""
    records = {r.id: r for r in two_events()}
    monkeypatch.setattr(features, "features", lambda arts: [records[a.id] for a in arts])
    store = Store(db_url)
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


def test_ingest_names_what_it_did(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through `pipeline.ingest` (with a stand-in analysis): new, unchanged, changed."""
    docs, records = workload(events=2, per_event=3)
    install(records, monkeypatch.setattr)
    store = Store(db_url)
    first = pipeline.ingest(store, docs[:4], Settings())
    assert (len(first.added), first.updated, first.already_stored) == (4, [], [])
    assert not first.stories_left and first.stories
    changed = Document(id=docs[0].id, kind="text", content="A corrected report.")
    unstorable = Document(id="x" * 1100, kind="text", content="A report nobody can index.")
    again = pipeline.ingest(store, [changed, unstorable, *docs[1:]], Settings())
    assert again.updated == [docs[0].id]
    assert [(f.item, f.reason) for f in again.failures] == [
        ("x" * 1100, "not stored: an id longer than 1024 characters")
    ]
    assert again.already_stored == [d.id for d in docs[1:4]]
    assert again.added == [d.id for d in docs[4:]]
    assert store.unassigned() == []
    assert store.count() == len(docs)


def test_a_page_read_again_unchanged_is_not_analysed_again(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, records = workload(events=1, per_event=1)
    install(records, monkeypatch.setattr)
    page = Document(
        id="p1",
        kind="html",
        content="<html><body><article><p>"
        + "The harbour town council voted on Monday to rebuild the sea wall. " * 5
        + "</p></article></body></html>",
    )
    records["p1"] = records[docs[0].id]
    store = Store(db_url)
    assert pipeline.ingest(store, [page]).added == ["p1"]
    seen: list[str] = []
    analysed = pipeline.analyze

    def counting(items, *args, **kw):  # type: ignore[no-untyped-def]
        for item in analysed(items, *args, **kw):
            seen.append(item.id)
            yield item

    monkeypatch.setattr(pipeline, "analyze", counting)
    assert pipeline.ingest(store, [page]).already_stored == ["p1"]
    assert seen == []
    reworded = Document(id="p1", kind="html", content=page.content.replace("<p>", "<p>Now: "))
    assert pipeline.ingest(store, [reworded]).updated == ["p1"]
    assert seen == ["p1"]


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


def test_killed_ingest_loses_nothing_stored(db_url: str, tmp_path: Path) -> None:
    feed, n = tmp_path / "feed.jsonl", 120
    _feed(feed, n)
    store = Store(db_url)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "ingest", str(feed), "--db", db_url],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None and stored < 20:
        time.sleep(0.5)
        stored = store.count()
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = store.articles()
    assert len(before) >= stored >= 20
    assert all(a.body for a in before)
    assert store.count(without_story=True) == len(before)
    assert "have no story yet" in run_cli("stories", "--db", db_url).stderr
    done = run_cli("ingest", str(feed), "--db", db_url)
    assert done.returncode == 0, done.stderr
    after = store.articles()
    assert sorted(a.id for a in after) == sorted(f"r{i}" for i in range(n))
    assert {a.id for a in before} <= {a.id for a in after}
    assert store.unassigned() == [] and len(store.assignments()) == n
    assert store.count(without_story=True) == 0
    assert f"{n - len(before)} added, {len(before)} already stored" in done.stderr


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
    (reports / "a.txt").write_text(
        "Valdmark dock strike ends\n" + strike + " Talks ended Thursday.\n"
    )
    again = run_cli("ingest", str(reports), "--db", str(db), "--date", "2026-03-12")
    assert again.returncode == 0, again.stderr
    assert f"updated {reports}/a.txt: its text changed" in again.stderr
    assert "0 added, 1 already stored, 1 updated" in again.stderr
    shown = json.loads(run_cli("show", story_id, "--db", str(db), "--format", "json").stdout)
    assert "Talks ended Thursday" in json.dumps(shown["stories"]), shown


def test_ingest_keeps_each_leads_embedding_and_clusters_without_embedding_again(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers embed each article's lead (most of what clustering costs an article)
    and the store keeps it, so continuing the stories embeds nothing in this process."""
    from datetime import date

    import numpy as np
    from sqlalchemy import select

    from newsfuse.store.schema import articles

    embedded_here: list[int] = []
    real = features.embed
    monkeypatch.setattr(
        features, "embed", lambda texts: embedded_here.append(len(texts)) or real(texts)
    )
    store = Store(db_url)
    items = pipeline.read([str(ROOT / "examples" / "reports")])
    settings = Settings(reference_date=date(2026, 3, 14), workers=1)
    report = pipeline.ingest(store, items, settings)
    assert report.added and report.stories and not report.failures
    assert embedded_here and not any(embedded_here)  # the workers' copies did the embedding
    with store.engine.connect() as conn:
        stored = {r.id: r.lead for r in conn.execute(select(articles.c.id, articles.c.lead))}
    for art in store.articles():
        alone = real([features.lead_of(art)])[0]
        kept = np.frombuffer(stored[art.id], dtype=np.float32)
        assert float(kept @ alone) > 0.99999, art.id
