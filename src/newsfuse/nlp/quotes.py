"""Who said what: direct, indirect and mixed quotes with their speakers.

Two sources of evidence are combined over the one shared parse. Quotation marks give
direct speech (paired by `quotemarks`). The dependency parse gives reported speech: a cue verb
("said", "warned", "characterized"), its subject (the speaker) and its complement (what
was said). A quoted stretch inside that complement makes the quote mixed; a quote that
is the whole complement is direct. A speaker is kept as written (a name, a title, a
pronoun) and named by the entity whose mention it is, so "he" and "the French president"
come out as the person. A passive "was quoted by Russia's RIA news agency" keeps the
person as speaker and records the agency as the channel.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsfuse.model import Entity, Quote, Span, Speaker
from newsfuse.nlp import doc_text, gazetteer, lemma_of
from newsfuse.nlp.entities import HEADING_SMALL_WORDS
from newsfuse.nlp.names import TITLE_NOUNS, fold
from newsfuse.nlp.quotemarks import (
    MARKUP,
    OPEN_DOUBLE,
    QUOTE_CHARS,
    STRAIGHT_DOUBLE,
    coverage,
    double_quotes,
    lstrip_space,
    next_visible,
    prose,
    rstrip_space,
    single_quotes,
)

# fmt: off
SPEECH_LEMMAS = frozenset("""
    say tell add write ask tweet post state continue reply respond declare announce answer
    press interject exclaim shout yell plead snap bark chime retort quip joke
""".split())  # noqa: SIM905
"""Cue verbs of speaking: their object is the addressee or nothing, never what was said."""

CUE_LEMMAS = SPEECH_LEMMAS | frozenset("""
    note report suggest describe argue explain acknowledge accuse insist warn claim assert
    stress emphasize emphasise reiterate repeat counter concede admit deny confirm reveal
    predict promise pledge vow urge recall observe remark comment mention point complain
    contend maintain allege caution testify characterize characterise refer call criticize
    criticise praise blast dismiss reject question conclude propose recommend believe think
    know hope fear expect want worry doubt feel estimate indicate imply signal show find agree
    disagree muse lament boast charge inform assure quote cite read ponder affirm chant boom
    lecture proclaim wonder demand scream cry tout mock highlight label
    support oppose endorse defend decline refuse seek express offer speak talk discuss vote
    favor favour denounce blame attack applaud condemn welcome embrace dispute challenge see
    consider view learn prefer
    slam portray threaten echo remind deem request plan aim recognize recognise share remember
    promote
    decry rail hint voice thank list order disclose outline email congratulate detail
    apologize attribute
    assail hail dub rebuke lash chide scold berate excoriate brand single
""".split())  # noqa: SIM905
"""Lemmas of verbs that introduce speech or a reported belief."""

OBJECT_SPEECH_LEMMAS = frozenset({"announce", "tweet"})
"""Speech verbs whose object is what was said ("announced a ceasefire", "tweeted a
photo"), not the addressee."""

TOPIC_PREPOSITIONS = frozenset({"about", "of"})
"""Prepositions that give what a speech verb was about ("asked about", "spoke of")."""

CLAUSE_ONLY_LEMMAS = frozenset("""
    maintain find read report highlight signal continue speak
""".split())  # noqa: SIM905
"""Cue verbs that also mean doing something (maintain contacts, find a way, read a book,
highlight divisions, signal an opening): they report speech or belief only through a
clause ("maintained that ..."), never through a noun phrase or the sentence before them."""

SPEECH_NOUNS = frozenset("""
    statement comment remark call view words claim promise pledge warning message tweet post
    letter memo email speech interview testimony assessment argument response answer reply
    announcement description plea demand vow
""".split())  # noqa: SIM905
"""Nouns of speech whose possessor is the speaker ("her comment that ...", "his call for")."""

TOWN_TYPES = frozenset({"GPE", "LOC"})
"""Entity types of places, which speak only when they stand for a government."""

BELIEF_LEMMAS = frozenset("""
    think believe know feel hope fear expect want worry doubt wonder see consider view learn
    prefer suspect assume imagine remember
""".split())  # noqa: SIM905
"""Cues of a belief, a wish or a perception: reported, but not a statement."""

DEMAND_LEMMAS = frozenset("""
    call urge demand ask request appeal propose pledge promise vow warn
""".split())  # noqa: SIM905
"""Cues whose noun-phrase content is still a stand taken ("called for a ceasefire",
"warned of a recession"); after other cues a noun phrase is a topic."""

QUESTION_WORDS = frozenset("how what whether if why when where who which".split())  # noqa: SIM905
"""Words opening what "ask" reports when it is a question ("asked how long it would last"),
which states nothing: not a statement."""

HEDGE_LEMMAS = frozenset({"seem", "appear"})
"""Cues of how something looks ("X seems to Y", "it appeared like a rout"): PolNeAR
attributes them to no one (the writer's hedge); never a statement."""

HEDGE_DEPS = frozenset({"xcomp", "acomp", "attr", "oprd", "ccomp"})
"""Complements that make "seem" or "appear" a hedge; "appeared on television" is not one."""

ATTEMPT_LEMMAS = frozenset("""
    seek decline refuse plan aim
""".split())  # noqa: SIM905
"""Cues of what someone tries or will not do ("seeks to secure", "declined to comment"):
PolNeAR counts them, but what follows is an aim or a refusal, not what was said."""

THAT_LEMMAS = frozenset("""
    say insist claim admit argue assert maintain contend allege acknowledge concede deny
    confirm suggest believe think expect estimate predict promise report warn hope fear
    add write tell explain note stress state
""".split())  # noqa: SIM905
"""Cues that report a clause ("insisted [that] it was made in jest"), never a thing: in a
relative clause ("a remark he insisted was made") their gap is the clause's subject, where
a verb of doing leaves its object ("the candidates they were supporting")."""

INFERENCE_LEMMAS = frozenset("""
    suggest indicate show signal imply mean reflect demonstrate prove underscore highlight
""".split())  # noqa: SIM905
"""Cues that say what a thing points to when their subject is a thing ("the data show")."""

SPEAKING_NOUNS = frozenset("""
    people person man woman voter resident critic supporter opponent expert analyst observer
    source ally member lawmaker activist protester citizen worker employee family friend
    student parent veteran economist scientist researcher doctor lawyer officer police
    government administration campaign committee party agency ministry department office
    court panel commission council board union company firm group organization organisation
    team staff coalition alliance delegation opposition leadership network newspaper paper
    magazine outlet website statement report letter memo email tweet post ad advertisement
    poll survey study editorial article book column filing lawsuit complaint document
    release transcript speech announcement
""".split())  # noqa: SIM905
"""Common nouns for people, bodies and writings, the things that can say something."""

AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
"""Endings of nouns for people by what they do ("strategist", "consultant", "historian")."""

TOPIC_MAX_WORDS = 2
"""An indirect content this short is a topic ("praised Garland"), not a statement."""

SPEAKING_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""Entity types of sources that can speak for themselves or their members."""
# fmt: on


CHANNEL_LEMMAS = frozenset({"quote", "cite"})
"""Passive verbs whose agent is where speech was reported, not who spoke."""

TIME_ENTS = frozenset({"DATE", "TIME"})
"""Entity labels of the "Tuesday" in '"...," said Tuesday Jon Doggett': never a speaker."""

OBJECT_DEPS = frozenset({"dobj", "pobj"})
"""Nouns ("a statement", "an email") a participle cue hangs from on its way to a speaker."""

EMBEDDED_CUE_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acl", "dep"})
"""Dependencies through which a subject-less cue ("..., adding that") inherits a speaker."""


DATELINE = re.compile(
    r"[A-Z][A-Z.'’ ]*[A-Z.](?:, [A-Z][\w.]*)*\s*(?:\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s+"
)
"""A dateline opening a paragraph ("ERBIL (Kurdistan24) — "): where, not what was said."""

PLACE_OF_SPEECH_PREPOSITIONS = frozenset({"on", "in", "to", "at", "during"})
"""Prepositions before a quoted title that name a programme or paper ('on "Night Desk"')."""

SCARE_QUOTE_MAX_WORDS = 4
"""A quoted phrase this short with no cue nearby is a title or scare quote, not speech."""

SPEAKER_RUN_TOKENS = 8
"""A speaker's name written after a quotation is looked for in this many tokens."""

LABEL_MAX_WORDS = 12
"""A transcript speaker label ("Sen. Ann Ray:") is at most this many tokens."""

LABEL_DASHES = (" - ", " – ", " — ")
"""What parts a speaker label from a heading before it on its line ("HEADLINE - Ann Ray:")."""

ATTRIBUTION_DASHES = "—―–"
"""Dashes that put a speaker's name after a quotation ('"..." — Ann Ray')."""

SUBORDINATORS = frozenset({"when", "after", "while", "before", "once", "since", "until"})
"""Words opening an adverbial clause of time that sets the scene for a quotation after it."""

FRAME_NEXT_CHARS = 40
"""A cue in the next sentence attributes a quote only when it follows it this closely."""

SAID_AFTER_CHARS = 30
"""A short quotation is an utterance when a speech cue starts this close after it."""

MIXED_MIN_WORDS = 3
"""Unquoted words a cue's complement must add to a quote to make it mixed, not direct."""

DIRECT_COVER = 0.5
"""Share of a complement a quotation must cover for the complement to be that quotation."""

CONTINUATION_PARAGRAPHS = 2
"""A quote without a cue of its own continues, with the same cue and speaker, a quote at most
this many paragraphs back (PolNeAR joins such quotes into one attribution)."""

SOURCE_STOP_WORDS = frozenset({"it", "there", "this", "that", "which", "what"})
"""Subjects that are not speakers ("it was said", "that suggests")."""

RELATIVE_TAGS = frozenset({"WP", "WDT"})
"""Tags of relative pronouns ("who", "which", "that") opening a relative clause."""


@dataclass
class _Attribution:
    """A cue found in the parse, with its speaker, content and channel when present."""

    cue: Token
    cue_end: int
    source: tuple[int, int, Token] | None
    content: tuple[int, int] | None
    channel: tuple[int, int] | None = None
    cue_start: int | None = None
    used: bool = False
    segments: list[tuple[int, int]] = field(default_factory=list)


# --- cues in the parse ----------------------------------------------------------------


def _subject(tok: Token, quoted: bytearray | None = None) -> Token | None:
    """A verb's subject; one inside a quotation or on another line (a heading, a dateline)
    is the parser's mistake, not the speaker. Of several, the one nearest the verb.
    """
    text = doc_text(tok.doc)
    subjects = [
        c
        for c in tok.children
        if c.dep_ == "nsubj"
        and not (quoted and quoted[c.idx])
        and "\n" not in text[min(c.idx, tok.idx) : max(c.idx, tok.idx)]
    ]
    if not subjects:
        return None
    return _past_dateline(min(subjects, key=lambda c: abs(c.i - tok.i)))


def _past_dateline(subj: Token) -> Token | None:
    """ "KANSAS CITY, Mo. — Leaders of ... accused": a parse that takes the dateline for the
    subject hangs the real one on it; the place is not the speaker."""
    text = doc_text(subj.doc)
    line_start = text.rfind("\n", 0, subj.idx) + 1
    dateline = DATELINE.match(text, lstrip_space(text, line_start, subj.idx + 1))
    if dateline is None or subj.idx >= dateline.end():
        return subj
    return next((c for c in subj.children if c.dep_ == "appos" and c.idx >= dateline.end()), None)


def _is_relative(tok: Token) -> bool:
    return tok.tag_ in RELATIVE_TAGS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i


def _source(subj: Token) -> tuple[int, int, Token]:
    """The speaker span of a subject and the word naming who it is.

    A relative pronoun ("Ray, who said ...") is kept as written, as PolNeAR marks it,
    and named by the noun it refers to.
    """
    if _is_relative(subj):
        return subj.idx, subj.idx + len(subj.text), subj.head.head
    return (*_speaker_span(subj), subj)


def _passive_subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)


def _agent(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _span_of(tok: Token) -> tuple[int, int]:
    """Characters of a token's subtree, trimmed of punctuation at either end."""
    toks = [t for t in tok.subtree if not t.is_space]
    while toks and toks[0].is_punct and toks[0].text not in QUOTE_CHARS:
        toks.pop(0)
    while toks and toks[-1].is_punct and toks[-1].text not in QUOTE_CHARS:
        toks.pop()
    if not toks:
        return tok.idx, tok.idx + len(tok.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _speaker_span(tok: Token) -> tuple[int, int]:
    """The speaker as written: the subject phrase up to any apposition or clause."""
    start = tok.left_edge
    end = tok
    for t in tok.subtree:
        if t.i <= tok.i:
            continue
        if (t.is_punct and not _inside_word(t)) or t.dep_ in {"appos", "relcl", "acl"}:
            break
        end = t
    return start.idx, end.idx + len(end.text)


def _inside_word(tok: Token) -> bool:
    """A hyphen joining two parts of one name ("Agence France-Presse")."""
    text = doc_text(tok.doc)
    after = tok.idx + len(tok.text)
    return (
        tok.text in "-‐"
        and tok.idx > 0
        and after < len(text)
        and text[tok.idx - 1].isalnum()
        and text[after].isalnum()
    )


def _right_span(tok: Token, skip: set[int]) -> tuple[int, int] | None:
    """What follows a cue inside its clause: object, complement, "as" phrase. The
    predicate of a passive cue says what its subject was found to be, not what anyone
    reported ("were found dead"); an active cue's ('called the plan "a disaster"') stays."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
    kids = [
        c
        for c in tok.rights
        if c.i not in skip
        and c.dep_ not in {"punct", "cc", "conj"}
        and not (passive and c.dep_ == "oprd")
        and not (c.dep_ == "prep" and c.lower_ in {"in", "on", "during", "at", "after"})
    ]
    # A cue clause trailing the object ("offered an assessment, claiming ...", "criticized
    # the plan, saying ...") reports its own content: it ends this one.
    cut = next((k for k, c in enumerate(kids) if k and _trailing_cue(c)), len(kids))
    kids = kids[:cut]
    if not kids:
        return None
    start = _span_of(kids[0])[0]
    end = _span_of(kids[-1])[1]
    return (start, end) if end > start else None


def _relative_predicate(tok: Token) -> Token | None:
    """The predicate a cue in a relative clause reports about its noun: in "a remark he
    insisted was made in jest" what he insisted is that the remark was made in jest. The
    parser hangs that predicate anywhere (often on the sentence's main verb); it is the
    verb right after the cue."""
    if tok.dep_ != "relcl" or lemma_of(tok) not in THAT_LEMMAS or tok.i + 1 >= len(tok.doc):
        return None
    if any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in tok.children):
        return None
    nxt = tok.nbor()
    if nxt.pos_ not in {"VERB", "AUX"}:
        return None
    verb = nxt.head if nxt.dep_ in {"aux", "auxpass"} and nxt.head.i > nxt.i else nxt
    return verb if verb.right_edge.i > tok.i else None


def _reported_by_relative(clause: Token) -> bool:
    """Whether a clause is what a cue in a relative clause reports (`_relative_predicate`),
    not the complement of the verb the parser hung it on."""
    candidates = [t for t in clause.subtree if t.dep_ == "relcl"]
    if clause.left_edge.i > 0:
        candidates.append(clause.doc[clause.left_edge.i - 1])
    return any(getattr(_relative_predicate(t), "i", None) == clause.i for t in candidates)


def _reporting_participle(tok: Token) -> Token | None:
    """The cue a participle cue clause after a reported clause continues: in "Ray said
    prices rose, citing the survey" it is Ray who cites, though the parser hangs "citing"
    on "rose". The reporting cue, or None."""
    if not _trailing_cue(tok) or tok.i == 0 or tok.nbor(-1).text != ",":
        return None
    cur = tok
    for _ in range(4):
        if cur.dep_ not in {"advcl", "conj"} or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.dep_ == "ccomp" and lemma_of(cur.head) in CUE_LEMMAS:
            return cur.head
    return None


def _relative_report(tok: Token) -> bool:
    """A cue in a relative clause with a speaker of its own ("bodies, which he called "a
    cartel"", "marchers, whom he described as "peaceful""): a report of its own, not part
    of the clause it hangs in."""
    return (
        tok.dep_ == "relcl"
        and tok.pos_ == "VERB"
        and lemma_of(tok) in CUE_LEMMAS
        and any(
            c.dep_ == "nsubj" and c.tag_ in {"PRP", "NNP"} and c.lower_ not in SOURCE_STOP_WORDS
            for c in tok.children
        )
        and any(t.text in OPEN_DOUBLE + STRAIGHT_DOUBLE for t in tok.subtree if t.i > tok.i)
    )


def _trailing_cue(tok: Token) -> bool:
    """A participle clause whose verb is a cue ("..., adding that", "..., claiming")."""
    return (
        tok.dep_ in {"advcl", "xcomp"}
        and tok.tag_ == "VBG"
        and lemma_of(tok) in CUE_LEMMAS
        and not any(c.dep_ == "nsubj" for c in tok.children)
    )


def _content(tok: Token, skip: set[int]) -> tuple[int, int] | None:
    """What a cue verb reports: its clausal complement, else what follows it."""
    skip |= {c.i for c in tok.children if c.dep_ == "ccomp" and _reported_by_relative(c)}
    clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.i not in skip]
    if clauses:
        # A parse that splits one reported clause in two ("that Europe must not be sidelined
        # as Washington and Moscow | begin to talk") hangs both halves on the cue.
        # "A rose; 40 percent said B fell": a clause before the cue's own subject is not
        # what that subject said when a clause follows the cue.
        after = [c for c in clauses if c.i > tok.i]
        subjects = [c.i for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        if after and subjects and clauses[0].right_edge.i < min(subjects):
            side = after
        else:
            side = [c for c in clauses if (c.i > tok.i) == (clauses[0].i > tok.i)]
        start, end = _span_of(side[0])[0], _span_of(side[-1])[1]
        participles = [
            t
            for c in side
            for t in c.subtree
            if getattr(_reporting_participle(t), "i", None) == tok.i
        ]
        if participles:
            kept = _tokens_span([t for t in tok.doc[: participles[0].i] if t.idx >= start])
            end = kept[1] if kept else end
        return start, end
    framed = _as_framed(tok) or _clause_past_phrase(tok)
    if framed is not None:
        return framed
    predicate = _relative_predicate(tok)
    if predicate is not None:
        return _tokens_span(list(tok.doc[tok.i + 1 : predicate.right_edge.i + 1]))
    lemma = lemma_of(tok)
    topic = _spoken_about(tok)
    if topic is not None:
        return topic
    if lemma in CLAUSE_ONLY_LEMMAS:
        return None
    for child in tok.children:
        if child.dep_ == "xcomp" and child.i > tok.i and lemma not in {"say", "continue"}:
            return _span_of(child)
    if lemma in SPEECH_LEMMAS and not (
        lemma in OBJECT_SPEECH_LEMMAS
        and any(c.dep_ == "dobj" and c.i > tok.i for c in tok.children)
    ):
        if tok.dep_ in {"parataxis", "ccomp"} or (tok.dep_ == "ROOT" and tok.i > tok.sent.start):
            before = _preceding_content(tok)
            after = _interrupted_content(tok)
            if after is not None and before is not None and _opener_only(tok.doc, before):
                return after
            return before or after
        return None
    return _right_span(tok, skip)


def _as_clause(tok: Token) -> bool:
    """A cue in an "as" clause before the clause it frames: "As the paper noted, ...",
    "Prices, as Ray put it, are absurd". The parser often makes such a cue the root."""
    return tok.dep_ in {"advcl", "ROOT"} and any(
        c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children
    )


def _puts_it(tok: Token) -> bool:
    """ "As Ray put it, ...": "put it" is a cue only in an "as" clause."""
    return (
        lemma_of(tok) == "put"
        and _as_clause(tok)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    )


def _as_framed(tok: Token) -> tuple[int, int] | None:
    """What an "as" clause attributes: the rest of the clause it frames, after it (for a
    cue parsed as the root, the rest of the sentence after the comma that ends it)."""
    if not _as_clause(tok):
        return None
    if tok.dep_ == "advcl":
        if tok.head.i < tok.i:
            return None
        return _tokens_span([t for t in tok.head.subtree if t.i > tok.right_edge.i])
    comma = next((t for t in tok.sent if t.i > tok.i and t.text == ","), None)
    if comma is None:
        return None
    return _tokens_span([t for t in tok.sent if t.i > comma.i])


def _clause_past_phrase(tok: Token) -> tuple[int, int] | None:
    """ "said in a statement that ...", "told the paper on Monday that ...": the parser
    hangs the reported "that" clause on the noun of a phrase between it and the cue."""
    if lemma_of(tok) not in THAT_LEMMAS:
        return None
    for phrase in tok.rights:
        if phrase.dep_ not in {"prep", "dobj", "npadvmod"}:
            continue
        for t in phrase.subtree:
            if t.dep_ in {"acl", "relcl", "ccomp"} and any(
                c.dep_ == "mark" and c.lower_ == "that" and c.i < t.i for c in t.children
            ):
                return _span_of(t)
    return None


def _spoken_about(tok: Token) -> tuple[int, int] | None:
    """What a verb of speaking was about ("asked about the levy", "spoke of a betrayal"):
    PolNeAR's content for such a cue, which has no clause or object of its own."""
    if lemma_of(tok) not in SPEECH_LEMMAS | {"speak"} or any(
        c.dep_ in {"dobj", "ccomp"} for c in tok.children
    ):
        return None
    prep = next(
        (
            c
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS and c.i > tok.i
        ),
        None,
    )
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return _span_of(obj) if obj is not None else None


def _preceding_content(tok: Token) -> tuple[int, int] | None:
    """For "X, Peskov said": the sentence up to the cue's own clause."""
    sent = tok.sent
    cut = min(t.i for t in tok.subtree if t.dep_ != "ccomp" or t.i == tok.i)
    head = tok.head if tok.dep_ in {"parataxis", "ccomp"} else None
    if head is not None and head.i < tok.i:
        cut = tok.left_edge.i
    return _tokens_span([t for t in sent if t.i < cut])


def _interrupted_content(tok: Token) -> tuple[int, int] | None:
    """For "But, Carson added, he did not support it": the clause the cue interrupts,
    from after the cue's own words."""
    if tok.dep_ != "parataxis" or tok.head.i < tok.i:
        return None
    return _tokens_span([t for t in tok.head.subtree if t.i > tok.right_edge.i])


def _opener_only(doc: Doc, span: tuple[int, int]) -> bool:
    """Whether the words before an interrupting cue open the sentence and state nothing
    ("In particular, he said, ...", "And yet, aides say, ..."): no verb among them."""
    words = doc.char_span(*span, alignment_mode="expand")
    return words is not None and not any(t.pos_ in {"VERB", "AUX"} for t in words)


def _tokens_span(toks: list[Token]) -> tuple[int, int] | None:
    """The text a run of tokens covers, less spaces and the punctuation around it (quote
    marks kept); none for fewer than two tokens."""
    toks = [t for t in toks if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in QUOTE_CHARS:
        toks.pop()
    while toks and toks[0].is_punct and toks[0].text not in QUOTE_CHARS:
        toks.pop(0)
    if len(toks) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _inherited_source(tok: Token) -> Token | None:
    """The subject of the verb a subject-less cue hangs from ("said, adding that ...",
    "issued a statement saying ...")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in EMBEDDED_CUE_DEPS | OBJECT_DEPS or cur.head.i == cur.i:
            return None
        cur = cur.head
        subj = _subject(cur) or (_passive_subject(cur) if lemma_of(cur) in CHANNEL_LEMMAS else None)
        if subj is not None:
            return subj
    return None


def _according_to(tok: Token) -> _Attribution | None:
    """ "According to X, ...": X is the source, the rest of the sentence the content."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
        to = tok.nbor()
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    sent = tok.sent
    phrase = {t.i for t in tok.subtree} | {tok.i, to.i}
    before = [t for t in sent if t.i < min(phrase) and not t.is_space]
    after = [t for t in sent if t.i > max(phrase) and not t.is_space]
    side = after if len(after) >= len(before) else before
    while side and side[0].is_punct and side[0].text not in QUOTE_CHARS:
        side.pop(0)
    while side and side[-1].is_punct and side[-1].text not in QUOTE_CHARS:
        side.pop()
    content = (side[0].idx, side[-1].idx + len(side[-1].text)) if side else None
    start, end = _speaker_span(obj)
    return _Attribution(
        cue=tok, cue_end=to.idx + len(to.text), source=(start, end, obj), content=content
    )


def _attribution(tok: Token, quoted: bytearray) -> _Attribution | None:
    """The attribution a cue verb makes, if it has a speaker or a content."""
    lemma = lemma_of(tok)
    skip: set[int] = set()
    channel = None
    subj = _subject(tok, quoted)
    if subj is None:
        passive = _passive_subject(tok)
        agent = _agent(tok)
        if passive is not None and lemma in CHANNEL_LEMMAS:
            subj = passive
            skip.add(passive.i)
            via = agent or _channel_below(tok)
            if via is not None:
                channel = _span_of(via)
        elif agent is not None:
            subj = agent
        elif passive is None and not _passive_participle(tok):
            reporting = _reporting_participle(tok)
            subj = (
                (_subject(reporting, quoted) if reporting is not None else None)
                or _inherited_source(tok)
                or _inverted_subject(tok)
                or _name_before(tok)
            )
    if subj is not None and (
        (
            subj.lower_ in SOURCE_STOP_WORDS
            and not _is_relative(subj)
            and not _document_speaks(tok, subj)
        )
        or quoted[subj.idx]
    ):
        subj = None
    if subj is not None:
        skip.add(subj.i)
    content = _content(tok, skip)
    if subj is None and content is None:
        return None
    end = tok.idx + len(tok.text)
    for child in tok.rights:
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end = child.idx + len(child.text)
    source = _source(subj) if subj is not None else None
    return _Attribution(cue=tok, cue_end=end, source=source, content=content, channel=channel)


def _hedge(tok: Token) -> _Attribution | None:
    """ "The plan seems to falter", "it appeared like a rout": how things look to the
    writer, with no speaker. The content is the clause, subject to complement."""
    complements = [
        c
        for c in tok.children
        if c.i > tok.i
        and (c.dep_ in HEDGE_DEPS or (c.dep_ == "prep" and c.lower_ in {"like", "as"}))
    ]
    if not complements:
        return None
    subjects = [c for c in tok.children if c.dep_ in {"nsubj", "expl"} and c.i < tok.i]
    first = min([tok.i] + [s.left_edge.i for s in subjects])
    content = _tokens_span(list(tok.doc[first : complements[-1].right_edge.i + 1]))
    if content is None:
        return None
    return _Attribution(cue=tok, cue_end=tok.idx + len(tok.text), source=None, content=content)


def _passive_participle(tok: Token) -> bool:
    """ "Asked about the levy, Ray said ...": the subject of the clause a past participle
    hangs from is who was asked (or criticised), not who asked; no one is named."""
    return (
        tok.tag_ == "VBN"
        and tok.dep_ in {"advcl", "acl"}
        and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children)
    )


def _document_speaks(cue: Token, subj: Token) -> bool:
    """ "It said", "it added", "it reads": an "it" that is the active subject of a speech
    verb stands for a statement, a letter or a body, and PolNeAR marks it as the source.
    "It is said", "it seems" have none."""
    return (
        subj.lower_ == "it"
        and subj.dep_ == "nsubj"
        and subj.head.i == cue.i
        and lemma_of(cue) in SPEECH_LEMMAS | THAT_LEMMAS
        and lemma_of(cue) not in BELIEF_LEMMAS
    )


def _inverted_subject(tok: Token) -> Token | None:
    """The speaker after the verb in '"...," said Jon Doggett', which parsers often misread;
    a time in between ("said Tuesday", "said later") is passed over. Any cue right after a
    closing quotation mark is read so ('"...," recalled Jon Doggett')."""
    if tok.i == 0 or not tok.nbor(-1).is_punct:
        return None
    if lemma_of(tok) not in SPEECH_LEMMAS and not (
        lemma_of(tok) in CUE_LEMMAS and tok.nbor(-1).text in QUOTE_CHARS
    ):
        return None
    for child in tok.rights:
        if child.is_punct or child.ent_type_ in TIME_ENTS or child.dep_ == "advmod":
            continue
        named = child.pos_ in {"PROPN", "NOUN"} or child.text[:1].isupper()
        return child if named and child.pos_ not in {"VERB", "AUX"} else None
    return None


def _name_before(tok: Token) -> Token | None:
    """The name right before a subject-less speech verb ("..., her adviser, Jo Bell, said"),
    which the parser attached to an earlier noun as an apposition."""
    if tok.i == 0:
        return None
    if lemma_of(tok) not in SPEECH_LEMMAS:
        return _misread_name(tok)
    prev = tok.nbor(-1)
    if prev.text == "," and prev.i > 0:
        prev = prev.nbor(-1)
    if prev.pos_ != "PROPN" or prev.ent_type_ not in {"PERSON", "ORG"}:
        return _misread_name(tok)
    return prev


def _misread_name(tok: Token) -> Token | None:
    """A capitalised word right before a finite cue verb that has no subject ("And Skelly
    called him ...", "..., Early described it as ..."): the small model reads an unknown
    surname as an adverb; it is the speaker."""
    if tok.tag_ not in {"VBD", "VBZ", "VBN"} or tok.i == 0:
        return None
    if any(c.dep_ in {"aux", "auxpass"} for c in tok.children):
        return None
    prev = tok.nbor(-1)
    if not (prev.is_title and prev.is_alpha and not prev.is_stop) or prev.i == prev.sent.start:
        return None
    return prev


def _channel_below(tok: Token) -> Token | None:
    """The "by X" of "was quoted as saying by X", which the parser hangs off "saying"."""
    for child in tok.subtree:
        if child.i != tok.i and child.lower_ == "by" and child.dep_ in {"agent", "prep"}:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _under_channel_verb(tok: Token) -> bool:
    """Whether a cue is the "saying" of "was quoted as saying", which its head reports."""
    cur = tok
    for _ in range(3):
        if cur.dep_ not in EMBEDDED_CUE_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
        if lemma_of(cur) in CHANNEL_LEMMAS and _passive_subject(cur) is not None:
            return True
    return False


def _attributions(doc: Doc, text: str, quoted: bytearray, markup: bytearray) -> list[_Attribution]:
    out = []
    for tok in doc:
        if quoted[tok.idx] or markup[tok.idx] or _under_channel_verb(tok):
            continue
        att = None
        if tok.lower_ == "according":
            att = _according_to(tok)
        elif (tok.pos_ in {"VERB", "AUX"} and lemma_of(tok) in CUE_LEMMAS) or _puts_it(tok):
            att = _attribution(tok, quoted)
        elif tok.pos_ in {"VERB", "AUX"} and lemma_of(tok) in HEDGE_LEMMAS:
            att = _hedge(tok)
        if att is not None:
            out.append(_clipped(text, att))
    return out


def _clipped(text: str, att: _Attribution) -> _Attribution:
    """Keep content and speaker on the cue's own line: a parse never rightly crosses one."""
    line_start = text.rfind("\n", 0, att.cue.idx) + 1
    line_end = text.find("\n", att.cue.idx)
    line_end = len(text) if line_end < 0 else line_end

    def clip(span: tuple[int, int]) -> tuple[int, int] | None:
        start, end = max(span[0], line_start), min(span[1], line_end)
        start, end = lstrip_space(text, start, end), rstrip_space(text, start, end)
        return (start, end) if end > start else None

    if att.content is not None:
        att.content = clip(att.content)
    if att.content is not None and att.content[0] == lstrip_space(text, line_start, line_end):
        dateline = DATELINE.match(text, att.content[0])
        if dateline is not None and dateline.end() < att.content[1]:
            att.content = (dateline.end(), att.content[1])
    if att.source is not None:
        kept = clip(att.source[:2])
        att.source = (*kept, att.source[2]) if kept else None
    return att


# --- speakers ---------------------------------------------------------------------------


class _EntityIndex:
    """Which entity each token of the doc is a mention of."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.people = [e for e in entities if e.type == "PERSON"]
        self.by_token: dict[int, Entity] = {}
        for ent in entities:
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for tok in span:
                    current = self.by_token.get(tok.i)
                    if current is None or (current.type != "PERSON" and ent.type == "PERSON"):
                        self.by_token[tok.i] = ent

    def entity(self, doc: Doc, start: int, end: int, head: Token) -> Entity | None:
        """The speaker's entity: the one its head word is a mention of. A person named
        inside a speaker headed by another noun ("Trump's spokeswoman", "the mediation by
        the Trump administration") is not the speaker; a name the tagger missed is matched
        to a known person's surname."""
        if head.i in self.by_token:
            return self.by_token[head.i]
        if head.pos_ != "PROPN":
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        people = [
            self.by_token[t.i]
            for t in span
            if t.i in self.by_token and self.by_token[t.i].type == "PERSON"
        ]
        if people:
            return people[-1]
        names = {fold(t.text) for t in span if t.pos_ == "PROPN"}
        known = [e for e in self.people if names & {fold(n) for n in _name_words(e)}]
        return known[0] if len(known) == 1 else None


def _name_words(entity: Entity) -> list[str]:
    """Surnames a person may be called by alone: the last word of each of their names."""
    return [n.split()[-1] for n in [entity.name, *entity.aliases] if n.split()]


# --- assembly ---------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _words_outside(text: str, span: tuple[int, int], segs: list[tuple[int, int]]) -> int:
    chars = list(text[span[0] : span[1]])
    for s, e in segs:
        for i in range(max(s, span[0]), min(e, span[1])):
            chars[i - span[0]] = " "
    return sum(1 for w in "".join(chars).split() if any(c.isalnum() for c in w))


def _paragraph_starts(text: str) -> list[int]:
    """Offsets where each non-empty line begins: the paragraphs of a news text."""
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        if pos + 1 < len(text) and text[pos + 1] != "\n":
            starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


class _Builder:
    """Turns attributions and quotation spans into Quote objects for one doc."""

    def __init__(self, doc: Doc, text: str, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = text
        self.index = _EntityIndex(doc, entities)

    def speaker(self, att: _Attribution | None) -> Speaker | None:
        if att is None or att.source is None:
            return None
        start, end, head = att.source
        ent = self.index.entity(self.doc, start, end, head)
        name = ent.name if ent else self._owned(head, end)
        return Speaker.of(self.text, start, end, entity=name)

    def _owned(self, head: Token, end: int) -> str | None:
        """A speaker written as someone's ("his government", "her spokesman") is named by
        whose it is: "Ann Ray's government". The pronoun alone names no one."""
        if head.pos_ != "NOUN":
            return None
        poss = next((c for c in head.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
        owner = self.index.by_token.get(poss.i) if poss is not None else None
        if poss is None or owner is None or owner.type not in SPEAKING_ENTS:
            return None
        what = " ".join(self.text[poss.idx + len(poss.text) : end].split())
        return f"{owner.name}'s {what}" if what else None

    def quote(self, att: _Attribution | None, content: tuple[int, int], kind: str) -> Quote:
        text = self.text
        cue = None
        if att is not None:
            start = att.cue.idx if att.cue_start is None else att.cue_start
            cue = Span.of(text, start, att.cue_end)
        channel = Span.of(text, *att.channel) if att is not None and att.channel else None
        return Quote(
            speaker=self.speaker(att),
            cue=cue,
            content=Span.of(text, *content),
            kind=kind,  # type: ignore[arg-type]
            channel=channel,
            statement=att is None
            or (
                _is_statement(att)
                and not _is_topic(text, content, kind)
                and not (
                    kind == "indirect"
                    and (lemma_of(att.cue) not in DEMAND_LEMMAS or _after_topic(self.doc, content))
                    and _verbless(self.doc, content)
                )
            ),
        )


def _is_statement(att: _Attribution) -> bool:
    """Whether a cue reports what someone said, wrote or stood for: not a belief, a
    perception, an aim or a refusal, nor an inference drawn from a thing ("the convergence suggests")."""
    lemma = lemma_of(att.cue)
    if lemma in BELIEF_LEMMAS or lemma in ATTEMPT_LEMMAS or lemma in HEDGE_LEMMAS:
        return False
    if lemma == "ask" and att.content is not None:
        opening = att.cue.doc.text[att.content[0] : att.content[1]].split(None, 1)[:1]
        if opening and opening[0].casefold() in QUESTION_WORDS:
            return False
    return lemma not in INFERENCE_LEMMAS or att.source is None or _can_speak(att.source[2])


def _is_topic(text: str, content: tuple[int, int], kind: str) -> bool:
    """A reported content of one or two words names what was talked about ("praised
    Garland", "maintain credibility"), not what was said; quoted words are said."""
    words = [w for w in text[content[0] : content[1]].split() if any(c.isalnum() for c in w)]
    return kind == "indirect" and len(words) < TOPIC_MAX_WORDS + 1


def _after_topic(doc: Doc, content: tuple[int, int]) -> bool:
    """Whether a content is what was spoken about ("asked about the levy"): a topic, even
    after a cue whose noun phrase is otherwise a stand taken ("asked for a recount")."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.dep_ == "prep" and before.lower_ in TOPIC_PREPOSITIONS


def _verbless(doc: Doc, content: tuple[int, int]) -> bool:
    """A reported content without a verb is a noun phrase: what someone expressed or
    described ("expressing readiness for peace talks", "describes as a decisive shift"),
    reported, but not a statement a reader can hold them to."""
    span = doc.char_span(*content, alignment_mode="expand")
    return span is not None and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _can_speak(head: Token) -> bool:
    """Whether a source's head word names someone: a name, a pronoun, a title, a person
    or group noun ("critics", "residents"), or a document that carries words ("the report")."""
    if head.pos_ != "NOUN" or head.ent_type_ in SPEAKING_ENTS:
        return True
    lemma = lemma_of(head)
    return (
        lemma in TITLE_NOUNS
        or lemma in SPEAKING_NOUNS
        or (lemma.endswith(AGENT_SUFFIXES) and not lemma.endswith("ment"))
    )


def _same_paragraph(text: str, seg: tuple[int, int], pos: int) -> bool:
    """Whether no line break separates a position from a quotation."""
    gap = text[pos : seg[0]] if pos < seg[0] else text[seg[1] : pos]
    return "\n" not in gap


def _governing_cue(doc: Doc, span: SpacySpan, quoted: bytearray) -> _Attribution | None:
    """The clause a quotation is part of, when no cue of speech frames it: 'The ad targets a
    "corrupt political system"', 'Trump issued a statement, "..."'. The nearest verb above
    the quotation, outside it, is the cue and its subject (or the subject it shares) the
    speaker, as PolNeAR annotates; a speech noun's possessor speaks for it ("her comment
    that, "...""). A quotation that is a whole sentence has no such clause."""
    inside = {t.i for t in span}
    cur = span.root
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.i in inside or quoted[cur.idx]:
            continue
        if cur.pos_ in {"NOUN", "PROPN"} and lemma_of(cur) in SPEECH_NOUNS:
            poss = next((c for c in cur.children if c.dep_ == "poss"), None)
            if poss is not None:
                return _Attribution(
                    cue=cur, cue_end=cur.idx + len(cur.text), source=_source(poss), content=None
                )
        if cur.pos_ not in {"VERB", "AUX"}:
            continue
        subj = _subject(cur, quoted) or _inherited_source(cur)
        if subj is None or subj.lower_ in SOURCE_STOP_WORDS or quoted[subj.idx]:
            return None
        return _Attribution(
            cue=cur, cue_end=cur.idx + len(cur.text), source=_source(subj), content=None
        )
    return None


def _sentence_before(
    doc: Doc, text: str, seg: tuple[int, int], quoted: bytearray, across: bool = False
) -> _Attribution | None:
    """A quotation standing alone right after a sentence of its own paragraph ("Ray touted
    the plan. "We need it."", "Ray delivered a message: "..."") is credited to that
    sentence's subject, as PolNeAR does, rather than to an earlier quotation's speaker.
    `across`: the sentence may end the paragraph before, for a quotation opening its own
    paragraph that no earlier quotation's speaker continues."""
    pos = seg[0]
    while pos > 0 and text[pos - 1] in (" \t\n" if across else " \t"):
        pos -= 1
    if pos == 0 or text[pos - 1] == "\n":
        return None
    before = doc.char_span(pos - 1, pos, alignment_mode="expand")
    if before is None or not len(before):
        return None
    root = before[0].sent.root
    if root.pos_ not in {"VERB", "AUX"} or quoted[root.idx]:
        return None
    subj = _subject(root, quoted)
    if subj is None or subj.lower_ in SOURCE_STOP_WORDS:
        return None
    return _Attribution(
        cue=root, cue_end=root.idx + len(root.text), source=_source(subj), content=None
    )


def _frame_cue(
    doc: Doc, text: str, seg: tuple[int, int], atts: list[_Attribution], sent_of: dict[int, int]
) -> _Attribution | None:
    """The cue outside a quotation that attributes it: in its sentences, nearest first."""
    span = doc.char_span(seg[0], seg[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    sents = {sent_of[t.i] for t in span}
    after = sent_of[span[-1].i] + 1
    atts = [_main_clause(a, span) for a in atts]
    near = [
        a
        for a in atts
        if a.source is not None
        and _same_paragraph(text, seg, a.cue.idx)
        and (
            sent_of[a.cue.i] in sents
            or (sent_of[a.cue.i] == after and a.cue.idx - seg[1] <= FRAME_NEXT_CHARS)
        )
    ]
    colon = _colon_cue(doc, span, atts, sent_of)
    if colon is not None:
        # A cue in a heading before the label's dash ("Pollsters agree - Ann Ray: "...")
        # is the heading's, not the speaker's.
        return _label_cue(doc, text, seg) if _labelled_after(doc, text, seg, colon.cue) else colon
    if not near:
        return (
            _label_cue(doc, text, seg)
            or _dash_speaker(doc, text, seg)
            or _trailing_speaker(doc, text, span)
        )
    inside = [
        a for a in near if a.cue.left_edge.i <= span[0].i and a.cue.right_edge.i >= span[-1].i
    ]
    if inside:
        return min(inside, key=lambda a: len(list(a.cue.subtree)))
    if len(text[seg[0] : seg[1]].split()) <= SCARE_QUOTE_MAX_WORDS:
        return _said_right_after(text, seg, near)

    def distance(a: _Attribution) -> int:
        pos = a.cue.idx
        return min(abs(pos - seg[0]), abs(pos - seg[1]))

    return min(near, key=distance)


def _said_right_after(
    text: str, seg: tuple[int, int], near: list[_Attribution]
) -> _Attribution | None:
    """The cue of a short quotation that is an utterance of its own ('"Not today!" she
    said', '"Fine," Ray replied'): its words end in punctuation inside the marks and a
    speech cue follows the closing mark. A short quotation in running prose is a scare
    quote or a title."""
    inner = text[seg[0] : seg[1]].rstrip(QUOTE_CHARS + " ")
    if not inner or inner[-1] not in ",.!?":
        return None
    after = [
        a
        for a in near
        if lemma_of(a.cue) in SPEECH_LEMMAS and 0 <= a.cue.idx - seg[1] <= SAID_AFTER_CHARS
    ]
    return min(after, key=lambda a: a.cue.idx) if after else None


def _speaker_after(doc: Doc, seg: tuple[int, int]) -> tuple[int, int, Token] | None:
    """A name written right after a quotation ("..., Texas delegate Bill Eastland, told"),
    for when the parser hung it inside the quote's clause instead of under the cue."""
    span = doc.char_span(seg[0], seg[1], alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return None
    found = _name_run(doc, span.end)
    return found[0] if found else None


def _name_run(doc: Doc, i: int) -> tuple[tuple[int, int, Token], Token | None] | None:
    """The name phrase starting at token i, and the verb right after it if there is one."""
    run: list[Token] = []
    verb = None
    for tok in doc[i : min(len(doc), i + SPEAKER_RUN_TOKENS)]:
        if tok.pos_ in {"VERB", "AUX"}:
            verb = tok
            break
        if tok.is_punct or tok.is_space:
            break
        run.append(tok)
    heads = [t for t in run if t.pos_ == "PROPN" or t.tag_ == "PRP"]
    if not heads or run[0].pos_ not in {"PROPN", "PRON", "DET", "NOUN", "ADJ"}:
        return None
    if _is_town(heads[-1]):
        return None
    return (run[0].idx, run[-1].idx + len(run[-1].text), heads[-1]), verb


def _is_town(tok: Token) -> bool:
    """A place that does not stand for a government: in '"..." — Hope, Arkansas' it is
    where the words were said, not who said them ("Moscow said" stays Moscow's). A name
    followed by its state or country ("Hope, Arkansas") is a town whatever the tagger says."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == ",":
        region = gazetteer.resolve(doc[tok.i + 2].text)
        if region is not None and region.latitude is None:
            return True
    if tok.ent_type_ not in TOWN_TYPES:
        return False
    ent = next(e for e in doc.ents if e.start <= tok.i < e.end)
    return not gazetteer.stands_for_government(ent.text)


def _trailing_speaker(doc: Doc, text: str, span: SpacySpan) -> _Attribution | None:
    """'"...," Hannity pressed.': a name and a verb right after a quote ending in a comma,
    question or exclamation mark, whatever the verb."""
    close = span[-1].idx + len(span[-1].text)
    inner = text[span[0].idx : close].rstrip(QUOTE_CHARS + " ")
    if not inner or inner[-1] not in ",?!" or span.end >= len(doc):
        return None
    found = _name_run(doc, span.end)
    if found is None and doc[span.end].pos_ == "VERB" and span.end + 1 < len(doc):
        after = _name_run(doc, span.end + 1)
        found = (after[0], doc[span.end]) if after and after[0][2].pos_ == "PROPN" else None
    if found is None or found[1] is None or found[1].pos_ != "VERB":
        return None
    source, verb = found
    return _Attribution(cue=verb, cue_end=verb.idx + len(verb.text), source=source, content=None)


def _dash_speaker(doc: Doc, text: str, seg: tuple[int, int]) -> _Attribution | None:
    """A name after a dash that follows a quotation, byline style: '"..." — Ann Ray', or
    opening the line under a quotation that ends its paragraph ('"..." ¶ - Ann Ray.'); a
    line between dashes ("– Ready to quiz Trump –") is a subheading."""
    pos = next_visible(text, seg[1])
    if pos >= len(text):
        return None
    if "\n" in text[seg[1] : pos]:
        line_end = text.find("\n", pos)
        line = text[pos : len(text) if line_end < 0 else line_end].rstrip(" .")
        if text[pos] not in ATTRIBUTION_DASHES + "-" or line[-1] in ATTRIBUTION_DASHES + "-":
            return None
    elif text[pos] not in ATTRIBUTION_DASHES:
        return None
    dash = doc.char_span(pos, pos + 1, alignment_mode="expand")
    start = next_visible(text, pos + 1)
    name = doc.char_span(start, start + 1, alignment_mode="expand")
    if dash is None or name is None or "\n" in text[pos:start]:
        return None
    found = _name_run(doc, name.start)
    if found is None or found[0][2].pos_ != "PROPN":
        return None
    return _Attribution(cue=dash[0], cue_end=pos + 1, source=found[0], content=None, cue_start=pos)


def _label_cue(doc: Doc, text: str, seg: tuple[int, int]) -> _Attribution | None:
    """A speaker label opening the paragraph, transcript style: 'Rep. Trey Gowdy: "..."'."""
    pos = rstrip_space(text, 0, seg[0]) - 1
    if pos < 1 or text[pos] != ":":
        return None
    line_start = text.rfind("\n", 0, pos) + 1
    line_start = max([line_start] + [text.rfind(d, line_start, pos) + len(d) for d in LABEL_DASHES])
    label = doc.char_span(line_start, pos, alignment_mode="contract")
    if label is None or not len(label) or len(label) > LABEL_MAX_WORDS:
        return None
    names = [t for t in label if t.pos_ == "PROPN"]
    colon = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if not names or colon is None:
        return None
    start = lstrip_space(text, line_start, pos)
    source = (start, rstrip_space(text, start, pos), names[0])
    return _Attribution(cue=colon[0], cue_end=pos + 1, source=source, content=None, cue_start=pos)


def _main_clause(att: _Attribution, span: SpacySpan) -> _Attribution:
    """A cue heading an adverbial clause that ends before a quotation ("When Ray suggested
    a delay, Ek fired back: "..."", "After Ray criticised him, Ek shot back, "..."") sets
    the scene: the quotation is the main clause's, whatever its verb, and its subject's."""
    cue = att.cue
    if (
        len(span.text.split()) <= SCARE_QUOTE_MAX_WORDS
        or cue.dep_ != "advcl"
        or cue.right_edge.i >= span[0].i
        or not any(
            c.dep_ in {"mark", "advmod"} and c.i < cue.i and c.lower_ in SUBORDINATORS
            for c in cue.children
        )
    ):
        return att
    main = cue.head
    subj = _subject(main)
    if main.pos_ not in {"VERB", "AUX"} or subj is None or subj.lower_ in SOURCE_STOP_WORDS:
        return att
    return _Attribution(
        cue=main, cue_end=main.idx + len(main.text), source=_source(subj), content=None
    )


def _labelled_after(doc: Doc, text: str, seg: tuple[int, int], cue: Token) -> bool:
    """Whether a quotation has a speaker label of its own after a cue, heading style
    ("Pollsters agree - Ann Ray: "..."): the cue is the heading's, not the speaker's."""
    label = _label_cue(doc, text, seg)
    return label is not None and label.source is not None and cue.idx < label.source[0]


def _colon_cue(
    doc: Doc, span: SpacySpan, atts: list[_Attribution], sent_of: dict[int, int]
) -> _Attribution | None:
    """The cue of a clause ending in a colon right before a quotation ("Kerry said:")."""
    prev = doc[span[0].i - 1] if span[0].i > 0 else None
    while prev is not None and prev.is_space and prev.i > 0:
        prev = doc[prev.i - 1]
    if prev is None or prev.text != ":":
        return None
    sents = {sent_of[prev.i], sent_of[span[0].i] - 1}
    atts = [_main_clause(a, span) for a in atts]
    lead = [
        a for a in atts if a.source is not None and a.cue.i < prev.i and sent_of[a.cue.i] in sents
    ]
    return max(lead, key=lambda a: a.cue.i) if lead else None


def _outermost(atts: list[_Attribution]) -> list[_Attribution]:
    """Attributions not reported inside another's content: in "Aides said Ray believes X",
    that Ray believes X is what the aides said, not a statement of Ray's."""

    def inside(a: _Attribution, b: _Attribution) -> bool:
        return (
            a is not b
            and not _relative_report(a.cue)
            and a.content is not None
            and b.content is not None
            and b.content[0] <= a.cue.idx < b.content[1]
            and b.content[0] <= a.content[0]
            and a.content[1] <= b.content[1]
        )

    return [a for a in atts if not any(inside(a, b) for b in atts)]


def _apart_from_relative_reports(atts: list[_Attribution]) -> list[_Attribution]:
    """A content ending in a relative clause that reports with a speaker of its own ("said
    she backed the bill, which she called "a lifeline"") ends before that clause."""
    for a in atts:
        if not _relative_report(a.cue):
            continue
        doc, last = a.cue.doc, a.cue.right_edge
        for b in atts:
            if b.content is None or not b.content[0] <= a.cue.idx < b.content[1]:
                continue
            span = doc.char_span(*b.content, alignment_mode="expand")
            if span is not None and last.idx + len(last.text) >= b.content[1]:
                b.content = _tokens_span(list(doc[span.start : a.cue.left_edge.i]))
    return atts


def _modifies_noun(doc: Doc, seg: tuple[int, int]) -> bool:
    """A quoted name written before the noun it names: NBC's "Today" show, the "Never
    Trump" movement. It labels a thing; nobody says it."""
    span = doc.char_span(seg[0], seg[1], alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return (
        root.dep_ in {"compound", "nmod", "amod"}
        and not span.start <= root.head.i < span.end
        and root.head.pos_ in {"NOUN", "PROPN"}
        and root.head.i > root.i
    )


def _is_title(quoted: str) -> bool:
    """A quoted name of a show, book, song or slogan ("How the Grinch Stole Christmas"):
    every word capitalised but the small ones, or all in capitals, and no full stop."""
    words = [w.strip(QUOTE_CHARS + ",.:;!?()") for w in quoted.split()]
    words = [w for w in words if any(c.isalpha() for c in w)]
    if len(words) < 2 or quoted.rstrip(QUOTE_CHARS + " ").endswith("."):
        return False
    return all(w[0].isupper() or w.lower() in HEADING_SMALL_WORDS or w[0].isdigit() for w in words)


def _names_a_place_of_speech(doc: Doc, seg: tuple[int, int]) -> bool:
    """A quoted title after a preposition or a possessive names where words were said
    ('said on "Morning Round,"', 'told the station\'s "Late Desk"'), not what was said."""
    span = doc.char_span(seg[0], seg[1], alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.dep_ == "case" or (
        before.pos_ == "ADP" and before.lower_ in PLACE_OF_SPEECH_PREPOSITIONS
    )


def _says_nothing(doc: Doc, content: tuple[int, int]) -> bool:
    """A content that states nothing: a time alone ("is expected later this century"),
    a one-word adverb ("had reported earlier") or the dateline a parse took for the
    object of the lead's verb ("PORTHAVEN — ... agreed")."""
    span = doc.char_span(*content, alignment_mode="expand")
    if span is None:
        return False
    if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in span):
        return True
    if len(span) != 1:
        return False
    tok = span[0]
    dateline = tok.is_upper and tok.i + 1 < len(doc) and doc[tok.i + 1].text in ATTRIBUTION_DASHES
    return tok.pos_ == "ADV" or dateline


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Quotes of one parsed article, in text order."""
    text = doc.text
    markup = [m.span() for m in MARKUP.finditer(text)]
    plain = prose(text)
    doubles = double_quotes(plain)
    singles = single_quotes(plain, doubles)
    quoted = coverage(doubles, len(text))
    atts = _apart_from_relative_reports(
        _outermost(_attributions(doc, text, quoted, coverage(markup, len(text))))
    )
    build = _Builder(doc, text, entities)
    sent_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    out: list[tuple[int, Quote, _Attribution | None]] = []
    taken: set[tuple[int, int]] = set()
    every = doubles + singles
    for att in atts:
        if att.content is None or _says_nothing(doc, att.content):
            continue
        inner = [s for s in every if _overlap(s, att.content) > 0]
        if any(_labelled_after(doc, text, s, att.cue) for s in inner):
            continue
        if not inner:
            out.append((att.content[0], build.quote(att, att.content, "indirect"), att))
            att.used = True
            continue
        covered = sum(_overlap(s, att.content) for s in inner)
        extra = _words_outside(text, att.content, inner)
        length = att.content[1] - att.content[0]
        if covered >= DIRECT_COVER * length and extra < MIXED_MIN_WORDS:
            if att.source is None:
                att.source = _speaker_after(doc, inner[0])
            for seg in inner:
                if seg in doubles and seg not in taken:
                    out.append((seg[0], build.quote(att, seg, "direct"), att))
                    taken.add(seg)
        else:
            lo = min([att.content[0]] + [s[0] for s in inner])
            hi = max([att.content[1]] + [s[1] for s in inner])
            out.append((lo, build.quote(att, (lo, hi), "mixed"), att))
            taken.update(inner)
        att.used = True
        att.segments = inner
    paragraphs = _paragraph_starts(text)
    last: tuple[int, _Attribution] | None = None
    for seg in doubles:
        if seg in taken:
            prior = next((a for _, q, a in out if a is not None and seg in a.segments), None)
            if prior is not None:
                last = (bisect_right(paragraphs, seg[0]), prior)
            continue
        att = _frame_cue(doc, text, seg, atts, sent_of)
        para = bisect_right(paragraphs, seg[0])
        words = len(text[seg[0] : seg[1]].split())
        if att is None and words > SCARE_QUOTE_MAX_WORDS:
            span = doc.char_span(seg[0], seg[1], alignment_mode="expand")
            att = _governing_cue(doc, span, quoted) if span is not None and len(span) else None
        if att is None and words > SCARE_QUOTE_MAX_WORDS:
            att = _sentence_before(doc, text, seg, quoted)
        if (
            att is None
            and last is not None
            and para - last[0] <= CONTINUATION_PARAGRAPHS
            and words > SCARE_QUOTE_MAX_WORDS
        ):
            att = last[1]
        if att is None and words > SCARE_QUOTE_MAX_WORDS:
            att = _sentence_before(doc, text, seg, quoted, across=True)
        if att is None and words <= SCARE_QUOTE_MAX_WORDS:
            continue
        if _is_title(text[seg[0] : seg[1]]) and (
            att is None
            or lemma_of(att.cue) not in SPEECH_LEMMAS
            or _names_a_place_of_speech(doc, seg)
        ):
            continue
        if words <= SCARE_QUOTE_MAX_WORDS and _modifies_noun(doc, seg):
            continue
        if att is not None and att.source is None:
            att.source = _speaker_after(doc, seg)
        if att is not None:
            att.used = True
            last = (para, att)
        out.append((seg[0], build.quote(att, seg, "direct"), att))
    out.sort(key=lambda item: (item[0], item[1].content.end))
    return [q for _, q, _ in out]
