"""The ASGI app of `newsfuse serve`: the JSON API, the web pages, the feed watcher.

FastAPI rather than bare Starlette: its routes are typed with the contract's own pydantic
models (`Story`, `Article`), so `/openapi.json` describes exactly what is served and
cannot drift from `docs/schema.md`, and query parameters are validated before a handler
runs. Its interactive docs would load from a CDN by default; they are switched off and
`/docs` serves Swagger UI from the `swagger-ui-bundle-v2` package instead, so the app
works offline. Everything else is Starlette: plain ASGI middleware for limits and
headers (`guard`), Jinja2 pages (`pages`), one error shape (`Problem`) for the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsfuse import __version__
from newsfuse.errors import NotFound
from newsfuse.watch import FeedWatcher
from newsfuse.web import api, pages
from newsfuse.web.analyst import Busy
from newsfuse.web.guard import Limits, SecurityHeaders, problem_body
from newsfuse.web.service import ServeConfig, Service
from newsfuse.web.views import BadParameter

log = logging.getLogger("newsfuse.serve")

API_PREFIXES = ("/api/", "/openapi.json")


def create_app(config: ServeConfig) -> FastAPI:
    """The app over `config.db`; the models load and warm up on the analysis thread once
    it starts, while the pages already answer from the store."""
    svc = Service(config)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        svc.analyst.start()
        tasks = [asyncio.create_task(_every(config.sync_seconds, _sync(svc)))]
        if config.feeds:
            watcher = FeedWatcher(config.feeds, svc.store, config.settings)
            tasks.append(asyncio.create_task(watcher.serve(svc.analyst, config.every_minutes)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            svc.analyst.close()
            svc.store.close()

    app = FastAPI(
        title="newsfuse",
        version=__version__,
        summary="Many news reports in, one reconciled account per story out.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = svc
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(Limits)
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(BadParameter, _bad_parameter)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(Exception, _crash)
    return app


async def _every(seconds: float, job: Callable[[], Awaitable[None]]) -> None:
    while True:
        await asyncio.sleep(seconds)
        try:
            await job()
        except Exception:
            log.exception("background job failed")


def _sync(svc: Service) -> Callable[[], Awaitable[None]]:
    """Fuse stories whose articles another process (`newsfuse ingest`, `watch`) changed."""

    async def job() -> None:
        if svc.analyst.ready.is_set() and svc.analyst.pending == 0:
            await svc.analyst.queue(svc.analyst.refresh)

    return job


def problem(
    request: Request,
    status: int,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The API's one error shape (RFC 9457); an HTML page for a page."""
    title = HTTPStatus(status).phrase
    if not request.url.path.startswith(API_PREFIXES):
        return pages.page(request, "error.html.j2", status=status, title=title, detail=detail)
    return JSONResponse(
        problem_body(status, detail, errors),
        status_code=status,
        headers=headers,
        media_type="application/problem+json",
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return problem(request, exc.status_code, str(exc.detail), headers=exc.headers)


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
    return problem(request, 422, detail or "invalid request", errors)


async def _bad_parameter(request: Request, exc: Exception) -> Response:
    return problem(request, 400, str(exc))


async def _not_found(request: Request, exc: Exception) -> Response:
    return problem(request, 404, str(exc))


async def _busy(request: Request, exc: Exception) -> Response:
    return problem(request, 503, str(exc), headers={"Retry-After": "5"})


async def _crash(request: Request, exc: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return problem(request, 500, "internal error; the server log has the details")
