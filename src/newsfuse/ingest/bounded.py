"""Reading bytes within limits: the one place where the size of every input is bounded.

Files, gzip members, JSONL lines and HTTP bodies are all read through these functions, so
that nothing is read, inflated or split whole before its size is known: a .gz file is
checked compressed and then inflated a bounded piece at a time (a bomb stops at the limit),
a line without a newline is skipped in chunks rather than read, and a compressed HTTP body
is inflated in bounded steps. Each refusal names the limit (from `newsfuse.settings`).
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import BinaryIO, NamedTuple

from newsfuse.errors import MalformedInput, TooLarge
from newsfuse.settings import MAX_DOCUMENT_BYTES, MAX_JSONL_BYTES

CHUNK = 64 * 1024
"""The most bytes inflated or skipped in one step."""


class Limit(NamedTuple):
    """A size limit and the name it has in `newsfuse.settings`, for the reasons it gives."""

    name: str
    value: int

    def exceeded(self, size: int | None = None, after: str = "") -> TooLarge:
        got = f"{size:,} bytes" if size is not None else f"over {self.value:,} bytes"
        return TooLarge(f"too large: {got} (limit {self.name} = {self.value:,}){after}")

    def check(self, size: int) -> None:
        if size > self.value:
            raise self.exceeded(size)


DOCUMENT = Limit("MAX_DOCUMENT_BYTES", MAX_DOCUMENT_BYTES)
JSONL = Limit("MAX_JSONL_BYTES", MAX_JSONL_BYTES)


def is_gzip_name(name: str) -> bool:
    return name.lower().endswith(".gz")


@contextmanager
def gzip_errors() -> Iterator[None]:
    """A damaged gzip stream as the item's own error, whoever reads it."""
    try:
        yield
    except EOFError as exc:
        raise MalformedInput("truncated gzip: the compressed data ends early") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise MalformedInput(f"not valid gzip: {exc}") from exc


def read_capped(fh: BinaryIO, limit: Limit) -> bytes:
    """All of a stream, refused as soon as it passes the limit (never read further)."""
    data = fh.read(limit.value + 1)
    if len(data) > limit.value:
        raise limit.exceeded()
    return data


def read_file(path: str, limit: Limit = DOCUMENT) -> bytes:
    """A document's bytes (a .gz file inflated), its size checked compressed and inflated."""
    limit.check(os.path.getsize(path))
    with open(path, "rb") as fh, gzip_errors():
        if is_gzip_name(path):
            with gzip.GzipFile(fileobj=fh) as inflated:
                return read_capped(inflated, limit)  # type: ignore[arg-type]
        return read_capped(fh, limit)


@contextmanager
def open_stream(path: str, limit: Limit = JSONL) -> Iterator[BinaryIO]:
    """A file to stream (a .gz file inflated as it is read); a .gz file over the limit
    compressed is refused before it is opened."""
    gz = is_gzip_name(path)
    if gz:
        limit.check(os.path.getsize(path))
    with open(path, "rb") as fh:
        if not gz:
            yield fh
            return
        with gzip.GzipFile(fileobj=fh) as inflated:
            yield inflated  # type: ignore[misc]


def lines(
    fh: BinaryIO, line_limit: Limit = DOCUMENT, total: Limit = JSONL
) -> Iterator[tuple[int, bytes | TooLarge]]:
    """Numbered lines of a stream, never one longer than `line_limit` in memory: a longer
    line is skipped a chunk at a time and stands as its TooLarge error. Past `total` bytes
    the stream stops with TooLarge naming the first line not read."""
    read = 0
    lineno = 0
    with gzip_errors():
        while line := fh.readline(line_limit.value + 1):
            lineno += 1
            read += len(line)
            too_long = len(line) > line_limit.value and not line.endswith(b"\n")
            if too_long:
                line = b""
                while rest := fh.readline(CHUNK):
                    read += len(rest)
                    if rest.endswith(b"\n") or read > total.value:
                        break
            if read > total.value:
                raise total.exceeded(after=f"; lines from {lineno} on were not read")
            yield lineno, line_limit.exceeded(after="; line skipped") if too_long else line


CONTENT_ENCODINGS = ("gzip", "x-gzip", "deflate")
"""The HTTP content codings a fetch accepts and inflates."""


def inflate_body(chunks: Iterable[bytes], coding: str, limit: Limit = DOCUMENT) -> bytes:
    """An HTTP body decoded from its Content-Encoding, read and inflated in bounded steps:
    refused as soon as either the bytes received or the bytes inflated pass the limit."""
    coding = coding.strip().lower()
    if coding not in ("", "identity", *CONTENT_ENCODINGS):
        raise MalformedInput(f"unsupported content encoding {coding!r}")
    inflater = None
    parts: list[bytes] = []
    size = received = 0
    with gzip_errors():
        for chunk in chunks:
            received += len(chunk)
            if received > limit.value:
                raise limit.exceeded()
            if coding in ("", "identity"):
                parts.append(chunk)
                continue
            if inflater is None and chunk:
                inflater = zlib.decompressobj(_window_bits(coding, chunk))
            pending = chunk
            while inflater is not None and pending and not inflater.eof:
                out = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
                size += len(out)
                if size > limit.value:
                    raise limit.exceeded()
                parts.append(out)
    return b"".join(parts)


def _window_bits(coding: str, head: bytes) -> int:
    """gzip; or deflate, which the standard wraps in zlib's header and some servers send raw."""
    if coding != "deflate":
        return 31
    zlib_header = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return 15 if zlib_header else -15
