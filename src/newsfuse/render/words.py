"""Phrases every human-readable format shares: status labels, source lines, quote diffs."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsfuse.model import Briefing, Claim, QuoteVariant, SourceRef, Story

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
    """A quote's words in one pair of marks, whether or not its span kept the source's,
    less the comma that joined them to their cue ('"...," she said')."""
    return "“" + text.strip(' "“”').removesuffix(",") + "”"


REPORTED_LABEL = "reported"
"""Said after a speaker whose words are given in reported speech, not quoted."""

_REPORTED_OPENING = re.compile(r"(?:that|whether)\s+", re.IGNORECASE)
"""A complementiser opening reported words ("that Europe should ..."): the cue's, not theirs."""


def said(kind: str, text: str) -> str:
    """A statement as a reader should take it: a direct quote in one pair of quotation
    marks; reported speech (indirect, or mixed with quoted words) without marks around it
    or the "that" opening it, so no one reads it as the speaker's own words. The quoted
    words inside reported speech keep their marks."""
    if kind == "direct":
        return quoted(text)
    words = " ".join(text.split()).strip(" ,;:")
    return _REPORTED_OPENING.sub("", words, count=1) if _REPORTED_OPENING.match(words) else words


def speaker_label(kind: str, speaker: str | None) -> str:
    """Who a statement is credited to, marked as reported when it is not a direct quote."""
    who = speaker or "unattributed"
    return who if kind == "direct" else f"{who} ({REPORTED_LABEL})"


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


def outlet_names(briefing: Briefing) -> dict[str, str]:
    """Article id → the outlet name a reader knows it by (the id where none is known)."""
    return {a.id: a.outlet or a.id for a in briefing.articles}


def quote_diff(variants: Sequence[QuoteVariant], names: Mapping[str, str] | None = None) -> str:
    """The variants' differences from the first, in words: 'viewed → assessed', each
    labelled by its outlet's name (`names`: article id → outlet)."""
    names = names or {}
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
        first, other = names.get(base.article, base.article), names.get(v.article, v.article)
        parts.append(f"{first} vs {other}: " + ("; ".join(changes) or "same words"))
    return " | ".join(parts)


CARRIES, SILENT, CONFLICTS = "carries", "silent", "conflicts"
"""What a cell of the claims × outlets matrix says of one outlet and one claim."""


@dataclass
class OutletColumn:
    """One outlet of a story: what it carries, adds, omits and contradicts."""

    name: str
    carries: int = 0
    additions: list[str] = field(default_factory=list)
    """Claims only this outlet carries."""
    omissions: list[str] = field(default_factory=list)
    """Corroborated claims it does not carry."""
    conflicts: list[str] = field(default_factory=list)
    """Claims it is silent on while carrying a claim that contradicts them."""


@dataclass
class Matrix:
    """Claims as rows, outlets as columns; each cell CARRIES, SILENT or CONFLICTS."""

    outlets: list[OutletColumn]
    rows: list[tuple[Claim, list[str]]]


def claim_matrix(story: Story, names: Mapping[str, str]) -> Matrix:
    """The story's claims × outlets matrix (`names`: article id → outlet)."""
    outlets = list(dict.fromkeys(names.get(a, a) for a in story.articles))
    columns = {o: OutletColumn(o) for o in outlets}
    by_id = {c.id: c for c in story.claims}
    rows: list[tuple[Claim, list[str]]] = []
    for c in story.claims:
        carried = set(c.outlets)
        against = {o for other in c.conflicts_with if other in by_id for o in by_id[other].outlets}
        cells = []
        for o in outlets:
            col = columns[o]
            if o in carried:
                cells.append(CARRIES)
                col.carries += 1
                if carried == {o}:
                    col.additions.append(c.id)
            elif o in against:
                cells.append(CONFLICTS)
                col.conflicts.append(c.id)
            else:
                cells.append(SILENT)
                if c.status == "corroborated":
                    col.omissions.append(c.id)
        rows.append((c, cells))
    return Matrix(outlets=[columns[o] for o in outlets], rows=rows)


def outlet_summary(col: OutletColumn, total: int) -> str:
    """One outlet's column in words: 'ILKHA carries 20 of 39 claims: 11 only it, ...'."""
    parts = [f"{col.name} carries {col.carries} of {total} claims"]
    details = [f"{len(col.additions)} only it"]
    details.append(f"omits {len(col.omissions)} that others corroborate")
    if col.conflicts:
        details.append(f"contradicts {len(col.conflicts)}")
    return parts[0] + ": " + ", ".join(details)


__all__ = [
    "CARRIES",
    "CONFLICTS",
    "SILENT",
    "STATUS_LABEL",
    "Matrix",
    "OutletColumn",
    "claim_matrix",
    "diff_pieces",
    "outlet_names",
    "outlet_summary",
    "quote_diff",
    "said",
    "source_line",
    "speaker_label",
]
