"""Analysis on several processes and on a Dask cluster: the same rows in the same order as
one worker, and an item past its time budget (or whose worker dies) fails alone."""

from __future__ import annotations

import json
import logging
import os
import signal
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from distributed import Client, LocalCluster, WorkerPlugin

from newsfuse import analysis, pipeline
from newsfuse.ingest import document
from newsfuse.ingest.document import Document
from newsfuse.model import Article, Failure
from newsfuse.settings import Settings
from newsfuse.workers import WALL_FACTOR
from tests.conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples"
REF = date(2026, 3, 14)


def _rows(out: list[Article | Failure]) -> list[str]:
    return [json.dumps(x.model_dump(mode="json"), ensure_ascii=False) for x in out]


def _examples() -> list[Document | Failure]:
    return list(pipeline.read([str(EXAMPLES)], Settings()))


def test_two_workers_give_the_rows_of_one_in_input_order(
    caplog: pytest.LogCaptureFixture,
) -> None:
    items = _examples()
    # A read failure in the middle keeps its place.
    items.insert(3, Failure(item="broken.txt.gz", reason="truncated gzip"))
    one = list(pipeline.analyze(items, Settings(reference_date=REF, workers=1, batch_size=3)))
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        two = list(pipeline.analyze(items, Settings(reference_date=REF, workers=2, batch_size=3)))
    assert [x.item if isinstance(x, Failure) else x.id for x in two] == [
        x.item if isinstance(x, Failure) else x.id for x in items
    ]
    assert _rows(two) == _rows(one)
    assert sum(isinstance(x, Article) for x in two) == len(items) - 1
    report = next(r.message for r in caplog.records if r.message.startswith("analysis workers"))
    assert report.count("peak RSS") == 2


def _slow_or_fatal(real: document.Kind) -> object:
    """An HTML extractor that computes without end on a page saying 'SLOW', waits without
    end on one saying 'HUNG', waits NAP_S on one saying 'NAP', and kills its own process on
    one saying 'FATAL' (as the kernel's OOM killer would)."""
    extract = document.KINDS[real]

    def kind(doc: Document) -> Article:
        while "SLOW" in doc.content:
            pass
        if "HUNG" in doc.content:
            time.sleep(3600)
        if "NAP" in doc.content:
            time.sleep(NAP_S)
        if "FATAL" in doc.content:
            os.kill(os.getpid(), signal.SIGKILL)
        return extract(doc)

    return kind


def _with(marked: dict[int, str]) -> Iterator[Document]:
    texts = sorted((EXAMPLES / "reports").glob("*.txt"))
    for i, path in enumerate(texts):
        yield Document(id=path.name, kind="text", content=path.read_text(encoding="utf-8"))
        if i in marked:
            page = f"<html><body><p>{marked[i]}: a page.</p></body></html>"
            yield Document(id=f"{marked[i].lower()}.html", kind="html", content=page)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_item_past_its_time_is_stopped_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # Workers are forked, so they extract with the patched table.
    monkeypatch.setitem(document.KINDS, "html", _slow_or_fatal("html"))
    # Generous for the other items even on a machine shared with other work.
    settings = Settings(reference_date=REF, workers=workers, batch_size=2, item_seconds=8)
    out = list(pipeline.analyze(_with({1: "SLOW"}), settings))
    assert [x.item if isinstance(x, Failure) else x.id for x in out][2] == "slow.html"
    (failed,) = [x for x in out if isinstance(x, Failure)]
    assert failed.item == "slow.html"
    assert "stopped after 8 s" in failed.reason and "ANALYSIS_ITEM_SECONDS" in failed.reason
    assert sum(isinstance(x, Article) and bool(x.entities) for x in out) == 4


NAP_S = 6.0


def test_the_budget_is_cpu_time_and_a_hung_item_stops_at_its_wall_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An item that waits (a machine busy with other work, say) past its budget without
    using it goes on; one that hangs is stopped at WALL_FACTOR times the budget."""
    monkeypatch.setitem(document.KINDS, "html", _slow_or_fatal("html"))
    settings = Settings(reference_date=REF, workers=1, batch_size=1, item_seconds=4)
    started = time.monotonic()
    out = list(pipeline.analyze(_with({0: "NAP", 1: "HUNG"}), settings))
    (failed,) = [x for x in out if isinstance(x, Failure)]
    assert failed.item == "hung.html" and "stopped after 4 s" in failed.reason
    assert any(isinstance(x, Article) and x.id == "nap.html" for x in out)
    assert time.monotonic() - started >= NAP_S + WALL_FACTOR * 4


def test_an_item_whose_worker_dies_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(document.KINDS, "html", _slow_or_fatal("html"))
    settings = Settings(reference_date=REF, workers=2, batch_size=4)
    out = list(pipeline.analyze(_with({0: "FATAL"}), settings))
    (failed,) = [x for x in out if isinstance(x, Failure)]
    assert failed.item == "fatal.html" and "died (exit code -9)" in failed.reason
    assert [isinstance(x, Article) for x in out] == [True, False, True, True, True]


def test_cli_workers_write_the_same_bytes(tmp_path: Path) -> None:
    one = run_cli("analyze", str(EXAMPLES), "--date", "2026-03-14", "--workers", "1")
    two = run_cli("-v", "analyze", str(EXAMPLES), "--date", "2026-03-14", "--workers", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout and one.stdout.count("\n") == 10
    assert "analysis workers: pid" in two.stderr


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_gives_the_rows_of_a_local_run(dask_scheduler: str) -> None:
    local = run_cli("analyze", str(EXAMPLES), "--date", "2026-03-14", "--workers", "1")
    on_dask = run_cli("analyze", str(EXAMPLES), "--date", "2026-03-14", "--dask", dask_scheduler)
    assert on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == local.stdout and local.stdout.count("\n") == 10


class _SlowPages(WorkerPlugin):
    """Installs `_slow_or_fatal` on every Dask worker, restarted ones included."""

    name = "newsfuse-test-slow-pages"

    def setup(self, worker: object) -> None:
        self.real = document.KINDS["html"]
        document.KINDS["html"] = _slow_or_fatal("html")  # type: ignore[assignment]

    def teardown(self, worker: object) -> None:
        document.KINDS["html"] = self.real


def test_on_dask_an_item_past_its_time_is_stopped_and_the_batch_goes_on(
    dask_scheduler: str,
) -> None:
    with Client(dask_scheduler) as client:
        client.register_plugin(_SlowPages(), name=_SlowPages.name)
        try:
            settings = Settings(
                reference_date=REF, dask=dask_scheduler, batch_size=2, item_seconds=30
            )
            out = list(pipeline.analyze(_with({1: "HUNG"}), settings))
        finally:
            client.unregister_worker_plugin(_SlowPages.name)
    (failed,) = [x for x in out if isinstance(x, Failure)]
    assert failed.item == "hung.html" and "stopped after 30 s" in failed.reason
    assert [isinstance(x, Article) for x in out] == [True, True, False, True, True]


def test_on_dask_no_item_waits_out_its_time_behind_a_hung_one() -> None:
    """On one worker thread, the items after a hung one wait for it to be stopped; none is
    charged that wait, and none but it fails."""
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster.scheduler_address) as client,
    ):
        client.register_plugin(_SlowPages(), name=_SlowPages.name)
        settings = Settings(
            reference_date=REF, dask=cluster.scheduler_address, batch_size=1, item_seconds=20
        )
        out = list(pipeline.analyze(_with({0: "HUNG"}), settings))
    assert [x.item for x in out if isinstance(x, Failure)] == ["hung.html"]
    assert sum(isinstance(x, Article) for x in out) == 4


def test_workers_that_cannot_load_the_models_stop_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "warm", lambda: os._exit(3))
    with pytest.raises(RuntimeError, match=r"died loading the models \(exit code 3\)"):
        list(pipeline.analyze(_with({}), Settings(reference_date=REF, workers=2)))
