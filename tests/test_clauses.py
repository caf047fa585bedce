"""Clause breaks: a sentence carrying two statements is cut between them, nothing else is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.nlp import load
from newsfuse.nlp.clauses import MIN_CLAUSE_WORDS, clause_breaks


def parts(text: str) -> list[str]:
    pos, out = 0, []
    for end, start in clause_breaks(load()(text)):
        out.append(text[pos:end].strip())
        pos = start
    out.append(text[pos:].strip())
    return out


def test_coordinated_clause_with_its_own_subject_is_a_second_statement() -> None:
    text = "The quake struck the port at dawn, and rescuers pulled 12 people from the rubble."
    assert parts(text) == [
        "The quake struck the port at dawn",
        "rescuers pulled 12 people from the rubble.",
    ]


def test_adverbial_clause_opened_by_a_conjunction_is_a_second_statement() -> None:
    text = (
        "The council approved the seawall budget on Tuesday "
        "after engineers warned that the old wall would fail."
    )
    assert parts(text) == [
        "The council approved the seawall budget on Tuesday",
        "after engineers warned that the old wall would fail.",
    ]


def test_reported_speech_shared_subject_and_quotes_stay_whole() -> None:
    for text in (
        "The mayor said the seawall would be finished by the end of next year.",
        "Rescuers searched the rubble and pulled 12 people out alive.",
        'He said "we will rebuild the harbour, and we will do it fast" on Monday.',
        "It rained, and the match was called off.",
    ):
        assert parts(text) == [text]


SENTENCES = [
    "The ferry left the harbour at noon, and the storm reached the coast an hour later.",
    "Officials closed the bridge because the river had risen above the warning mark.",
    "The minister said the budget would be published on Friday.",
    "Crews restored power to most homes while engineers inspected the damaged substation.",
    "The union called the strike off after the company raised its offer by four percent.",
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5))
def test_breaks_are_ordered_gaps_between_parts_long_enough(chosen: list[str]) -> None:
    text = " ".join(chosen)
    breaks = clause_breaks(load()(text))
    edges = [0] + [x for pair in breaks for x in pair] + [len(text)]
    assert edges == sorted(edges)
    for end, start in breaks:
        gap = text[end:start]
        assert all(not c.isalnum() for c in gap.replace("and", "").replace("but", ""))
    for part in parts(text):
        assert len(part.split()) >= MIN_CLAUSE_WORDS
