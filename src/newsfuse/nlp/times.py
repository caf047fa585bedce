"""Time expressions found by the TimeML grammar and resolved against the reference date.

The grammar (`timex_rules`) finds and interprets spans over the raw text; this module
adds what only the parse knows (the tense of the verb an expression hangs on, which
decides whether "on Friday" is ahead or behind), picks the longest non-overlapping
matches, and resolves them in reading order so that "a year earlier" can lean on the
quarter last named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsfuse.model import TimeExpr
from newsfuse.nlp import doc_text, lemma_of, load, sentence_spans
from newsfuse.nlp.timex_rules import (
    DAYLESS,
    LOOKS_BACK,
    RULE_KEYS,
    RULES,
    Context,
    Handler,
    Meaning,
    Unresolved,
    ends_a_quoted_title,
    h_holiday,
    in_a_name,
    quarter_of,
    safe_day,
)

HEAD_CLIMB = 4
"""How many steps up the dependency tree to look for the verb governing an expression."""
CLAUSE_CLIMB = 3
"""How many complement links ("due to expire", "expected to arrive") lead up to the tense."""
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "acomp"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gon"})
FUTURE_VERBS = frozenset(
    {"expect", "schedule", "reschedule", "plan", "set", "due", "intend", "aim", "hope"}
)
BIDDING_VERBS = frozenset(
    {"ask", "urge", "call", "press", "push", "invite", "demand", "need", "poise", "prepare"}
)
"""Verbs whose "to" infinitive is not yet done when they are ("asked the leaders to return on
Friday", "called for him to cancel the Monday summit", "poised to take control on
Thursday"): what it names lies after them."""
OBLIGATION_MODALS = frozenset({"should", "must", "ought"})
"""Modals that put their verb ahead ("he should skip Monday's meeting"), unless perfect."""
NO_REFERENCE = "no reference date"
OUT_OF_CALENDAR = "outside the calendar (years 1 to 9999)"
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_ABSOLUTE = re.compile(r"^\d{4}(?:-|$)")
_YEAR_IN_TEXT = re.compile(r"\b\d{4}\b")
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_PERIOD = re.compile(r"^\d{4}-(?:\d\d|Q[1-4])$")


@dataclass
class _Candidate:
    start: int
    end: int
    match: re.Match[str]
    handler: Handler
    order: int


def _candidates(text: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    low = text.lower()
    for order, (pattern, handler) in enumerate(RULES):
        keys = RULE_KEYS.get(handler)
        if keys is not None and not any(k in low for k in keys):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            if end > start:
                out.append(_Candidate(start, end, m, handler, order))
    return out


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok: Token = span.root
    for _ in range(HEAD_CLIMB):
        if tok.pos_ in ("VERB", "AUX") or _verb_read_as_noun(tok):
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") or _verb_read_as_noun(tok) else None


NOUN_VERB_DEPS = frozenset({"ROOT", "ccomp"})
SUBJECT_DEPS = frozenset({"compound", "nsubj", "det", "amod", "poss"})


def _verb_read_as_noun(tok: Token) -> bool:
    """ "Talks resume Monday", "The Senate votes Tuesday", "Schools reopen Monday": the
    parser took the clause's only verb for a noun (or an adjective) with the subject as its
    modifier. A clause head with no verb below it, a subject-like word before it and the
    form of a present verb agreeing with that subject is read as that present verb."""
    if tok.pos_ not in ("NOUN", "ADJ") or tok.dep_ not in NOUN_VERB_DEPS:
        return False
    if any(c.pos_ in ("VERB", "AUX") for c in tok.children):
        return False
    subject = next(
        (c for c in reversed(list(tok.lefts)) if c.dep_ in SUBJECT_DEPS and c.pos_ != "DET"),
        None,
    )
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return False
    word = tok.lower_
    plural_subject = subject.tag_ in ("NNS", "NNPS")
    if word.endswith("s") and not plural_subject:
        return _is_verb(word[:-1]) or (word.endswith("es") and _is_verb(word[:-2]))
    return plural_subject and not word.endswith(("s", "ed")) and _is_verb(word)


@lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    """The base forms the pipeline's lemmatizer knows as verbs."""
    lemmatizer = load().get_pipe("lemmatizer")
    return frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"])  # type: ignore[attr-defined]


def _is_verb(word: str) -> bool:
    return word in _verb_lemmas()


def _perfect(verb: Token) -> bool:
    """'would have gone': a counterfactual past, not a future."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _clause(verb: Token) -> list[Token]:
    """The verb, its dependents and those of the predicates it complements.

    "had been due to expire Friday": the tense sits on "had", two heads above "expire". A
    clause with a tense of its own keeps it: in "officials said the talks resume Monday" the
    present "resume" is not dated by "said".
    """
    chain = [verb, *verb.children]
    tok = verb
    for _ in range(CLAUSE_CLIMB):
        if tok.dep_ not in COMPLEMENT_DEPS or tok.head is tok or _finite(tok):
            break
        tok = tok.head
        chain += [tok, *tok.children]
    return chain


SPAN_END = re.compile(r"\b(?:until|till|through|thru)\s+(?:early\s+|late\s+|mid-?\s*)?$", re.I)
"""A date after these words ends a span ("closed until Friday", "loans through January"):
the tense dates the span's start, not its end."""
IN_FORCE_FROM = re.compile(r"\beffective\s+$", re.I)
"""A date after "effective" is when an announced change takes hold: the one ahead."""
PUT_OFF_TO = re.compile(
    r"\b(?:postpon|delay|defer|adjourn|reschedul|put(?:s|ting)? off|push(?:es|ed|ing)? back)\w*"
    r"\b[^.;:!?]{0,30}?\b(?:to|until|till|for|into)\s+(?:early\s+|late\s+|mid-?\s*|next\s+)?$",
    re.IGNORECASE,
)
"""A date something was put off to ("postponed the vote to late September", "adjourned
until Monday") is the new date, ahead of the decision whatever its tense."""
SINCE = re.compile(r"\bsince\s+(?:(?:early|late|the end of|the start of)\s+|mid-?\s*)?$", re.I)
"""A date after "since" starts a stretch that reaches the report ("up 8% since year-end",
"closed since Monday"): whatever the tense, it lies behind."""


def _direction(doc: Doc, start: int, end: int) -> int:
    """-1 when the governing verb is past, +1 when future, 0 when tense says nothing."""
    text = doc_text(doc)
    before = text[max(0, start - 20) : start]
    if IN_FORCE_FROM.search(before) or PUT_OFF_TO.search(text, max(0, start - 50), start):
        return 1
    if SINCE.search(before) or _since_clause(doc, start, end):
        return -1
    if _planned(doc, start, end):
        return 1
    tense = _tense(doc, start, end)
    if SPAN_END.search(before):
        # A span begun in the past ("gave it until mid-November", "had bought through
        # Sept. 29") may end on either side of the report: the nearest occurrence. One that
        # reaches the present ("has kept them closed until Friday") or lies ahead ends ahead.
        verb = _governing_verb(doc, start, end)
        return 0 if tense < 0 and not (verb is not None and _present_perfect(verb)) else 1
    return tense


def _since_clause(doc: Doc, start: int, end: int) -> bool:
    """ "popular since taking over as speaker in the fall": a date in a gerund after "since"
    is when the stretch began, behind the report whatever the main verb's tense."""
    verb = _governing_verb(doc, start, end)
    return (
        verb is not None
        and verb.tag_ == "VBG"
        and verb.dep_ == "pcomp"
        and verb.head.lower_ == "since"
    )


PLAN_NOUNS = frozenset({"plan", "schedule"})


def _planned(doc: Doc, start: int, end: int) -> bool:
    """A date hanging on a plan before any verb ("along with plans for a rally on Friday")
    is when the plan is carried out: ahead, whatever the tense of the clause."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok: Token = span.root
    for _ in range(HEAD_CLIMB):
        if tok.head is tok or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_ in PLAN_NOUNS:
            return True
    return False


def _present_perfect(verb: Token) -> bool:
    """ "has kept trading suspended": a "has"/"have" on the verb or on a head above it."""
    tok = verb
    for _ in range(CLAUSE_CLIMB):
        if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in tok.children):
            return True
        if tok.head is tok:
            break
        tok = tok.head
    return False


FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})


def _finite(verb: Token) -> bool:
    """A verb with a tense of its own, on itself or on an auxiliary ("resume", "had met",
    "would be published"), as against an infinitive or participle ("to expire")."""
    return (
        verb.tag_ in FINITE_TAGS
        or any(c.dep_ in AUX_DEPS and c.tag_ in FINITE_TAGS for c in verb.children)
        or _verb_read_as_noun(verb)
    )


def _tense(doc: Doc, start: int, end: int) -> int:
    """-1 when the governing verb is past, +1 when future, 0 when tense says nothing."""
    verb = _governing_verb(doc, start, end)
    if verb is None:
        return 0
    chain = _clause(verb)
    for tok in chain:
        low = tok.lower_
        if tok.dep_ in AUX_DEPS and low in FUTURE_AUX:
            return 1
        if low == "would" and tok.dep_ == "aux" and not _perfect(verb):
            return 1  # future in the past: "said it would publish on Friday"
        if low == "going" and any(
            c.lower_ == "to" or (c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children))
            for c in tok.children
        ):
            return 1  # "is going to cut jobs on Friday": the "to" hangs on the verb after
        if (
            tok is verb
            and tok.tag_ in ("VB", "VBN")
            and tok.head.lemma_ == "be"
            and any(c.lower_ == "to" for c in tok.children)
        ):
            return 1
        if tok is verb and _headline_future(verb):
            return 1
    if any(t.dep_ == "aux" and t.lower_ in ("had", "'d") and t.tag_ == "VBD" for t in chain):
        return -1  # past perfect: "had been due to expire Friday" lies behind
    if lemma_of(verb) in FUTURE_VERBS and verb.tag_ == "VBN" and not _record_set(doc, start, verb):
        return 1
    if verb.head is not verb and lemma_of(verb.head) in FUTURE_VERBS and verb.tag_ == "VB":
        return 1
    if _bidden(verb) or _unreal_condition(verb):
        return 1
    for tok in chain:
        if tok.tag_ == "VBD" or (tok.tag_ == "VBN" and tok is verb and not _non_past_aux(tok)):
            return -1
    if _scheduled(doc, start, end, verb):
        return 1
    return 0


AUX_DEPS = frozenset({"aux", "auxpass"})


def _unreal_condition(verb: Token) -> bool:
    """ "how ties would fare if he won the election on Nov. 8": a past form after "if" under
    a "would" (not "would have") is a supposition about what is still to come, not a past."""
    head = verb.head
    return (
        verb.tag_ == "VBD"
        and any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
        and head is not verb
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in head.children)
        and not _perfect(head)
    )


def _bidden(verb: Token) -> bool:
    """An infinitive a verb of asking or readiness governs, or a verb under "should" or
    "must": not yet done when the clause's own verb was, so ahead of it (TimeML reads such
    events as unrealized, after their governing event)."""
    if verb.tag_ != "VB" or _perfect(verb):
        return False
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return True
    return (
        verb.head is not verb
        and verb.head.lemma_ in BIDDING_VERBS
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    )


def _headline_future(verb: Token) -> bool:
    """ "Clinton to visit China Friday": an infinitive with no verb above it is a headline's
    future."""
    return (
        verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
        and not any(a.pos_ in ("VERB", "AUX") for a in verb.ancestors)
    )


SCHEDULED_FOR = re.compile(r"\bfor\s+$", re.I)


def _record_set(doc: Doc, start: int, verb: Token) -> bool:
    """ "the record high set on Aug. 6": "set" that made something, not one that scheduled
    it ("set for Friday", "set to resume Monday")."""
    return (
        verb.lemma_ == "set"
        and not SCHEDULED_FOR.search(doc_text(doc)[max(0, start - 6) : start])
        and not any(c.dep_ == "xcomp" for c in verb.children)
    )


ADVERBIAL_DEPS = frozenset({"npadvmod", "tmod", "advmod", "prep", "pobj", "attr"})
"""How a time expression (or the preposition it follows) hangs on its verb as the time of
the event, or as what a present "is" schedules ("the deadline is Friday"), not as the time
of a thing ("Monday's attack" hangs on a noun)."""

SAME_IN_PAST = frozenset(
    {
        "hit",
        "hurt",
        "cut",
        "put",
        "set",
        "let",
        "cost",
        "quit",
        "shut",
        "spread",
        "split",
        "beat",
        "bid",
        "cast",
        "burst",
        "broadcast",
        "forecast",
        "upset",
        "bet",
        "rid",
        "shed",
        "thrust",
        "read",
    }
)
"""Verbs whose present is spelt as their past ("stocks hurt the index on Friday"): the
tagger's guess of their tense says nothing."""


def _scheduled(doc: Doc, start: int, end: int, verb: Token) -> bool:
    """A present tense with a time of its own is scheduled: "the leaders meet on Monday",
    "the vote is on Friday", "when they meet on Monday" (news's futurate present)."""
    finite = [verb, *(c for c in verb.children if c.dep_ in AUX_DEPS)]
    if verb.dep_ == "acomp":
        finite.append(verb.head)  # "the market is closed Monday"
    if not any(
        (t.tag_ in ("VBZ", "VBP") or _verb_read_as_noun(t)) and t.lower_ not in SAME_IN_PAST
        for t in finite
    ):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or _headline(span):
        return False
    root = span.root.head if span.root.dep_ == "pobj" else span.root
    if root.dep_ not in ADVERBIAL_DEPS:
        return False
    host = root.head
    if host.dep_ == "acomp" and host.head.i == verb.i:
        host = host.head  # "the results are due Thursday", "the shop is open Sunday"
    return host.i == verb.i


HEADLINE_END = re.compile(r"[^.!?:;\"'\u201d)\]]\s*\n\s*\S")
"""A first line that stops without a sentence's closing mark and has text below it."""


def _headline(span: Span) -> bool:
    """ "Yeltsin fires cabinet Monday" above the story: a headline's present reports what
    has happened (its future is "to": "Clinton to visit China")."""
    sent = span.sent
    text = doc_text(span.doc)
    last = sent.start_char + len(text[sent.start_char : sent.end_char].rstrip()) - 1
    return not text[: sent.start_char].strip() and HEADLINE_END.match(text, last) is not None


def _non_past_aux(verb: Token) -> bool:
    """A participle under a modal or an infinitive ("should be completed", "to be held") or
    a present passive ("the market is closed Monday")."""
    return any(
        (c.dep_ == "aux" and c.tag_ in ("MD", "TO"))
        or (c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP"))
        for c in verb.children
    ) or (verb.dep_ == "acomp" and verb.head.tag_ in ("VBZ", "VBP"))


def _interpret(cand: _Candidate, ctx: Context) -> Meaning | None:
    try:
        return cand.handler(cand.match, ctx)
    except Unresolved as exc:
        return Meaning(exc.kind, None, extra={"reason": NO_REFERENCE})
    except (OverflowError, ValueError):
        return Meaning(_kind(cand), None, extra={"reason": OUT_OF_CALENDAR})


def _kind(cand: _Candidate) -> str:
    """The type of an expression whose value fell outside the calendar: the handler asked
    again without a reference date says it."""
    try:
        meaning = cand.handler(cand.match, Context(ref=None))
    except Unresolved as exc:
        return exc.kind
    except (OverflowError, ValueError):
        return "DATE"
    return meaning.type if meaning else "DATE"


def _select(cands: list[_Candidate], length: int) -> list[_Candidate]:
    """Longest first, then leftmost, then rule order; no two chosen spans overlap."""
    occupied = bytearray(length)
    taken: list[_Candidate] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start, c.order)):
        if not any(occupied[cand.start : cand.end]):
            occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def extract_times(doc: Doc, ref: date | None) -> list[TimeExpr]:
    """TimeML expressions in the doc, valued against `ref` (None leaves relatives unresolved)."""
    return find_times(
        doc.text,
        ref,
        lambda start, end: _direction(doc, start, end),
        [(s.start, s.end) for s in sentence_spans(doc)],
    )


def find_times(
    text: str,
    ref: date | None,
    direction: Callable[[int, int], int] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[TimeExpr]:
    """TimeML expressions in raw text; `direction(start, end)` gives the tense (-1, 0, +1);
    `sentences` (start, end) bound where a time of day looks for its day (lines if None)."""
    directions: dict[tuple[int, int], int] = {}

    def ctx_for(c: _Candidate) -> Context:
        key = (c.start, c.end)
        if key not in directions:
            directions[key] = direction(c.start, c.end) if direction else 0
        return Context(ref=ref, direction=directions[key])

    viable = [
        c
        for c in _candidates(text)
        if (c.handler is h_holiday or not in_a_name(text, c.start, c.end))
        and not ends_a_quoted_title(text, c.start, c.end)
        and _interpret(c, ctx_for(c)) is not None
    ]
    out: list[TimeExpr] = []
    dayless: list[int] = []
    last_q: tuple[int, int] | None = None
    last_year: int | None = None
    last_day: date | None = None
    last_period: str | None = None
    last_month: tuple[int, int] | None = None
    for cand in _select(viable, len(text)):
        ctx = ctx_for(cand)
        ctx.last_quarter, ctx.last_year = last_q, last_year
        ctx.last_day, ctx.last_period, ctx.last_month = last_day, last_period, last_month
        meaning = _interpret(cand, ctx)
        if meaning is None:
            continue
        value = meaning.value or ""
        if (day := _DAY.match(value)) and not meaning.extra.get(DAYLESS):
            if not meaning.extra.get(LOOKS_BACK):
                last_day = safe_day(*map(int, day.groups())) or last_day
            last_month = int(value[:4]), int(value[5:7])
        elif _PERIOD.match(value):
            last_period = value
            if "Q" not in value:
                last_month = int(value[:4]), int(value[5:7])
        if meaning.extra.get("anchor") and (q := _QUARTER.match(value)):
            named = (int(q.group(1)), int(q.group(2)))
            if ref is None or named <= quarter_of(ref):
                last_q = named
        if _ABSOLUTE.match(value) and _YEAR_IN_TEXT.search(cand.match.group(0)):
            last_year = int(value[:4])
        if meaning.extra.get(DAYLESS) and meaning.value:
            dayless.append(len(out))
        reason = meaning.extra.get("reason")
        out.append(
            TimeExpr(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                type=meaning.type,  # type: ignore[arg-type]
                value=meaning.value,
                mod=meaning.mod,
                reason=str(reason) if reason else None,
            )
        )
    if dayless:
        _date_times_of_day(out, dayless, sentences or _lines(text))
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def _date_times_of_day(
    out: list[TimeExpr], dayless: Sequence[int], sentences: Sequence[tuple[int, int]]
) -> None:
    """A time of day that names no day ("at 10:30 a.m. (0730 GMT) Friday", "at 16:15 UTC,
    June 1") is on the day its sentence names, the nearest one when it names several; in a
    sentence that names none ("Shares rose in morning trading"), on the day last named
    before it; the reference date stays when the text names none."""
    skip = set(dayless)
    dated = [(j, t) for j, t in enumerate(out) if j not in skip and t.value and _DAY.match(t.value)]
    for i in dayless:
        time = out[i]
        bounds = next(((s, e) for s, e in sentences if s <= time.start < e), None)
        if bounds is None or not time.value:
            continue
        near = [(j, t) for j, t in dated if bounds[0] <= t.start < bounds[1]]
        # A day named on its own ("yesterday") before one that came with another clock
        # time ("(1915 GMT Monday)"): the bracketed time is the same moment in another zone.
        near = [(j, t) for j, t in near if t.type == "DATE"] or near
        named = [(abs(t.start - time.start), t.value[:10]) for _, t in near] or [
            (0, t.value[:10]) for j, t in dated if j < i
        ][-1:]
        if named:
            out[i] = time.model_copy(update={"value": min(named)[1] + time.value[10:]})
