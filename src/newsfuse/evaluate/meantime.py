"""MEANTIME (English Wikinews, 2004–2011): time expressions on news the rules were not
written for, scored exactly as TimeBank (`timeml`).

MEANTIME annotates each article's title and first five sentences only (one a line; the
second line is the dateline), so predictions past the sixth line are not counted. The
dateline is the document creation time: newsfuse reads it as the article's date, which
the caller gives as `published`, and cleaning removes the line as a byline; its gold
expression is therefore scored apart (the headline figures are over the annotated body),
and the figures with the datelines counted as missed are given beside them.
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.evaluate import Result, timeml

FILE = "meantime-en.jsonl"
ANNOTATED_LINES = 6
"""Title, dateline and the first sentences: what MEANTIME annotates."""
DATELINE = 1
"""Index of the dateline among the lines of `text`."""


def line_starts(text: str) -> list[int]:
    return [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]


def split_dateline(row: dict) -> tuple[dict, int]:
    """The row without the dateline's gold expressions, and the offset annotation stops at."""
    starts = [*line_starts(row["text"]), len(row["text"]) + 1]
    lo, hi = starts[DATELINE], starts[DATELINE + 1]
    body = [g for g in row["timexes"] if not lo <= g["start"] < hi]
    end = starts[min(ANNOTATED_LINES, len(starts) - 1)]
    return {**row, "timexes": body}, end


def run(data_dir: Path, limit: int | None) -> Result:
    path = data_dir / FILE
    if not path.exists():
        return Result(name="meantime", skipped=f"{path} is absent")
    rows = timeml.load_rows(path, limit)
    split = [split_dateline(r) for r in rows]
    body_rows = [r for r, _ in split]
    predicted = timeml.analyse(rows)
    counts = timeml.score(body_rows, predicted, [end for _, end in split])
    datelines = sum(len(r["timexes"]) for r in rows) - counts.gold
    result = timeml.report(
        "meantime",
        "MEANTIME (English Wikinews): time expressions on other news",
        f"{len(rows)} articles (Airbus, Apple, General Motors, stock markets; 2004–2011), "
        "title and first sentences annotated; the dateline's expression is scored apart;",
        counts,
        (),
    )
    with_datelines = timeml.metrics(timeml.score(rows, predicted, [end for _, end in split]))
    result.metrics["value_f1_with_datelines"] = with_datelines["value_f1"]
    result.markdown += (
        f"\n\nThe {datelines} datelines (the document date, removed by cleaning as a byline) "
        f"counted as missed: relaxed span F1 {with_datelines['span_f1']:.3f}, value F1 "
        f"{with_datelines['value_f1']:.3f}."
    )
    return result
