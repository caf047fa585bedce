"""Fetching a URL safely: one client for pages and feeds alike.

A feed or a page is content somebody else controls; its links must not make newsfuse
reach inside the network it runs in, nor hold it up. So every fetch

- resolves each host once and connects to the very address it checked (an address check
  and a second resolution at connect time would let DNS rebinding through), refusing any
  address that the IANA special-purpose registries do not mark globally reachable, IPv4
  addresses spelled inside IPv6 (mapped, 6to4, NAT64, compatible) judged as the IPv4
  address they carry, unless the user says `--allow-private`; TLS still checks the
  certificate against the host name, and the name is sent for SNI;
- follows at most HTTP_MAX_REDIRECTS redirects, each hop checked the same way;
- ends within HTTP_DEADLINE_S all told (resolution, connections, every read), with no
  single wait longer than HTTP_TIMEOUT_S, so a server that trickles a byte at a time is
  cut off;
- reads at most MAX_DOCUMENT_BYTES, received or inflated (`bounded.inflate_body`).

Proxies from the environment are not used: a proxy would resolve the host itself, out of
reach of the check. Conditional requests (`headers` with If-None-Match or
If-Modified-Since) are answered with `status` 304 and no content.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.message import Message
from functools import lru_cache
from typing import Any

import httpcore
import httpx

from newsfuse.errors import BlockedAddress, FetchError, InputError
from newsfuse.ingest.bounded import CONTENT_ENCODINGS, DOCUMENT, Limit, inflate_body
from newsfuse.settings import (
    HTTP_DEADLINE_S,
    HTTP_MAX_REDIRECTS,
    HTTP_TIMEOUT_S,
    HTTP_USER_AGENT,
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

BLOCKED_IPV4 = tuple(
    ipaddress.IPv4Network(net)
    for net in (
        "0.0.0.0/8",  # this network
        "10.0.0.0/8",  # private use
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link local (cloud metadata services)
        "172.16.0.0/12",  # private use
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # 6to4 relay anycast (deprecated)
        "192.168.0.0/16",  # private use
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and the limited broadcast address
    )
)
"""IPv4 blocks of the IANA special-purpose registry that are not globally reachable."""

GLOBAL_UNICAST_IPV6 = ipaddress.IPv6Network("2000::/3")
BLOCKED_IPV6 = tuple(
    ipaddress.IPv6Network(net)
    for net in (
        "2001::/23",  # IETF protocol assignments (Teredo, benchmarking, ORCHID ...)
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation
    )
)
"""IPv6 blocks inside global unicast (2000::/3) that are not globally reachable; nothing
outside 2000::/3 is (loopback, unique local, link local, multicast, discard ...)."""

NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
"""The NAT64 well-known prefix: an address in it reaches the IPv4 address it ends with."""

REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought back: the final URL (after redirects), the body, and what the
    server said about it (`status` 304: not modified since the validators sent)."""

    url: str
    content: bytes
    content_type: str
    """The media type, lower case, without parameters ("" when none was declared)."""
    charset: str | None
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


def is_url(value: str) -> bool:
    return value[:8].lower().startswith(("http://", "https://"))


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address reaches: mapped, 6to4, NAT64 or compatible."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr in NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    if int(addr) >> 32 == 0:  # ::/96, IPv4-compatible (deprecated), :: and ::1 among them
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def is_public(addr: IPAddress) -> bool:
    """Whether an address is globally reachable: outside every special-purpose block."""
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(addr)
        if embedded is not None:
            return is_public(embedded)
        if addr not in GLOBAL_UNICAST_IPV6 or any(addr in net for net in BLOCKED_IPV6):
            return False
    elif any(addr in net for net in BLOCKED_IPV4):
        return False
    return addr.is_global and not addr.is_multicast


def _resolve(host: str, port: int, timeout: float) -> list[str]:
    """The host's addresses, the system resolver given no longer than `timeout`."""
    answer: list[Any] = []

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            answer.append(exc)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(max(timeout, 0.0))
    if not answer:
        raise FetchError(f"cannot resolve host {host!r}: no answer within {timeout:.0f} s")
    if isinstance(answer[0], Exception):
        why = getattr(answer[0], "strerror", None) or answer[0]
        raise FetchError(f"cannot resolve host {host!r}: {why}")
    return list(dict.fromkeys(str(info[4][0]) for info in answer[0]))


def checked_addresses(host: str, port: int, allow_private: bool, timeout: float) -> list[str]:
    """The addresses to connect to for `host`: all of them public, or BlockedAddress."""
    addresses = _resolve(host, port, timeout)
    if allow_private:
        return addresses
    for address in addresses:
        addr = ipaddress.ip_address(address.split("%")[0])
        if not is_public(addr):
            raise BlockedAddress(
                f"refused: {host} resolves to non-public address {addr} "
                "(use --allow-private to permit)"
            )
    return addresses


def _parsed(url: str) -> httpx.URL:
    try:
        parts = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parts.scheme!r}")
    if not parts.host:
        raise FetchError("URL has no host")
    return parts


def check_address(url: str, allow_private: bool = False) -> None:
    """Raise BlockedAddress when the URL's host resolves inside a private network."""
    parts = _parsed(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    checked_addresses(parts.host, port, allow_private, HTTP_TIMEOUT_S)


class _Deadline:
    """The end of one fetch: every wait is cut to what is left of it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def wait(self, timeout: float | None) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout(f"the fetch took over {self.seconds:.0f} s")
        return min(timeout if timeout is not None else HTTP_TIMEOUT_S, left)


class _Stream(httpcore.NetworkStream):
    """A connection whose every wait ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self.inner = inner
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self.deadline.wait(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self.deadline.wait(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self.inner.start_tls(ssl_context, server_hostname, self.deadline.wait(timeout))
        return _Stream(tls, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _CheckedBackend(httpcore.NetworkBackend):
    """Connections made only to addresses that passed the check, by the deadline."""

    def __init__(self, allow_private: bool, deadline: _Deadline) -> None:
        self.allow_private = allow_private
        self.deadline = deadline
        self.backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port, self.allow_private, self.deadline.wait(timeout))
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                stream = self.backend.connect_tcp(
                    address, port, self.deadline.wait(timeout), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _Stream(stream, self.deadline)
        raise error

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, max(self.deadline.end - time.monotonic(), 0.0)))


@lru_cache(maxsize=1)
def _tls() -> ssl.SSLContext:
    return httpx.create_ssl_context()


def _header(headers: list[tuple[bytes, bytes]], name: str) -> str | None:
    key = name.lower().encode("ascii")
    return next((v.decode("latin-1") for k, v in headers if k.lower() == key), None)


def fetch(
    url: str,
    allow_private: bool = False,
    limit: Limit = DOCUMENT,
    headers: Mapping[str, str] | None = None,
) -> Fetched:
    """GET a URL within the limits above; `headers` are sent as well (validators for a
    conditional request, say)."""
    deadline = _Deadline(HTTP_DEADLINE_S)
    sent = {
        "User-Agent": HTTP_USER_AGENT,
        "Accept-Encoding": ", ".join(c for c in CONTENT_ENCODINGS if c != "x-gzip"),
        **(headers or {}),
    }
    timeouts = {key: HTTP_TIMEOUT_S for key in ("connect", "read", "write", "pool")}
    current = url
    pool = httpcore.ConnectionPool(
        ssl_context=_tls(), network_backend=_CheckedBackend(allow_private, deadline)
    )
    with pool:
        for _hop in range(HTTP_MAX_REDIRECTS + 1):
            target = _parsed(current)
            request = httpcore.URL(
                scheme=target.raw_scheme,
                host=target.raw_host,
                port=target.port,
                target=target.raw_path,
            )
            try:
                with pool.stream(
                    "GET",
                    request,
                    headers=[
                        (b"Host", target.netloc),
                        *((k.encode(), v.encode()) for k, v in sent.items()),
                    ],
                    extensions={"timeout": timeouts},
                ) as resp:
                    if resp.status in REDIRECTS:
                        location = _header(resp.headers, "location")
                        if not location:
                            raise FetchError(f"redirect without Location from {current}")
                        current = str(target.join(location))
                        continue
                    return _answer(current, resp, limit)
            except InputError:
                raise
            except httpcore.TimeoutException as exc:
                if deadline.passed():
                    raise FetchError(
                        f"timed out fetching {current}: over {HTTP_DEADLINE_S:.0f} s "
                        f"(limit HTTP_DEADLINE_S)"
                    ) from exc
                raise FetchError(
                    f"timed out fetching {current}: no answer within {HTTP_TIMEOUT_S:.0f} s "
                    f"(limit HTTP_TIMEOUT_S)"
                ) from exc
            except (
                httpcore.NetworkError,
                httpcore.ProtocolError,
                httpcore.UnsupportedProtocol,
            ) as exc:
                raise FetchError(f"unreachable: {exc.__class__.__name__}: {exc}") from exc
            except httpx.InvalidURL as exc:
                raise FetchError(f"invalid URL: {exc}") from exc
    raise FetchError(f"more than {HTTP_MAX_REDIRECTS} redirects (limit HTTP_MAX_REDIRECTS)")


def _answer(url: str, resp: httpcore.Response, limit: Limit) -> Fetched:
    """The response that ends a fetch: its body read within the limit."""
    etag = _header(resp.headers, "etag")
    last_modified = _header(resp.headers, "last-modified")
    if resp.status == 304:
        return Fetched(url, b"", "", None, 304, etag, last_modified)
    if resp.status >= 400:
        raise FetchError(f"HTTP {resp.status} from {url}")
    declared = _header(resp.headers, "content-length")
    if declared and declared.strip().isdigit():
        limit.check(int(declared))
    coding = _header(resp.headers, "content-encoding") or ""
    content = inflate_body(resp.iter_stream(), coding, limit)
    ctype = _header(resp.headers, "content-type") or ""
    message = Message()
    message["content-type"] = ctype
    charset = message.get_content_charset() if ctype else None
    media = ctype.split(";")[0].strip().lower()
    return Fetched(url, content, media, charset, resp.status, etag, last_modified)
