"""What stands between the network and the app: size and time limits, security headers.

Both are plain ASGI middleware, so they hold for every route, the static files included,
and a body is refused while it arrives rather than after it was read in full.
"""

from __future__ import annotations

import asyncio
import json
from http import HTTPStatus
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse.settings import INGEST_TIMEOUT_S, MAX_REQUEST_BYTES, REQUEST_TIMEOUT_S

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""No inline script or style, nothing from elsewhere: text from an article that slipped
past escaping still could not run, load or send anything."""

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

SLOW_PATHS = {("POST", "/api/articles")}
"""Requests that analyse articles, and so get INGEST_TIMEOUT_S."""


class TooLarge(Exception):
    pass


def problem_body(
    status: int, detail: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The API's one error shape (`newsfuse.web.models.Problem`, RFC 9457)."""
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase}
    body.update(status=status, detail=detail)
    if errors is not None:
        body["errors"] = errors
    return body


async def send_problem(send: Send, status: int, detail: str) -> None:
    body = json.dumps(problem_body(status, detail)).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Limits:
    """Refuse bodies over `max_bytes` (413) and answer 503 when a request takes too long."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_REQUEST_BYTES,
        timeout_s: float = REQUEST_TIMEOUT_S,
        slow_timeout_s: float = INGEST_TIMEOUT_S,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self.slow_timeout_s = slow_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await send_problem(send, 413, f"request body over {self.max_bytes:,} bytes")
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        slow = (scope["method"], scope["path"]) in SLOW_PATHS
        try:
            async with asyncio.timeout(self.slow_timeout_s if slow else self.timeout_s):
                await self.app(scope, counted, tracked)
        except TooLarge:
            if not started:
                await send_problem(send, 413, f"request body over {self.max_bytes:,} bytes")
        except TimeoutError:
            if not started:
                await send_problem(send, 503, "the request took too long")


class SecurityHeaders:
    """A Content-Security-Policy and the other headers that keep a page to itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"content-security-policy", CSP.encode()),
                    *SECURITY_HEADERS,
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
