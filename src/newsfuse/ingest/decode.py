"""Bytes to text: binary checks, encoding detected rather than assumed (sizes: `bounded`)."""

from __future__ import annotations

from charset_normalizer import from_bytes

from newsfuse.errors import BinaryInput, EmptyInput, UndecodableInput
from newsfuse.settings import BINARY_SNIFF_BYTES

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode bytes to text. Returns (text, note); note says when it was not plain UTF-8."""
    if not data.strip():
        raise EmptyInput("empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc).lstrip("\ufeff"), None
            except UnicodeDecodeError as exc:
                raise UndecodableInput(f"invalid {enc} after its byte order mark") from exc
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BinaryInput("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared:
        try:
            return data.decode(declared), f"not UTF-8; decoded as declared {declared}"
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UndecodableInput(
            f"invalid UTF-8 at byte {utf8_error.start} and no other encoding fits"
        )
    if _control_ratio(str(best)) > 0.05:
        raise BinaryInput("binary content (control characters), not text")
    return str(best), f"not UTF-8; detected {best.encoding}"


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text[:BINARY_SNIFF_BYTES] if ord(c) < 32 and c not in "\n\r\t\f")
    return bad / min(len(text), BINARY_SNIFF_BYTES)
