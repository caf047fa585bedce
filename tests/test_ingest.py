"""Reading sources: every kind of input to Articles, ids as the contract says."""

from __future__ import annotations

import contextlib
import gzip
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newsfuse.ingest import headline, read_sources
from newsfuse.ingest.decode import decode
from newsfuse.model import Article, Failure

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
