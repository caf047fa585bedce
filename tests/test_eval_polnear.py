"""The PolNeAR scorer: matching, speaker accuracy and error categories on a written row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.evaluate import polnear

TEXT = (
    'Mayor Ana Lindqvist opened the bridge on Monday. "The bridge will carry ten thousand cars '
    'a day," Lindqvist said. She believes the toll will fall. The opening drew a crowd. '
    "Critics want the money spent on buses."
)


def _span(words: str, after: int = 0) -> dict[str, object]:
    start = TEXT.index(words, after)
    return {"start": start, "end": start + len(words), "text": words}


def _write_row(tmp_path: Path) -> Path:
    """One article with three gold attributions: a direct quote credited as the extractor
    will credit it, a belief whose gold source is the name rather than the pronoun, and an
    attribution with no cue the extractor knows."""
    row = {
        "id": "bridge",
        "text": TEXT,
        "attributions": [
            {
                "source": [_span("Lindqvist", TEXT.index("said") - 12)],
                "cue": [_span("said")],
                "content": [_span('"The bridge will carry ten thousand cars a day,"')],
            },
            {
                "source": [_span("Ana Lindqvist")],
                "cue": [_span("believes")],
                "content": [_span("the toll will fall")],
            },
            {"source": [], "cue": [], "content": [_span("drew a crowd")]},
        ],
    }
    path = tmp_path / "polnear-dev.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


def test_scores_and_categorises_each_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(polnear.CACHE_ENV, raising=False)
    totals = polnear.evaluate_file(_write_row(tmp_path), None)
    direct, every = totals["direct"], totals["all"]
    assert (direct.gold, direct.predicted, direct.matched, direct.speaker_ok) == (1, 1, 1, 1)
    assert direct.figures()["e2e_f1"] == 1.0
    # "Critics want ..." is predicted but is a wish, not in the gold.
    assert (every.gold, every.predicted, every.matched, every.speaker_ok) == (3, 3, 2, 1)
    assert dict(every.errors) == {
        "speaker wrong: name": 1,
        "missed: no cue found": 1,
        "cue not a statement: thinking or perceiving": 1,
    }
    assert every.figures()["e2e_f1"] == pytest.approx(1 / 3)


def test_parse_cache_gives_the_same_scores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_row(tmp_path)
    monkeypatch.setenv(polnear.CACHE_ENV, str(tmp_path / "parses"))
    first = polnear.evaluate_file(path, None)
    assert any((tmp_path / "parses").iterdir())
    again = polnear.evaluate_file(path, None)
    assert first == again
