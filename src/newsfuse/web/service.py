"""What every request handler reaches: the run's options, the store and the analysis thread."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from newsfuse import pipeline
from newsfuse.errors import NotFound
from newsfuse.settings import FEED_EVERY_MINUTES, POLL_SECONDS, Settings
from newsfuse.store import BriefStore, StoryBrief
from newsfuse.web import views
from newsfuse.web.analyst import Analyst


@dataclass(frozen=True)
class ServeConfig:
    """The options `newsfuse serve` was started with."""

    db: str
    settings: Settings = field(default_factory=Settings)
    token: str | None = None
    """When set, POST requires `Authorization: Bearer <token>`."""
    feeds: tuple[str, ...] = ()
    every_minutes: float = FEED_EVERY_MINUTES
    poll_seconds: int = POLL_SECONDS
    """How often open pages ask whether what they show changed."""
    sync_seconds: float = 60.0
    """How often the briefs are checked against the store (articles another process added)."""


STORY_PAGES = 64
"""Story pages kept rendered."""


class Kept:
    """The last `size` values put, by key (a story's page by its version, say)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[str, str] = OrderedDict()

    def get(self, key: str) -> str | None:
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, key: str, value: str) -> None:
        self._values[key] = value
        self._values.move_to_end(key)
        while len(self._values) > self.size:
            self._values.popitem(last=False)


class Service:
    """The service's state; one per app."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.store = BriefStore(config.db)
        self.analyst = Analyst(self.store)
        self.story_pages = Kept(STORY_PAGES)
        """Rendered story pages by the story's id and version (its article set)."""

    async def story(self, story_id: str) -> StoryBrief:
        """The story's brief, fused first when its articles changed since it was kept."""
        brief = await run_in_threadpool(views.current_brief, self.store, story_id)
        if brief is not None:
            return brief
        await self.analyst.run(self.analyst.refresh, [story_id])
        found = await run_in_threadpool(self.store.brief, story_id)
        if found is None:
            raise NotFound(f"no story {story_id!r}")
        return found

    async def ingest(self, rows: Sequence[Any], reference: date | None) -> pipeline.IngestReport:
        """Rows shaped as the JSONL input, analysed, stored and fused."""
        settings = self.config.settings
        if reference is not None:
            settings = replace(settings, reference_date=reference)
        items = list(pipeline.read_rows(rows, "request"))
        return await self.analyst.run(self.analyst.ingest, items, settings)


def service(request: Request) -> Service:
    """The app's Service (a FastAPI dependency)."""
    found: Service = request.app.state.service
    return found
