"""The JSON the HTTP API adds to the contract: listings, ingest results and errors.

A story and an article are served as the contract's own `Story` and `Article`
(`newsfuse.model`), so the API and `newsfuse brief --format json` cannot drift apart.
Every field here is described in docs/schema.md ("The HTTP API").
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from newsfuse.model import Failure


class _ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StoryRow(_ApiModel):
    """One story as the list shows it."""

    id: str
    title: str
    articles: list[str] = Field(
        description="Ids of the story's articles, in publication order, then by id."
    )
    outlets: list[str] = Field(description="The outlets of its articles, each once.")
    claims: int = Field(description="Number of claims in its briefing.")
    conflicts: int = Field(description="Number of conflicting pairs of claims.")
    first_seen: str = Field(description="When the service first fused it (ISO 8601, UTC).")
    updated: str = Field(description="When its articles last changed (ISO 8601, UTC).")


class StoryList(_ApiModel):
    """A page of stories, newest first."""

    stories: list[StoryRow]
    next: str | None = Field(
        description="Cursor of the next page (pass it as `cursor`); null on the last page."
    )


class ArticleRow(_ApiModel):
    """One article to ingest: a row of the JSONL input."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO date or datetime.")


class IngestResult(_ApiModel):
    """What a POST of articles did."""

    ingested: list[str] = Field(description="Ids of the articles analysed and stored.")
    already_stored: list[str] = Field(
        description="Ids of articles skipped because the store holds them (same id, URL or text)."
    )
    updated: list[str] = Field(
        default_factory=list,
        description="Ids of articles stored before with other text: the new text is stored "
        "as a new version (the earlier one kept) and their story fused again.",
    )
    failures: list[Failure] = Field(description="Rows that could not be read or analysed.")
    stories: list[str] = Field(description="Ids of the stories whose articles changed.")


class Health(_ApiModel):
    """Whether the service is ready to analyse, and what it holds."""

    ready: bool = Field(description="The models are loaded and warmed up.")
    articles: int
    stories: int
    pending: int = Field(description="Ingests and fusions waiting for the analysis thread.")


class Problem(_ApiModel):
    """Every 4xx and 5xx answer of the API (RFC 9457 problem details)."""

    type: str = "about:blank"
    title: str = Field(description="The HTTP status phrase.")
    status: int
    detail: str = Field(description="What went wrong, for a person.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="Each invalid parameter: `loc` (where) and `msg` (why)."
    )
