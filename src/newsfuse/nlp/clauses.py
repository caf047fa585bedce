"""Where a sentence carries a second statement: the breaks between its clauses.

"The quake struck at dawn, and rescuers pulled 12 people from the rubble" states two
facts; another outlet may report only one of them. A sentence is cut before a clause of
its own that hangs on the main verb and has its own subject: a coordinated clause
("..., and rescuers pulled") or an adverbial clause opened by a conjunction such as
"after", "because" or "while". Reported speech stays whole ("X said Y" is one claim),
as does anything inside quotation marks, and no part may be shorter than
`MIN_CLAUSE_WORDS`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfuse.nlp import doc_text

MIN_CLAUSE_WORDS = 5
"""Each part of a cut sentence keeps at least this many words on its line: shorter is a
fragment ("The health minister goes", a dateline run into the lead)."""

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
MARKERS = frozenset(
    {"after", "before", "because", "while", "since", "although", "though", "whereas", "until"}
)
"""Conjunctions that open an adverbial clause stating a fact of its own."""


def clause_breaks(doc: Doc) -> list[tuple[int, int]]:
    """(end of one statement, start of the next) for every cut, as offsets of the text."""
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        out.extend(_sentence_breaks(sent))
    return out


def _sentence_breaks(sent: Span) -> list[tuple[int, int]]:
    doc = sent.doc
    cuts = sorted({i for t in sent.root.rights if (i := _clause_start(t)) is not None})
    breaks: list[tuple[int, int]] = []
    prev = sent.start
    for cut in cuts:
        end = cut
        while end > prev and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
            end -= 1
        start = cut
        while start < sent.end and (doc[start].is_punct or doc[start].dep_ == "cc"):
            start += 1
        if (
            start >= sent.end
            or _words(doc[_line_start(doc, prev, end) : end]) < MIN_CLAUSE_WORDS
            or _inside_quote(doc_text(doc)[sent.start_char : doc[cut].idx])
        ):
            continue
        breaks.append((doc[end - 1].idx + len(doc[end - 1]), doc[start].idx))
        prev = start
    if breaks and _words(doc[prev : _line_end(doc, prev, sent.end)]) < MIN_CLAUSE_WORDS:
        breaks.pop()
    return breaks


def _clause_start(token: Token) -> int | None:
    """Token index where a clause of the root begins, if `token` heads one."""
    if token.pos_ not in ("VERB", "AUX") or not any(c.dep_ in SUBJECTS for c in token.children):
        return None
    if token.dep_ == "conj":
        return token.left_edge.i
    if token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in MARKERS for c in token.children
    ):
        return token.left_edge.i
    return None


def _line_start(doc: Doc, start: int, end: int) -> int:
    """First token of the last line that begins in doc[start:end]."""
    for i in range(end - 1, start - 1, -1):
        if _ends_line(doc[i]):
            return i + 1
    return start


def _line_end(doc: Doc, start: int, end: int) -> int:
    """One past the last token of the line that starts doc[start:end]."""
    for i in range(start, end):
        if _ends_line(doc[i]):
            return i + 1
    return end


def _ends_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _words(span: Span) -> int:
    return sum(1 for t in span if not t.is_punct and not t.is_space)


def _inside_quote(before: str) -> bool:
    """True when the text before the cut leaves a quotation open."""
    straight = before.count('"')
    return straight % 2 == 1 or before.count("“") > before.count("”")
