"""Fetching a URL safely: timeouts, a size cap, capped redirects, and no private addresses.

A feed is content somebody else controls; its links must not make newsfuse reach inside
the network it runs in. Every hop's host is resolved and refused when any address is
loopback, private, link-local, multicast, reserved or unspecified, unless the user says
`--allow-private`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsfuse.errors import BlockedAddress, FetchError
from newsfuse.settings import (
    HTTP_MAX_REDIRECTS,
    HTTP_TIMEOUT_S,
    HTTP_USER_AGENT,
    MAX_DOCUMENT_BYTES,
)


@dataclass(frozen=True)
class Fetched:
    """What a fetch brought back: the final URL (after redirects), the body, and what the
    server said about it (`status` 304: not modified since the validators sent)."""

    url: str
    content: bytes
    content_type: str
    charset: str | None
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def check_address(url: str, allow_private: bool = False) -> None:
    """Raise BlockedAddress when the URL's host resolves inside a private network."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if (
            addr.is_private
            or addr.is_loopback
            or addr.is_link_local
            or addr.is_multicast
            or addr.is_reserved
            or addr.is_unspecified
        ):
            raise BlockedAddress(
                f"refused: {host} resolves to non-public address {addr} "
                "(use --allow-private to permit)"
            )


def fetch(
    url: str,
    allow_private: bool = False,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    headers: Mapping[str, str] | None = None,
) -> Fetched:
    """GET a URL, following at most HTTP_MAX_REDIRECTS redirects, each hop checked;
    `headers` are sent as well (validators for a conditional request, say)."""
    timeout = httpx.Timeout(HTTP_TIMEOUT_S)
    headers = {"User-Agent": HTTP_USER_AGENT, **(headers or {})}
    current = url
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        for _hop in range(HTTP_MAX_REDIRECTS + 1):
            check_address(current, allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.status_code == 304:
                        return Fetched(
                            url=str(resp.url),
                            content=b"",
                            content_type="",
                            charset=None,
                            status=304,
                            etag=resp.headers.get("etag"),
                            last_modified=resp.headers.get("last-modified"),
                        )
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(f"redirect without Location from {current}")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} from {current}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(
                            f"too large: {int(declared):,} bytes (limit {max_bytes:,})"
                        )
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"too large: over {max_bytes:,} bytes")
                        chunks.append(chunk)
                    ctype = resp.headers.get("content-type", "")
                    return Fetched(
                        url=str(resp.url),
                        content=b"".join(chunks),
                        content_type=ctype.split(";")[0].strip().lower(),
                        charset=resp.charset_encoding,
                        status=resp.status_code,
                        etag=resp.headers.get("etag"),
                        last_modified=resp.headers.get("last-modified"),
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out fetching {current}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"unreachable: {exc.__class__.__name__}: {exc}") from exc
    raise FetchError(f"more than {HTTP_MAX_REDIRECTS} redirects")
