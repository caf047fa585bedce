"""Helpers of the web tests: a store of the bundled examples, a hostile article, and the
real server on a free loopback port (as datasette's browser tests start theirs)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import uvicorn

from newsfuse import pipeline
from newsfuse.settings import Settings
from newsfuse.store import BriefStore
from newsfuse.web import ServeConfig, create_app
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
REFERENCE = date(2026, 3, 14)
"""The bundled examples' reference date (as `make demo` briefs them)."""

LEFT_OUT = EXAMPLES / "reports" / "nordpress-drovny-death-toll.txt"
"""The report the live-update test POSTs after the page is open (it joins the derailment)."""

PWNED = "window.__pwned"
HOSTILE_ROW = {
    "id": 'hostile/"><script>window.__pwned=1</script>',
    "title": '<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3">',
    "outlet": '<b onmouseover="window.__pwned=4">Evil Wire</b>',
    "url": "javascript:window.__pwned=5",
    "text": "Mayor of Ostrava reopens the Lidická bridge\n"
    "The mayor of Ostrava said on Monday <script>window.__pwned=6</script> that the Lidická "
    'bridge would reopen after repairs costing $4 million. <img src=x onerror="window.__pwned=7"> '
    '"It is safe," she said. Read more at <a href="javascript:window.__pwned=8">this link</a>'
    ' <svg onload="window.__pwned=9"></svg> and <iframe src="javascript:window.__pwned=10">.',
}
"""An article whose every field a page shows carries markup that would run if injected."""


def examples_db(path: Path, leave_out: Path | None = None) -> Path:
    """A SQLite store holding the bundled examples (but `leave_out`), analysed and fused."""
    sources = sorted(str(p) for p in EXAMPLES.rglob("*") if p.suffix in {".txt", ".html", ".jsonl"})
    sources = [s for s in sources if leave_out is None or s != str(leave_out)]
    store = BriefStore(path)
    settings = Settings(reference_date=REFERENCE)
    pipeline.ingest(store, pipeline.read(sources, settings), settings)
    pipeline.refresh_briefs(store)
    store.close()
    return path


def copy_db(source: Path, target_dir: Path) -> Path:
    target = target_dir / source.name
    shutil.copy(source, target)
    return target


@contextmanager
def live_server(config: ServeConfig) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 and a free port; its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(config), log_config=None, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
