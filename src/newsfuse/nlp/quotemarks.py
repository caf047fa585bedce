"""Quotation marks in news text: which stretches are quoted, whatever the style.

The marks are paired by a scanner that knows every common style and repairs what writers
leave unbalanced (a quote running over paragraphs, a missing closing mark) instead of
refusing the article. Tags left in the text (an embedded tweet's attributes) are not prose
and hold no quotation. Shared by the quote extractor and by pronoun resolution, which
reads a mention inside a quotation as the quoted speaker's words.
"""

from __future__ import annotations

import re

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"
STRAIGHT_SINGLE = "'"
QUOTE_CHARS = OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE
"""Every character that can open or close a quotation."""

OPENING_CONTEXT = " \t\n([{—–-/:"
"""Characters after which a straight quote mark opens a quotation."""

MARKUP = re.compile(r"<[A-Za-z/][^<>\n]*>")
"""A tag left in the text (an embedded tweet's `<tweet author="...">`): no quotation."""

SINGLE_MAX_CHARS = 300
"""A single-quoted stretch longer than this is apostrophes mispaired, not a quote."""


def prose(text: str) -> str:
    """The text with tags blanked out, offsets unchanged."""
    return MARKUP.sub(lambda m: " " * len(m.group()), text)


def quoted_coverage(text: str) -> bytearray:
    """1 at every character inside a double quotation, else 0."""
    return coverage(double_quotes(prose(text)), len(text))


def rstrip_space(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def lstrip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in OPENING_CONTEXT and not after.isspace()


def _is_opener(text: str, i: int) -> bool:
    """Whether a double mark opens a quotation; an opening curly mark written between a
    word and a space (`here,“ said`) is a closing one mistyped."""
    ch = text[i]
    if ch in OPEN_DOUBLE:
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        return before.isspace() or not after.isspace() or before in OPENING_CONTEXT
    return ch == STRAIGHT_DOUBLE and _straight_opens(text, i)


def next_visible(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def double_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of double-quoted text, marks included, with unbalanced marks repaired.

    A quote left open at a paragraph's end continues when the next paragraph opens with
    a quotation mark (the newspaper convention for a quote over several paragraphs), and
    otherwise ends with its paragraph; a closing mark with no opening one quotes from the
    paragraph's start (or the previous quote's end).
    """
    segs: list[tuple[int, int]] = []
    open_at: int | None = None
    para_start = 0
    skip = -1
    for i, ch in enumerate(text):
        if ch == "\n":
            if open_at is not None:
                nxt = next_visible(text, i)
                if nxt < len(text) and _is_opener(text, nxt) and nxt > i:
                    skip = nxt
                else:
                    segs.append((open_at, rstrip_space(text, open_at, i)))
                    open_at = None
            para_start = i + 1
            continue
        if i == skip or ch not in OPEN_DOUBLE + CLOSE_DOUBLE + STRAIGHT_DOUBLE:
            continue
        if _is_opener(text, i):
            if open_at is not None:
                segs.append((open_at, rstrip_space(text, open_at, i)))
            open_at = i
        elif open_at is not None:
            segs.append((open_at, i + 1))
            open_at = None
        else:
            floor = max(para_start, segs[-1][1] if segs else 0)
            segs.append((lstrip_space(text, floor, i), i + 1))
    if open_at is not None:
        segs.append((open_at, rstrip_space(text, open_at, len(text))))
    return [(s, e) for s, e in segs if any(c.isalnum() for c in text[s:e])]


def single_quotes(text: str, outside: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted stretches outside double quotes; apostrophes are told apart by context."""
    inside = coverage(outside, len(text))
    segs: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
            continue
        if inside[i] or ch not in (OPEN_SINGLE, CLOSE_SINGLE, STRAIGHT_SINGLE):
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch != CLOSE_SINGLE and before in OPENING_CONTEXT and after.isalnum():
            open_at = i
        elif (
            open_at is not None
            and ch != OPEN_SINGLE
            and not after.isalnum()
            and not before.isspace()
        ):
            if i + 1 - open_at <= SINGLE_MAX_CHARS:
                segs.append((open_at, i + 1))
            open_at = None
    return segs


def coverage(segs: list[tuple[int, int]], n: int) -> bytearray:
    cover = bytearray(n)
    for s, e in segs:
        cover[s:e] = b"\x01" * (e - s)
    return cover
