"""Feeds watched: conditional requests (ETag), only new entries analysed, a dead feed
never stops the others, ingest's address rules apply; served live by `serve --feeds`."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from newsfuse.settings import Settings
from newsfuse.store import BriefStore
from newsfuse.watch import FeedWatcher
from newsfuse.web import ServeConfig
from tests.conftest import run_cli
from tests.webapp import live_server

ITEMS = [
    (
        "https://tidewater.example/1",
        "Ferry service resumes in Port Alder after storm",
        "The harbour authority of Port Alder said on Monday that ferry service would resume "
        "on Wednesday after storm repairs costing $2.5 million. Harbour master Lena Ortiz "
        "said the crews were ready and the piers had been inspected.",
    ),
    (
        "https://tidewater.example/2",
        "Port Alder ferries to sail again on Wednesday",
        "Ferries in Port Alder will sail again on Wednesday, the harbour authority said on "
        "Monday, after storm repairs that cost about 2.5 million dollars. Harbour master "
        "Lena Ortiz said the piers had been inspected.",
    ),
    (
        "https://tidewater.example/3",
        "First Port Alder ferry sails after storm repairs",
        "The first ferry left Port Alder on Wednesday morning, two days after the harbour "
        "authority said service would resume following storm repairs costing $2.5 million.",
    ),
]


def rss(count: int) -> bytes:
    items = "".join(
        f"<item><guid>{link}</guid><link>{link}</link><title>{title}</title>"
        f"<pubDate>Mon, 16 Mar 2026 0{n}:00:00 GMT</pubDate><description>{text}</description></item>"
        for n, (link, title, text) in enumerate(ITEMS[:count])
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Tidewater Courier</title>'
        f"{items}</channel></rss>"
    ).encode()


class FeedServer(BaseHTTPRequestHandler):
    """/feed.xml with an ETag per version (304 when it matches); anything else is 404."""

    version: ClassVar[int] = 2
    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        if self.path != "/feed.xml":
            self.send_error(404)
            return
        FeedServer.seen.append(dict(self.headers))
        etag = f'"v{FeedServer.version}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = rss(FeedServer.version)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feeds() -> Iterator[str]:
    FeedServer.version = 2
    FeedServer.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_conditional_polls_only_new_entries_and_dead_feeds_apart(
    feeds: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsfuse")
    store = BriefStore(tmp_path / "w.db")
    dead = f"http://127.0.0.1:{closed_port()}/feed.xml"
    watcher = FeedWatcher(
        [dead, f"{feeds}/gone.xml", f"{feeds}/feed.xml"], store, Settings(allow_private=True)
    )
    assert watcher.round() == 2
    assert {a.id for a in store.articles()} == {link for link, _, _ in ITEMS[:2]}
    assert [b.outlets for b in store.list_briefs()] == [["Tidewater Courier"]]
    assert "HTTP 404" in caplog.text and dead in caplog.text

    assert watcher.round() == 2
    assert FeedServer.seen[-1].get("If-None-Match") == '"v2"'
    assert "not modified" in caplog.text
    assert store.count() == 2

    FeedServer.version = 3
    caplog.clear()
    assert watcher.round() == 2
    assert store.count() == 3
    assert "1 new, 2 already stored" in caplog.text
    assert len(store.list_briefs()) >= 1


def test_feeds_keep_to_public_addresses_unless_allowed(feeds: str, tmp_path: Path) -> None:
    store = BriefStore(tmp_path / "w.db")
    watcher = FeedWatcher([f"{feeds}/feed.xml"], store, Settings())
    assert watcher.round() == 1
    assert store.count() == 0
    assert FeedServer.seen == []


def test_watch_command_once(feeds: str, tmp_path: Path) -> None:
    """The command over a store that holds the feed already: a conditional request, no
    analysis; a dead feed named and the exit code 1."""
    db = tmp_path / "w.db"
    FeedWatcher([f"{feeds}/feed.xml"], BriefStore(db), Settings(allow_private=True)).round()
    listed = tmp_path / "feeds.txt"
    dead = f"http://127.0.0.1:{closed_port()}/feed.xml"
    listed.write_text(f"# the courier\n{feeds}/feed.xml\n\n{dead}\n", encoding="utf-8")
    done = run_cli("watch", str(listed), "--db", str(db), "--once", "--allow-private")
    assert done.returncode == 1, done.stderr
    assert f"{feeds}/feed.xml: not modified" in done.stderr
    assert dead in done.stderr
    assert FeedServer.seen[-1].get("If-None-Match") == '"v2"'
    assert BriefStore(db).count() == 2


def test_serve_polls_its_feeds(feeds: str, tmp_path: Path) -> None:
    config = ServeConfig(
        db=str(tmp_path / "s.db"),
        settings=Settings(allow_private=True),
        feeds=(f"{feeds}/feed.xml",),
        every_minutes=0.01,
    )
    with live_server(config) as base:
        deadline = time.monotonic() + 120
        stories: list[dict] = []
        while not stories and time.monotonic() < deadline:
            time.sleep(0.5)
            stories = httpx.get(f"{base}/api/stories").json()["stories"]
        assert stories and stories[0]["outlets"] == ["Tidewater Courier"]
        deadline = time.monotonic() + 30
        while len(FeedServer.seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert FeedServer.seen[1].get("If-None-Match") == '"v2"'
