"""The Python API: each stage a plain function over the data model.

    settings = Settings(reference_date=date(2025, 12, 21))
    items = pipeline.read(["reports/"], settings)          # Documents, and Failures
    analysed = list(pipeline.analyze(items, settings))     # Articles, and Failures
    briefing = pipeline.brief(analysed)                    # cluster + fuse

    report = pipeline.ingest(store, pipeline.read(["reports/"], settings), settings)
    briefing, articles = pipeline.brief_stored(store, story_id)
    pipeline.refresh_briefs(store)                          # fuse changed stories, keep them

The command line (`newsfuse.cli`) and the web app are thin shells over these functions: a
run's options travel in one `Settings`, every failure is one item's (a `Failure` in the
stream, in input order), and state lives only in the store. The analysis runs as units
of work (`analyze_unit`, which needs nothing but its input) on local worker processes or
a Dask cluster (`newsfuse.workers`).
"""

from __future__ import annotations

import importlib
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from newsfuse import workers
from newsfuse.errors import NotFound
from newsfuse.ingest import read_documents
from newsfuse.ingest.document import Document, to_article
from newsfuse.ingest.jsonl import document_from_row
from newsfuse.model import (
    Article,
    BriefArticle,
    Briefing,
    Failure,
    Story,
    StoryAssignment,
)
from newsfuse.settings import Settings
from newsfuse.store import (
    BriefStore,
    NotStored,
    Store,
    StoryBrief,
    source_hash,
    story_version,
    text_hash,
)

if TYPE_CHECKING:
    from newsfuse.analysis import analyze_batch, analyze_unit
    from newsfuse.stories.features import ArticleFeatures

ANALYSIS = "newsfuse.analysis"
"""The module a worker runs (`analysis.analyze_unit`, after `analysis.warm`)."""

__all__ = [
    "IngestReport",
    "analyze",
    "analyze_batch",
    "analyze_unit",
    "brief",
    "brief_stored",
    "cluster_articles",
    "continue_stories",
    "ingest",
    "read",
    "read_rows",
    "refresh_briefs",
]

log = logging.getLogger("newsfuse")


def __getattr__(name: str) -> Any:
    """The analysis's functions, imported on first use: each stage is imported where it
    is used, so a run imports only what it needs (on a Dask cluster the caller never
    imports spaCy; `analyze` does not import clustering or fusion)."""
    if name in {"analyze_batch", "analyze_unit", "extract", "warm"}:
        return getattr(importlib.import_module(ANALYSIS), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STORY_INDEX_KEY = "story-index"
"""Store blob holding the story index, so a new run continues the stored stories."""

FEATURE_CHUNK = 256
"""Stored articles turned into story features at a time (only the features are kept)."""

Item = Document | Article | Failure
Progress = Callable[[Article | Failure], None]
"""Called once per item the analysis is done with (a progress bar's tick)."""


def read(sources: Iterable[str], settings: Settings | None = None) -> Iterator[Document | Failure]:
    """Documents and failures from files, directories and URLs, in input order."""
    settings = settings or Settings()
    return read_documents(sources, allow_private=settings.allow_private)


def read_rows(rows: Sequence[Any], origin: str) -> Iterator[Document | Failure]:
    """Documents from rows shaped as the JSONL input (an HTTP request's body, say); a bad
    row is a Failure named `origin:N` (N counted from 1), or by its id when it has one."""
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        try:
            doc = document_from_row(row, default_id=f"{origin}:{n}")
        except Exception as exc:
            yield Failure(item=f"{origin}:{n}", reason=str(exc))
            continue
        if doc.id in seen:
            yield Failure(item=doc.id, reason="duplicate id in the same request")
            continue
        seen.add(doc.id)
        yield doc


def prepare_briefing() -> None:
    """Load what clustering and fusion need (the embedding model): `brief` does it while
    the workers analyse (`analyze(meanwhile=...)`), and imports clustering and fusion."""
    from newsfuse.nlp import embed

    for stage in ("newsfuse.fuse", "newsfuse.stories.cluster"):
        importlib.import_module(stage)
    embed.load()


def _stopped(item: Document | Article, reason: str) -> Failure:
    return Failure(item=item.id, reason=reason)


def _engine(settings: Settings, leads: bool) -> workers.Engine:
    """Where the analysis runs: the Dask cluster named, else local worker processes."""
    kwargs = {"ref_date": settings.reference_date, "leads": leads}
    fn = workers.Call(ANALYSIS, "analyze_unit", kwargs)
    init = workers.Call(ANALYSIS, "warm")
    if settings.dask:
        return workers.DaskPool(settings.dask, fn, settings.item_seconds, _stopped, init=init)
    importlib.import_module(ANALYSIS)  # before the workers fork, so that they share it
    return workers.LocalPool(fn, settings.workers, settings.item_seconds, _stopped, init=init)


def analyze(
    items: Iterable[Item],
    settings: Settings | None = None,
    progress: Progress | None = None,
    *,
    meanwhile: Callable[[], object] | None = None,
    leads: bool = False,
) -> Iterator[Article | Failure]:
    """Analysed articles and failures, in input order (read failures in their place).

    Items are extracted and analysed in units of `settings.batch_size` by worker
    processes (or on a Dask cluster), each item within `settings.item_seconds`; a failure
    of any item is a Failure in the stream and the batch goes on. The output is the same
    whatever the number of workers: units are formed here, in input order. `meanwhile`
    runs in this process once the first unit is out, while the workers work. With
    `leads`, the workers also embed each article's lead for clustering (`ingest` stores
    it), so that the calling process does not.
    """
    settings = settings or Settings()
    engine = _engine(settings, leads)
    done: dict[int, Article | Failure] = {}
    emitted = 0

    def ready() -> Iterator[Article | Failure]:
        nonlocal emitted
        while emitted in done:
            out = done.pop(emitted)
            emitted += 1
            if progress:
                progress(out)
            yield out

    try:
        unit: workers.Unit = []
        for index, item in enumerate(items):
            if isinstance(item, Failure):
                done[index] = item
            else:
                unit.append((index, item))
            if len(unit) >= settings.batch_size:
                engine.submit(unit)
                unit = []
                if meanwhile:
                    meanwhile()
                    meanwhile = None
                while engine.pending() >= engine.capacity():
                    done.update(engine.results())
            yield from ready()
        if unit:
            engine.submit(unit)
        if meanwhile:
            meanwhile()
        while engine.pending():
            done.update(engine.results())
            yield from ready()
        yield from ready()
    finally:
        if log.isEnabledFor(logging.INFO) and (memory := engine.memory()):
            log.info("analysis workers: %s", "; ".join(map(str, memory)))
        engine.close()


def cluster_articles(articles: Sequence[Article]) -> list[StoryAssignment]:
    """Story of each analysed article, in input order."""
    from newsfuse.stories.cluster import cluster

    return cluster(articles)


def continue_stories(store: Store) -> list[StoryAssignment]:
    """Give every stored article without a story one, continuing the stored stories;
    the assignments made, moves of earlier articles (a story that split) included.

    The store hands the articles over in publication order, then by id, one process at a
    time, so the stories depend on what is stored, not on how writers interleaved."""
    from newsfuse.stories.cluster import StoryIndex, cluster_features
    from newsfuse.stories.features import features

    def step(blob: bytes | None, todo: Iterator[Article]) -> tuple[list[StoryAssignment], bytes]:
        index = StoryIndex.from_bytes(blob) if blob else StoryIndex()
        records: list[ArticleFeatures] = []
        while chunk := list(islice(todo, FEATURE_CHUNK)):
            records.extend(features(chunk))
        rows = [
            StoryAssignment(id=r.id, story=s)
            for r, s in zip(records, cluster_features(records, index), strict=True)
        ]
        new = {row.id for row in rows}
        moved = [StoryAssignment(id=a, story=s) for a, s in index.moved.items() if a not in new]
        return rows + moved, index.to_bytes()

    return store.continue_index(STORY_INDEX_KEY, step)


@dataclass
class IngestReport:
    """What one ingest did: ids stored, ids whose text changed (stored as a new version),
    ids already there, failures, and the stories that gained, lost or changed articles.
    `stories_left` is true when another ingest was still storing at the end: that one
    continues the stories, over this run's articles too."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    stories_left: bool = False


def _stored_already(store: Store, doc: Document, digest: str) -> bool:
    """Whether the document is stored as it is: the same id or URL with the same source
    (or, for text, the same text), or its text under another id. A changed document goes
    on to be analysed and stored as a new version."""
    try:
        text = text_hash(to_article(doc).text) if doc.kind == "text" else None
    except Exception:  # the analysis names what is wrong with it
        return False
    match = store.lookup(doc.id, doc.url or doc.fetched_from, text)
    if match is None:
        return False
    return match.by == "text" or match.source_hash == digest or match.text_hash == text


def ingest(
    store: Store,
    items: Iterable[Document | Failure],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Analyse and store new items (what is stored already is skipped before its analysis,
    each article in its own transaction), then continue the stored stories.

    Several ingests may run at once on one store: each stores its own articles, and the
    last to finish storing continues the stories over all of them (`Store.writing`)."""
    report = IngestReport()
    sources: dict[str, str] = {}
    outcomes = {"added": report.added, "updated": report.updated, "stored": report.already_stored}

    def fresh(items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        for item in items:
            if isinstance(item, Document):
                digest = source_hash(item.content)
                if _stored_already(store, item, digest):
                    report.already_stored.append(item.id)
                    continue
                sources[item.id] = digest
            yield item

    with store.writing() as writing:
        for item in analyze(fresh(items), settings, progress, leads=True):
            if isinstance(item, Failure):
                report.failures.append(item)
                continue
            try:
                added = store.add(item, sources.pop(item.id, None))
            except NotStored as exc:
                failure = Failure(item=item.id, reason=str(exc))
                report.failures.append(failure)
                if progress:
                    progress(failure)
                continue
            outcomes[added.outcome].append(item.id)
        last = writing.finish()
    touched = {row.story for row in continue_stories(store)} if last else set()
    touched |= {story for i in report.updated if (story := store.story_of(i))}
    report.stories = sorted(touched)
    report.stories_left = not last
    return report


def _fused(members: dict[str, list[Article]]) -> list[Story]:
    from newsfuse.fuse import fuse

    stories = [fuse(story_id, arts) for story_id, arts in members.items()]
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return stories


def brief(articles: Sequence[Article | Failure], failures: Sequence[Failure] = ()) -> Briefing:
    """Cluster analysed articles into stories and fuse each story into one account;
    failures in `articles` join `failures` in the briefing."""
    arts = [a for a in articles if isinstance(a, Article)]
    failed = [*failures, *(f for f in articles if isinstance(f, Failure))]
    by_id = {a.id: a for a in arts}
    members: dict[str, list[Article]] = defaultdict(list)
    for row in cluster_articles(arts):
        members[row.story].append(by_id[row.id])
    return Briefing(
        articles=[BriefArticle.project(a) for a in arts],
        stories=_fused(members),
        failures=failed,
    )


def brief_stored(store: Store, story_id: str | None = None) -> tuple[Briefing, list[Article]]:
    """The briefing of one stored story (by its stored id), or of every stored story, and
    the articles it cites. Stored articles without a story yet (an interrupted ingest)
    are clustered among themselves."""
    if story_id is not None:
        arts = store.story_articles(story_id)
        if not arts:
            raise NotFound(f"no story {story_id!r}")
        members = {story_id: arts}
    else:
        arts = store.articles()
        by_id = {a.id: a for a in arts}
        members = defaultdict(list)
        assigned = store.assignments()
        for row in assigned:
            members[row.story].append(by_id[row.id])
        done = {row.id for row in assigned}
        loose = [a for a in arts if a.id not in done]
        for row in cluster_articles(loose):
            members[row.story].append(by_id[row.id])
    briefing = Briefing(articles=[BriefArticle.project(a) for a in arts], stories=_fused(members))
    return briefing, arts


def refresh_briefs(store: BriefStore, story_ids: Iterable[str] | None = None) -> list[str]:
    """Fuse each stored story (of `story_ids`, or every one) whose articles changed since
    its brief was kept, and keep the new brief; a story left without articles loses its
    brief. The ids of the stories fused, in order."""
    wanted = None if story_ids is None else sorted(set(story_ids))
    members = store.story_members(wanted)
    kept = store.brief_versions()
    scope = kept.keys() if wanted is None else [s for s in wanted if s in kept]
    store.drop_briefs([s for s in scope if s not in members])
    fused: list[str] = []
    for story_id, story_members in sorted(members.items()):
        version = story_version(story_members)
        if kept.get(story_id) == version:
            continue
        briefing, articles = brief_stored(store, story_id)
        store.put_brief(_story_brief(briefing.stories[0], articles, version))
        fused.append(story_id)
    return fused


def _story_brief(story: Story, articles: Sequence[Article], version: str) -> StoryBrief:
    """What a story's listing shows, and its JSON, as of now (`version`: of its article
    set, as `story_version` names it)."""
    outlets = list(dict.fromkeys(a.outlet for a in articles if a.outlet))
    words = [
        story.title,
        *outlets,
        *(c.text for c in story.claims),
        *(e.name for e in story.entities),
        *(q.speaker for q in story.quotes if q.speaker),
    ]
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return StoryBrief(
        id=story.id,
        version=version,
        title=_listed_title(story),
        articles=list(story.articles),
        outlets=outlets,
        claims=len(story.claims),
        conflicts=len({frozenset((c.id, o)) for c in story.claims for o in c.conflicts_with}),
        first_seen=now,
        updated=now,
        search="\n".join(words).casefold(),
        data=story.model_dump_json(),
    )


LISTED_TITLE_CHARS = 120


def _listed_title(story: Story) -> str:
    """The story's title; when none of its reports has one (the title is its id), what
    happened, cut at a word."""
    core = next((c for c in story.claims if c.core), story.claims[0] if story.claims else None)
    if story.title != story.id or core is None:
        return story.title
    text = " ".join(core.text.split())
    if len(text) <= LISTED_TITLE_CHARS:
        return text
    return text[:LISTED_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
