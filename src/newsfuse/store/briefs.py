"""Story briefs: the fused stories the web app lists and serves.

Fusing a story is the expensive step, so each story is fused once per change of its
articles and kept here with what its listing shows. `version` names the article set it
was fused from, each article's version included; a brief whose version no longer matches
the story's articles is stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from newsfuse.store import Store
from newsfuse.store.schema import articles, stories, story_briefs

_KEY_SEP = "\x1f"
"""Separates the casefolded outlet names in `outlet_keys`, so a filter matches whole names."""


@dataclass(frozen=True)
class StoryBrief:
    """One fused story as the web app lists it, with the Story JSON it serves."""

    id: str
    version: str
    title: str
    articles: list[str]
    outlets: list[str]
    claims: int
    conflicts: int
    first_seen: str
    updated: str
    search: str
    data: str


def story_version(members: Iterable[tuple[str, int]]) -> str:
    """Name of a story's article set (article id, version): the same articles, in any
    order, in the same versions, the same name."""
    joined = "\n".join(sorted(f"{article_id}\t{version}" for article_id, version in members))
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _like(term: str) -> str:
    """A LIKE pattern that matches `term` anywhere, its wildcards taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _brief_row(row: Any) -> StoryBrief:
    return StoryBrief(
        id=row.story_id,
        version=row.version,
        title=row.title,
        articles=json.loads(row.articles),
        outlets=json.loads(row.outlets),
        claims=row.claims,
        conflicts=row.conflicts,
        first_seen=row.first_seen,
        updated=row.updated,
        search=row.search,
        data=row.data,
    )


class BriefStore(Store):
    """A Store that also keeps each story's fused brief for listing and serving."""

    def story_members(
        self, story_ids: Sequence[str] | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        """(article id, version) of each story's articles (of the given stories, or of
        all), in the order added: a new version of an article changes its story's brief."""
        query = (
            select(stories.c.story_id, stories.c.article_id, articles.c.version)
            .join(articles, articles.c.id == stories.c.article_id)
            .order_by(articles.c.seq)
        )
        if story_ids is not None:
            query = query.where(stories.c.story_id.in_(list(story_ids)))
        members: dict[str, list[tuple[str, int]]] = {}
        with self.engine.connect() as conn:
            for story_id, article_id, version in conn.execute(query):
                members.setdefault(story_id, []).append((article_id, version))
        return members

    def brief_versions(self) -> dict[str, str]:
        """The version of every kept brief, by story id."""
        query = select(story_briefs.c.story_id, story_briefs.c.version)
        with self.engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(query)}

    def put_brief(self, brief: StoryBrief) -> None:
        """Keep (or replace) a story's brief; a replaced one keeps its first_seen."""
        with self.transaction() as conn:
            old = conn.execute(
                select(story_briefs.c.first_seen).where(story_briefs.c.story_id == brief.id)
            ).first()
            first_seen = old[0] if old else brief.first_seen
            conn.execute(delete(story_briefs).where(story_briefs.c.story_id == brief.id))
            conn.execute(
                insert(story_briefs).values(
                    story_id=brief.id,
                    version=brief.version,
                    title=brief.title,
                    articles=json.dumps(brief.articles, ensure_ascii=False),
                    outlets=json.dumps(brief.outlets, ensure_ascii=False),
                    outlet_keys=_KEY_SEP
                    + _KEY_SEP.join(o.casefold() for o in brief.outlets)
                    + _KEY_SEP,
                    claims=brief.claims,
                    conflicts=brief.conflicts,
                    first_seen=first_seen,
                    updated=brief.updated,
                    search=brief.search,
                    data=brief.data,
                )
            )

    def drop_briefs(self, story_ids: Sequence[str]) -> None:
        """Forget the briefs of stories that no longer hold any article."""
        if story_ids:
            with self.transaction() as conn:
                conn.execute(
                    delete(story_briefs).where(story_briefs.c.story_id.in_(list(story_ids)))
                )

    def brief(self, story_id: str) -> StoryBrief | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(story_briefs).where(story_briefs.c.story_id == story_id)
            ).first()
        return _brief_row(row) if row else None

    def list_briefs(
        self,
        q: str | None = None,
        since: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        after: tuple[str, str] | None = None,
    ) -> list[StoryBrief]:
        """Briefs newest first (by `updated`, then id): those whose search text holds every
        word of `q`, updated at or after `since`, carrying `outlet` (whole name, any case),
        after the (updated, id) cursor `after`; at most `limit`."""
        t = story_briefs
        query = select(t).order_by(t.c.updated.desc(), t.c.story_id.desc()).limit(limit)
        for word in (q or "").casefold().split():
            query = query.where(t.c.search.like(_like(word), escape="\\"))
        if since:
            query = query.where(t.c.updated >= since)
        if outlet:
            key = _KEY_SEP + outlet.strip().casefold() + _KEY_SEP
            query = query.where(t.c.outlet_keys.like(_like(key), escape="\\"))
        if after:
            updated, story_id = after
            query = query.where(
                (t.c.updated < updated) | ((t.c.updated == updated) & (t.c.story_id < story_id))
            )
        with self.engine.connect() as conn:
            return [_brief_row(r) for r in conn.execute(query)]

    def brief_outlets(self) -> list[str]:
        """Every outlet of a kept brief, sorted (the list page's outlet filter)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(story_briefs.c.outlets))
            names = {name for (outlets,) in rows for name in json.loads(outlets)}
        return sorted(names, key=str.casefold)

    def article_data(self, article_id: str) -> str | None:
        """A stored article's JSON as stored (what `analyze` writes), not parsed."""
        query = select(articles.c.data).where(articles.c.id == article_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return row[0] if row else None
