"""Phrases every human-readable format shares: status labels, source lines, quote diffs."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from newsfuse.model import Claim, QuoteVariant, SourceRef

STATUS_LABEL = {
    "corroborated": "corroborated",
    "single-source": "single-source",
    "conflicting": "conflicting",
}

CORE_LABEL = "what happened"
"""Heading of the story's core event claim, shown before the other claims."""

_TYPOGRAPHIC = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_ENCLOSING = " \"',.;:"

DiffPiece = tuple[str, str]
"""(op, words): op is "same", "first" (only in the first wording) or "other"."""


def core_and_rest(claims: Sequence[Claim]) -> tuple[Claim | None, list[Claim]]:
    """The story's core event claim (if any) and the other claims, in order."""
    core = next((c for c in claims if c.core), None)
    return core, [c for c in claims if c is not core]


def source_line(ref: SourceRef) -> str:
    """Where a line comes from: article id and character range."""
    return f"{ref.article} [{ref.start}:{ref.end}]"


def quoted(text: str) -> str:
    """A quote's words in one pair of marks, whether or not its span kept the source's."""
    return "“" + text.strip(' "“”') + "”"


def _plain(text: str) -> list[str]:
    """Words of a quote with typographic quotes unified and the enclosing marks dropped."""
    return text.translate(_TYPOGRAPHIC).strip(_ENCLOSING).split()


def diff_pieces(first: str, other: str) -> list[DiffPiece]:
    """Word-level difference of two wordings of one quote (quote marks aside)."""
    a, b = _plain(first), _plain(other)
    out: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("first", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("other", " ".join(b[j1:j2])))
    return out


def quote_diff(variants: Sequence[QuoteVariant]) -> str:
    """The variants' differences from the first, in words: 'viewed → assessed'."""
    if len(variants) < 2:
        return ""
    parts: list[str] = []
    base = variants[0]
    for v in variants[1:]:
        changes: list[str] = []
        pieces = diff_pieces(base.text, v.text)
        k = 0
        while k < len(pieces):
            op, text = pieces[k]
            if op == "first" and k + 1 < len(pieces) and pieces[k + 1][0] == "other":
                changes.append(f"“{text}” → “{pieces[k + 1][1]}”")
                k += 2
                continue
            if op == "first":
                changes.append(f"− “{text}”")
            elif op == "other":
                changes.append(f"+ “{text}”")
            k += 1
        parts.append(f"{base.article} vs {v.article}: " + ("; ".join(changes) or "same words"))
    return " | ".join(parts)


__all__ = ["STATUS_LABEL", "diff_pieces", "quote_diff", "source_line"]
