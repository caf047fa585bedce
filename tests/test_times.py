"""Time expressions: finding, TimeML values against a reference date, tense, no-ref."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse import nlp
from newsfuse.evaluate.timeml import VALUE_FORMAT
from newsfuse.model import Article, TimeExpr
from newsfuse.nlp.times import extract_times, find_times
from newsfuse.nlp.timex_rules import RULE_KEYS, RULES, easter

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SUNDAY = date(2025, 12, 21)


def times(text: str, ref: date | None = SUNDAY) -> dict[str, TimeExpr]:
    found = extract_times(nlp.load()(text), ref)
    return {t.text: t for t in found}


def test_weekday_follows_tense_and_the_reference_day() -> None:
    found = extract_times(
        nlp.load()("The Kremlin said on Sunday that leaders met on Friday. They will meet "
                   "again on Friday."),
        SUNDAY,
    )  # fmt: skip
    assert [(t.text, t.value) for t in found] == [
        ("Sunday", "2025-12-21"),
        ("Friday", "2025-12-19"),
        ("Friday", "2025-12-26"),
    ]


def test_would_after_a_reporting_verb_looks_ahead() -> None:
    found = extract_times(
        nlp.load()("The operator said it would publish a timetable on Friday. Had it rained, "
                   "they would have left on Friday."),
        date(2026, 3, 12),
    )  # fmt: skip
    assert [t.value for t in found] == ["2026-03-13", "2026-03-06"]


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value", "mod"),
    [
        ("In July, he held a call.", "July", "DATE", "2025-07", None),
        ("They signed it in June 2024.", "June 2024", "DATE", "2024-06", None),
        ("Macron said earlier this week that talks may resume.", "earlier this week", "DATE",
         "2025-W51", "START"),
        ("Prices rose in the third quarter.", "the third quarter", "DATE", "2025-Q3", None),
        ("The war has lasted nearly four years.", "nearly four years", "DURATION", "P4Y",
         "LESS_THAN"),
        ("The deal was struck three years ago.", "three years ago", "DATE", "2022", None),
        ("Sales fell last month.", "last month", "DATE", "2025-11", None),
        ("He arrived at 5 p.m. yesterday.", "5 p.m. yesterday", "TIME", "2025-12-20T17:00",
         None),
        ("The board meets every Monday.", "every Monday", "SET", "XXXX-WXX-1", None),
        ("Output peaked in the summer of 2023.", "the summer of 2023", "DATE", "2023-SU", None),
        ("Shares are now cheaper.", "now", "DATE", "PRESENT_REF", None),
        ("The plan dates from the 1990s.", "the 1990s", "DATE", "199", None),
        ("It was signed on March 3, 2021.", "March 3, 2021", "DATE", "2021-03-03", None),
        ("A two-year study ended.", "two-year", "DURATION", "P2Y", None),
    ],
)  # fmt: skip
def test_values(text: str, expr: str, type_: str, value: str, mod: str | None) -> None:
    got = times(text)
    assert expr in got, list(got)
    assert (got[expr].type, got[expr].value, got[expr].mod) == (type_, value, mod)


def test_without_reference_relatives_stay_unresolved_and_absolutes_resolve() -> None:
    got = times("They met on Friday and signed the pact in February 2022.", ref=None)
    assert got["Friday"].value is None
    assert got["Friday"].reason == "no reference date"
    assert got["February 2022"].value == "2022-02"


def test_ordinary_words_are_not_times() -> None:
    got = times("Prices may fall as demand for spring water and march tickets drops by 2,082.5.")
    assert got == {}


def test_a_holiday_before_a_noun_names_a_season_not_a_day() -> None:
    assert times("The Christmas shopping season began as tourists left Easter Island.") == {}
    assert times("Sales rose during the Christmas and New Year holiday period.") == {}


@given(st.integers(min_value=1583, max_value=9999))
def test_easter_is_a_sunday_between_march_22_and_april_25(year: int) -> None:
    day = easter(year)
    assert day.weekday() == 6 and date(year, 3, 22) <= day <= date(year, 4, 25)


def test_fiscal_policy_is_no_time() -> None:
    """A bare "fiscal" ("fiscal policy", "fiscal deficit") names no year; a fiscal year does."""
    assert times("Beijing will loosen fiscal policy and cut its fiscal deficit.") == {}
    assert times("The firm moved from a fiscal year to a calendar year.") == {}
    got = times("Sales rose in the current fiscal year and fell in the 1997 fiscal year.")
    assert [t.value for t in got.values()] == ["2025", "1997"]


def test_offsets_point_into_the_text() -> None:
    text = "Leaders met on Friday.\nOn Sunday, the Kremlin spoke."
    for t in extract_times(nlp.load()(text), SUNDAY):
        assert text[t.start : t.end] == t.text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_seed_reports() -> None:
    from newsfuse.pipeline import analyze_batch

    arts = [Article(id=p.name, text=p.read_text()) for p in sorted(SEEDS.glob("*.txt"))]
    found = {(t.text, t.value, t.mod) for a in analyze_batch(arts, SUNDAY) for t in a.times}
    assert found == {
        ("Sunday", "2025-12-21", None),
        ("Friday", "2025-12-19", None),
        ("earlier this week", "2025-W51", "START"),
        ("earlier in the week", "2025-W51", "START"),
        ("year-end", "2025", "END"),
        ("the coming weeks", "FUTURE_REF", None),
        ("currently", "PRESENT_REF", None),
        ("July", "2025-07", None),
        ("June 2024", "2024-06", None),
        ("February 2022", "2022-02", None),
        ("2022", "2022", None),
        ("two-hour", "PT2H", None),
        ("three years", "P3Y", None),
    }


_PIECES = st.sampled_from(
    [
        "on", "Friday", "last", "next", "this", "week", "month", "year", "ago", "three",
        "years", "the", "third", "quarter", "of", "2019", "June", "May", "12", ",", "p.m.",
        "5", "early", "mid-", "summer", "fiscal", "every", "a", "half", "decade", "1990s",
        "yesterday", "morning", "now", "recent", "weeks", "earlier", "later", "following",
        "year-ago", "period", "March", "31", "Sept.", "century", "20th", "and", "between",
        "18:00", "UTC", "at", "day", "same", "next", "soon", "straight", "consecutive",
        "nineteen", "ninety-six", "thousand", "eighth", "until", "through", "effective",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_PIECES, min_size=1, max_size=12),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from([-1, 0, 1]),
)
def test_any_emitted_value_is_valid_timeml(words: list[str], ref: date, tense: int) -> None:
    text = " ".join(words)
    for t in find_times(text, ref, lambda _s, _e: tense):
        assert t.value is None or VALUE_FORMAT.match(t.value), (text, t)
        assert text[t.start : t.end] == t.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.dates()))
def test_no_crash_on_any_string(text: str, ref: date | None) -> None:
    for t in find_times(text, ref):
        assert 0 <= t.start < t.end <= len(text)


_MORE_PIECES = st.sampled_from(
    [
        "Q3", "1998-08-07", "8/7/98", "'90s", "twenties", "noon", "tonight", "Thurs.", "from",
        "hence", "a.m.", "while", "some", "time", "comparable", "latest", "year-end",
        "corresponding", "0800", "GMT", "spring", "autumn", "hours", "days", "for", "1988",
        "Dec.", "10:30", "evening", "the", "second", "first", "quarter", "period", "within",
        "a year earlier", "two weeks from now", "three days hence", "the year-ago period",
        "the 1988 quarter", "that year", "for a while", "the first half", "the next day",
        "the same period last year", "5 p.m. EST", "14:30 GMT", "the nineties", "mid-1980s",
        "nineteen eighty-one", "the year two thousand", "March twenty-first",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_PIECES, _MORE_PIECES), min_size=1, max_size=12),
    st.sampled_from([" ", "\n", ", ", "-"]),
)
def test_a_rule_skipped_for_want_of_its_keys_could_not_have_matched(
    words: list[str], sep: str
) -> None:
    text = sep.join(words)
    for pattern, handler in RULES:
        keys = RULE_KEYS.get(handler)
        for m in pattern.finditer(text) if keys else ():
            assert any(k in m.group(0).lower() for k in keys), (handler.__name__, m.group(0))


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1920, max_value=1999), st.sampled_from(["-", " "]))
def test_a_year_spelt_out_reads_as_that_year(year: int, joiner: str) -> None:
    tens, unit = divmod(year - 1900, 10)
    words = "nineteen " + _TENS[tens - 2] + (joiner + _UNITS[unit] if unit else "")
    (found,) = find_times(f"The law was passed in {words} by a wide margin.", date(2005, 6, 1))
    assert (found.text, found.value) == (words, str(year))


def test_timebank_source_groups_read_off_the_document_id() -> None:
    from newsfuse.evaluate.timebank import SOURCE_GROUPS, source_group, source_table

    names = [name for name, _ in SOURCE_GROUPS]
    assert source_group("APW19980213.1310") == names[0]
    assert source_group("NYT19980206.0460") == names[0]
    assert source_group("AP900815-0044") == names[0]
    assert source_group("wsj_0006") == names[1]
    assert source_group("WSJ900813-0157") == names[1]
    assert source_group("ea980120.1830.0071") == names[2]
    assert source_group("XIE19980808.0060") == "other"
    gold = {"start": 15, "end": 21, "text": "Friday", "type": "DATE", "value": "1998-02-13"}
    rows = [
        {"id": "APW1", "text": "Troops left on Friday.", "timexes": [gold]},
        {"id": "wsj_1", "text": "Troops left on Friday.", "timexes": [gold]},
    ]
    right = TimeExpr(start=15, end=21, text="Friday", type="DATE", value="1998-02-13")
    wrong = right.model_copy(update={"value": "1998-02-20"})
    table = source_table(rows, [[right], [wrong]])
    assert table[2].endswith("| 1 | 1 | 1.000 | 1.000 |")
    assert table[3].endswith("| 1 | 1 | 1.000 | 0.000 |")
