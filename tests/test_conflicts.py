"""Conflicts between sentences of different reports: the rules on hand-built units (the
model's P(same fact) given), and the invented reports labelled with their conflicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsfuse.evaluate import basil
from newsfuse.fuse.claims import Unit
from newsfuse.fuse.conflicts import conflict
from newsfuse.model import Article, Quantity, TimeExpr

REPORTS = Path(__file__).parent / "conflicts" / "reports.json"


def unit(
    article: int,
    text: str,
    *,
    entities: tuple[str, ...] = (),
    money: tuple[str, ...] = (),
    percents: tuple[str, ...] = (),
    days: tuple[tuple[str, str], ...] = (),
) -> Unit:
    """A unit of `text`, its amounts and days found by their wording."""

    def span(part: str) -> tuple[int, int]:
        start = text.index(part)
        return start, start + len(part)

    quantities = []
    for m in money:
        s, e = span(m)
        value = float(m.strip("$").split()[0]) * 1e9
        quantities.append(
            Quantity(start=s, end=e, text=m, kind="money", value=value, unit="USD", usd=value)
        )
    for p in percents:
        s, e = span(p)
        value = float(p.split()[0])
        quantities.append(Quantity(start=s, end=e, text=p, kind="percent", value=value, unit="%"))
    times = [
        TimeExpr(start=span(t)[0], end=span(t)[1], text=t, type="DATE", value=v) for t, v in days
    ]
    return Unit(
        article=article,
        start=0,
        end=len(text),
        text=text,
        entities=set(entities),
        dates={v for _, v in days},
        quantities=sorted(quantities, key=lambda q: q.start),
        times=times,
    )


def why(a: Unit, b: Unit, score: float) -> str | None:
    return conflict(a, b, score, lambda u: f"outlet {u.article}", lambda u, i: None)


def test_a_sentence_denying_two_verbs_contradicts_one_asserting_either() -> None:
    no = unit(0, "He doesn't have a permit or he hasn't shown it.")
    yes = unit(1, "The mayor has shown a building permit from the county to the council.")
    assert why(no, yes, 0.4) == "negation: outlet 0 denies what outlet 1 states"
    assert why(no, yes, 0.2) is None  # below the bar at which the two would join a claim


def test_a_negation_closing_its_clause_denies_nothing_after_it() -> None:
    no = unit(0, "“Absolutely not,” Berg said.")
    other = unit(1, "“I would like to know who those people are,” Berg said.")
    assert why(no, other, 0.9) is None


def test_sums_one_last_digit_apart_given_by_one_actor_conflict() -> None:
    a = unit(
        0,
        "Trump is now insisting that Congress appropriate $5.7 billion for that project.",
        entities=("Donald Trump", "Congress"),
        money=("$5.7 billion",),
    )
    b = unit(
        1,
        "“No, not $2.5 billion, no — we’re asking for $5.6 billion,” he told his cabinet.",
        entities=("Donald Trump",),
        money=("$2.5 billion", "$5.6 billion"),
    )
    assert why(a, b, 0.4) == "amount: $5.7 billion (outlet 0) vs $5.6 billion (outlet 1)"
    assert why(a, b, 0.2) is None
    stranger = unit(1, "Mr. Lee is asking for $5.6 billion.", money=("$5.6 billion",))
    assert why(a, stranger, 0.4) is None  # close sums of two actors are two sums


def test_a_sum_and_its_half_are_two_sums() -> None:
    a = unit(0, "Trump repeated his demand for $5 billion for the wall.", money=("$5 billion",))
    b = unit(1, "Pence offered $2.5 billion for the wall.", money=("$2.5 billion",))
    assert why(a, b, 0.9) is None


def test_a_list_of_percentages_is_no_conflict() -> None:
    a = unit(0, "In the poll, Gingrich garnered 11 percent of the vote.", percents=("11 percent",))
    b = unit(
        1,
        "In the poll, Romney got 17 percent, Huckabee 14 percent and Palin 12 percent of the vote.",
        percents=("17 percent", "14 percent", "12 percent"),
    )
    assert why(a, b, 0.9) is None
    single = unit(
        1, "In the poll, Gingrich garnered 14 percent of the vote.", percents=("14 percent",)
    )
    assert why(a, single, 0.9) == "amount: 11 percent (outlet 0) vs 14 percent (outlet 1)"


def test_percentages_need_the_model_to_be_one_fact() -> None:
    a = unit(0, "Halvard shares rose 22 percent.", entities=("Halvard",), percents=("22 percent",))
    b = unit(
        1,
        "Holders get a premium of 27 percent over Halvard shares.",
        entities=("Halvard",),
        percents=("27 percent",),
    )
    assert why(a, b, 0.1) is None


def test_dates_need_two_words_in_common_around_them() -> None:
    a = unit(
        0,
        "Indictments of Putin's officers were announced Friday.",
        days=(("Friday", "2018-07-13"),),
    )
    b = unit(
        1,
        "They urged Trump to be tough with Putin when they meet on Monday.",
        days=(("Monday", "2018-07-09"),),
    )
    assert why(a, b, 0.9) is None
    c = unit(1, "The storm hit the west coast on Sunday.", days=(("Sunday", "2023-10-08"),))
    d = unit(0, "The storm hit the west coast on Saturday.", days=(("Saturday", "2023-10-07"),))
    assert (
        why(c, d, 0.9) == "date: Sunday = 2023-10-08 (outlet 1) vs Saturday = 2023-10-07 (outlet 0)"
    )


def _gold(event: dict[str, Any], articles: list[Article]) -> basil.Gold:
    """The event's facts and conflicts as BASIL gold: each labelled phrase a gold span."""
    texts = {a.id: a.text for a in articles}
    gold = basil.Gold()
    labels: dict[tuple[str, str], str] = {}

    def key(aid: str, phrase: str) -> tuple[str, str]:
        if (aid, phrase) not in labels:
            start = texts[aid].index(phrase)
            labels[(aid, phrase)] = label = f"p{len(labels)}"
            gold.spans.setdefault(aid, []).append((label, start, start + len(phrase)))
        return aid, labels[(aid, phrase)]

    for a in articles:
        gold.event_of[a.id] = event["event"]
        gold.spans.setdefault(a.id, [])
    gold.facts = [(event["event"], {key(*s) for s in f["sentences"]}) for f in event["facts"]]
    gold.conflicts = [(key(*c["a"]), key(*c["b"])) for c in event["conflicts"]]
    return gold


@pytest.mark.slow
def test_the_invented_reports_flag_their_conflicts_and_little_else() -> None:
    from newsfuse.fuse import fuse
    from newsfuse.ingest.jsonl import article_from_row
    from newsfuse.pipeline import analyze_batch

    flagged = real = found = annotated = 0
    for event in json.loads(REPORTS.read_text(encoding="utf-8"))["events"]:
        rows = [article_from_row(r, default_id=r["id"]) for r in event["articles"]]
        articles = analyze_batch(rows)
        gold = _gold(event, articles)
        scores = basil.score_stories(gold, [fuse(event["event"], articles)])
        flagged += scores.conflicts_flagged
        real += scores.conflicts_real
        found += scores.conflicts_found
        annotated += len(event["conflicts"])
    assert real >= 0.75 * flagged and found >= 0.5 * annotated, (real, flagged, found, annotated)


def test_the_invented_conflict_reports_label_exact_phrases() -> None:
    data = json.loads(REPORTS.read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for e in data["events"] for a in e["articles"]}
    for event in data["events"]:
        pairs = [(c["a"], c["b"]) for c in event["conflicts"] + event["tempting"]]
        for aid, phrase in [s for f in event["facts"] for s in f["sentences"]] + [
            side for pair in pairs for side in pair
        ]:
            assert texts[aid].count(phrase) == 1, (aid, phrase)
