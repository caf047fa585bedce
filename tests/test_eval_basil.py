"""The BASIL facts scorer on a hand-made gold, and the alignment model on the invented
reports it was partly fitted on (tests/alignment/reports.json)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from newsfuse.evaluate import basil
from newsfuse.model import Claim, SourceRef, Story

A, B, C = "a", "b", "c"


def _gold() -> basil.Gold:
    """Three articles; fact 0 is A1+B1+C1, fact 1 is A2+B2; A3 and C2 state nothing shared."""
    gold = basil.Gold()
    for aid in (A, B, C):
        gold.spans[aid] = [(f"{aid}1", 0, 10), (f"{aid}2", 11, 20), (f"{aid}3", 21, 30)]
        gold.event_of[aid] = "e"
    gold.facts = [("e", {(A, "a1"), (B, "b1"), (C, "c1")}), ("e", {(A, "a2"), (B, "b2")})]
    gold.conflicts = [((A, "a3"), (C, "c3"))]
    gold.main_event = {(A, "a1"), (B, "b1")}
    return gold


def _claim(cid: str, spans: list[tuple[str, int, int]], **extra: object) -> Claim:
    return Claim(
        id=cid,
        text="x",
        status="corroborated",
        sources=[SourceRef(article=a, start=s, end=e, text="x") for a, s, e in spans],
        **extra,  # type: ignore[arg-type]
    )


def test_a_source_stands_for_the_sentences_it_overlaps_by_half_the_shorter() -> None:
    gold = _gold()
    assert basil.cited_keys(gold, A, 2, 6) == {(A, "a1")}
    assert basil.cited_keys(gold, A, 5, 16) == {(A, "a1"), (A, "a2")}
    assert basil.cited_keys(gold, A, 8, 25) == {(A, "a2")}


def test_alignment_claim_precision_fact_recall_conflicts_and_core() -> None:
    gold = _gold()
    claims = [
        _claim("c1", [(A, 0, 10), (B, 0, 10)], core=True, conflicts_with=["c3"]),
        _claim("c2", [(A, 11, 20), (B, 11, 20), (C, 11, 20)]),
        _claim("c3", [(C, 21, 30)], conflicts_with=["c1"]),
    ]
    s = basil.score_stories(gold, [Story(id="e", title="e", articles=[A, B, C], claims=claims)])
    # predicted pairs: a1-b1 (gold), a2-b2 (gold), a2-c2, b2-c2 (not gold); 4 gold pairs
    assert (s.precision, s.recall) == (0.5, 0.5)
    assert s.claim_precision == 0.5  # c2 cites C2, which shares no fact
    assert s.fact_recall == 1.0
    assert (s.conflicts_flagged, s.conflicts_real, s.conflicts_found) == (1, 0, 0)
    assert (s.core_precision, s.core_recall, s.core_sources) == (1.0, 1.0, 2.0)


def test_peers_one_claim_per_event_has_full_recall_and_no_precision() -> None:
    s = basil.score_groups(_gold(), basil.event_groups(_gold()))
    assert s.recall == 1.0 and s.claim_precision == 0.0


def test_tfidf_rows_are_unit_length() -> None:
    v = basil.tfidf_vectors(["the dam burst", "the dam held", ""])
    assert np.allclose(np.linalg.norm(v[:2], axis=1), 1.0)
    assert v[0] @ v[1] > 0 and not v[2].any()


EXAMPLES = Path(__file__).parent / "alignment" / "reports.json"


def test_the_invented_reports_label_exact_phrases() -> None:
    data = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for e in data["events"] for a in e["articles"]}
    for event in data["events"]:
        for fact in event["facts"]:
            assert len({a for a, _ in fact["sentences"]}) >= 2, fact["summary"]
            for aid, phrase in fact["sentences"]:
                assert texts[aid].count(phrase) == 1, (aid, phrase)


@pytest.mark.slow
def test_the_shipped_model_ranks_the_labelled_pairs_of_the_invented_reports() -> None:
    from newsfuse.evaluate.basil_fit import example_events, pair_figures, pairs_of
    from newsfuse.fuse.align import MODEL

    xs, ys = zip(*(pairs_of(e) for e in example_events(EXAMPLES)), strict=True)
    x, y = np.vstack(xs), np.concatenate(ys)
    figures = pair_figures(MODEL.probability(x), y)
    assert figures["ap"] >= 0.6 and figures["precision"] >= 0.7, figures
