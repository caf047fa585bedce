"""Who said what across a story: each statement once, credited, with each outlet's wording.

A quote reaches the story only when it is a statement someone made (`Quote.statement`:
not a belief, a perception or an inference), credited to a person or a body (a named
person or organisation, or a source written as one: "a U.S. official", "police"), never
to a place or to nobody, and long enough to say something (MIN_WORDS). The same statement carried by several outlets, verbatim or reworded, is
one entry whose variants give each outlet's wording; two named speakers never merge,
a source written without a name ("EU leaders") may join a named one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from newsfuse.fuse.align import candidate_pairs
from newsfuse.fuse.claims import quote_overlap, words
from newsfuse.model import Article, Quote, QuoteVariant, SourceRef, StoryQuote
from newsfuse.nlp.embed import embed
from newsfuse.unionfind import DisjointSets

MIN_WORDS = 4
"""A quote of fewer words is a fragment ("institutional credibility"), not a statement."""
SAME_QUOTE_COSINE = 0.8
"""Cosine from which two quotes' words are the same statement worded differently..."""
SAME_QUOTE_MIN_COSINE = 0.6
"""... or, for quotes sharing most words (SAME_QUOTE_OVERLAP), the cosine they still need."""
SAME_QUOTE_OVERLAP = 0.6
"""Share of the shorter quote's words found in the other for two quotes to be one."""
CUE_GAP_CHARS = 80
"""The most text between a cue and its content for the two to be shown together."""
_NOT_A_CLAUSE = re.compile(r"^(?:to|for)\b|\bas\s+[\"“‘']", re.IGNORECASE)
"""Reported contents that say nothing without their verb: a demand or an agreement
("to increase pressure on Moscow", "for a ceasefire") and a characterisation
("their chances of escape as 'slim to none'")."""
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"})
"""A speaker written only as a pronoun that resolved to no one names no one."""
POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})
"""Nor does one written as someone's ("his government") whose owner resolved to no one."""
SOURCE_NOUNS = frozenset(
    [
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "leader",
        "source",
        "aide",
        "diplomat",
        "lawmaker",
        "analyst",
        "expert",
        "police",
        "government",
        "ministry",
        "agency",
        "authorities",
        "authority",
        "president",
        "governor",
        "mayor",
        "chief",
        "secretary",
        "senator",
        "adviser",
        "advisor",
        "envoy",
        "prosecutor",
        "judge",
        "witness",
        "resident",
        "representative",
        "director",
        "commander",
        "ambassador",
        "hospital",
        "company",
        "firm",
        "union",
        "group",
        "party",
        "council",
        "court",
        "army",
        "military",
        "committee",
        "commission",
        "board",
        "office",
        "department",
        "bank",
        "university",
        "church",
        "campaign",
        "organiser",
        "organizer",
        "investigator",
        "officer",
        "doctor",
        "rescuer",
        "firefighter",
        "worker",
        "employee",
        "critic",
        "supporter",
        "activist",
        "protester",
        "researcher",
        "scientist",
        "economist",
        "statement",
    ]
)
"""Head words of a source written without a name that can make a statement."""


def story_quotes(
    articles: Sequence[Article], identity: Callable[[int, str], str | None]
) -> list[StoryQuote]:
    """The story's credited statements, the same one across outlets merged into one."""
    found: list[tuple[int, Quote, str]] = []
    named: list[bool] = []
    """Whether each quote's speaker is an entity (else a source as written)."""
    for ai, art in enumerate(articles):
        places = {e.name for e in art.entities if e.place is not None}
        for q in art.quotes:
            if not q.statement or in_removed(art, q.content.start, q.content.end):
                continue
            who = credited(q, places)
            if who is None or len(words(q.content.text)) < MIN_WORDS:
                continue
            entity = bool(q.speaker and q.speaker.entity)
            found.append((ai, q, (identity(ai, who) if entity else None) or who))
            named.append(entity)
    if not found:
        return []
    vectors = embed([q.content.text for _, q, _ in found])
    origin = np.array([ai for ai, _, _ in found], dtype=np.int64)
    i, j = candidate_pairs(origin, vectors)
    sets = DisjointSets(len(found))
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        (_, qa, sa), (_, qb, sb) = found[a], found[b]
        if sa != sb and named[a] and named[b]:
            continue
        cos = float(vectors[a] @ vectors[b])
        shortest = min(len(words(qa.content.text)), len(words(qb.content.text)))
        if cos >= SAME_QUOTE_COSINE or (
            cos >= SAME_QUOTE_MIN_COSINE
            and shortest >= MIN_WORDS
            and quote_overlap(qa.content.text, qb.content.text) >= SAME_QUOTE_OVERLAP
        ):
            sets.join(b, a)
    out: list[StoryQuote] = []
    for members in sets.groups():
        first = found[members[0]][1]
        speaker = next((found[k][2] for k in members if named[k]), found[members[0]][2])
        variants: list[QuoteVariant] = []
        seen: set[str] = set()
        for k in members:
            ai, q, _ = found[k]
            wording = " ".join(q.content.text.split()).casefold()
            if wording not in seen:
                seen.add(wording)
                variants.append(QuoteVariant(text=q.content.text, article=articles[ai].id))
        out.append(
            StoryQuote(
                speaker=speaker,
                text=shown(articles[found[members[0]][0]], first),
                kind=first.kind,
                sources=[
                    SourceRef(
                        article=articles[found[k][0]].id,
                        start=found[k][1].content.start,
                        end=found[k][1].content.end,
                        text=found[k][1].content.text,
                    )
                    for k in members
                ],
                variants=variants if len(variants) > 1 else [],
            )
        )
    return out


def shown(article: Article, quote: Quote) -> str:
    """The statement as a reader sees it: its content, or for a reported content that is
    not a clause (_NOT_A_CLAUSE), the words from its cue on ("called on Washington to
    increase pressure on Moscow", "referred to the minister as 'a talented actor'")."""
    content, cue = quote.content, quote.cue
    if quote.kind == "direct" or cue is None or not _NOT_A_CLAUSE.search(content.text):
        return content.text
    gap = article.text[cue.end : content.start]
    if cue.end > content.start or len(gap) > CUE_GAP_CHARS or "\n" in gap:
        return content.text
    return article.text[cue.start : content.end]


def credited(quote: Quote, places: set[str]) -> str | None:
    """Who the quote is credited to, or None when no person or body made it: no speaker,
    a bare pronoun, someone's source whose owner is unknown ("his government"), a place,
    or a written source that names no one who can speak. A place
    is an entity the gazetteer locates, not any the tagger calls one: it calls many
    surnames places ("Nefzi", even "Marco Rubio")."""
    sp = quote.speaker
    if sp is None:
        return None
    if sp.entity:
        return None if sp.entity in places else sp.entity
    text = " ".join(sp.text.split())
    tail = text.casefold().rsplit(" ", 1)[-1].strip(".,'’")
    first = text.casefold().split(" ", 1)[0]
    if text.casefold() in PRONOUNS or first in POSSESSIVES:
        return None
    if not {tail, tail.removesuffix("s")} & SOURCE_NOUNS:
        return None
    return text


def in_removed(article: Article, start: int, end: int) -> bool:
    """Whether the span overlaps text that cleaning removed."""
    return any(r.start < end and start < r.end for r in article.removed)
