"""What a worker runs: items turned into analysed Articles, one unit at a time.

Kept apart from the pipeline so that a worker process (a Dask worker above all, which
imports what its tasks name) loads the parse and the extractors only, not clustering,
fusion or the store.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from newsfuse import nlp
from newsfuse.clean import clean
from newsfuse.errors import InputError
from newsfuse.ingest.document import Document, to_article
from newsfuse.model import Article, Failure
from newsfuse.nlp.clauses import clause_breaks
from newsfuse.nlp.entities import extract_entities
from newsfuse.nlp.quantities import extract_quantities
from newsfuse.nlp.quotes import extract_quotes
from newsfuse.nlp.times import extract_times

log = logging.getLogger("newsfuse")


def reference_date(article: Article, fallback: date | None) -> date | None:
    """The date relative expressions are resolved against: publication, else fallback."""
    return article.published_date() or fallback


def extract(article: Article, doc: Doc, ref_date: date | None) -> Article:
    """Run every extractor over one parsed, cleaned article."""
    ref = reference_date(article, ref_date)
    entities = extract_entities(doc)
    return article.model_copy(
        update={
            "reference_date": ref.isoformat() if ref else None,
            "sentences": nlp.sentence_spans(doc),
            "clause_breaks": clause_breaks(doc),
            "entities": entities,
            "quotes": extract_quotes(doc, entities),
            "times": extract_times(doc, ref),
            "quantities": extract_quantities(doc, ref),
        }
    )


def analyze_batch(articles: Sequence[Article], ref_date: date | None = None) -> list[Article]:
    """Clean and analyse a batch; one spaCy parse per article."""
    cleaned = [clean(a) for a in articles]
    docs = nlp.parse_many(cleaned)
    return [extract(a, d, ref_date) for a, d in zip(cleaned, docs, strict=True)]


def _loaded(doc: Document) -> Article | Failure:
    """The document's Article (its HTML extracted), or why it has none."""
    try:
        return to_article(doc)
    except Exception as exc:
        log.debug("extraction of %s failed", doc.id, exc_info=True)
        return Failure(item=doc.id, reason=_reason(exc))


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, InputError) else f"{exc.__class__.__name__}: {exc}"


def _analysed(batch: list[Article], ref: date | None) -> list[Article | Failure]:
    """A batch analysed; when it raises, each article again alone, so one bad article
    fails alone."""
    try:
        return list(analyze_batch(batch, ref))
    except Exception:
        out: list[Article | Failure] = []
        for art in batch:
            try:
                out.extend(analyze_batch([art], ref))
            except Exception as exc:
                log.debug("analysis of %s failed", art.id, exc_info=True)
                out.append(Failure(item=art.id, reason=f"analysis failed: {_reason(exc)}"))
        return out


def analyze_unit(
    unit: Sequence[tuple[int, Document | Article]],
    ref_date: date | None = None,
    leads: bool = False,
) -> list[tuple[int, Article | Failure]]:
    """One unit of work as a worker runs it: each item's Article (its HTML extracted),
    then the articles analysed together; results keyed by the items' input indexes. With
    `leads`, each article also carries its lead's embedding for clustering
    (`stories.features.attach_leads`)."""
    done: dict[int, Article | Failure] = {}
    batch: list[tuple[int, Article]] = []
    for index, item in unit:
        loaded = _loaded(item) if isinstance(item, Document) else item
        if isinstance(loaded, Failure):
            done[index] = loaded
        else:
            batch.append((index, loaded))
    analysed = _analysed([art for _, art in batch], ref_date) if batch else []
    if leads:
        from newsfuse.stories.features import attach_leads

        attach_leads([a for a in analysed if isinstance(a, Article)])
    done.update(zip((index for index, _ in batch), analysed, strict=True))
    return sorted(done.items(), key=lambda pair: pair[0])


WARM_UP_TEXT = (
    "PARIS — The minister said on Friday that 3 million euros (about $3.3 million) would be "
    "spent by March, “a fair sum for Lyon,” officials told Reuters."
)
"""A sentence that reaches every model and table the analysis loads on first use."""


@lru_cache(maxsize=1)
def warm() -> None:
    """Load the analysis's models and tables in this process (spaCy's pipeline, the
    gazetteer, the currency rates...), once: a worker's first step."""
    analyze_batch([Article(id="warm-up", text=WARM_UP_TEXT)])
