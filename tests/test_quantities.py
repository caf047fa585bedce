"""Quantities: money in its many spellings, restatements, ranges, counts, comparisons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse import nlp
from newsfuse.model import Article, Quantity, StoryQuantity
from newsfuse.nlp.quantities import extract_quantities, find_money, same_amount, same_count

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
REF = date(2025, 12, 21)


def quantities(text: str, ref: date | None = REF) -> dict[str, Quantity]:
    return {q.text: q for q in extract_quantities(nlp.load()(text), ref)}


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$105 billion", 105e9, "USD"),
        ("€90bn", 90e9, "EUR"),
        ("90 billion euros", 90e9, "EUR"),
        ("EUR 210 billion", 210e9, "EUR"),
        ("US$1.2m", 1.2e6, "USD"),
        ("£3.5 mln", 3.5e6, "GBP"),
        ("1,500,000 Swiss francs", 1.5e6, "CHF"),
        ("2 trillion yen", 2e12, "JPY"),
        ("USD 40", 40.0, "USD"),
    ],
)
def test_money_spellings(text: str, value: float, currency: str) -> None:
    (q,) = find_money(f"The fund got {text} last year.", REF)
    assert (q.text, q.value, q.unit) == (text, value, currency)
    assert q.usd is not None and q.eur is not None
    assert q.rate_date == "2025-12-19"  # the ECB's last rate before that Sunday


def test_restatement_in_brackets_is_one_amount() -> None:
    (q,) = find_money("A loan of 90 billion euros ($105 billion) was agreed.", REF)
    assert (q.value, q.unit) == (90e9, "EUR")
    assert [a.text for a in q.alternates] == ["$105 billion"]
    (q,) = find_money("It lent €90bn, or about $105bn, to Kyiv.", REF)
    assert (q.text, [a.text for a in q.alternates]) == ("€90bn", ["$105bn"])
    assert len(find_money("Tickets cost $5 or $6.", REF)) == 2


def test_a_quotation_closed_inside_an_amount_keeps_its_scale() -> None:
    text = "“No, not $2.5 billion, no — we’re asking for $5.6” billion, Mr. Trump said."
    got = [(q.text, q.value) for q in find_money(text, REF)]
    assert got == [("$2.5 billion", 2.5e9), ("$5.6” billion", 5.6e9)]
    assert [q.value for q in find_money("He said “$5” before leaving.", REF)] == [5.0]


def test_ranges_and_modifiers() -> None:
    got = {
        q.text: q
        for q in find_money("It cost between $10 and $20 million, or 3-4 billion euros.", REF)
    }
    assert (got["between $10 and $20 million"].value, got["between $10 and $20 million"].upper) == (
        10e6,
        20e6,
    )
    assert (got["3-4 billion euros"].value, got["3-4 billion euros"].upper) == (3e9, 4e9)
    (q,) = find_money("They pledged more than $5 billion.", REF)
    assert (q.text, q.modifier) == ("more than $5 billion", "more than")


def test_counts_say_what_they_count() -> None:
    got = quantities(
        "Some 3,500 Ukrainian soldiers and 981 Afghan families returned, and troops "
        "detained at least five Palestinians. Inflation hit 7.5% in 2022."
    )
    assert (got["Some 3,500"].value, got["Some 3,500"].unit, got["Some 3,500"].modifier) == (
        3500.0, "soldiers", "about")  # fmt: skip
    assert (got["981"].unit, got["981"].kind) == ("families", "count")
    assert (got["at least five"].value, got["at least five"].unit) == (5.0, "Palestinians")
    assert (got["7.5%"].kind, got["7.5%"].value) == ("percent", 7.5)
    assert "2022" not in got


def test_same_amount_uses_rounding_and_the_rate() -> None:
    eur, usd = find_money("90 billion euros and later $105 billion and $120 billion", REF)[:3][:2]
    other = find_money("$120 billion", REF)[0]
    assert same_amount(eur, usd)
    assert not same_amount(eur, other)
    assert same_amount(find_money("about $100 million", REF)[0], find_money("$108 million", REF)[0])
    assert not same_amount(find_money("$100 million", REF)[0], find_money("$108 million", REF)[0])


def test_same_amount_reads_story_quantities() -> None:
    def story(q: Quantity) -> StoryQuantity:
        return StoryQuantity.project(q, article="a")

    about, exact = find_money("about $100 million", REF)[0], find_money("$108 million", REF)[0]
    assert same_amount(story(about), story(exact))


def test_same_count() -> None:
    got = quantities("Some 3,500 soldiers, 3,400 soldiers, 4,000 soldiers and 3,500 tanks left.")
    some, near, far, tanks = got["Some 3,500"], got["3,400"], got["4,000"], got["3,500"]
    assert same_count(some, near)
    assert not same_count(some, far)
    assert not same_count(some, tanks)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_seed_reports() -> None:
    from newsfuse.pipeline import analyze_batch

    arts = [Article(id=p.name, text=p.read_text()) for p in sorted(SEEDS.glob("*.txt"))]
    found = [q for a in analyze_batch(arts, REF) for q in a.quantities]
    money = [q for q in found if q.kind == "money"]
    loans_eur = [q for q in money if (q.unit, q.value) == ("EUR", 90e9)]
    loans_usd = [q for q in money if (q.unit, q.value) == ("USD", 105e9)]
    assert loans_eur and loans_usd
    assert all(same_amount(a, b) for a in loans_eur for b in loans_usd)
    assert any((q.unit, q.value) == ("EUR", 210e9) for q in money)
    assert any(q.kind == "count" and q.value == 3500 and q.unit == "soldiers" for q in found)


def _written(value_bn: float, currency: str, style: int) -> str:
    """An amount as reports write it, in one of several styles."""
    text = f"{value_bn:g}"
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}[currency]
    word = {"USD": "dollars", "EUR": "euros", "GBP": "pounds"}[currency]
    return [
        f"{symbol}{text} billion",
        f"{symbol}{text}bn",
        f"{text} billion {word}",
        f"{currency} {text} billion",
        f"{value_bn * 1e9:,.0f} {word}",
        f"{symbol}{text} bln",
    ][style]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=99_999).map(lambda n: n / 10),
    st.sampled_from(["USD", "EUR", "GBP"]),
    st.integers(min_value=0, max_value=5),
)
def test_money_round_trip(value_bn: float, currency: str, style: int) -> None:
    text = _written(value_bn, currency, style)
    (q,) = find_money(f"Officials put it at {text} on Friday.", REF)
    assert q.unit == currency
    assert q.value == pytest.approx(value_bn * 1e9)
    assert q.text == text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_money_no_crash_on_any_string(text: str) -> None:
    for q in find_money(text, None):
        assert text[q.start : q.end] == q.text


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_extract_no_crash_on_any_string(text: str) -> None:
    for q in extract_quantities(nlp.load()(text), None):
        assert text[q.start : q.end] == q.text
