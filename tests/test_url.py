"""Fetching URLs and feeds from a real HTTP server on loopback."""

from __future__ import annotations

import gzip
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpcore
import pytest

from newsfuse.errors import BlockedAddress, FetchError
from newsfuse.ingest import read_sources, url
from newsfuse.ingest.document import Document
from newsfuse.ingest.feed import parse_feed
from newsfuse.ingest.url import check_address, fetch, is_public
from newsfuse.model import Article, Failure
from newsfuse.settings import MAX_DOCUMENT_BYTES
from tests.test_ingest import PAGE, RSS


class _Quiet(BaseHTTPRequestHandler):
    """A test server's handler: no log lines, one call per answer."""

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


@contextmanager
def _serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A server on a free loopback port for the block, and its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


class _Handler(_Quiet):
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
    with _serving(_Handler) as base:
        yield base


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


class _Counting(_Quiet):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.hits.append(self.path)
        self._send(200, RSS.encode(), "application/rss+xml")


def test_a_feed_whose_body_is_a_url_fetches_nothing(tmp_path: Path) -> None:
    """feedparser fetches a string that reads as a URL: a feed file must not make it."""
    with _serving(_Counting) as base:
        (tmp_path / "inner.rss").write_text(base + "/feed.xml", encoding="utf-8")
        (tmp_path / "path.rss").write_text(str(tmp_path / "secret.txt"), encoding="utf-8")
        (tmp_path / "secret.txt").write_text(RSS, encoding="utf-8")
        items = list(read_sources([str(tmp_path / "inner.rss"), str(tmp_path / "path.rss")]))
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


# --- the one fetcher: address checks bound to the connection, deadline, bounded bodies -----


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # shared address space (carrier-grade NAT)
        "192.0.0.8",
        "198.18.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "224.0.0.251",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::127.0.0.1",  # IPv4-compatible
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b:1::1",  # local-use NAT64
        "fc00::1",
        "fe80::1",
        "ff02::1",
        "2001:db8::1",
        "100::1",
    ],
)
def test_special_purpose_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:4700::1111", "64:ff9b::5db8:d822", "2002:5db8:d822::1"]
)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_the_connection_goes_to_the_address_that_was_checked(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that answers a public address to the check and loopback to
    the connection must reach neither loopback nor anything but the checked address."""
    port = int(server.rsplit(":", 1)[1])
    answers = iter(["93.184.216.34"] + ["127.0.0.1"] * 10)
    resolved: list[str] = []
    connected: list[str] = []

    def rebinding(host: str, *_args: object, **_kw: object) -> list[tuple[Any, ...]]:
        resolved.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def connect(_self: object, host: str, port: int, *args: object) -> None:
        connected.append(host)
        raise httpcore.ConnectError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect)
    item = _one(list(read_sources([f"http://rebind.example:{port}/page"])))
    assert isinstance(item, Failure) and "unreachable" in item.reason
    assert resolved == ["rebind.example"]
    assert connected == ["93.184.216.34"]


class _Away(_Quiet):
    """A site that sends its visitors on to another address (`target`)."""

    target: ClassVar[str] = ""
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Away.hits.append(self.path)
        if self.path == "/away":
            self._send(302, b"", "text/plain", {"Location": _Away.target})
        else:
            self._send(200, PAGE.encode(), "text/html; charset=utf-8")


def test_a_redirect_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each hop is checked on its own connection: a public site (played by a loopback
    server under a name the check takes for public) that redirects to loopback gets no
    further than its own answer."""
    checked = url.checked_addresses

    def public_site(host: str, port: int, allow_private: bool, timeout: float) -> list[str]:
        if host == "news.example":
            return ["127.0.0.1"]
        return checked(host, port, allow_private, timeout)

    monkeypatch.setattr(url, "checked_addresses", public_site)
    with _serving(_Away) as base:
        port = base.rsplit(":", 1)[1]
        _Away.target, _Away.hits[:] = f"{base}/page", []
        item = _one(list(read_sources([f"http://news.example:{port}/away"])))
        assert isinstance(item, Failure) and "non-public address 127.0.0.1" in item.reason
        assert _Away.hits == ["/away"]
        _Away.target = f"http://news.example:{port}/page"  # the same site: followed
        assert isinstance(_one(list(read_sources([f"http://news.example:{port}/away"]))), Article)


class _Trickle(_Quiet):
    """A server that answers one byte at a time, forever."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass


@pytest.mark.timeout(60)
def test_a_trickling_server_is_cut_off_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(url, "HTTP_DEADLINE_S", 2.0)
    with _serving(_Trickle) as base:
        start = time.monotonic()
        with pytest.raises(FetchError, match="HTTP_DEADLINE_S"):
            fetch(base + "/", allow_private=True)
        assert time.monotonic() - start < 10


ZEROS = gzip.compress(b"\0" * (64 << 20))
"""64 MiB of zeros in 64 KB: an HTTP gzip bomb."""


class _Encoded(_Quiet):
    def do_GET(self) -> None:
        bodies = {
            "/bomb": (ZEROS, "gzip"),
            "/gzip": (gzip.compress(PAGE.encode()), "gzip"),
            "/deflate": (zlib.compress(PAGE.encode()), "deflate"),
            "/raw-deflate": (zlib.compress(PAGE.encode(), wbits=-15), "deflate"),
            "/brotli": (b"\x0b\x02\x80hello\x03", "br"),
        }
        body, coding = bodies[self.path]
        self._send(200, body, "text/html; charset=utf-8", {"Content-Encoding": coding})


@pytest.fixture(scope="module")
def encoded() -> Iterator[str]:
    with _serving(_Encoded) as base:
        yield base


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate"])
def test_compressed_bodies_are_inflated(encoded: str, path: str) -> None:
    assert fetch(encoded + path, allow_private=True).content == PAGE.encode()


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/bomb", "too large: over 8,388,608 bytes"), ("/brotli", "unsupported content encoding")],
)
def test_compressed_bodies_are_bounded(encoded: str, path: str, reason: str) -> None:
    item = _one(list(read_sources([encoded + path], allow_private=True)))
    assert isinstance(item, Failure) and reason in item.reason


class _Conditional(_Quiet):
    def do_GET(self) -> None:
        if self.headers.get("If-None-Match") == '"v1"':
            self._send(304, b"", "application/rss+xml", {"ETag": '"v1"'})
            return
        validators = {"ETag": '"v1"', "Last-Modified": "Tue, 10 Mar 2026 09:00:00 GMT"}
        self._send(200, RSS.encode(), "application/rss+xml", validators)


def test_conditional_requests_report_not_modified() -> None:
    with _serving(_Conditional) as base:
        first = fetch(base + "/feed", allow_private=True)
        again = fetch(
            base + "/feed", allow_private=True, headers={"If-None-Match": first.etag or ""}
        )
    assert (first.status, first.etag, first.last_modified) == (
        200,
        '"v1"',
        "Tue, 10 Mar 2026 09:00:00 GMT",
    )
    assert first.content == RSS.encode() and first.content_type == "application/rss+xml"
    assert (again.status, again.content, again.etag) == (304, b"", '"v1"')


def test_a_served_feed_whose_body_is_a_url_fetches_nothing_more() -> None:
    with _serving(_SelfPointing) as base:
        items = list(read_sources([base + "/feed.rss"], allow_private=True))
    assert _SelfPointing.hits == ["/feed.rss"]
    assert all(isinstance(i, Failure) for i in items), items


class _SelfPointing(_Quiet):
    """A feed URL whose body is the URL of another page on the same server."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _SelfPointing.hits.append(self.path)
        body = f"http://127.0.0.1:{self.server.server_address[1]}/inner.xml".encode()
        self._send(200, body, "application/rss+xml")


def test_a_served_feed_keeps_the_charset_of_its_bytes() -> None:
    latin = RSS.replace('encoding="utf-8"', 'encoding="iso-8859-1"').replace(
        "Kessel bridge", "Kessel Brücke"
    )
    got = list(parse_feed(latin.encode("iso-8859-1"), "f"))
    assert any(isinstance(d, Document) and "Kessel Brücke" in d.content for d in got)
    declared = list(parse_feed(latin.encode("iso-8859-1"), "f", charset="iso-8859-1"))
    assert any(isinstance(d, Document) and "Kessel Brücke" in d.content for d in declared)


def _certificate(tmp: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for `name` and its key (openssl's command line)."""
    cert, key = tmp / f"{name}.pem", tmp / f"{name}.key"
    command = (
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -keyout {} -out {} -subj {} -addext {}"
    )
    args = (key, cert, f"/CN={name}", f"subjectAltName=DNS:{name}")
    subprocess.run(command.format(*args).split(), check=True, capture_output=True)
    return cert, key


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
@pytest.mark.parametrize(("served_as", "ok"), [("localhost", True), ("other.example", False)])
def test_tls_checks_the_host_name_on_the_checked_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, served_as: str, ok: bool
) -> None:
    """The connection goes to the address resolved once, and TLS still verifies the
    certificate against the URL's host name (sent for SNI)."""
    cert, key = _certificate(tmp_path, served_as)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    client_tls = ssl.create_default_context(cafile=str(cert))
    monkeypatch.setattr(url, "_tls", lambda: client_tls)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.socket = server_tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = f"https://localhost:{httpd.server_address[1]}/page"
        if ok:
            assert fetch(page, allow_private=True).content == PAGE.encode()
        else:
            with pytest.raises(FetchError, match=r"CERTIFICATE_VERIFY_FAILED|certificate"):
                fetch(page, allow_private=True)
    finally:
        httpd.shutdown()
