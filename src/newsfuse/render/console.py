"""Text from strangers made safe for a terminal: no control character of theirs reaches it.

A title, an outlet, a quote or a file name can carry escape sequences (`ESC[2J` clears the
screen, OSC 8 hides a link behind words, a bare carriage return overwrites a line) and the
bidirectional controls that reorder what is shown. Whatever comes from an input and is
written where a person reads it goes through here: the text and Markdown briefings strip
them from every string of the briefing (`console_briefing`), before the renderer lays it
out, so the only line breaks left are the renderer's own; JSON has them written as JSON
escapes (`console_json`: the same data once parsed); names and reasons on stderr have
them spelled as escapes (`console_name`), so that the user can still tell which item it is.
"""

from __future__ import annotations

import re
from typing import Any

from newsfuse.model import Briefing

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters that end a line somewhere (a terminal, Unicode, Markdown)."""

_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and newline, DEL, C1 (ESC, CSI ...)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\ud800-\udfff]"  # lone surrogates: not writable as UTF-8 at all
)
_BREAKS = re.compile(f"[{LINE_BREAKS}]+")
_NAMED = re.compile(f"[\n\t\u2028\u2029]|{_CONTROLS.pattern}")


def _dropped(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def console_text(text: str) -> str:
    """`text` for a terminal: line breaks as one space, other control characters gone
    (a lone surrogate as U+FFFD); a tab stays."""
    return _CONTROLS.sub(_dropped, _BREAKS.sub(" ", text))


def console_output(text: str) -> str:
    """A whole rendered output (HTML, Markdown) that may be shown on a terminal:
    its control characters gone but the newlines and tabs that lay it out."""
    return _CONTROLS.sub(_dropped, text)


def console_json(text: str) -> str:
    """A JSON document that may be shown on a terminal: the control characters JSON leaves
    raw (DEL, C1, bidirectional, lone surrogates) written as `\\uXXXX` escapes, so that
    the data, offsets and all, is the same when parsed. A JSON document has them only
    inside strings, where an escape means the same character."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def console_name(text: str) -> str:
    """A name or a reason for a terminal, every control character (and line break)
    spelled as its escape: `\\x1b`, `\\n`, `\\ud800`."""
    return _NAMED.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def console_briefing(briefing: Briefing) -> Briefing:
    """The briefing with every string in it made safe by `console_text`."""
    return Briefing.model_validate(_safe(briefing.model_dump()))


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return console_text(value)
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_safe(v) for v in value]
    return value
