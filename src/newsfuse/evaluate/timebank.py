"""TimeBank 1.2 (TempEval-3 cleaned): finding and normalising time expressions.

Each document goes through the normal path (an Article whose `published` is the DCT,
`pipeline.analyze_batch`), so what is scored is what `newsfuse analyze` emits; the
scoring and the breakdown by category are shared with the other time sets (`timeml`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from newsfuse.evaluate import Result, timeml
from newsfuse.model import TimeExpr

FILE = "timebank.jsonl"
PEERS = (
    ("spaCy DATE/TIME entities + dateparser (dev)", "0.889", "0.161"),
    ("HeidelTime (TempEval-3 platinum, published)", "–", "0.776"),
    ("SUTime (TempEval-3 platinum, published)", "–", "0.674"),
)

SOURCE_GROUPS = (
    ("AP, NYT newswire (1998; AP 1990)", ("APW", "AP", "NYT")),
    ("Wall Street Journal (1989–1991)", ("wsj_", "WSJ")),
    ("broadcast transcripts (ABC, CNN, PRI, VOA; 1998)", ("ABC", "CNN", "PRI", "VOA", "ea", "ed")),
    ("other newspaper (San Jose Mercury News)", ("SJMN",)),
)
"""TimeBank's documents by source, read off the id's prefix: the AP and NYT newswire is
the nearest thing here to unseen newswire (AQUAINT: AP, NYT, Xinhua), the WSJ the bulk."""
_ID_PREFIX = re.compile(r"^[A-Za-z]+_?")


def source_group(doc_id: str) -> str:
    """The source group of a TimeBank document id ("APW19980213.1310" → AP, NYT newswire)."""
    prefix = _ID_PREFIX.match(doc_id)
    head = prefix.group(0) if prefix else ""
    for name, prefixes in SOURCE_GROUPS:
        if head in prefixes:
            return name
    return "other"


def source_table(rows: Sequence[dict], predicted: Sequence[Sequence[TimeExpr]]) -> list[str]:
    """Markdown rows: span and value F1 per source group, each group scored on its own."""
    lines = [
        "| source | documents | gold | relaxed span F1 | value F1 |",
        "|---|---|---|---|---|",
    ]
    names = [name for name, _ in SOURCE_GROUPS] + ["other"]
    for name in names:
        picked = [i for i, r in enumerate(rows) if source_group(r["id"]) == name]
        if not picked:
            continue
        counts = timeml.score([rows[i] for i in picked], [predicted[i] for i in picked])
        m = timeml.metrics(counts)
        lines.append(
            f"| {name} | {len(picked)} | {counts.gold} | {m['span_f1']:.3f} | {m['value_f1']:.3f} |"
        )
    return lines


def run(data_dir: Path, limit: int | None) -> Result:
    path = data_dir / FILE
    if not path.exists():
        return Result(name="timebank", skipped=f"{path} is absent")
    rows = timeml.load_rows(path, limit)
    predicted = timeml.analyse(rows)
    counts = timeml.score(rows, predicted)
    result = timeml.report(
        "timebank",
        "TimeBank 1.2 (TempEval-3): time expressions",
        f"{len(rows)} documents (Wall Street Journal, AP, NYT, broadcast news; 1989–1998),",
        counts,
        PEERS,
    )
    result.markdown += (
        "\n\nBy source (each group scored on its own; the AP and NYT newswire is the "
        "nearest here to the held-out AP, NYT and Xinhua newswire):\n\n"
        + "\n".join(source_table(rows, predicted))
    )
    return result
