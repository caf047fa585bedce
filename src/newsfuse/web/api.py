"""The JSON API: `/api/stories`, `/api/stories/{id}`, `/api/articles`, `/api/health`.

A story is served as the contract's `Story`, byte for byte the JSON kept when it was
fused; an article as `newsfuse analyze` writes it. Every 4xx and 5xx is a `Problem`.
"""

from __future__ import annotations

import hmac
import json
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from newsfuse.model import Article, Story
from newsfuse.settings import MAX_PAGE_SIZE, MAX_POST_ROWS, PAGE_SIZE
from newsfuse.web import views
from newsfuse.web.models import ArticleRow, Health, IngestResult, Problem, StoryList
from newsfuse.web.service import Service, service

PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
PROBLEMS: dict[int | str, dict[str, Any]] = {"4XX": PROBLEM, "5XX": PROBLEM}
"""Declared on every route, so FastAPI's own validation-error schema is not."""

router = APIRouter(prefix="/api", tags=["api"], responses=PROBLEMS)
bearer = HTTPBearer(auto_error=False, description="Required when serve was given --token.")

Svc = Annotated[Service, Depends(service)]
Q = Annotated[
    str | None,
    Query(max_length=500, description="Words that must all appear (title, claims, names)."),
]
Since = Annotated[
    datetime | None,
    Query(
        description="Only stories updated at or after this ISO date or date-time (UTC if no zone)."
    ),
]
Outlet = Annotated[str | None, Query(max_length=256, description="Only stories it reported.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Stories per page.")]
Cursor = Annotated[str | None, Query(max_length=2048, description="`next` of the page before.")]


def json_response(body: str | bytes, request: Request, etag: str | None = None) -> Response:
    """A JSON body with its ETag; 304 when the client holds it already."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    tag = f'"{etag}"' if etag else views.etag(data)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type="application/json", headers=headers)


def require_token(
    svc: Svc, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> None:
    """With --token, a write needs `Authorization: Bearer <token>`."""
    token = svc.config.token
    if token is None:
        return
    given = creds.credentials if creds else ""
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, "a valid bearer token is required", {"WWW-Authenticate": "Bearer"})


def list_query(
    q: Q = None,
    since: Since = None,
    outlet: Outlet = None,
    limit: Limit = PAGE_SIZE,
    cursor: Cursor = None,
) -> views.ListQuery:
    """The list's parameters, as `/` and `/api/stories` both take them."""
    return views.ListQuery(q=q, since=since, outlet=outlet, limit=limit, cursor=cursor)


ListParams = Annotated[views.ListQuery, Depends(list_query)]


@router.get("/stories", response_model=StoryList, summary="Stories, newest first")
def list_stories(request: Request, svc: Svc, query: ListParams) -> Response:
    """The stories the store holds, newest update first, one page at a time: pass `next`
    as `cursor` for the next page. The JSON twin of the page `/`."""
    return json_response(views.story_list(svc.store, query).model_dump_json(), request)


@router.get("/stories/{story_id}", response_model=Story, summary="One story's briefing")
async def get_story(story_id: str, request: Request, svc: Svc) -> Response:
    """The story as `newsfuse brief --format json` gives it (one element of `stories`),
    fused once per change of its articles. The ETag names its article set: send it back as
    If-None-Match to learn cheaply whether the story changed (304)."""
    brief = await svc.story(story_id)
    return json_response(brief.data, request, etag=brief.version)


@router.get("/articles/{article_id:path}", response_model=Article, summary="One article")
def get_article(article_id: str, request: Request, svc: Svc) -> Response:
    """The stored article as `newsfuse analyze` gives it (its id may hold `/`)."""
    return json_response(views.article_json(svc.store, article_id), request)


ROWS_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "array",
                    "maxItems": MAX_POST_ROWS,
                    "items": ArticleRow.model_json_schema(),
                }
            }
        },
    }
}


@router.post(
    "/articles",
    response_model=IngestResult,
    summary="Analyse and store articles",
    dependencies=[Depends(require_token)],
    openapi_extra=ROWS_BODY,
)
async def post_articles(
    request: Request,
    svc: Svc,
    date_: Annotated[
        date | None,
        Query(
            alias="date",
            description="Reference date for rows without `published` (else serve's --date).",
        ),
    ] = None,
) -> IngestResult:
    """Rows shaped as the JSONL input (`id`, `text` or `html`, `title`, `url`, `outlet`,
    `published`), analysed, stored and fused into their stories. A bad row is named in
    `failures` and the rest stored; what the store holds already is skipped, and an id
    stored before with other text is stored as a new version and named in `updated`."""
    rows = parse_rows(await request.body())
    report = await svc.ingest(rows, date_)
    return IngestResult(
        ingested=report.added,
        already_stored=report.already_stored,
        updated=report.updated,
        failures=report.failures,
        stories=report.stories,
    )


def parse_rows(body: bytes) -> list[Any]:
    """The request's rows; 400 for malformed JSON, 422 for JSON that is not an array."""
    try:
        rows = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise HTTPException(400, f"malformed JSON: {exc}") from None
    if not isinstance(rows, list):
        raise HTTPException(
            422, f"the body must be a JSON array of rows, not {type(rows).__name__}"
        )
    if len(rows) > MAX_POST_ROWS:
        raise HTTPException(413, f"{len(rows)} rows; at most {MAX_POST_ROWS} per request")
    return rows


@router.get("/health", response_model=Health, summary="Readiness and size")
async def health(svc: Svc) -> Health:
    articles, stories = await run_in_threadpool(_sizes, svc)
    return Health(
        ready=svc.analyst.ready.is_set(),
        articles=articles,
        stories=stories,
        pending=svc.analyst.pending,
    )


def _sizes(svc: Service) -> tuple[int, int]:
    return svc.store.count(), len(svc.store.brief_versions())
