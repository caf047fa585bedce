"""The queries behind every page and its JSON twin (datasette's rule: one query, two faces).

Each function takes the store and the request's parameters and returns what both the HTML
page and the API answer from; neither face queries the store on its own.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from newsfuse.errors import NotFound
from newsfuse.model import Article
from newsfuse.settings import PAGE_SIZE
from newsfuse.store import BriefStore, StoryBrief, story_version
from newsfuse.web.models import StoryList, StoryRow


class BadParameter(ValueError):
    """A query parameter that cannot be read (a 400, named)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name


@dataclass(frozen=True)
class ListQuery:
    """The list's parameters, as both `/` and `/api/stories` take them."""

    q: str | None = None
    since: datetime | None = None
    outlet: str | None = None
    limit: int = PAGE_SIZE
    cursor: str | None = None

    def params(self, **change: str | None) -> dict[str, str]:
        """The non-empty parameters, some changed (a link to another page of the list)."""
        values = {
            "q": self.q,
            "since": self.since.isoformat() if self.since else None,
            "outlet": self.outlet,
            "limit": None if self.limit == PAGE_SIZE else str(self.limit),
            "cursor": self.cursor,
        }
        values.update(change)
        return {k: v for k, v in values.items() if v}


def etag(body: str | bytes) -> str:
    """The ETag of a JSON twin's body (a page carries its twin's, to poll with)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def utc_stamp(when: datetime) -> str:
    """A time as the store's UTC timestamps are written (a naive time is taken as UTC), so
    that the two compare as strings. A time whose UTC falls outside the calendar (year 1
    at +00:01) is before, or after, every stored one."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        utc = when.astimezone(UTC)
    except OverflowError:
        utc = (datetime.min if when.year == datetime.min.year else datetime.max).replace(tzinfo=UTC)
    return utc.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def encode_cursor(brief: StoryBrief) -> str:
    raw = json.dumps([brief.updated, brief.id], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        updated, story_id = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeError, ValueError, TypeError):
        raise BadParameter("cursor", "not a cursor this service gave") from None
    if not isinstance(updated, str) or not isinstance(story_id, str):
        raise BadParameter("cursor", "not a cursor this service gave")
    return updated, story_id


def story_list(store: BriefStore, query: ListQuery) -> StoryList:
    """One page of stories, newest first, and the cursor of the next."""
    since = utc_stamp(query.since) if query.since else None
    after = decode_cursor(query.cursor) if query.cursor else None
    briefs = store.list_briefs(query.q, since, query.outlet, query.limit + 1, after)
    page = briefs[: query.limit]
    rows = [StoryRow.model_validate(b, from_attributes=True) for b in page]
    more = len(briefs) > query.limit
    return StoryList(stories=rows, next=encode_cursor(page[-1]) if more else None)


def current_brief(store: BriefStore, story_id: str) -> StoryBrief | None:
    """The story's kept brief when it is current; None when it must be fused first.
    Raises NotFound when no stored article belongs to the story."""
    members = store.story_members([story_id]).get(story_id)
    if not members:
        raise NotFound(f"no story {story_id!r}")
    brief = store.brief(story_id)
    if brief is None or brief.version != story_version(members):
        return None
    return brief


def article_json(store: BriefStore, article_id: str) -> str:
    """The stored article's JSON, as `newsfuse analyze` wrote it."""
    found = store.article_data(article_id)
    if found is None:
        raise NotFound(f"no article {article_id!r}")
    return found


def article(store: BriefStore, article_id: str) -> Article:
    return Article.model_validate_json(article_json(store, article_id))
