"""The command line: a thin shell over `newsfuse.pipeline` and `newsfuse.store`.

Exit codes: 0 when every input was processed, 1 when some failed (each named on stderr
with its reason, the rest processed), 2 for a usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsfuse.errors import NotFound
from newsfuse.model import Article, Briefing, Failure
from newsfuse.render import FORMATS
from newsfuse.render.console import console_json, console_name, console_output, console_text
from newsfuse.settings import (
    FEED_EVERY_MINUTES,
    SERVE_HOST,
    SERVE_PORT,
    Settings,
    machine_cores,
)
from newsfuse.store import DEFAULT_DB, BriefStore, SchemaVersionError, Store

if TYPE_CHECKING:
    from types import ModuleType

app = typer.Typer(
    name="newsfuse",
    help="Many news reports in, one reconciled account per story out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("newsfuse")


Format = StrEnum("Format", {name: name for name in FORMATS})  # type: ignore[misc]
"""The output formats, from the renderers' table."""


class SchemaKind(StrEnum):
    analyze = "analyze"
    brief = "brief"
    cluster = "cluster"


Files = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files (.txt .html .jsonl feeds), directories or URLs.", show_default=False
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Reference date (YYYY-MM-DD) for articles without one."),
]
DbOpt = Annotated[
    str, typer.Option("--db", help="SQLite file or database URL.", envvar="NEWSFUSE_DB")
]
PrivateOpt = Annotated[
    bool, typer.Option("--allow-private", help="Let URLs reach private/loopback addresses.")
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Worker processes analysing articles (default: the machine's cores).",
        show_default=False,
    ),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        help="Analyse on this Dask scheduler (tcp://host:port) instead of local workers.",
    ),
]


class Run:
    """Failures of one command, reported as they happen and summed up at the end."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug
        self.failures: list[Failure] = []
        self.ok = 0

    def fail(self, item: str, reason: str) -> None:
        self.failures.append(Failure(item=item, reason=reason))
        err.print(f"[red]error[/red] {_named(item)}: {_named(reason)}", markup=True)

    def finish(self, what: str = "articles") -> None:
        failed = len(self.failures)
        if failed or self.ok == 0:
            err.print(f"{self.ok} {what} processed, {failed} failed", markup=False)
        raise typer.Exit(1 if failed else 0)


def _named(text: str) -> str:
    """An item's name or reason for stderr: its controls spelled out, its markup inert."""
    return escape(console_name(text))


class _ConsoleSafe(logging.Filter):
    """Log lines name items (files, ids, URLs): their controls reach no terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = console_name(record.getMessage()), None
        return True


_state: dict[str, bool] = {"debug": False}


def _pipeline() -> ModuleType:
    """The pipeline, imported on first use so that `schema` and `--help` start fast."""
    from newsfuse import pipeline

    return pipeline


def render(briefing: Briefing, articles: Sequence[Article], fmt: str) -> str:
    """The briefing in a format; none but the coloured text has a control character."""
    from newsfuse.render import render as _render

    text = _render(briefing, articles, fmt)
    if fmt == "json":
        return console_json(text)
    return text if fmt == "text" else console_output(text)


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and details.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say what is skipped.")] = False,
) -> None:
    """Configure logging once for every command."""
    _state["debug"] = debug
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    handler = RichHandler(console=err, show_time=False, show_path=False)
    handler.addFilter(_ConsoleSafe())
    logging.basicConfig(level=level, format="%(message)s", handlers=[handler], force=True)


def _settings(
    date_: str | None = None,
    allow_private: bool = False,
    workers: int | None = None,
    dask: str | None = None,
) -> Settings:
    """The run's options, built once from the command line."""
    ref = None
    if date_ is not None:
        try:
            ref = date.fromisoformat(date_)
        except ValueError:
            raise typer.BadParameter(
                f"{date_!r} is not a date (YYYY-MM-DD)", param_hint="--date"
            ) from None
    if dask is not None and not dask.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise typer.BadParameter(
            f"{dask!r} is not a scheduler address (tcp://host:port)", param_hint="--dask"
        )
    return Settings(
        reference_date=ref,
        allow_private=allow_private,
        workers=workers or machine_cores(),
        dask=dask,
    )


@contextmanager
def _progress(label: str) -> Iterator[Any]:
    """A progress bar on a terminal; nothing when stderr is piped."""
    if not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        yield progress


def _analysed(
    sources: Sequence[str], settings: Settings, run: Run, *, briefing: bool = False
) -> Iterator[Article]:
    """The sources read and analysed; each failure reported as it happens. With
    `briefing`, what clustering and fusion need loads while the workers analyse."""
    pipeline = _pipeline()
    meanwhile = pipeline.prepare_briefing if briefing else None
    with _progress("analysing") as progress:
        task = progress.add_task("analyse", total=None) if progress else None
        items = pipeline.read(sources, settings)
        for item in pipeline.analyze(items, settings, meanwhile=meanwhile):
            if progress:
                progress.advance(task)
            if isinstance(item, Failure):
                run.fail(item.item, item.reason)
            else:
                run.ok += 1
                yield item


def _require(files: list[str] | None) -> list[str]:
    if not files:
        raise typer.BadParameter("give at least one file, directory or URL", param_hint="FILE...")
    return files


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(console_json(json.dumps(obj, ensure_ascii=False)) + "\n")


@app.command()
def analyze(
    files: Files = None,
    date_: DateOpt = None,
    allow_private: PrivateOpt = False,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
) -> None:
    """Write one JSON object per article: body, removed, entities, quotes, times, quantities."""
    run = Run(_state["debug"])
    settings = _settings(date_, allow_private, workers, dask)
    for art in _analysed(_require(files), settings, run):
        _emit(art.model_dump(mode="json"))
    run.finish()


@app.command()
def cluster(
    files: Files = None,
    date_: DateOpt = None,
    allow_private: PrivateOpt = False,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
) -> None:
    """Write {id, story} per article."""
    run = Run(_state["debug"])
    settings = _settings(date_, allow_private, workers, dask)
    arts = list(_analysed(_require(files), settings, run, briefing=True))
    for row in _pipeline().cluster_articles(arts):
        _emit(row.model_dump(mode="json"))
    run.finish()


@app.command()
def brief(
    files: Files = None,
    date_: DateOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    db: Annotated[
        str | None, typer.Option("--db", help="Brief the articles stored here (when no FILE).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.")
    ] = None,
    allow_private: PrivateOpt = False,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
) -> None:
    """The main job: one reconciled account per story."""
    run = Run(_state["debug"])
    if files:
        settings = _settings(date_, allow_private, workers, dask)
        arts = list(_analysed(files, settings, run, briefing=True))
        briefing = _pipeline().brief(arts, run.failures)
    elif db:
        briefing, arts = _pipeline().brief_stored(_open(db, create=False))
        run.ok = len(arts)
    else:
        raise typer.BadParameter("give FILE... or --db", param_hint="FILE...")
    _write(render(briefing, arts, fmt.value), output)
    run.finish()


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


def _open(db: str, *, create: bool = True) -> Store:
    """The store at `db`; a missing database (for reading) is a usage error, one this
    newsfuse cannot use a failure naming why."""
    try:
        return Store(db, create=create)
    except NotFound as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from None
    except SchemaVersionError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None


@app.command()
def ingest(
    files: Files = None,
    date_: DateOpt = None,
    db: DbOpt = DEFAULT_DB,
    allow_private: PrivateOpt = False,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
) -> None:
    """Analyse and store articles (duplicates skipped, changed texts stored as new
    versions), then update the stories."""
    run = Run(_state["debug"])
    settings = _settings(date_, allow_private, workers, dask)
    sources = _require(files)
    store = _open(db)
    pipeline = _pipeline()
    with _progress("ingesting") as progress:
        task = progress.add_task("ingest", total=None) if progress else None

        def tick(item: Article | Failure) -> None:
            if isinstance(item, Failure):
                run.fail(item.item, item.reason)
            if progress:
                progress.advance(task)

        report = pipeline.ingest(store, pipeline.read(sources, settings), settings, tick)
    told = {(f.item, f.reason) for f in run.failures}
    for failure in report.failures:  # those that failed when stored
        if (failure.item, failure.reason) not in told:
            run.fail(failure.item, failure.reason)
    for article_id in report.updated:
        err.print(
            f"updated {article_id}: its text changed since it was stored; "
            "stored as a new version, the earlier one kept",
            markup=False,
        )
    run.ok = len(report.added) + len(report.updated) + len(report.already_stored)
    err.print(
        f"{len(report.added)} added, {len(report.already_stored)} already stored, "
        f"{len(report.updated)} updated, {store.count()} in {store.where}",
        markup=False,
    )
    if report.stories_left:
        err.print(
            "another ingest is still storing: it continues the stories, with these articles",
            markup=False,
        )
    run.finish()


@app.command()
def stories(db: DbOpt = DEFAULT_DB) -> None:
    """List the stored stories: id, number of articles, title."""
    store = _open(db, create=False)
    for s in store.stories():
        sys.stdout.write(f"{s.id}\t{s.articles}\t{console_text(s.title)}\n")
    if loose := store.count(without_story=True):
        err.print(
            f"{loose} stored articles have no story yet: an ingest is still storing, or one "
            "was stopped (the next ingest gives them one)",
            markup=False,
        )


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="A story id from `newsfuse stories`.")],
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Brief one stored story."""
    store = _open(db, create=False)
    try:
        briefing, arts = _pipeline().brief_stored(store, story)
    except NotFound:
        raise typer.BadParameter(f"no story {story!r} in {db}", param_hint="STORY") from None
    sys.stdout.write(render(briefing, arts, fmt.value))


TokenOpt = Annotated[
    str | None,
    typer.Option(
        "--token",
        envvar="NEWSFUSE_TOKEN",
        help="Require `Authorization: Bearer TOKEN` on POST (or set NEWSFUSE_TOKEN).",
    ),
]
EveryOpt = Annotated[
    float, typer.Option("--every", min=0.1, help="Minutes between two polls of each feed.")
]


def _feeds(path: Path | None, hint: str = "--feeds") -> tuple[str, ...]:
    """Feed URLs, one a line (blank lines and # comments skipped)."""
    if path is None:
        return ()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}", param_hint=hint) from None
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = SERVE_HOST,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = SERVE_PORT,
    feeds: Annotated[
        Path | None, typer.Option("--feeds", help="File of feed URLs to poll, one a line.")
    ] = None,
    every: EveryOpt = FEED_EVERY_MINUTES,
    token: TokenOpt = None,
    date_: DateOpt = None,
    allow_private: PrivateOpt = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Analysis processes.")] = 1,
) -> None:
    """Serve the web app and the JSON API over the store; with --feeds, poll them too."""
    from newsfuse.web import ServeConfig
    from newsfuse.web import serve as run_server

    if not _state["debug"]:
        for name in ("newsfuse", "uvicorn.error"):
            logging.getLogger(name).setLevel(logging.INFO)
    settings = replace(_settings(date_, allow_private), workers=workers)
    config = ServeConfig(
        db=db, settings=settings, token=token, feeds=_feeds(feeds), every_minutes=every
    )
    run_server(config, host=host, port=port)


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="File of feed URLs, one a line.")],
    db: DbOpt = DEFAULT_DB,
    every: EveryOpt = FEED_EVERY_MINUTES,
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once, then stop.")] = False,
    date_: DateOpt = None,
    allow_private: PrivateOpt = False,
) -> None:
    """Poll feeds (conditional requests) and ingest their new entries, without serving."""
    from newsfuse.watch import FeedWatcher

    if not _state["debug"]:
        logging.getLogger("newsfuse").setLevel(logging.INFO)
    urls = _feeds(feeds, "FEEDS")
    if not urls:
        raise typer.BadParameter(f"no feed URL in {feeds}", param_hint="FEEDS")
    watcher = FeedWatcher(urls, BriefStore(db), _settings(date_, allow_private))
    failed = watcher.run(every_minutes=every, once=once)
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which output.")] = SchemaKind.brief,
) -> None:
    """Print the JSON Schema of an output (analyze: one line; brief: the whole briefing)."""
    from newsfuse.model import StoryAssignment

    model = {"analyze": Article, "brief": Briefing, "cluster": StoryAssignment}[kind.value]
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n")


def run() -> None:
    """Entry point that turns unexpected errors into one line (traceback with --debug)."""
    try:
        app()
    except Exception as exc:  # the last line of defence for a person at a terminal
        if "--debug" in sys.argv:
            raise
        err.print(f"error: {exc.__class__.__name__}: {console_name(str(exc))}", markup=False)
        sys.exit(1)
