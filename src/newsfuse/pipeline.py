"""The Python API: each stage a plain function over the data model.

    articles = list(pipeline.read(["reports/"]))      # ingest
    analysed = list(pipeline.analyze(articles, ref))  # clean + NLP
    briefing = pipeline.brief(analysed)               # cluster + fuse

The CLI is a thin shell over these; a distributed engine can map `analyze_batch` over
partitions unchanged, since it needs nothing but its input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from spacy.tokens import Doc

from newsfuse import nlp
from newsfuse.clean import clean
from newsfuse.fuse import fuse
from newsfuse.ingest import read_sources
from newsfuse.model import (
    Article,
    BriefArticle,
    Briefing,
    Failure,
    StoryAssignment,
)
from newsfuse.nlp.clauses import clause_breaks
from newsfuse.nlp.entities import extract_entities
from newsfuse.nlp.quantities import extract_quantities
from newsfuse.nlp.quotes import extract_quotes
from newsfuse.nlp.times import extract_times
from newsfuse.store import Store
from newsfuse.stories.cluster import StoryIndex, cluster

__all__ = ["analyze", "analyze_batch", "brief", "cluster_articles", "continue_stories", "read"]

STORY_INDEX_KEY = "story-index"
"""Store blob holding the story index, so a new run continues the stored stories."""


def read(sources: Iterable[str], allow_private: bool = False) -> Iterator[Article | Failure]:
    """Articles and failures from files, directories and URLs, in input order."""
    return read_sources(sources, allow_private=allow_private)


def reference_date(article: Article, fallback: date | None) -> date | None:
    """The date relative expressions are resolved against: publication, else fallback."""
    return article.published_date() or fallback


def extract(article: Article, doc: Doc, ref_date: date | None) -> Article:
    """Run every extractor over one parsed, cleaned article."""
    ref = reference_date(article, ref_date)
    entities = extract_entities(doc)
    return article.model_copy(
        update={
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


def analyze(
    articles: Iterable[Article], ref_date: date | None = None, batch_size: int = nlp.BATCH_SIZE
) -> Iterator[Article]:
    """Stream analysed articles in input order."""
    batch: list[Article] = []
    for art in articles:
        batch.append(art)
        if len(batch) >= batch_size:
            yield from analyze_batch(batch, ref_date)
            batch = []
    if batch:
        yield from analyze_batch(batch, ref_date)


def cluster_articles(articles: Sequence[Article]) -> list[StoryAssignment]:
    """Story of each analysed article, in input order."""
    return cluster(articles)


def continue_stories(store: Store) -> list[StoryAssignment]:
    """Give every stored article without a story one, continuing the stored stories."""
    blob = store.get_blob(STORY_INDEX_KEY)
    index = StoryIndex.from_bytes(blob) if blob else StoryIndex()
    rows = cluster(store.unassigned(), index)
    new = {row.id for row in rows}
    moved = [StoryAssignment(id=a, story=s) for a, s in index.moved.items() if a not in new]
    store.set_stories(rows + moved)
    store.put_blob(STORY_INDEX_KEY, index.to_bytes())
    return rows


def brief(articles: Sequence[Article], failures: Sequence[Failure] = ()) -> Briefing:
    """Cluster analysed articles into stories and fuse each story into one account."""
    assignments = cluster(articles)
    by_id = {a.id: a for a in articles}
    members: dict[str, list[Article]] = defaultdict(list)
    for row in assignments:
        members[row.story].append(by_id[row.id])
    stories = [fuse(story_id, arts) for story_id, arts in members.items()]
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return Briefing(
        articles=[BriefArticle.project(a) for a in articles],
        stories=stories,
        failures=list(failures),
    )
