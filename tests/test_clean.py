"""Cleaning: boilerplate, unrelated trailing items, outlet and dateline."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.clean import body_of, clean
from newsfuse.model import Article, Removed

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

HARBOUR = [
    "Port of Valmora reopens after week-long dockworkers' strike",
    "The port of Valmora reopened on Tuesday after dockworkers ended a week-long strike over "
    "wages, the harbour authority said, easing a backlog of container ships waiting offshore.",
    "Harbour authority chief Lina Ortsberg said cranes at the Valmora container terminal were "
    "running again and that the backlog of ships should clear by the weekend.",
    "The dockworkers' union said its members accepted a wage increase of 6 percent after talks "
    "with the harbour authority and the port operators that lasted through Monday night.",
    "Shipping companies had diverted several container ships to neighbouring ports during the "
    "strike, and importers warned of shortages of fresh produce in Valmora shops.",
]
UNRELATED = [
    "Heavy snowfall closed mountain passes in the northern provinces, stranding hundreds of "
    "skiers at alpine resorts overnight.",
    "A national museum unveiled a restored medieval tapestry depicting a royal hunting scene "
    "after eleven years of painstaking conservation work.",
    "The central bank kept interest rates unchanged, citing stubborn inflation in food and "
    "energy prices during the autumn months.",
]
LEGAL = (
    "LEGAL NOTICE: All rights to this news report and its photographs belong to the publisher. "
    "It may not be reproduced in whole or in part without a written agreement."
)


def _clean(text: str, **fields: object) -> Article:
    return clean(Article(id="t", text=text, **fields))


def _reasons(article: Article) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in article.removed]


def _check_spans(article: Article) -> None:
    previous_end = 0
    for seg in article.removed:
        assert article.text[seg.start : seg.end] == seg.text
        assert seg.start >= previous_end
        previous_end = seg.end
    assert article.body == body_of(article.text, article.removed)


def test_signoff_legal_notice_and_unrelated_headlines_are_removed() -> None:
    last = HARBOUR[-1] + " (PNA)"
    text = "\n".join([*HARBOUR[:-1], last, LEGAL, *UNRELATED])
    art = _clean(text)
    assert _reasons(art) == [
        ("agency-signoff", "(PNA)"),
        ("legal-notice", LEGAL),
        *(("unrelated-item", u) for u in UNRELATED),
    ]
    assert art.outlet == "PNA"
    assert art.body.endswith("fresh produce in Valmora shops.")
    for item in [LEGAL, *UNRELATED]:
        assert item not in art.body
    _check_spans(art)


def test_on_topic_paragraph_after_the_end_mark_stays() -> None:
    on_topic = (
        "Port operators said container traffic through Valmora should return to normal "
        "levels next week once the backlog of ships waiting offshore has cleared."
    )
    text = "\n".join([*HARBOUR[:-1], HARBOUR[-1] + " (PNA)", LEGAL, on_topic, UNRELATED[0]])
    art = _clean(text)
    assert on_topic in art.body
    assert ("unrelated-item", UNRELATED[0]) in _reasons(art)


def test_on_topic_trailing_paragraph_without_any_mark_stays() -> None:
    closing = (
        "The harbour authority said it would review contingency plans for the Valmora port "
        "before the next round of wage talks with the dockworkers' union."
    )
    art = _clean("\n".join([*HARBOUR, closing]))
    assert art.removed == []
    assert art.body == "\n".join([*HARBOUR, closing])


def test_without_a_mark_only_foreign_headlines_go() -> None:
    headline = "Chess champion retains her title after a tense playoff in the capital"
    art = _clean("\n".join([*HARBOUR, headline]))
    assert _reasons(art) == [("unrelated-item", headline)]
    sentences = _clean("\n".join([*HARBOUR, *UNRELATED]))
    assert sentences.removed == []


@pytest.mark.parametrize(
    ("opening", "dateline", "outlet"),
    [
        ("ERBIL (Kurdistan24) — Officials said on Sunday", "ERBIL", "Kurdistan24"),
        ("WASHINGTON (Reuters) - Officials said on Sunday", "WASHINGTON", "Reuters"),
        ("LONDON, March 3 (AFP) – Officials said on Sunday", "LONDON", "AFP"),
        ("BEIRUT, Lebanon (AP) — Officials said on Sunday", "BEIRUT", "AP"),
        ("NEW YORK — Officials said on Sunday", "NEW YORK", None),
        ("Officials said on Sunday - in a statement - that", None, None),
        ("UPDATE: Officials said on Sunday", None, None),
        ("NATO - the alliance said on Sunday", None, None),
    ],
)
def test_datelines(opening: str, dateline: str | None, outlet: str | None) -> None:
    art = _clean(opening + " that the port would reopen.\n" + HARBOUR[2])
    assert art.dateline == dateline
    assert art.outlet == outlet
    assert art.body.startswith(opening)


def test_a_closing_tag_is_no_agency() -> None:
    art = _clean("\n".join([*HARBOUR[:-1], HARBOUR[-1] + " (VIDEO)"]))
    assert art.outlet is None
    assert _reasons(art) == [("caption", "(VIDEO)")]


def test_existing_outlet_is_kept() -> None:
    art = _clean("WASHINGTON (Reuters) - Officials met.\n" + HARBOUR[1], outlet="Daily Harbour")
    assert art.outlet == "Daily Harbour"
    assert art.dateline == "WASHINGTON"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("By Jane Doe", "byline"),
        ("BY MARTA KOWALSKA | Valmora Post", "byline"),
        ("Reporting by Jane Doe in Valmora; Editing by John Roe", "byline"),
        ("Updated at 1:23 p.m.", "byline"),
        ("5:45 AM PST 11/19/2019 by Jane Doe", "byline"),
        ("December 15th, 2008, 7:35 am", "byline"),
        ("Sat Nov 12 2011, 01:19 hrs", "byline"),
        ("18 September 2013 Last updated at 13:59 GMT", "byline"),
        ("Photo: Cranes at the container terminal, Tuesday.", "caption"),
        ("Dockworkers leave the terminal. Photo by Jane Doe/Getty Images", "caption"),
        ("Read more: Strike halts container traffic in Valmora", "promo"),
        ("Related: Five things to know about the port", "promo"),
        ("Subscribe to our morning newsletter", "promo"),
        ("Follow us on Twitter and Facebook", "promo"),
        ("Copyright 2025 Valmora Post. All rights reserved.", "legal-notice"),
        ("© 2025 Harbour Media Group", "legal-notice"),
        ("This article may not be reproduced without written permission.", "legal-notice"),
        ("Home › News › Business", "navigation"),
        ("Filed under: Ports, Strikes", "navigation"),
        ("Contributing: Jane Doe and John Roe", "byline"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    text = "\n".join([*HARBOUR[:3], line, *HARBOUR[3:]])
    art = _clean(text)
    assert _reasons(art) == [(reason, line)]
    assert line not in art.body
    _check_spans(art)


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, the backlog of ships had shrunk to nine vessels.",
        "Copyright disputes between the operators were not part of the talks.",
        "Copyright Office lawyers said the port's logo was registered in 2019.",
        "A judge ruled that the names of the strikers may not be published.",
        "Officials said the union would follow the agreement closely.",
        "Parallel Talks in the Capital",
        "Read the full statement, the union told its members, before voting.",
    ],
)
def test_article_lines_that_look_like_boilerplate_stay(line: str) -> None:
    art = _clean("\n".join([*HARBOUR[:3], line, *HARBOUR[3:]]))
    assert art.removed == []


def test_inline_credits() -> None:
    para = HARBOUR[2] + " (Photo by Jane Doe/Getty Images)"
    tail = HARBOUR[4] + " (Reporting by Jane Doe; Editing by John Roe)"
    art = _clean("\n".join([*HARBOUR[:2], para, HARBOUR[3], tail]))
    assert _reasons(art) == [
        ("caption", "(Photo by Jane Doe/Getty Images)"),
        ("byline", "(Reporting by Jane Doe; Editing by John Roe)"),
    ]
    _check_spans(art)


def test_promo_header_takes_its_list_of_headlines() -> None:
    block = ["DON'T MISS", "Strike ends at Valmora port [VIDEO]", "Five ships wait offshore [PICS]"]
    art = _clean("\n".join([*HARBOUR[:3], *block, *HARBOUR[3:]]))
    assert [r.reason for r in art.removed] == ["promo"] * 3
    assert all(h in art.body for h in HARBOUR)


def test_hard_wrapped_text_is_judged_by_paragraph() -> None:
    notice = textwrap.fill(LEGAL, width=72)
    paragraphs = [textwrap.fill(p, width=72) for p in [*HARBOUR[1:], *UNRELATED]]
    text = "\n\n".join([HARBOUR[0], *paragraphs[:4], notice, *paragraphs[4:]])
    art = _clean(text)
    assert _reasons(art) == [
        ("legal-notice", notice),
        *(("unrelated-item", p) for p in paragraphs[4:]),
    ]
    _check_spans(art)


def test_cleaning_twice_changes_nothing() -> None:
    text = "\n".join([*HARBOUR[:-1], HARBOUR[-1] + " (PNA)", LEGAL, *UNRELATED])
    once = _clean(text)
    assert clean(once) == once


def _seed(name: str) -> str:
    matches = sorted(SEEDS.glob(f"{name}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed {name} is absent from {SEEDS}")
    return matches[0].read_text(encoding="utf-8")


def test_seed_with_legal_notice_and_unrelated_headlines() -> None:
    text = _seed("000")
    art = _clean(text)
    reasons = [r.reason for r in art.removed]
    assert reasons.count("legal-notice") == 1
    assert reasons.count("unrelated-item") == 3
    assert art.outlet == "ILKHA"
    tail_start = min(r.start for r in art.removed if r.reason == "legal-notice")
    assert all(r.start >= tail_start for r in art.removed if r.reason != "agency-signoff")
    assert text[tail_start:].strip() not in art.body
    for seg in art.removed:
        if seg.reason != "agency-signoff":
            assert seg.text not in art.body
    assert art.body.endswith(text[:tail_start].strip().removesuffix("(ILKHA)").strip())
    _check_spans(art)


def test_seed_with_dateline_loses_nothing() -> None:
    text = _seed("002")
    art = _clean(text)
    assert art.removed == []
    assert art.body == text.strip()
    assert art.outlet == "Kurdistan24"
    assert art.dateline == "ERBIL"


_LINES = st.sampled_from(
    [
        *HARBOUR,
        *UNRELATED,
        LEGAL,
        "By Jane Doe",
        "Read more: Strike halts traffic",
        "DON'T MISS",
        "Home › News › Business",
        "(PNA)",
        "Photo: Cranes (Photo by Jane Doe)",
        "ERBIL (Kurdistan24) — Officials met.",
        "",
        "   ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(_LINES | st.text(max_size=60), max_size=14).map("\n".join),
        st.lists(_LINES, max_size=14).map("\n\n".join),
    )
)
def test_removed_spans_are_consistent_for_any_text(text: str) -> None:
    art = _clean(text)
    _check_spans(art)
    assert all(isinstance(r, Removed) and r.end > r.start for r in art.removed)
