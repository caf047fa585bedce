"""The web pages: `/` (stories), `/stories/{id}`, `/articles/{id}` and `/docs`.

Server-rendered with Jinja2 (autoescaped: article text, titles, outlets and URLs are
hostile input and show as text). Each page is built from the same query as its JSON twin
(`views`), links to it, and names it in `<link rel="alternate">`. A story's briefing is
drawn by the HTML report's own partial (`render/templates/story.html.j2`), so the page
and `newsfuse brief --format html` never drift apart.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from swagger_ui_bundle import swagger_ui_path

from newsfuse.model import Article, Story
from newsfuse.render import html as report
from newsfuse.store import StoryBrief
from newsfuse.web import views
from newsfuse.web.api import ListParams
from newsfuse.web.service import Service, service

HERE = Path(__file__).parent
STATIC = HERE / "static"
REPORT_ASSETS = {"report.css": "text/css", "report.js": "text/javascript"}
"""The report's own style and script, served from the report's templates folder."""
SWAGGER_ASSETS = {"swagger-ui.css": "text/css", "swagger-ui-bundle.js": "text/javascript"}

router = APIRouter(include_in_schema=False)
Svc = Annotated[Service, Depends(service)]


def urlpart(value: str) -> str:
    """An id as one URL path segment: every `/`, `?`, `#` and `.` escaped, so no id can
    step out of its route."""
    return quote(value, safe="").replace(".", "%2E")


def web_url(value: str | None) -> bool:
    """Whether a URL may be a link: http or https only (never `javascript:` or `data:`)."""
    return bool(value) and urlsplit(value or "").scheme.lower() in ("http", "https")


def when(stamp: str) -> str:
    """A stored UTC timestamp, for a person."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return stamp


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The web templates, with the report's beside them (its story partial, its assets)."""
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(HERE / "templates"), FileSystemLoader(report.TEMPLATES)]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(urlpart=urlpart, when=when, web_url=web_url)
    return env


def html(request: Request, name: str, **context: Any) -> str:
    """A page of the web templates, rendered."""
    context.setdefault("query", views.ListQuery())
    context.setdefault("poll_seconds", service(request).config.poll_seconds)
    return environment().get_template(name).render(**context)


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(html(request, name, **context), status_code=status)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, svc: Svc, query: ListParams) -> HTMLResponse:
    listing = views.story_list(svc.store, query)
    twin = "/api/stories" + _query_string(query.params())
    next_page = "/" + _query_string(query.params(cursor=listing.next)) if listing.next else None
    return page(
        request,
        "index.html.j2",
        query=query,
        listing=listing,
        outlets=svc.store.brief_outlets(),
        next_page=next_page,
        twin=twin,
        live=twin,
        etag=views.etag(listing.model_dump_json()),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story(story_id: str, request: Request, svc: Svc) -> HTMLResponse:
    """A story's page, rendered once per version of the story and kept."""
    brief = await svc.story(story_id)
    key = f"{brief.id}\n{brief.version}"
    rendered = svc.story_pages.get(key)
    if rendered is None:
        rendered = await run_in_threadpool(_story_html, request, svc, brief)
        svc.story_pages.put(key, rendered)
    return HTMLResponse(rendered)


def _story_html(request: Request, svc: Service, brief: StoryBrief) -> str:
    articles = svc.store.story_articles(brief.id)
    fused = Story.model_validate_json(brief.data)
    names = {a.id: a.outlet or a.id for a in articles}
    twin = f"/api/stories/{urlpart(brief.id)}"
    return html(
        request,
        "story_page.html.j2",
        brief=brief,
        articles=articles,
        outlet_of={a.id: a.outlet for a in articles},
        s=report.story_view(fused, {a.id: a for a in articles}, names),
        story_template=report.STORY_TEMPLATE,
        twin=twin,
        live=twin,
        etag=f'"{brief.version}"',
        **report.template_globals(names),
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(article_id: str, request: Request, svc: Svc) -> HTMLResponse:
    found = views.article(svc.store, article_id)
    return page(
        request,
        "article.html.j2",
        article=found,
        segments=_segments(found),
        story_id=svc.store.story_of(found.id),
        twin=f"/api/articles/{urlpart(found.id)}",
    )


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, its assets served by this app (it works offline)."""
    return HTMLResponse(environment().get_template("docs.html.j2").render())


@router.get("/static/swagger-ui/{name}")
def swagger_asset(name: str) -> Response:
    if name not in SWAGGER_ASSETS:
        return _not_found()
    return FileResponse(Path(str(swagger_ui_path)) / name, media_type=SWAGGER_ASSETS[name])


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name in REPORT_ASSETS:
        return FileResponse(report.TEMPLATES / name, media_type=REPORT_ASSETS[name])
    path = STATIC / name
    if "/" in name or name.startswith(".") or not path.is_file():
        return _not_found()
    return FileResponse(path)


def _not_found() -> Response:
    raise HTTPException(404, "no such file")


def _query_string(params: dict[str, str]) -> str:
    return "?" + urlencode(params) if params else ""


def _segments(article: Article) -> list[report.Segment]:
    """The article's text with what cleaning removed marked as such."""
    out: list[report.Segment] = []
    pos = 0
    for r in sorted(article.removed, key=lambda r: (r.start, r.end)):
        if r.start < pos:
            continue
        if r.start > pos:
            out.append(report.Segment(article.text[pos : r.start]))
        out.append(report.Segment(article.text[r.start : r.end], status=r.reason))
        pos = r.end
    if pos < len(article.text):
        out.append(report.Segment(article.text[pos:]))
    return out
