"""Run options and every safety limit, in one place (as trafilatura keeps its "safety checks").

`Settings` holds what a run was asked to do; it is built once (by the CLI from its options,
by the web app from its start-up options) and handed to every `newsfuse.pipeline` function.
The module-level constants are the limits that hold whatever the run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

ANALYSIS_BATCH = 4
"""Items a worker extracts and parses together (one unit of work); a unit that fails or
runs past its time is retried item by item. spaCy's speed is the same from 1 to 64
articles a batch (13.7 s and 12.5 s of CPU for 64 PolNeAR articles at 8 and 32), and
small units keep the workers evenly loaded to the end and cost little to redo."""

ANALYSIS_ITEM_SECONDS = 30.0
"""Seconds within which one item is extracted and analysed (a news article takes about a
quarter of a second). A unit of work is given this much: past it, its worker is killed and
replaced and its items are retried one by one; an item alone past it fails, naming this
limit, and the batch goes on. Local workers count CPU time, within three times as much
wall-clock time (`workers.WALL_FACTOR`), so a machine busy with other work does not stop
an item; on Dask it is wall-clock time from the unit's submission."""


def machine_cores() -> int:
    """Cores this process may run on: the default number of analysis workers."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    """Options of one run."""

    reference_date: date | None = None
    """Relative dates ("on Friday") of articles without a publication date resolve against it."""
    allow_private: bool = False
    """Whether URLs may reach loopback, private and link-local addresses."""
    batch_size: int = ANALYSIS_BATCH
    """Articles analysed together."""
    workers: int = field(default_factory=machine_cores)
    """Worker processes analysing items (models loaded once each, forked warm)."""
    dask: str | None = None
    """Address of a Dask scheduler (tcp://host:port) to analyse on instead of local workers."""
    item_seconds: float = ANALYSIS_ITEM_SECONDS
    """Time budget of one item's extraction and analysis (ANALYSIS_ITEM_SECONDS)."""


# --- inputs: every limit below is named in the failure or removal reason it causes -----

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
"""A single .txt/.html/feed document, a JSONL row (a line) or a downloaded page larger than
this is refused. A .gz file is held to it twice: compressed, before it is opened, and
decompressed, while it is read (a bomb stops at the limit, it is never inflated whole)."""

MAX_JSONL_BYTES = 1024 * 1024 * 1024
"""A JSONL file is streamed row by row, and read up to this many bytes (decompressed; a
.jsonl.gz is held to it compressed too): the rows past it are reported, not read."""

BINARY_SNIFF_BYTES = 8192
"""How much of a file is read to decide whether it is binary."""

MAX_FEED_ENTRIES = 500
"""Entries read from one feed; the rest are counted and reported, and the feed's bytes cut
before them so that they are not parsed (the parser's time grows with the entries: an
8 MB feed of 200,000 one-word entries took about 40 s, cut 0.5 s)."""

MAX_HTML_ELEMENTS = 10_000
"""Elements of one page given to the extractor, whose time grows faster than the page
(80,000 short paragraphs: 24 s; the largest page of the extraction benchmark has 1,600).
The elements past it are cut off before extraction; their text is kept as a removed
segment with reason `over-element-limit`."""

MAX_HTML_CHILDREN = 1_000
"""Children of one element given to the extractor, whose time grows with their square
(10,000 links in one paragraph: 71 s; no element of the extraction benchmark's pages has
more than 250). The children past it are cut off as by MAX_HTML_ELEMENTS."""

MAX_ARTICLE_TOKENS = 30_000
"""Tokens (words, punctuation marks and line breaks, counted before parsing) of one article
that are analysed: spaCy needs about 15 KB per token, so 30,000 tokens stay under 500 MB.
The text past it stays in `text` as a removed segment with reason `over-token-limit`."""

MAX_ARTICLE_CHARS = 500_000
"""Characters of one article that are analysed (spaCy refuses texts over 1,000,000); the
rest is cut off as by MAX_ARTICLE_TOKENS."""

MAX_WORD_CHARS = 500
"""Characters of one word (a run without whitespace) that the parser is given in one piece:
spaCy's tokenizer takes time with the square of a word made of punctuation (10,000 `$` in
a row: 68 s), so a longer run is parsed as pieces of this length (a space stands in for
one character in every MAX_WORD_CHARS; `text` and its offsets are unchanged)."""

MAX_BATCH_TOKENS = 60_000
"""Tokens parsed together: a batch of long articles is parsed in smaller groups so that
the parse's memory stays bounded whatever the batch holds."""

# --- fetching -----------------------------------------------------------------------------

HTTP_TIMEOUT_S = 15.0
"""Connect timeout, and the longest wait for any one read, for a URL or a feed."""

HTTP_DEADLINE_S = 60.0
"""All of one fetch (name resolution, every redirect, every byte) ends within this: a
server that trickles its answer is cut off, however often it sends a byte."""

HTTP_MAX_REDIRECTS = 5
"""Redirects followed before a URL is refused."""

HTTP_USER_AGENT = "newsfuse/0.1 (+https://github.com/newsfuse/newsfuse)"

SQLITE_BUSY_TIMEOUT_S = 60.0
"""How long a SQLite writer waits for another's write transaction (each is one article,
or one story-index update) before giving up."""

# The web service (`newsfuse serve`) and the feed watcher.

SERVE_HOST = "127.0.0.1"
"""Where `newsfuse serve` listens unless told otherwise: this machine only."""

SERVE_PORT = 8000

MAX_REQUEST_BYTES = 16 * 1024 * 1024
"""A request body larger than this is refused (413) before it is read in full."""

MAX_POST_ROWS = 100
"""Rows one POST /api/articles may carry; more is refused (413): send them in batches."""

REQUEST_TIMEOUT_S = 30.0
"""A request (reading its body included) not answered by then gets 503."""

INGEST_TIMEOUT_S = 300.0
"""The same for a POST of articles, whose analysis takes longer."""

MAX_PENDING_JOBS = 8
"""Ingests and fusions queued for the analysis thread; beyond, a POST gets 503."""

PAGE_SIZE = 50
"""Stories per page of the list, unless `limit` says otherwise."""

MAX_PAGE_SIZE = 200

POLL_SECONDS = 15
"""How often an open page asks whether its story (or the list) changed."""

FEED_EVERY_MINUTES = 15.0
"""How often the feed watcher polls each feed."""
