"""Quality measured on the real labelled sets in ../shared/data (see its README).

One module per set, each exposing `run(data_dir: Path, limit: int | None) -> Result`,
registered in SETS; `python -m newsfuse.evaluate` runs those whose files are present and
writes docs/evaluation.md. A set whose files are absent is skipped, not failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Result:
    """One evaluation's outcome, ready to print and to write into docs/evaluation.md."""

    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    markdown: str = ""
    skipped: str | None = None


SETS = ("extraction", "polnear", "timebank", "meantime", "ecbplus", "basil", "ecbplus_claims")
"""Module names under newsfuse.evaluate, in report order."""
