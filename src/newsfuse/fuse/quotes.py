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
from newsfuse.model import Article, Quote, QuoteKind, QuoteVariant, SourceRef, StoryQuote
from newsfuse.nlp.embed import embed
from newsfuse.nlp.quotes import SPEECH_LEMMAS, THAT_LEMMAS
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
_NOT_A_CLAUSE = re.compile(r"^(?:(?:not\s+)?to|for)\b|\bas\s+[\"“‘']", re.IGNORECASE)
"""Reported contents that say nothing without their verb: a demand or an agreement
("to increase pressure on Moscow", "not to make plans", "for a ceasefire") and a
characterisation ("their chances of escape as 'slim to none'")."""
_THAT_CLAUSE = re.compile(r"that\b", re.IGNORECASE)
"""A content opening with "that" is a clause, whatever its cue ("reiterated | that ...")."""
_INFINITIVE_GAP = re.compile(r"\bto\s*$", re.IGNORECASE)
"""A gap ending in "to": the content is a bare infinitive ("urged him to | act now",
"continues to | urge the council"), which needs the words before it."""
CLAUSE_CUES = THAT_LEMMAS | SPEECH_LEMMAS
"""Cue verbs whose content right after them is a clause ("said | the plan was dead"):
after any other cue a content that follows at once is its object ("accused | the board
of lying", "defended | his record"), which says nothing without the verb."""
_INFINITIVE_CUE = re.compile(r"\b([a-z]+(?:s|ed))\s+to\s+$")
"""A cue that is itself an infinitive after an inflected verb ("continues to | urge",
"vowed to | defend"): shown from that verb, read in a window of LEAD_IN_CHARS before the
cue ("a meeting on Friday morning to | discuss" has no such verb)."""
LEAD_IN_CHARS = 40
PARTICLES = frozenset({"in", "on", "out", "up", "off", "over", "down", "back", "away"})
"""A word before "to" that is a verb's particle ("weighed in to defend"), not the verb."""
PIECE_OVERLAP = 0.9
"""Share of a shorter quote's words found in a longer one for it to be a piece of it."""
TITLE_MAX_WORDS = 8
"""The longest direct quote read as a title when all its words are capitalised."""
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at"})
_WORD = re.compile(r"[\w'’-]+")
JOIN = " … "
"""Between the pieces of a quotation its cue interrupts, shown as one."""
CLOSING_MARKS = "\"”'’"
LEFT_PUNCTUATION = ",;:"
CLAUSE_OPENERS = frozenset({"that", "while", "and", "but", "as", "because", "if", "when"})
"""Words after which quoted words are a clause of their own."""
_IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write"}
_INFLECTION = re.compile(r"(?:ing|ed|es|s|d)$")
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
    parts: list[list[Quote]] = []
    """Each entry's quotes: one, or the pieces of a quotation its cue interrupts."""
    for ai, art in enumerate(articles):
        places = {e.name for e in art.entities if e.place is not None}
        for q in art.quotes:
            if not q.statement or in_removed(art, q.content.start, q.content.end):
                continue
            who = credited(q, places)
            if who is None:
                continue
            if found and found[-1][0] == ai and _continues(art.text, parts[-1][-1], q):
                parts[-1].append(q)
                continue
            if len(words(q.content.text)) < MIN_WORDS or _a_title(q):
                continue
            entity = bool(q.speaker and q.speaker.entity)
            found.append((ai, q, (identity(ai, who) if entity else None) or who))
            named.append(entity)
            parts.append([q])
    if not found:
        return []
    texts = [ps[0].content.text if len(ps) == 1 else joined(ps) for ps in parts]
    vectors = embed(texts)
    origin = np.array([ai for ai, _, _ in found], dtype=np.int64)
    i, j = candidate_pairs(origin, vectors)
    same: list[tuple[float, int, int]] = []
    alike: list[tuple[float, int, int]] = []
    """Pairs of one speaker, which may be a piece and a longer passage (`_pieces`)."""
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        sa, sb = found[a][2], found[b][2]
        if sa != sb and named[a] and named[b]:
            continue
        cos = float(vectors[a] @ vectors[b])
        if sa == sb:
            alike.append((cos, a, b))
        shortest = min(len(words(texts[a])), len(words(texts[b])))
        if cos >= SAME_QUOTE_COSINE or (
            cos >= SAME_QUOTE_MIN_COSINE
            and shortest >= MIN_WORDS
            and quote_overlap(texts[a], texts[b]) >= SAME_QUOTE_OVERLAP
        ):
            same.append((cos, a, b))
    sets = DisjointSets(len(found))
    carried = {k: {ai} for k, (ai, _, _) in enumerate(found)}
    """Articles in each set, by its representative: an entry takes one quote per article,
    so that two statements of one outlet never chain into one through a third."""
    for _, a, b in sorted(same, key=lambda t: (-t[0], t[1], t[2])):
        ra, rb = sets.find(a), sets.find(b)
        if ra == rb or carried[ra] & carried[rb]:
            continue
        sets.join(b, a)
        small, big = sorted((carried.pop(ra), carried.pop(rb)), key=len)
        big |= small  # the smaller into the larger: n log n over a story
        carried[sets.find(a)] = big
    groups = {sets.find(members[0]): members for members in sets.groups()}
    within = _pieces(alike, sets, groups, found, texts)
    out: list[StoryQuote] = []
    for root, members in groups.items():
        if root in within:
            continue
        cited = members + [k for r, into in within.items() if into == root for k in groups[r]]
        head = members[0]
        first = found[head][1]
        speaker = next((found[k][2] for k in members if named[k]), found[head][2])
        variants: list[QuoteVariant] = []
        seen: set[str] = set()
        for k in members:
            wording = " ".join(_WORD.findall(texts[k].casefold()))
            if wording not in seen:
                seen.add(wording)
                variants.append(QuoteVariant(text=texts[k], article=articles[found[k][0]].id))
        lead, kind = (
            shown(articles[found[head][0]], first)
            if len(parts[head]) == 1
            else (texts[head], first.kind)
        )
        out.append(
            StoryQuote(
                speaker=speaker,
                text=without_left_punctuation(lead),
                kind=kind,
                sources=[
                    SourceRef(
                        article=articles[found[k][0]].id,
                        start=p.content.start,
                        end=p.content.end,
                        text=p.content.text,
                    )
                    for k in cited
                    for p in parts[k]
                ],
                variants=variants if len(variants) > 1 else [],
            )
        )
    return out


def _pieces(
    alike: list[tuple[float, int, int]],
    sets: DisjointSets,
    groups: dict[int, list[int]],
    found: Sequence[tuple[int, Quote, str]],
    texts: Sequence[str],
) -> dict[int, int]:
    """Entries (by representative) that are pieces of another entry of the same speaker,
    mapped to it: every quote of the piece has its words (PIECE_OVERLAP) in the other's
    quote it was paired with (pairs are the candidates' few, so this stays linear), as when one outlet quotes a sentence apart that another quotes in a longer
    passage. An outlet's piece cannot join the entry its own longer quote is in (one quote
    per article), so it would be shown twice; it is cited there instead."""
    into: dict[int, int] = {}
    for _, a, b in sorted(alike, key=lambda t: (-t[0], t[1], t[2])):
        short, whole = sorted((a, b), key=lambda k: (len(words(texts[k])), k))
        rs, rw = sets.find(short), sets.find(whole)
        if rs == rw or rs in into or rw in into or rs in into.values():
            continue
        longest = len(words(texts[whole]))
        if quote_overlap(texts[short], texts[whole]) >= PIECE_OVERLAP and all(
            quote_overlap(texts[k], texts[whole]) >= PIECE_OVERLAP
            and len(words(texts[k])) < longest
            for k in groups[rs]
        ):
            into[rs] = rw
    return into


def _a_title(quote: Quote) -> bool:
    """Whether a short direct quote is a name or a title ("In God We Trust", "State of the
    Union"): every word capitalised but the small ones, which no sentence is."""
    found = _WORD.findall(quote.content.text)
    if quote.kind != "direct" or len(found) > TITLE_MAX_WORDS:
        return False
    return all(w[0].isupper() or w.casefold() in TITLE_SMALL_WORDS for w in found)


def _continues(text: str, before: Quote, quote: Quote) -> bool:
    """Whether a direct quote goes on with the one before it, which its cue interrupted
    ('"The longer we wait," the aide said, "the harder it gets."'): one cue, a comma
    right before the second piece's mark, and that piece opening in lower case."""
    if before.kind != "direct" or quote.kind != "direct" or before.cue is None:
        return False
    if quote.cue is None or (quote.cue.start, quote.cue.end) != (before.cue.start, before.cue.end):
        return False
    lead = text[max(0, quote.content.start - 4) : quote.content.start].rstrip(" \"“'‘")
    opening = quote.content.text.lstrip(" \"“‘'….")
    return lead.endswith(",") and opening[:1].islower()


def without_left_punctuation(text: str) -> str:
    """The text less a comma, semicolon or colon ending it, inside up to two closing marks
    or not: the sentence's, joining the words to what follows ('as "a talented actor," a
    remark'). Read from the end by stripping, so a long run of spaces costs linear time."""
    body = text.rstrip()
    closing = body[len(body.rstrip(CLOSING_MARKS)) :]
    inner = body[: len(body) - len(closing)].rstrip()
    if len(closing) > 2 or not inner.endswith(tuple(LEFT_PUNCTUATION)):
        return text
    return inner.rstrip(LEFT_PUNCTUATION).rstrip() + closing


def joined(pieces: Sequence[Quote]) -> str:
    """The pieces of one interrupted quotation as one, each less its marks and the comma
    that led to the cue."""
    return JOIN.join(
        without_left_punctuation(p.content.text.strip(' "“”')).strip(' "“”') for p in pieces
    )


def shown(article: Article, quote: Quote) -> tuple[str, QuoteKind]:
    """The statement as a reader sees it, and its kind as shown: its content, or, when
    the content is not a clause, the words from its cue on: a demand or characterisation
    (_NOT_A_CLAUSE: "called on Washington to increase pressure on Moscow", "referred to
    the minister as 'a talented actor'"), a bare infinitive (_INFINITIVE_GAP: "continues
    to urge ..."), the object of a cue that does not report a clause (CLAUSE_CUES:
    "accused the board of lying", "defended his record"), or quoted words that go on with
    the writer's sentence (said the plan "is dead on arrival": shown as mixed speech)."""
    content, cue = quote.content, quote.cue
    if cue is None or cue.start >= content.start:
        return content.text, quote.kind
    gap = article.text[cue.end : content.start]
    if len(gap) > CUE_GAP_CHARS or "\n" in gap:
        return content.text, quote.kind
    start = _lead_in(article.text, cue.start)
    if quote.kind == "direct":
        if not _mid_sentence(article.text, quote):
            return content.text, quote.kind
        end = content.end
        if article.text[start:end].count('"') % 2 or article.text[end : end + 1] == "”":
            end += article.text[end : end + 1] in '"”'
        return article.text[start:end], "mixed"
    if (
        _NOT_A_CLAUSE.search(content.text)
        or _INFINITIVE_GAP.search(gap)
        or (
            not gap.strip()
            and not _reports_clause(cue.text)
            and not _THAT_CLAUSE.match(content.text)
        )
    ):
        return article.text[start : content.end], quote.kind
    return content.text, quote.kind


def _mid_sentence(text: str, quote: Quote) -> bool:
    """Whether a direct quote's words go on with the writer's sentence: they open in lower
    case right after a word of it (said the plan "is dead") that is not one handing a
    whole clause over to them ("that", "while", a cue of CLAUSE_CUES: 'warned "the cost
    will rise"'), nor the comma or colon that does."""
    opening = quote.content.text.lstrip(" \"“‘'")
    lead = text[max(0, quote.content.start - LEAD_IN_CHARS) : quote.content.start]
    last = lead.rstrip(" \"“'‘").rsplit(None, 1)[-1:] or [""]
    word = last[0].casefold()
    return (
        opening[:1].islower()
        and word.isalpha()
        and word not in CLAUSE_OPENERS
        and not _reports_clause(word)
    )


def _lead_in(text: str, start: int) -> int:
    """Where a shown cue starts: at the verb it is the infinitive of, else at the cue."""
    window = text[max(0, start - LEAD_IN_CHARS) : start]
    m = _INFINITIVE_CUE.search(window)
    if m is None or m.group(1).casefold() in PARTICLES or "\n" in window[m.start() :]:
        return start
    return start - len(window) + m.start(1)


def _reports_clause(cue: str) -> bool:
    """Whether a cue's verb (its first word, inflected as written) is one of CLAUSE_CUES."""
    word = cue.split()[0].casefold() if cue.split() else ""
    if word in _IRREGULAR:
        return _IRREGULAR[word] in CLAUSE_CUES
    stem = _INFLECTION.sub("", word)
    forms = {word, stem, stem + "e", stem.removesuffix("i") + "y", stem[:-1]}
    return bool(forms & CLAUSE_CUES)


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
