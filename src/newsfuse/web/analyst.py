"""The analysis thread: where the service does its CPU-bound work, one job at a time.

Analysis and fusion hold a core for seconds; run on the event loop they would stall every
page. They run instead on one worker thread that owns every write to the store, so two
ingests never race over the story index, and the loop keeps answering (spaCy's and
torch's inner loops release the GIL, SQLite reads are milliseconds). The models are
loaded and exercised once at start-up (`warm_up`), so the first POST is not the slow one.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from newsfuse import pipeline
from newsfuse.ingest.document import Document
from newsfuse.model import Failure
from newsfuse.settings import MAX_PENDING_JOBS, Settings
from newsfuse.store import BriefStore

log = logging.getLogger("newsfuse.serve")

T = TypeVar("T")

WARM_UP_ROWS = [
    {
        "id": "warm-up-1",
        "outlet": "Warm-up Wire",
        "text": "Ferry service resumes in Port Alder after storm\n"
        "PORT ALDER — The harbour authority said on Monday that ferry service would resume "
        'on Wednesday after repairs costing $2.5 million. "We are ready," harbour master '
        "Lena Ortiz told reporters.",
    },
    {
        "id": "warm-up-2",
        "outlet": "Coast Daily",
        "text": "Port Alder ferries to sail again\n"
        "Ferries in Port Alder will sail again on Wednesday, the harbour authority said, "
        "after storm repairs that cost about 2.5 million dollars. Harbour master Lena Ortiz "
        "said the crews were ready.",
    },
]
"""Two invented reports of one invented story: analysed and fused, never stored."""


class Busy(Exception):
    """Too many jobs are already waiting for the analysis thread."""


class Analyst:
    """One worker thread running pipeline jobs in order, awaited from the event loop."""

    def __init__(self, store: BriefStore, max_pending: int = MAX_PENDING_JOBS) -> None:
        self.store = store
        self.max_pending = max_pending
        self.pending = 0
        self.ready = threading.Event()
        self._pool: ThreadPoolExecutor | None = None

    async def run(self, job: Callable[..., T], *args: Any) -> T:
        """Run `job(*args)` on the analysis thread after the jobs before it; Busy when
        too many wait already."""
        if self.pending >= self.max_pending:
            raise Busy(f"{self.pending} jobs are waiting; try again shortly")
        return await self.queue(job, *args)

    async def queue(self, job: Callable[..., T], *args: Any) -> T:
        """Run `job(*args)` on the analysis thread however many wait (background work)."""
        self.pending += 1
        try:
            return await asyncio.wrap_future(self._thread().submit(job, *args))
        finally:
            self.pending -= 1

    def start(self) -> None:
        """Queue the warm-up (once per process) and a refresh of the stored stories' briefs."""
        self._thread().submit(self._start_up)

    def close(self) -> None:
        """Drop the jobs not started; the one running finishes in its thread."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _thread(self) -> ThreadPoolExecutor:
        """The worker, started again when the app starts again (an ASGI lifespan each time)."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfuse-analyst")
        return self._pool

    def _start_up(self) -> None:
        try:
            if not self.ready.is_set():
                self.warm_up()
            fused = pipeline.refresh_briefs(self.store)
            if fused:
                log.info("fused %d stored stories", len(fused))
        except Exception:
            log.exception("start-up failed; the service answers from the store as it is")
        finally:
            self.ready.set()

    def warm_up(self) -> None:
        """Load the models and run every stage once on invented reports, storing nothing.
        The models load in this process, so that the analysis workers forked for each
        request start with them."""
        pipeline.warm()
        items = list(pipeline.read_rows(WARM_UP_ROWS, "warm-up"))
        analysed = list(pipeline.analyze(items, Settings()))
        pipeline.brief(analysed)
        log.info("models loaded and warmed up")

    def ingest(
        self, items: Sequence[Document | Failure], settings: Settings
    ) -> pipeline.IngestReport:
        """Analyse and store items, then fuse every story whose articles changed."""
        report = pipeline.ingest(self.store, items, settings)
        pipeline.refresh_briefs(self.store)
        return report

    def refresh(self, story_ids: Sequence[str] | None = None) -> list[str]:
        return pipeline.refresh_briefs(self.store, story_ids)
