"""Fetching URLs and feeds from a real HTTP server on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from newsfuse.errors import BlockedAddress
from newsfuse.ingest import read_sources
from newsfuse.ingest.url import check_address
from newsfuse.model import Article, Failure
from newsfuse.settings import MAX_DOCUMENT_BYTES
from tests.test_ingest import PAGE, RSS


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(
        self, code: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/page":
            self._send(200, PAGE.encode(), "text/html; charset=utf-8")
        elif self.path == "/feed":
            self._send(200, RSS.encode(), "application/rss+xml")
        elif self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self._send(302, b"", "text/plain", {"Location": f"/loop{n + 1}"})
        elif self.path == "/hop":
            self._send(301, b"", "text/plain", {"Location": "/page"})
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(MAX_DOCUMENT_BYTES + 10))
            self.end_headers()
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _one(items: list[Article | Failure]) -> Article | Failure:
    assert len(items) == 1, items
    return items[0]


def test_loopback_refused_by_default(server: str) -> None:
    item = _one(list(read_sources([server + "/page"])))
    assert isinstance(item, Failure)
    assert "non-public address" in item.reason and "--allow-private" in item.reason


@pytest.mark.parametrize(
    "url",
    ["http://10.1.2.3/x", "http://169.254.169.254/latest", "http://[::1]/", "http://0.0.0.0/"],
)
def test_private_addresses_blocked(url: str) -> None:
    with pytest.raises(BlockedAddress):
        check_address(url)


def test_page_fetched_when_allowed(server: str) -> None:
    art = _one(list(read_sources([server + "/hop"], allow_private=True)))
    assert isinstance(art, Article)
    assert art.id == server + "/hop"
    assert "Ilse Marrow" in art.text
    assert art.url == server + "/page"


def test_feed_url(server: str) -> None:
    items = list(read_sources([server + "/feed"], allow_private=True))
    assert any(isinstance(i, Article) and "Kessel bridge" in i.text for i in items)


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/loop0", "redirects"), ("/huge", "too large"), ("/missing", "HTTP 404")],
)
def test_bad_urls_reported(server: str, path: str, reason: str) -> None:
    item = _one(list(read_sources([server + path], allow_private=True)))
    assert isinstance(item, Failure) and reason in item.reason


def test_unreachable_url_reported() -> None:
    item = _one(list(read_sources(["http://127.0.0.1:9/"], allow_private=True)))
    assert isinstance(item, Failure) and "unreachable" in item.reason


class _Counting(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _Counting.hits.append(self.path)
        body = RSS.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_feed_whose_body_is_a_url_fetches_nothing(tmp_path: Path) -> None:
    """feedparser fetches a string that reads as a URL: a feed file must not make it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
        (tmp_path / "inner.rss").write_text(url, encoding="utf-8")
        (tmp_path / "path.rss").write_text(str(tmp_path / "secret.txt"), encoding="utf-8")
        (tmp_path / "secret.txt").write_text(RSS, encoding="utf-8")
        items = list(read_sources([str(tmp_path / "inner.rss"), str(tmp_path / "path.rss")]))
    finally:
        httpd.shutdown()
    assert _Counting.hits == []
    assert all(isinstance(i, Failure) for i in items), items
    assert [i.item for i in items] == [str(tmp_path / "inner.rss"), str(tmp_path / "path.rss")]


def test_a_feed_keeps_its_declared_encoding_once_decoded(tmp_path: Path) -> None:
    latin = RSS.replace('encoding="utf-8"', 'encoding="iso-8859-1"').replace(
        "Kessel bridge", "Kessel Brücke"
    )
    (tmp_path / "l.rss").write_bytes(latin.encode("iso-8859-1"))
    art = next(i for i in read_sources([str(tmp_path / "l.rss")]) if isinstance(i, Article))
    assert "Kessel Brücke reopened" in art.text
