"""TimeBank 1.2 (TempEval-3 cleaned): finding and normalising time expressions.

Each document goes through the normal path (an Article whose `published` is the DCT,
`pipeline.analyze_batch`), so what is scored is what `newsfuse analyze` emits; the
scoring and the breakdown by category are shared with the other time sets (`timeml`).
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.evaluate import Result, timeml

FILE = "timebank.jsonl"
PEERS = (
    ("spaCy DATE/TIME entities + dateparser (dev)", "0.889", "0.161"),
    ("HeidelTime (TempEval-3 platinum, published)", "–", "0.776"),
    ("SUTime (TempEval-3 platinum, published)", "–", "0.674"),
)


def run(data_dir: Path, limit: int | None) -> Result:
    path = data_dir / FILE
    if not path.exists():
        return Result(name="timebank", skipped=f"{path} is absent")
    rows = timeml.load_rows(path, limit)
    counts = timeml.score(rows, timeml.analyse(rows))
    return timeml.report(
        "timebank",
        "TimeBank 1.2 (TempEval-3): time expressions",
        f"{len(rows)} documents (Wall Street Journal, AP, NYT, broadcast news; 1989–1998),",
        counts,
        PEERS,
    )
