"""A synthetic workload for the store's tests: documents whose story features are made up
from their ids and an analysis that only extracts, so that an ingest takes milliseconds
and concurrent ingests can be repeated many times in real processes.

The features are those of reports of several events of one kind over a few days (as
`tests.conftest.two_events`), alike enough that the order in which the index sees them
decides which report founds a story, and so the stories' ids.
"""

from __future__ import annotations

import random
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

import numpy as np

from newsfuse import pipeline
from newsfuse.ingest.document import Document, to_article
from newsfuse.model import Article, Failure
from newsfuse.nlp.embed import DIM
from newsfuse.settings import Settings
from newsfuse.store import Store
from newsfuse.stories import features
from newsfuse.stories.features import ArticleFeatures

FIRST_DAY = date(2026, 3, 2)


def workload(
    events: int = 4, per_event: int = 8, seed: int = 5
) -> tuple[list[Document], dict[str, ArticleFeatures]]:
    """Documents, in an order that interleaves the events, and each one's features."""
    rng = np.random.default_rng(seed)
    common = rng.standard_normal(DIM)
    own = [rng.standard_normal(DIM) for _ in range(events)]
    docs, records = [], {}
    for j in range(per_event):
        for e in range(events):
            day = FIRST_DAY + timedelta(days=(j + e) // 3)
            art_id = f"e{e}-{j:02d}"
            vec = common + 0.8 * own[e] + 0.3 * rng.standard_normal(DIM)
            docs.append(
                Document(
                    id=art_id,
                    kind="text",
                    content=f"Report {j} of event {e} in the harbour town.",
                    title=f"Event {e}, report {j}",
                    published=day.isoformat(),
                )
            )
            records[art_id] = ArticleFeatures(
                id=art_id,
                vec=(vec / np.linalg.norm(vec)).astype(np.float32),
                terms={t: 1 for t in range(8)} | {100 * (e + 1) + t: 1 for t in range(8)},
                entities=frozenset({"harbour town", f"captain {e}", f"ship {e}"}),
                when=(),
                day=day.toordinal(),
                signature=None,
            )
    return docs, records


def install(
    records: dict[str, ArticleFeatures],
    patch: Callable[[object, str, object], None],
    start: Barrier | None = None,
    jitter: random.Random | None = None,
) -> None:
    """Make `pipeline` use the made-up features and an analysis that only extracts
    (`patch` is `setattr`, or pytest's `monkeypatch.setattr` in a test's process). The
    analysis waits at `start` first (every writer is then storing) and sleeps up to 4 ms
    per item when given a `jitter`, so that writers interleave differently each time."""

    def analyze(
        items: Iterable[Document | Article | Failure], *_: Any, **__: Any
    ) -> Iterator[Article | Failure]:
        if start is not None:
            start.wait()
        for item in items:
            if jitter is not None:
                time.sleep(jitter.uniform(0, 0.004))
            yield to_article(item) if isinstance(item, Document) else item

    patch(pipeline, "analyze", analyze)
    patch(features, "features", lambda arts: [records[a.id] for a in arts])


def serve(tasks: Queue, start: Barrier, out: Queue) -> None:  # type: ignore[type-arg]
    """A writer process: runs each task from `tasks` until None, and puts what it did on
    `out`. ("open", db): open the store once every writer is ready. ("ingest", db, ids,
    seed): ingest those documents of the workload, interleaving by `seed`."""
    docs, records = workload()
    by_id = {d.id: d for d in docs}
    jitter = random.Random()
    install(records, setattr, start, jitter)
    while (task := tasks.get()) is not None:
        try:
            if task[0] == "open":
                start.wait()
                Store(task[1]).close()
                out.put(("opened",))
                continue
            _, db, ids, seed = task
            jitter.seed(seed)
            store = Store(db)
            report = pipeline.ingest(store, [by_id[i] for i in ids], Settings())
            store.close()
            out.put(("ingested", report.added, report.already_stored, report.stories_left))
        except Exception:
            out.put(("failed", traceback.format_exc()))
