"""Reading sources: every kind of input to Articles, ids as the contract says."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.errors import TooLarge
from newsfuse.ingest import headline, read_documents, read_sources
from newsfuse.ingest.bounded import Limit, lines
from newsfuse.ingest.decode import decode
from newsfuse.ingest.document import Document
from newsfuse.ingest.feed import parse_feed
from newsfuse.model import Article, Failure
from newsfuse.settings import MAX_FEED_ENTRIES

REPORT = (
    "Harbour cranes halted at Valdmark port\n"
    "Dock workers at the port of Valdmark stopped all cranes on Tuesday after a pay dispute, "
    "the union said. The strike is the first at the port in ten years.\n"
)

PAGE = """<!doctype html><html><head><title>Cranes halted at Valdmark</title>
<meta property="og:site_name" content="Valdmark Courier">
<meta property="article:published_time" content="2026-03-10T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Cranes halted at Valdmark</h1>
<p>Dock workers at the port of Valdmark stopped all cranes on Tuesday after a pay dispute,
the union said, in the first strike at the port for a decade.</p>
<p>Port director Ilse Marrow said talks with the union would resume on Thursday and that
ships would be diverted to the northern terminal in the meantime.</p>
<p>The union wants a rise of eight percent over two years; the port has offered five.</p>
</article><footer>Copyright 2026 Valdmark Courier</footer></body></html>"""


def _only(items: list[Article | Failure]) -> Article:
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 1, items
    return arts[0]


def test_txt_file_id_is_path_as_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    art = _only(list(read_sources([str(tmp_path / "a.txt")])))
    assert art.id == str(tmp_path / "a.txt")
    assert art.path == art.id
    assert art.title == "Harbour cranes halted at Valdmark port"
    assert art.text == REPORT


def test_directory_ids_join_argument_and_relative_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    items = list(read_sources([str(tmp_path) + "/"]))
    assert [i.id for i in items if isinstance(i, Article)] == [
        str(tmp_path) + "/a.html",
        str(tmp_path) + "/sub/b.txt",
    ]


def test_html_metadata(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    art = _only(list(read_sources([str(tmp_path / "p.html")])))
    assert art.outlet == "Valdmark Courier"
    assert art.published and art.published.startswith("2026-03-10")
    assert "Port director Ilse Marrow" in art.text
    assert "Sport" not in art.text


def test_gzipped_html(tmp_path: Path) -> None:
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    art = _only(list(read_sources([str(tmp_path / "p.html.gz")])))
    assert "Ilse Marrow" in art.text


def test_jsonl_rows_text_and_html(tmp_path: Path) -> None:
    rows = [
        {"id": "r1", "text": REPORT, "outlet": "Wire", "published": "2026-03-10", "title": "T"},
        {"id": "r2", "html": PAGE, "url": "https://courier.example/cranes"},
    ]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts = [i for i in read_sources([str(f)]) if isinstance(i, Article)]
    assert [a.id for a in arts] == ["r1", "r2"]
    assert arts[0].outlet == "Wire" and arts[0].published == "2026-03-10"
    assert "Ilse Marrow" in arts[1].text and arts[1].url == "https://courier.example/cranes"


def test_jsonl_bad_rows_reported_rest_kept(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_text(
        json.dumps({"id": "ok1", "text": REPORT})
        + "\n{not json\n"
        + json.dumps({"id": "empty", "text": ""})
        + "\n[1, 2]\n"
        + json.dumps({"id": "ok2", "text": REPORT + " More."})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_sources([str(f)]))
    assert [i.id for i in items if isinstance(i, Article)] == ["ok1", "ok2"]
    failures = {i.item: i.reason for i in items if isinstance(i, Failure)}
    assert set(failures) == {f"{f}:2", f"{f}:3", f"{f}:4"}
    assert "invalid JSON" in failures[f"{f}:2"]
    assert "no non-empty 'text' or 'html'" in failures[f"{f}:3"]


def test_duplicate_ids_reported(tmp_path: Path) -> None:
    f = tmp_path / "d.jsonl"
    f.write_text(
        json.dumps({"id": "x", "text": "A."}) + "\n" + json.dumps({"id": "x", "text": "B."}) + "\n"
    )
    items = list(read_sources([str(f)]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Failure) and "duplicate id" in items[1].reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Northgate Ledger</title>
<item><title>Bridge reopens</title><link>https://ledger.example/bridge</link>
<guid>https://ledger.example/bridge</guid><pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The Kessel bridge reopened to traffic on Tuesday after repairs lasting
three months, the city said.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://ledger.example/empty</link></item>
</channel></rss>"""


def test_rss_feed_file(tmp_path: Path) -> None:
    f = tmp_path / "ledger.rss"
    f.write_text(RSS, encoding="utf-8")
    items = list(read_sources([str(f)]))
    art = next(i for i in items if isinstance(i, Article))
    assert art.id == "https://ledger.example/bridge"
    assert art.outlet == "Northgate Ledger"
    assert art.published == "2026-03-10T09:00:00"
    assert "Kessel bridge reopened" in art.text
    fail = next(i for i in items if isinstance(i, Failure))
    assert fail.item == "https://ledger.example/empty"


def test_latin1_text_is_detected(tmp_path: Path) -> None:
    text = "Le maire de Fréville a annoncé la fermeture du marché. " * 5
    (tmp_path / "l.txt").write_bytes(text.encode("latin-1"))
    art = _only(list(read_sources([str(tmp_path / "l.txt")])))
    assert "Fréville" in art.text


@given(st.text(min_size=1))
def test_decode_roundtrips_utf8(text: str) -> None:
    if not text.strip() or "\x00" in text:
        return
    decoded, note = decode(text.encode("utf-8"))
    assert decoded == text.lstrip("\ufeff") and note is None


@given(st.binary(max_size=512))
def test_decode_never_crashes(data: bytes) -> None:
    from newsfuse.errors import InputError

    with contextlib.suppress(InputError):
        decode(data)


@given(st.text(max_size=300))
def test_headline_is_a_line_of_the_text(text: str) -> None:
    h = headline(text)
    assert h is None or h in text


# --- hostile and broken input: every failure one item's, nothing lost, sizes bounded -------


def test_a_truncated_gzip_is_named_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    packed = gzip.compress(REPORT.encode() * 50)
    (tmp_path / "b.txt.gz").write_bytes(packed[: len(packed) // 2])
    (tmp_path / "c.html.gz").write_bytes(b"not gzip at all")
    (tmp_path / "d.txt").write_text(REPORT.replace("Valdmark", "Kessel"), encoding="utf-8")
    items = list(read_sources([str(tmp_path)]))
    assert [i.id for i in items if isinstance(i, Article)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "d.txt"),
    ]
    failures = {i.item: i.reason for i in items if isinstance(i, Failure)}
    assert "truncated gzip" in failures[str(tmp_path / "b.txt.gz")]
    assert "not valid gzip" in failures[str(tmp_path / "c.html.gz")]


def test_a_truncated_jsonl_gz_keeps_the_rows_before_the_break(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"r{n}", "text": f"{REPORT} {n}"}) + "\n" for n in range(400))
    packed = gzip.compress(rows.encode())
    (tmp_path / "t.jsonl.gz").write_bytes(packed[: len(packed) * 3 // 4])
    items = list(read_documents([str(tmp_path / "t.jsonl.gz")]))
    assert isinstance(items[-1], Failure) and items[-1].item == str(tmp_path / "t.jsonl.gz")
    assert "truncated gzip" in items[-1].reason
    docs = [i for i in items if isinstance(i, Document)]
    assert 0 < len(docs) < 400 and [d.id for d in docs] == [f"r{n}" for n in range(len(docs))]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("e.txt", b"", "empty"),
        ("e.jsonl", b"", "no rows"),
        ("b.jsonl", b"\n\n   \n\n", "no rows"),
        (
            "e.rss",
            b'<?xml version="1.0"?><rss><channel><title>T</title></channel></rss>',
            "no entries",
        ),
    ],
)
def test_empty_inputs_are_reported(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    items = list(read_documents([str(tmp_path / name)]))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].item == str(tmp_path / name) and reason in items[0].reason


def test_feed_entries_past_the_cap_are_reported(tmp_path: Path) -> None:
    entry = "<item><guid>e{n}</guid><description>Report number {n}.</description></item>"
    entries = "".join(entry.format(n=n) for n in range(MAX_FEED_ENTRIES + 3))
    (tmp_path / "big.rss").write_text(f"<rss><channel><title>T</title>{entries}</channel></rss>")
    items = list(read_documents([str(tmp_path / "big.rss")]))
    assert sum(isinstance(i, Document) for i in items) == MAX_FEED_ENTRIES
    last = items[-1]
    assert isinstance(last, Failure) and last.item == str(tmp_path / "big.rss")
    assert "3 entries past the first 500" in last.reason and "MAX_FEED_ENTRIES" in last.reason


@pytest.mark.parametrize(
    ("head", "entry", "tail"),
    [
        ("<rss><channel><title>T</title>", "<item><description>a {n}</description></item>", ""),
        (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>',
            "<entry><id>e{n}</id><summary>a {n}</summary></entry>",
            "</feed>",
        ),
        (
            '<a:feed xmlns:a="http://www.w3.org/2005/Atom">',
            "<a:entry><a:id>e{n}</a:id><a:summary>a {n}</a:summary></a:entry>",
            "</a:feed>",
        ),
    ],
)
def test_entries_past_the_cap_are_not_parsed(
    head: str, entry: str, tail: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser's time grows with the entries: those past the cap never reach it."""
    parsed: list[int] = []
    parse = feedparser.parse

    def counting(*args: Any, **kwargs: Any) -> Any:
        result = parse(*args, **kwargs)
        parsed.append(len(result.entries))
        return result

    monkeypatch.setattr(feedparser, "parse", counting)
    body = "".join(entry.format(n=n) for n in range(MAX_FEED_ENTRIES + 2_000))
    items = list(parse_feed(f"{head}{body}{tail}".encode(), "big.xml"))
    assert parsed == [MAX_FEED_ENTRIES]
    assert sum(isinstance(i, Document) for i in items) == MAX_FEED_ENTRIES
    origin, error = items[-1]
    assert origin == "big.xml" and "2,000 entries past the first 500" in str(error)


def test_ids_no_output_can_carry_are_escaped_and_the_row_kept(tmp_path: Path) -> None:
    f = tmp_path / "odd.jsonl"
    f.write_text(
        '{"id": "\\ud800", "text": "Cranes halted.\\u0000 Talks \\udfff resume."}\n'
        + json.dumps({"id": "m1[/bold]", "text": REPORT})
        + "\n",
        encoding="utf-8",
    )
    docs = [i for i in read_documents([str(f)]) if isinstance(i, Document)]
    assert [d.id for d in docs] == ["\\ud800", "m1[/bold]"]
    assert docs[0].content == "Cranes halted.\ufffd Talks \ufffd resume."
    for doc in docs:
        doc.id.encode("utf-8") and doc.content.encode("utf-8")


def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_id(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(REPORT.encode())
    art = _only(list(read_sources([str(tmp_path)])))
    assert art.id == f"{tmp_path}/caf\\udce9.txt" and art.path == art.id


def test_lines_are_bounded_while_read() -> None:
    data = b'{"a": 1}\n' + b"x" * 100 + b"\n" + b"y" * 100 + b'\n{"b": 2}\n{"c": 3}\n'
    got = list(lines(io.BytesIO(data), Limit("LINE", 50), Limit("TOTAL", 10_000)))
    assert [n for n, _ in got] == [1, 2, 3, 4, 5]
    assert [line for _, line in got if isinstance(line, bytes)] == [
        b'{"a": 1}\n',
        b'{"b": 2}\n',
        b'{"c": 3}\n',
    ]
    assert all("limit LINE = 50" in str(e) for _, e in got if isinstance(e, TooLarge))
    with pytest.raises(TooLarge, match="lines from 5 on were not read"):
        list(lines(io.BytesIO(data), Limit("LINE", 500), Limit("TOTAL", 220)))


_PEAK = """
import resource, sys
from newsfuse.ingest import read_documents
items = list(read_documents([sys.argv[1]]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
print(repr([(type(i).__name__, getattr(i, "reason", "")) for i in items]))
"""


def _peak_mb(path: Path) -> tuple[int, str]:
    """Peak memory (MB) of reading one source in a fresh process, and what it read."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.splitlines()
    return int(out[0]), out[1]


def test_reading_is_bounded_in_memory(tmp_path: Path) -> None:
    """A .jsonl.gz bomb of one 512 MiB line of zeros, a .txt.gz bomb and a plain 64 MiB
    line are each read in about the memory of a small file (they once were read whole)."""
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"id": "s", "text": REPORT}) + "\n")
    member = gzip.compress(b"\0" * (64 << 20))
    (tmp_path / "bomb.jsonl.gz").write_bytes(member * 8)
    (tmp_path / "bomb.txt.gz").write_bytes(member * 8)
    with open(tmp_path / "line.jsonl", "wb") as fh:
        for _ in range(64):
            fh.write(b"a" * (1 << 20))
    base, _ = _peak_mb(small)
    for name, reason in [
        ("bomb.jsonl.gz", "line skipped"),
        ("bomb.txt.gz", "limit MAX_DOCUMENT_BYTES"),
        ("line.jsonl", "line skipped"),
    ]:
        peak, read = _peak_mb(tmp_path / name)
        assert reason in read
        assert peak < base + 100, (name, base, peak)
