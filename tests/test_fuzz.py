"""Fuzzing the readers and the whole analysis with hostile and broken input.

Whatever arrives (random bytes, any encoding, gzip whole or cut short, JSONL rows and feed
entries whose ids, dates and text carry console markup, escape sequences, lone surrogates
and NULs, broken markup), every item comes back as a Document, an Article or a Failure that
names it with a reason of ours, nothing raises, and no briefing written for a terminal
carries a control character. `make test` runs a few hundred examples; `make fuzz` runs
FUZZ_READERS and FUZZ_ANALYSIS of them (100,000 in all by default, the readers most).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse import pipeline
from newsfuse.cli import render
from newsfuse.ingest import SUFFIX_KINDS, load, read_documents
from newsfuse.ingest.document import Document
from newsfuse.model import Article, Briefing, Failure
from newsfuse.render import FORMATS
from newsfuse.settings import Settings

READERS = int(os.environ.get("FUZZ_READERS", "300"))
ANALYSIS = int(os.environ.get("FUZZ_ANALYSIS", "15"))
DERANDOMIZE = "FUZZ_READERS" not in os.environ
"""`make test` runs the same examples each time; `make fuzz` new ones."""

UNEXPECTED = re.compile(r"^(?:analysis failed: |not stored: )?[A-Z]\w*: ")
"""A reason that is only an exception's class and message: an error nobody foresaw."""
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

TRICKY = [
    "\x1b[2J",
    "\x1b]8;;http://evil.example/\x07link\x1b]8;;\x07",
    "\x9b31m",
    "[/bold]",
    "[red]",
    ":warning:",
    "\ud800",
    "\udfff",
    "\x00",
    "\r",
    "\u202e",
    "\u2028",
    "\ufeff",
    "<script>alert(1)</script>",
    "]]>",
    "&#xD800;",
    "&#0;",
    "&amp;",
    "x\n" * 50,
    "(" * 300,
    "a" * 500,
    "\n" * 100,
    "9" * 400,
    "$99999999999999999999999999 trillion",
    "1e400 percent",
    "on Friday",
    "tomorrow",
    "yesterday",
    "next year",
    "in 9999 years",
    "10,000 BC",
    'said "We will not stop," Ilse Marrow, the port director, said on Tuesday.',
    "The union said 5,000 workers would strike on March 3, 2026.",
    "The deal is worth 90 billion euros ($105 billion).",
]
MARKUP = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<html><head><title>",
    "</title></head><body>",
    "<article>",
    "<table><tr><td>",
    "<script>",
    "</script>",
    "<style>p{}</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<a href='javascript:alert(1)'>",
    "<meta charset='utf-16'>",
    "<meta property='article:published_time' content='9999-12-31T25:00:00Z'>",
    "<svg><path d='M0'/></svg>",
    "<br>",
    "<",
    ">",
    "&",
]
DATES = [
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "2026-02-30",
    "-0001-01-01",
    "2026-03-10T25:00:00",
    "2026-03-10T08:00:00+99:00",
    "Z",
    "",
    "yesterday",
    "Tue, 10 Mar 2026 09:00:00 GMT",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252", "shift_jis", "koi8-r"]

piece = st.one_of(st.text(max_size=20), st.sampled_from(TRICKY))
hostile_text = st.lists(piece, max_size=6).map("".join)
markup = st.lists(st.one_of(st.sampled_from(MARKUP), piece), max_size=16).map("".join)
dates = st.one_of(
    st.none(),
    st.sampled_from(DATES),
    st.dates().map(date.isoformat),
    st.datetimes().map(lambda d: d.isoformat()),
    st.text(max_size=20),
)
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text
)
ids = st.one_of(hostile_text, st.integers(), st.floats(allow_nan=False), st.none())


@st.composite
def rows(draw: st.DrawFn) -> object:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.one_of(json_scalars, st.lists(json_scalars, max_size=3)))
    row: dict[str, object] = {}
    for key, values in [
        ("id", ids),
        ("text", hostile_text),
        ("html", markup),
        ("title", hostile_text),
        ("url", hostile_text),
        ("outlet", hostile_text),
        ("published", dates),
    ]:
        if draw(st.booleans()):
            row[key] = draw(values)
    return row


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "xmlcharrefreplace" if "utf" not in encoding else "surrogatepass")


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    lines = []
    for row in draw(st.lists(rows(), max_size=4)):
        line = json.dumps(row, ensure_ascii=draw(st.booleans()))
        lines.append(line.encode("utf-8", "surrogatepass"))
        if draw(st.integers(0, 5)) == 0:
            lines.append(
                draw(st.sampled_from([b"", b"   ", b"{", b"\xff\xfe", b"[1, 2]", b"null"]))
            )
    return b"\n".join(lines) + draw(st.sampled_from([b"\n", b""]))


@st.composite
def feed_bytes(draw: st.DrawFn) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "iso-8859-1", "utf-16"]))
    field = st.one_of(hostile_text.map(escape), hostile_text)
    entries = []
    for _ in range(draw(st.integers(0, 3))):
        parts = [
            f"<{tag}>{draw(field)}</{tag}>"
            for tag in ("title", "link", "guid", "pubDate", "description")
            if draw(st.booleans())
        ]
        if draw(st.booleans()):
            parts.append(f"<description><![CDATA[{draw(markup)}]]></description>")
        entries.append("<item>" + "".join(parts) + "</item>")
    atom = draw(st.booleans())
    body = "".join(entries)
    if atom:
        body = body.replace("<item>", "<entry>").replace("</item>", "</entry>")
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(field)}</title>{body}</feed>'
    else:
        doc = f'<rss version="2.0"><channel><title>{draw(field)}</title>{body}</channel></rss>'
    return _encoded(f'<?xml version="1.0" encoding="{encoding}"?>{doc}', encoding)


@st.composite
def files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name ending and its bytes: any kind under any suffix, maybe gzipped and cut."""
    data = draw(
        st.one_of(
            st.binary(max_size=1500),
            st.tuples(hostile_text, st.sampled_from(ENCODINGS)).map(lambda t: _encoded(*t)),
            jsonl_bytes(),
            feed_bytes(),
            st.tuples(markup, st.sampled_from(ENCODINGS)).map(lambda t: _encoded(*t)),
        )
    )
    suffix = draw(st.sampled_from([*SUFFIX_KINDS, ".TXT", ""]))
    if draw(st.integers(0, 3)) == 0:
        suffix += ".gz"
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
    return suffix, data


def _check_failure(failure: Failure) -> None:
    assert not UNEXPECTED.match(failure.reason), failure
    failure.item.encode("utf-8")
    failure.reason.encode("utf-8")


FUZZ = settings(
    max_examples=READERS,
    deadline=60_000,
    derandomize=DERANDOMIZE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(st.lists(files(), min_size=1, max_size=3))
def test_the_readers_take_anything(found: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n, (suffix, data) in enumerate(found):
            Path(tmp, f"f{n}{suffix}").write_bytes(data)
        explicit = str(Path(tmp, f"f0{found[0][0]}"))
        items = list(read_documents([tmp, explicit]))
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Failure):
            _check_failure(item)
            continue
        assert isinstance(item, Document) and item.id not in seen
        seen.add(item.id)
        for value in (item.id, item.content, item.title, item.outlet, item.published):
            assert value is None or "\x00" not in value
            (value or "").encode("utf-8")
        loaded = load(item)
        if isinstance(loaded, Failure):
            _check_failure(loaded)


documents = st.builds(
    Document,
    id=hostile_text.map(lambda s: s or "-"),
    kind=st.sampled_from(["text", "html"]),
    content=st.one_of(hostile_text, markup),
    title=st.one_of(st.none(), hostile_text),
    url=st.one_of(st.none(), hostile_text),
    outlet=st.one_of(st.none(), hostile_text),
    published=dates,
)


@settings(
    max_examples=ANALYSIS,
    deadline=120_000,
    derandomize=DERANDOMIZE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(documents, min_size=1, max_size=4, unique_by=lambda d: d.id),
    st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max])),
)
def test_the_whole_analysis_takes_anything(docs: list[Document], ref: date | None) -> None:
    out = list(pipeline.analyze(docs, Settings(reference_date=ref, batch_size=2)))
    assert sorted(o.id if isinstance(o, Article) else o.item for o in out) == sorted(
        d.id for d in docs
    )
    arts = [o for o in out if isinstance(o, Article)]
    for o in out:
        if isinstance(o, Failure):
            _check_failure(o)
            assert not o.reason.startswith("analysis "), o  # a crash, a hang, a dead worker
        else:
            Article.model_validate_json(o.model_dump_json())
    briefing = pipeline.brief(out)
    Briefing.model_validate_json(briefing.model_dump_json())
    for fmt in FORMATS:
        shown = render(briefing, arts, fmt)
        assert not CONTROL.search(shown.replace("\n", "").replace("\t", "")), (fmt, shown)
