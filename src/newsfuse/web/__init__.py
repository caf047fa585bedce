"""`newsfuse serve`: the web app and HTTP API over the store, fed live by feeds.

One process: uvicorn serves the ASGI app (`app.create_app`) on 127.0.0.1 unless told
otherwise; the models load once, on the one analysis thread (`analyst`), which does every
ingest and fusion in turn while the pages and the API answer from the store.
"""

from __future__ import annotations

import logging

import uvicorn

from newsfuse.settings import REQUEST_TIMEOUT_S, SERVE_HOST, SERVE_PORT
from newsfuse.web.app import create_app
from newsfuse.web.service import ServeConfig

__all__ = ["ServeConfig", "create_app", "serve"]

log = logging.getLogger("newsfuse.serve")

MAX_CONNECTIONS = 500
"""Connections served at once; beyond, uvicorn answers 503 at once rather than queueing."""


def serve(config: ServeConfig, host: str = SERVE_HOST, port: int = SERVE_PORT) -> None:
    """Run the service until interrupted."""
    if host not in ("127.0.0.1", "localhost", "::1") and config.token is None:
        log.warning("listening on %s without --token: anyone who can reach it can POST", host)
    uvicorn.run(
        create_app(config),
        host=host,
        port=port,
        log_config=None,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=int(REQUEST_TIMEOUT_S),
        server_header=False,
    )
