"""Watching feeds: each polled with a conditional request, its new entries ingested.

`newsfuse watch FEEDS --db` runs the rounds in a loop of its own; `newsfuse serve --feeds`
runs them beside the server, fetching off the event loop and ingesting on its analysis
thread. A feed's validators (ETag, Last-Modified) are kept in the store and saved only
once its entries are stored, so a restart neither reads an unchanged feed again nor loses
entries fetched but not stored; entries the store holds already are skipped before their
analysis. Feeds are fetched with ingest's safety rules (no private addresses unless
allowed, size and time limits). A feed that fails is logged and tried again next round;
the others go on.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfuse import pipeline
from newsfuse.errors import InputError
from newsfuse.ingest.document import Document
from newsfuse.ingest.feed import parse_feed
from newsfuse.ingest.url import fetch
from newsfuse.model import Failure
from newsfuse.settings import Settings
from newsfuse.store import BriefStore

if TYPE_CHECKING:
    from newsfuse.web.analyst import Analyst

log = logging.getLogger("newsfuse.watch")

FEED_STATE_KEY = "feed-validators"
"""Store blob: each feed's ETag and Last-Modified, as its last stored fetch gave them."""


@dataclass(frozen=True)
class Polled:
    """A feed fetched because it changed: its entries, and the validators to keep."""

    url: str
    items: list[Document | Failure]
    etag: str | None
    last_modified: str | None


class FeedWatcher:
    """Polls feeds and ingests what is new in them."""

    def __init__(self, feeds: Sequence[str], store: BriefStore, settings: Settings) -> None:
        self.feeds = list(feeds)
        self.store = store
        self.settings = settings

    def validators(self) -> dict[str, dict[str, str | None]]:
        blob = self.store.get_blob(FEED_STATE_KEY)
        return json.loads(blob) if blob else {}

    def poll(self, url: str) -> Polled | None:
        """The feed's entries, or None when it has not changed since they were stored.
        Raises InputError when it cannot be fetched."""
        known = self.validators().get(url, {})
        headers = {}
        if known.get("etag"):
            headers["If-None-Match"] = str(known["etag"])
        if known.get("last_modified"):
            headers["If-Modified-Since"] = str(known["last_modified"])
        got = fetch(url, allow_private=self.settings.allow_private, headers=headers)
        if got.status == 304:
            return None
        items: list[Document | Failure] = []
        for entry in parse_feed(got.content, url, got.charset):
            if isinstance(entry, Document):
                items.append(entry)
            else:
                item, exc = entry
                items.append(Failure(item=item, reason=str(exc)))
        return Polled(url, items, got.etag, got.last_modified)

    def ingest(self, polled: Polled) -> pipeline.IngestReport:
        """Store a polled feed's new entries, fuse the stories they changed, then keep the
        feed's validators."""
        report = pipeline.ingest(self.store, polled.items, self.settings)
        pipeline.refresh_briefs(self.store)
        state = self.validators()
        state[polled.url] = {"etag": polled.etag, "last_modified": polled.last_modified}
        self.store.put_blob(FEED_STATE_KEY, json.dumps(state, sort_keys=True).encode("utf-8"))
        return report

    def round(self) -> int:
        """Poll every feed once; the number of feeds that failed."""
        failed = 0
        for url in self.feeds:
            try:
                polled = self.poll(url)
                if polled is not None:
                    _logged(url, self.ingest(polled))
                else:
                    log.info("%s: not modified", url)
            except InputError as exc:
                failed += 1
                log.error("%s: %s", url, exc)
            except Exception:
                failed += 1
                log.exception("%s: failed", url)
        return failed

    def run(self, every_minutes: float, once: bool = False) -> bool:
        """Rounds every `every_minutes` until interrupted (one with `once`); whether the
        last round had a feed that failed."""
        while True:
            failed = self.round()
            if once:
                return failed > 0
            try:
                time.sleep(every_minutes * 60)
            except KeyboardInterrupt:
                return failed > 0

    async def serve(self, analyst: Analyst, every_minutes: float) -> None:
        """Rounds beside a server: fetch in a thread, ingest on the analysis thread."""
        while True:
            for url in self.feeds:
                try:
                    polled = await asyncio.to_thread(self.poll, url)
                    if polled is None:
                        log.info("%s: not modified", url)
                        continue
                    _logged(url, await analyst.queue(self.ingest, polled))
                except InputError as exc:
                    log.error("%s: %s", url, exc)
                except Exception:
                    log.exception("%s: failed", url)
            await asyncio.sleep(every_minutes * 60)


def _logged(url: str, report: pipeline.IngestReport) -> None:
    log.info(
        "%s: %d new, %d already stored, %d updated, %d failed, %d stories updated",
        url,
        len(report.added),
        len(report.already_stored),
        len(report.updated),
        len(report.failures),
        len(report.stories),
    )
    for article_id in report.updated:
        log.warning("%s: updated %s: its text changed; stored as a new version", url, article_id)
    for failure in report.failures:
        log.warning("%s: %s: %s", url, failure.item, failure.reason)
