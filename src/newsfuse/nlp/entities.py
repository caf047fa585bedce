"""Entities with identity: every mention of one person, organisation or place, linked.

Within an article, spaCy's named mentions are grouped by name ("Russian President
Vladimir Putin", "Putin"), then definite titles ("the Russian leader") and personal
pronouns ("he") are resolved to the person they stand for, so a quote's speaker can be
named whatever form the writer used. Roles come from premodifiers and appositions.
Across the articles of a story, `newsfuse.fuse.entities` joins these identities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsfuse.model import Entity, EntityType, Place, Span
from newsfuse.nlp import gazetteer
from newsfuse.nlp.names import (
    HONORIFICS,
    TITLE_NOUNS,
    acronym,
    fold,
    is_acronym,
    same_name,
    strip_honorifics,
    surname_of,
)
from newsfuse.nlp.quotemarks import quoted_coverage

TYPES: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
"""spaCy labels kept as entities."""

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
"""Types looked up in the gazetteer and merged with one another."""

ROLE_MAX_WORDS = 10
"""Longer appositions are descriptions, not roles."""

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
"""Personal pronouns resolved to people, with the gender each implies."""

HONORIFIC_GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
}
"""Courtesy titles that tell a person's gender."""

GENERIC_TITLES = frozenset({"leader", "official", "head", "chief"})
"""Title nouns that fit any role ("the Russian leader" for a president)."""

HEADING_MAX_WORDS = 14
"""A line of at most this many title-case words and no final stop is a heading."""

HEADING_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "as",
        "vs",
        "over",
        "from",
        "into",
        "after",
        "amid",
    ]
)
"""Words a title-case heading leaves in lower case."""

PRONOUN_LOOKBACK_SENTS = 3
"""Sentences searched backwards for a pronoun's antecedent."""

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PREMOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "case"})
_STRIP_WORDS = frozenset({"the", "a", "an"})
_ROLE_BREAKS = frozenset({"for", "of", "to", "in", "at", "with", "on", "and", "s"})


@dataclass
class _Cluster:
    """One entity being assembled: its names, mentions and what is known of it."""

    type: str
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    gender: str | None = None
    last_seen: int = -1

    @property
    def canonical(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n), -self.names.index(n)))

    def add(self, start: int, end: int, name: str | None = None) -> None:
        self.mentions.append((start, end))
        if name and name not in self.names:
            self.names.append(name)
        self.last_seen = max(self.last_seen, start)

    def add_role(self, role: str) -> None:
        if role and fold(role) not in {fold(r) for r in self.roles}:
            self.roles.append(role)


def _clean_name(ent: SpacySpan) -> tuple[int, int] | None:
    """Token bounds of the name proper: no article, honorific, title or possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in _STRIP_WORDS or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    if ent.label_ == "PERSON":
        words = [t.text for t in doc[start:end]]
        kept = strip_honorifics(words)
        start += len(words) - len(kept)
        while end - start > 1 and doc[start].lower_ in TITLE_NOUNS:
            start += 1
    return (start, end) if end > start else None


def _premodifier_role(doc: Doc, start: int) -> str:
    """Role words written before a name ("Kremlin spokesman" Dmitry Peskov)."""
    i = start
    while i > 0:
        tok = doc[i - 1]
        if tok.is_space or (tok.is_punct and tok.text not in {".", "-"}):
            break
        if tok.dep_ not in _PREMOD_DEPS or not (
            start - 1 <= tok.head.i < start + 4 or i <= tok.head.i < start
        ):
            break
        i -= 1
    words = [t for t in doc[i:start] if t.lower_ not in _STRIP_WORDS]
    if not words or not any(t.lower_ in TITLE_NOUNS or t.pos_ == "NOUN" for t in words):
        return ""
    return doc[words[0].i : start].text.strip()


def _apposition_role(head: Token) -> str:
    """A role given in apposition ("Kirill Dmitriev, a Russian emissary")."""
    for child in head.children:
        if (
            child.dep_ != "appos"
            or child.pos_ == "PRON"
            or child.ent_type_ in {"PERSON", "DATE", "CARDINAL"}
        ):
            continue
        toks = [t for t in child.subtree if not t.is_space]
        while toks and (toks[0].lower_ in _STRIP_WORDS or toks[0].is_punct):
            toks.pop(0)
        while toks and toks[-1].is_punct:
            toks.pop()
        if toks and len(toks) <= ROLE_MAX_WORDS:
            return head.doc[toks[0].i : toks[-1].i + 1].text
    if head.dep_ == "appos" and head.head.lower_ in TITLE_NOUNS:
        title = head.head
        toks = [
            t
            for t in title.subtree
            if t.i < head.i and not t.is_punct and t.lower_ not in _STRIP_WORDS
        ]
        if toks and len(toks) <= ROLE_MAX_WORDS:
            return head.doc[toks[0].i : title.i + 1].text
    return ""


def _person_key_match(cluster: _Cluster, words: list[str]) -> bool:
    """Whether a person name (folded words) can be the person of `cluster`."""
    name = " ".join(words)
    for known in cluster.names:
        kw = fold(known).split()
        if not kw:
            continue
        if name == " ".join(kw) or same_name(name, known):
            return True
        if len(words) == 1 and words[0] in (kw[-1], kw[0]):
            return True
        if len(kw) == 1 and len(words) > 1 and kw[0] == words[-1]:
            return True
        if (
            len(words) > 1
            and len(kw) > 1
            and words[-1] == kw[-1]
            and (words[0] == kw[0] or words[0][:1] == kw[0][:1])
        ):
            return True
    return False


def _find_cluster(clusters: list[_Cluster], label: str, name: str) -> _Cluster | None:
    """The existing cluster a named mention belongs to, most recent first."""
    words = fold(name).split()
    if not words:
        return None
    for cl in sorted(clusters, key=lambda c: -c.last_seen):
        if label == "PERSON" or cl.type == "PERSON":
            if (
                cl.type == "PERSON"
                and (label == "PERSON" or len(words) == 1)
                and _person_key_match(cl, words)
            ):
                return cl
            continue
        same_kind = cl.type == label or (cl.type in PLACE_TYPES and label in PLACE_TYPES)
        if not same_kind:
            continue
        for known in cl.names:
            if fold(known) == " ".join(words) or same_name(known, name):
                return cl
            if label == "ORG" and (
                (is_acronym(name) and acronym(known) == name)
                or (is_acronym(known) and acronym(name) == known)
            ):
                return cl
    return None


def _in_heading(ent: SpacySpan, text: str) -> bool:
    """Whether a mention sits in a title-case heading line rather than in prose."""
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.start_char + len(ent.text.rstrip()))
    line = text[start : end if end >= 0 else len(text)].strip()
    words = line.split()
    if not words or len(words) > HEADING_MAX_WORDS or line[-1] in '.!?"”:':
        return False
    return all(
        w[0].isupper() or w.lower() in HEADING_SMALL_WORDS or not w[0].isalpha() for w in words
    )


def _gender_of_honorific(doc: Doc, start: int) -> str | None:
    if start > 0:
        return HONORIFIC_GENDER.get(doc[start - 1].lower_.rstrip("."))
    return None


def _link_names(doc: Doc, text: str) -> tuple[list[_Cluster], dict[int, _Cluster]]:
    """Cluster spaCy's named mentions; map each name's head token to its cluster."""
    clusters: list[_Cluster] = []
    head_of: dict[int, _Cluster] = {}
    ents = [e for e in doc.ents if e.label_ in TYPES]
    # People first, so a surname mislabelled ORG/GPE elsewhere joins the person; names in
    # headings last, and only to join a known identity (title case fools the tagger).
    headed = {e.start: _in_heading(e, text) for e in ents}
    ordered = sorted(ents, key=lambda e: (headed[e.start], e.label_ != "PERSON", e.start))
    for ent in ordered:
        bounds = _clean_name(ent)
        if bounds is None:
            continue
        start, end = bounds
        span = doc[start:end]
        name = span.text.strip()
        if not any(c.isalpha() for c in name):
            continue
        cl = _find_cluster(clusters, ent.label_, name)
        if cl is None:
            if headed[ent.start]:
                continue
            label = ent.label_
            if label in {"PERSON", "ORG"} and len(span) == 1 and gazetteer.is_major(name):
                label = "GPE"
            cl = _Cluster(type=label)
            clusters.append(cl)
        cl.add(span.start_char, span.end_char, name)
        if cl.type == "PERSON":
            cl.add_role(_premodifier_role(doc, start))
            cl.add_role(_apposition_role(span.root))
            cl.gender = cl.gender or _gender_of_honorific(doc, start)
        for tok in span:
            head_of[tok.i] = cl
    _link_bare_surnames(doc, clusters, head_of)
    for cl in clusters:
        cl.last_seen = -1
    return clusters, head_of


def _link_bare_surnames(doc: Doc, clusters: list[_Cluster], head_of: dict[int, _Cluster]) -> None:
    """Surnames the tagger missed ("Weber met ..." at a sentence start) join their person."""
    by_surname: dict[str, _Cluster | None] = {}
    for cl in clusters:
        if cl.type != "PERSON":
            continue
        for name in cl.names:
            key = surname_of(name)
            if key:
                by_surname[key] = cl if by_surname.get(key, cl) is cl else None
    for tok in doc:
        if tok.i in head_of or tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        cl = by_surname.get(fold(tok.text))
        if cl is not None:
            cl.add(tok.idx, tok.idx + len(tok.text), tok.text)
            head_of[tok.i] = cl


def _title_mentions(doc: Doc, head_of: dict[int, _Cluster]) -> list[tuple[int, int, Token]]:
    """Definite title phrases not attached to a name: "the French president"."""
    out = []
    for tok in doc:
        if tok.lower_ not in TITLE_NOUNS or tok.i in head_of or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        if tok.dep_ == "compound" or (tok.head.i in head_of and tok.dep_ != "appos"):
            continue
        dets = [c for c in tok.lefts if c.dep_ == "det" and c.lower_ == "the"]
        if not dets:
            continue
        out.append((dets[0].i, tok.i + 1, tok))
    return out


def _role_core(role: str) -> list[str]:
    """The words of a role up to its first preposition: "special envoy" of "... for X"."""
    words = fold(role).split()
    if "s" in words:
        words = words[len(words) - words[::-1].index("s") :]
    for n, w in enumerate(words):
        if w in _ROLE_BREAKS:
            return words[:n]
    return words


def _title_fits(cl: _Cluster, mods: set[str], noun: str) -> bool:
    """Whether a person's known roles agree with a title's noun and modifiers."""
    for role in cl.roles:
        core = _role_core(role)
        if not core or not mods <= set(core):
            continue
        if noun == core[-1] or (noun in GENERIC_TITLES and core[-1] in TITLE_NOUNS):
            return True
    return False


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token."""
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


@dataclass
class _Mention:
    token: int
    cluster: _Cluster
    subject: bool
    quoted: bool = False
    clause: int = -1


def _resolve_references(doc: Doc, clusters: list[_Cluster], head_of: dict[int, _Cluster]) -> None:
    """Attach titles and pronouns to the people they refer to, in reading order."""
    titles = {t[2].i: t for t in _title_mentions(doc, head_of)}
    sent_of = _sentence_index(doc)
    quoted = quoted_coverage(doc.text)
    seen: list[_Mention] = []
    unnamed: dict[str, int] = {}
    people = [c for c in clusters if c.type == "PERSON"]

    def mention(tok: Token, cl: _Cluster) -> _Mention:
        return _Mention(tok.i, cl, _is_subject(tok), bool(quoted[tok.idx]), _clause_of(tok))

    for tok in doc:
        cl = head_of.get(tok.i)
        if cl is not None:
            if cl.type == "PERSON" and (
                not seen or seen[-1].token != tok.i - 1 or seen[-1].cluster is not cl
            ):
                seen.append(mention(tok, cl))
            elif cl.type == "PERSON":
                seen[-1].subject = seen[-1].subject or _is_subject(tok)
            continue
        if tok.lower_ in TITLE_NOUNS and _is_indefinite(tok):
            unnamed[tok.lower_] = tok.i
        if tok.i in titles:
            start, end, noun = titles[tok.i]
            mods = {fold(t.text) for t in doc[start + 1 : end - 1] if t.pos_ in {"ADJ", "PROPN"}}
            fit = [m for m in reversed(seen) if _title_fits(m.cluster, mods, noun.lower_)]
            target = fit[0].cluster if fit else None
            if target is None and noun.lower_ not in unnamed:
                target = next((c for c in people if _title_fits(c, mods, noun.lower_)), None)
            if fit and unnamed.get(noun.lower_, -1) > fit[0].token:
                target = None  # "one union official ... The official said": that unnamed one
            if target is not None:
                target.add(doc[start].idx, noun.idx + len(noun.text))
                seen.append(mention(noun, target))
            continue
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None or tok.pos_ != "PRON":
            continue
        pronoun = mention(tok, people[0]) if people else None
        target = _bracketed(doc, tok.i, head_of) or (
            _antecedent(seen, sent_of, sent_of[tok.i], gender, pronoun) if pronoun else None
        )
        if target is not None:
            target.gender = target.gender or gender
            target.add(tok.idx, tok.idx + len(tok.text))
            seen.append(mention(tok, target))


def _clause_of(tok: Token) -> int:
    """The verb heading the clause a word belongs to (its own index for a verb)."""
    cur = tok.head if tok.pos_ not in {"VERB", "AUX"} else tok
    while cur.pos_ not in {"VERB", "AUX"} and cur.head.i != cur.i:
        cur = cur.head
    return cur.i


def _is_indefinite(tok: Token) -> bool:
    """ "an official", "one union official", "another aide": someone left unnamed."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"a", "an", "another"})
        or (c.dep_ == "nummod" and c.lower_ == "one")
        for c in tok.children
    )


def _bracketed(doc: Doc, i: int, head_of: dict[int, _Cluster]) -> _Cluster | None:
    """The person named in brackets right after a pronoun: "He [Putin] said"."""
    if i + 2 < len(doc) and doc[i + 1].text == "[":
        cl = head_of.get(i + 2)
        if cl is not None and cl.type == "PERSON":
            return cl
    return None


def _is_subject(tok: Token) -> bool:
    return tok.dep_ in _SUBJECT_DEPS or (
        tok.head.dep_ in _SUBJECT_DEPS and tok.dep_ in {"compound", "appos", "flat"}
    )


def _antecedent(
    seen: list[_Mention], sent_of: list[int], sent: int, gender: str, pronoun: _Mention
) -> _Cluster | None:
    """The person a pronoun most likely refers to: a recent subject, else a recent mention.

    A pronoun in the narrative is not someone named inside a quotation (in '"Trump is
    wrong," he said' he is not Trump), and a subject pronoun is not another participant of
    its own clause ("Of Obama, he said" is not Obama speaking)."""

    def fits(m: _Mention) -> bool:
        return m.cluster.gender in (None, gender) and (pronoun.quoted or not m.quoted)

    here = [
        m
        for m in seen
        if sent_of[m.token] == sent
        and fits(m)
        and not (pronoun.subject and not m.subject and m.clause == pronoun.clause)
    ]
    if here:
        subjects = [m for m in here if m.subject]
        return (subjects or here)[-1].cluster
    for back in range(1, PRONOUN_LOOKBACK_SENTS + 1):
        prev = [m for m in seen if sent_of[m.token] == sent - back and fits(m)]
        if prev:
            subjects = [m for m in prev if m.subject]
            return (subjects or prev)[0].cluster
    return None


def _place(cl: _Cluster) -> Place | None:
    if cl.type not in PLACE_TYPES:
        return None
    for name in [cl.canonical, *cl.names]:
        place = gazetteer.resolve(name)
        if place is not None:
            return place
    return None


def extract_entities(doc: Doc) -> list[Entity]:
    """Entities of one parsed article, each with all its mentions, in order of first mention."""
    text = doc.text
    clusters, head_of = _link_names(doc, text)
    _resolve_references(doc, clusters, head_of)
    out = []
    for cl in sorted(clusters, key=lambda c: min(c.mentions)):
        canonical = cl.canonical
        out.append(
            Entity(
                name=canonical,
                type=_entity_type(cl.type),
                mentions=[Span.of(text, s, e) for s, e in sorted(set(cl.mentions))],
                aliases=[n for n in cl.names if n != canonical],
                roles=[r for r in cl.roles if r],
                place=_place(cl),
            )
        )
    return out


def _entity_type(label: str) -> EntityType:
    for allowed in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"):
        if label == allowed:
            return allowed
    return "OTHER"


__all__ = ["HONORIFICS", "PLACE_TYPES", "extract_entities"]
