"""Fusion over hand-built analysed articles, so the tests do not depend on the extractors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.fuse import fuse
from newsfuse.fuse import timeline as timeline_module
from newsfuse.fuse.conflicts import agree, comparable
from newsfuse.ingest import read_sources
from newsfuse.model import (
    Article,
    Claim,
    Entity,
    Quantity,
    Quote,
    Removed,
    Span,
    Speaker,
    Story,
    StoryQuote,
    TimeExpr,
)
from newsfuse.nlp import gazetteer
from newsfuse.pipeline import analyze_batch

_SENT = re.compile(r"[^\n.!?]+(?:[.!?]+[\"”]?|$)", re.MULTILINE)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def art(
    aid: str,
    outlet: str,
    text: str,
    *,
    title: str | None = None,
    entities: dict[str, list[str]] | None = None,
    quantities: list[tuple[str, str, float, str, float | None, float | None]] = (),  # type: ignore[assignment]
    times: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    quotes: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
) -> Article:
    """An analysed article: sentences by punctuation, facts found by their text."""
    sentences = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Span.of(text, s, e))
    ents = [
        Entity(name=name, type="PERSON", mentions=[Span.of(text, *_span(text, m)) for m in ms])
        for name, ms in (entities or {}).items()
    ]
    qs = [
        Quantity.of(text, *_span(text, t), kind=kind, value=v, unit=u, usd=usd, eur=eur)  # type: ignore[arg-type]
        for t, kind, v, u, usd, eur in quantities
    ]
    ts = [TimeExpr.of(text, *_span(text, t), type="DATE", value=v) for t, v in times]
    qts = [
        Quote(
            speaker=Speaker.of(text, *_span(text, who.split()[-1]), entity=who) if who else None,
            cue=None,
            content=Span.of(text, *_span(text, content)),
            kind="direct",
        )
        for content, who in quotes
    ]
    return Article(
        id=aid,
        text=text,
        body=text,
        title=title,
        outlet=outlet,
        sentences=sentences,
        entities=ents,
        quantities=qs,
        times=ts,
        quotes=qts,
    )


def claim_with(story: Story, words: str):  # type: ignore[no-untyped-def]
    found = [c for c in story.claims if any(words in s.text for s in c.sources)]
    assert found, f"no claim cites {words!r}: {[c.text for c in story.claims]}"
    return found[0]


def test_corroboration_single_source_and_omissions() -> None:
    a = art(
        "a",
        "Alpha",
        "The river flooded the old town of Brenna on Monday, forcing hundreds from their homes.\n"
        "The mayor opened the sports hall as an emergency shelter for the night.",
    )
    b = art(
        "b",
        "Beta",
        "Hundreds fled their homes on Monday when the river flooded Brenna's old town.\n"
        "Insurance companies expect claims to run high after the storm season.",
    )
    c = art("c", "Gamma", "Schools across the region will stay closed until further notice.")
    story = fuse("st", [a, b, c])
    flood = claim_with(story, "river flooded the old town")
    assert flood.status == "corroborated"
    assert flood.outlets == ["Alpha", "Beta"]
    assert {s.article for s in flood.sources} == {"a", "b"}
    shelter = claim_with(story, "sports hall")
    assert shelter.status == "single-source"
    assert shelter.outlets == ["Alpha"]
    assert story.omissions == {"Gamma": [flood.id]}
    assert [c.id for c in story.claims] == [f"st-c{i}" for i in range(1, len(story.claims) + 1)]
    for claim in story.claims:
        for src in claim.sources:
            text = {"a": a, "b": b, "c": c}[src.article].text
            assert text[src.start : src.end] == src.text


def test_title_and_headings_are_not_claims() -> None:
    text = (
        "Flooding hits Brenna\n"
        "The river flooded the old town of Brenna on Monday, forcing hundreds from home.\n"
        "Rescue Efforts Continue\n"
        "Volunteers filled sandbags along the embankment through the night."
    )
    story = fuse("st", [art("a", "Alpha", text, title="Flooding hits Brenna")])
    texts = [c.text for c in story.claims]
    assert not any("Flooding hits" in t or "Rescue Efforts" in t for t in texts)
    assert len(texts) == 2


def test_syndicated_copy_counts_once() -> None:
    text = (
        "The central bank raised its main interest rate by half a point on Thursday.\n"
        "Economists had expected a smaller increase after two months of falling prices."
    )
    original = art("wire", "Wire Service", text)
    copy = art("paper", "Daily Paper", text)
    story = fuse("st", [original, copy])
    rate = claim_with(story, "raised its main interest rate")
    assert {s.article for s in rate.sources} == {"wire", "paper"}
    assert rate.status == "single-source"


def test_same_outlet_twice_counts_once() -> None:
    a = art("a1", "Alpha", "The ferry service to the island was suspended because of high winds.")
    b = art("a2", "Alpha", "High winds forced the suspension of the island ferry service.")
    story = fuse("st", [a, b])
    assert claim_with(story, "ferry service").status == "single-source"


def test_casualty_counts_conflict_names_both_sides() -> None:
    a = art(
        "a",
        "Alpha",
        "Officials said 12 people were killed when the bridge collapsed in Tarvo.",
        quantities=[("12 people", "count", 12, "people", None, None)],
    )
    b = art(
        "b",
        "Beta",
        "Officials said 15 people were killed when the bridge collapsed in Tarvo.",
        quantities=[("15 people", "count", 15, "people", None, None)],
    )
    story = fuse("st", [a, b])
    ca, cb = claim_with(story, "12 people"), claim_with(story, "15 people")
    assert ca.id != cb.id
    assert ca.status == cb.status == "conflicting"
    assert ca.conflicts_with == [cb.id] and cb.conflicts_with == [ca.id]
    assert ca.conflict and "12 people" in ca.conflict and "15 people" in ca.conflict
    assert [s.article for s in ca.sources] == ["a"] and [s.article for s in cb.sources] == ["b"]


def test_converted_currency_is_agreement() -> None:
    a = art(
        "a",
        "Alpha",
        "EU leaders agreed to lend Ukraine $105 billion to cover its budget shortfall.",
        quantities=[("$105 billion", "money", 105e9, "USD", 105e9, 89.7e9)],
    )
    b = art(
        "b",
        "Beta",
        "EU leaders agreed to lend Ukraine 90 billion euros to cover its budget shortfall.",
        quantities=[("90 billion euros", "money", 90e9, "EUR", 105.4e9, 90e9)],
    )
    story = fuse("st", [a, b])
    loan = claim_with(story, "$105 billion")
    assert loan.status == "corroborated"
    assert not loan.conflicts_with
    assert {q.unit for q in story.quantities} == {"USD", "EUR"}


def test_different_dates_for_one_event_conflict() -> None:
    a = art(
        "a",
        "Alpha",
        "The two presidents met in Geneva on Tuesday to sign the water treaty.",
        times=[("on Tuesday", "2025-03-04")],
    )
    b = art(
        "b",
        "Beta",
        "The two presidents met in Geneva on Wednesday to sign the water treaty.",
        times=[("on Wednesday", "2025-03-05")],
    )
    story = fuse("st", [a, b])
    claim = claim_with(story, "on Tuesday")
    assert claim.status == "conflicting"
    assert claim.conflict and "2025-03-04" in claim.conflict and "2025-03-05" in claim.conflict


def test_statements_dated_apart_are_two_claims() -> None:
    """Alike in words, but a July call and a Sunday statement are two events."""
    a = art(
        "a",
        "Alpha",
        "In July, Macron held a phone call with Putin about a ceasefire in Ukraine.",
        entities={"Macron": ["Macron"], "Putin": ["Putin"]},
        times=[("In July", "2025-07")],
    )
    b = art(
        "b",
        "Beta",
        "On Sunday, Putin said he was ready to hold a phone call with Macron about Ukraine.",
        entities={"Macron": ["Macron"], "Putin": ["Putin"]},
        times=[("On Sunday", "2025-12-21")],
    )
    story = fuse("st", [a, b])
    assert claim_with(story, "In July").status == "single-source"
    assert claim_with(story, "On Sunday").status == "single-source"


def test_direct_statements_of_different_people_are_two_claims() -> None:
    """Alike in topic and words, but one is Ortega's statement and the other Lind's."""
    ortega = "My government is ready to hold border talks with Lind next month"
    lind = "Border talks with Ortega can begin once his troops stop the raids"
    a = art(
        "a",
        "Alpha",
        f"“{ortega},” Ortega said on the border talks.",
        entities={"Luis Ortega": ["Ortega"], "Eva Lind": ["Lind"]},
        quotes=[(ortega, "Luis Ortega")],
    )
    b = art(
        "b",
        "Beta",
        f"“{lind},” Lind said on the border talks.",
        entities={"Luis Ortega": ["Ortega"], "Eva Lind": ["Lind"]},
        quotes=[(lind, "Eva Lind")],
    )
    story = fuse("st", [a, b])
    assert claim_with(story, "Ortega said").status == "single-source"
    assert claim_with(story, "Lind said").status == "single-source"


def _with_written_speaker(article: Article, who: str, content: str) -> Article:
    """The article quoting `content`, its speaker written as `who` and resolved to no one."""
    text = article.text
    quote = Quote(
        speaker=Speaker.of(text, *_span(text, who)),
        cue=None,
        content=Span.of(text, *_span(text, content)),
        kind="indirect",
    )
    return article.model_copy(update={"quotes": [quote]})


def test_unnamed_source_is_shown_as_written_and_a_pronoun_is_not() -> None:
    text = "Hospitals said the wards were full. He said the roads were closed."
    a = art("a", "Alpha", text)
    by_hospitals = fuse("st", [_with_written_speaker(a, "Hospitals", "the wards were full")])
    assert [q.speaker for q in by_hospitals.quotes] == ["Hospitals"]
    by_pronoun = fuse("st", [_with_written_speaker(a, "He", "the roads were closed")])
    assert by_pronoun.quotes == []  # credited to no one: not a statement of anyone


def test_someones_source_whose_owner_is_unknown_is_credited_to_no_one() -> None:
    text = "Her spokesman said the roads were closed until the morning."
    a = art("a", "Alpha", text)
    story = fuse("st", [_with_written_speaker(a, "Her spokesman", "the roads were closed")])
    assert story.quotes == []


def test_negation_conflicts() -> None:
    a = art("a", "Alpha", "The minister confirmed that the plant will close next year.")
    b = art("b", "Beta", "The minister did not confirm that the plant will close next year.")
    story = fuse("st", [a, b])
    assert claim_with(story, "did not confirm").status == "conflicting"


def test_reworded_quote_is_one_quote_with_variants() -> None:
    a = art(
        "a",
        "Alpha",
        "“If there is the will on both sides, it can only be viewed positively,” Ortega said.",
        entities={"Luis Ortega": ["Ortega"]},
        quotes=[
            ("If there is the will on both sides, it can only be viewed positively", "Luis Ortega")
        ],
    )
    b = art(
        "b",
        "Beta",
        '"If there is the will on both sides, this can only be assessed positively," said Ortega.',
        entities={"Luis Ortega": ["Ortega"]},
        quotes=[
            (
                "If there is the will on both sides, this can only be assessed positively",
                "Luis Ortega",
            )
        ],
    )
    story = fuse("st", [a, b])
    assert len(story.quotes) == 1
    quote = story.quotes[0]
    assert quote.speaker == "Luis Ortega"
    assert {s.article for s in quote.sources} == {"a", "b"}
    assert [v.article for v in quote.variants] == ["a", "b"]


def test_same_words_given_to_different_speakers_conflict() -> None:
    words = "We will not accept any deal that divides the country"
    a = art(
        "a",
        "Alpha",
        f"“{words},” the prime minister Anna Berg said on Friday.",
        quotes=[(words, "Anna Berg")],
    )
    b = art(
        "b",
        "Beta",
        f"“{words},” the opposition leader Karl Dahl said on Friday.",
        quotes=[(words, "Karl Dahl")],
    )
    story = fuse("st", [a, b])
    claim = claim_with(story, "Anna Berg")
    assert claim.status == "conflicting"
    assert claim.conflict and "Anna Berg" in claim.conflict and "Karl Dahl" in claim.conflict
    assert len(story.quotes) == 2


def test_the_same_words_credited_apart_by_a_misread_attribution_are_one_claim() -> None:
    """One report names the speaker; the other's "he" resolves to someone else (a wrong
    resolution, not a second speaker the text names): the same words are one statement."""
    words = "We will not accept any deal that divides the country"
    a = art(
        "a",
        "Alpha",
        f"“{words},” Anna Berg said on Friday.",
        entities={"Anna Berg": ["Anna Berg"]},
        quotes=[(words, "Anna Berg")],
    )
    text = f"Karl Dahl spoke first. “{words},” he said on Friday."
    b = art("b", "Beta", text, entities={"Karl Dahl": ["Karl Dahl"]})
    he = text.index("he said")
    b.quotes = [
        Quote(
            speaker=Speaker.of(text, he, he + 2, entity="Karl Dahl"),
            cue=None,
            content=Span.of(text, *_span(text, words)),
            kind="direct",
        )
    ]
    story = fuse("st", [a, b])
    claim = claim_with(story, "Anna Berg")
    assert claim.status == "corroborated"
    assert any("he said" in s.text for s in claim.sources)


def test_timeline_in_date_order_with_resolved_dates_only() -> None:
    a = art(
        "a",
        "Alpha",
        "The talks resumed on Sunday in Vienna.\n"
        "The previous round collapsed in July after a week.\n"
        "Diplomats now expect a deal soon.",
        times=[("on Sunday", "2025-12-21"), ("in July", "2025-07"), ("now", "PRESENT_REF")],
    )
    story = fuse("st", [a])
    assert [t.date for t in story.timeline] == ["2025-07", "2025-12-21"]
    assert story.timeline[0].sources[0].text.startswith("The previous round")


@given(st.floats(min_value=1, max_value=1e12), st.sampled_from(["USD", "EUR"]))
def test_an_amount_agrees_with_itself(value: float, unit: str) -> None:
    text = f"{value:.0f} {unit}"
    q = Quantity.of(text, 0, len(text), kind="money", value=value, unit=unit)
    assert comparable(q, q) and agree(q, q)


def test_counts_of_different_things_are_not_compared() -> None:
    dead = Quantity.of("12 people", 0, 9, kind="count", value=12, unit="people")
    cars = Quantity.of("15 cars", 0, 7, kind="count", value=15, unit="cars")
    more = Quantity.of("15 people", 0, 9, kind="count", value=15, unit="people")
    assert not comparable(dead, cars)
    assert comparable(dead, more) and not agree(dead, more)


# --- the two seed reports (../shared/seeds), end to end -------------------------------------
# Which extractor each assertion leans on: outlets ILKHA/Kurdistan24 and the removed
# trailing headlines come from clean.py; the quotes from nlp/quotes.py (speaker entities
# from nlp/entities.py); the timeline from nlp/times.py; the loan staying out of conflict
# once amounts are extracted from nlp/quantities.py (usd/eur conversion).

SEED_DATE = date(2025, 12, 21)


@pytest.fixture(scope="module")
def seed_story(seeds: Path) -> tuple[Story, list[Article]]:
    from newsfuse import pipeline

    read = [a for a in read_sources([str(seeds)]) if isinstance(a, Article)]
    analysed = pipeline.analyze_batch(read, SEED_DATE)
    briefing = pipeline.brief(analysed)
    assert len(briefing.stories) == 1
    return briefing.stories[0], analysed


def _claim_citing(story: Story, *words: str) -> Claim:
    for c in story.claims:
        if any(all(w in s.text for w in words) for s in c.sources):
            return c
    raise AssertionError(f"no claim cites {words}")


@pytest.mark.slow
def test_seed_corroborated_core(seed_story: tuple[Story, list[Article]]) -> None:
    story, _ = seed_story
    both = [c for c in story.claims if c.status == "corroborated" and len(c.outlets) == 2]
    assert len(both) >= 5
    loan = _claim_citing(story, "loan")
    assert loan.status == "corroborated" and not loan.conflicts_with


@pytest.mark.slow
@pytest.mark.parametrize(
    ("words", "outlet"),
    [
        (("Hungary", "Slovakia"), "ILKHA"),
        (("July", "phone call"), "ILKHA"),
        (("Euroclear",), "Kurdistan24"),
        (("Miami", "talks"), "Kurdistan24"),
    ],
)
def test_seed_single_source(
    seed_story: tuple[Story, list[Article]], words: tuple[str, ...], outlet: str
) -> None:
    claim = _claim_citing(seed_story[0], *words)
    assert claim.status == "single-source"
    assert claim.outlets == [outlet]


@pytest.mark.slow
@pytest.mark.parametrize("words", ["mutual political will", "right framework"])
def test_seed_quote_carried_by_both(seed_story: tuple[Story, list[Article]], words: str) -> None:
    story, _ = seed_story
    quotes = [q for q in story.quotes if any(words in s.text for s in q.sources)]
    assert any(len({s.article for s in q.sources}) == 2 for q in quotes)


@pytest.mark.slow
def test_seed_timeline(seed_story: tuple[Story, list[Article]]) -> None:
    dates = {t.date for t in seed_story[0].timeline}
    assert {"2025-12-21", "2025-12-19", "2025-07"} <= dates


@pytest.mark.slow
def test_seed_timeline_reads_right(seed_story: tuple[Story, list[Article]]) -> None:
    """The Kremlin's Sunday statement once, on its day; nothing dated after the reports;
    every entry a sentence, none dated by an aside or a date it is reckoned from."""
    timeline = seed_story[0].timeline
    kremlin = [t for t in timeline if "the Kremlin said on Sunday" in t.text]
    assert [t.date for t in kremlin] == ["2025-12-21"]
    assert all(t.date <= "2025-12-21" for t in timeline)
    assert all(t.text[:1].isupper() or t.text[:1] in '"“' for t in timeline)
    assert not any("since" in t.text and t.date.startswith("2022") for t in timeline)


@pytest.mark.slow
def test_seed_removed_text_never_appears(seed_story: tuple[Story, list[Article]]) -> None:
    story, articles = seed_story
    removed = {a.id: a.removed for a in articles}
    assert any(removed.values())
    refs = [s for c in story.claims for s in c.sources]
    refs += [s for q in story.quotes for s in q.sources]
    refs += [s for t in story.timeline for s in t.sources]
    for ref in refs:
        assert not any(r.start < ref.end and ref.start < r.end for r in removed[ref.article])


def test_trimmed_statement_is_not_its_negation() -> None:
    a = art(
        "a",
        "Alpha",
        "The director said she took full responsibility but did not personally gain from the deal.",
    )
    b = art("b", "Beta", "The director said she took full responsibility for the deal.")
    story = fuse("st", [a, b])
    assert all(c.status != "conflicting" for c in story.claims)


def test_indirect_statement_of_the_same_words_is_no_speaker_conflict() -> None:
    words = "the bridge will reopen to traffic before the winter"
    a = art(
        "a",
        "Alpha",
        "“The bridge will reopen to traffic before the winter,” engineer Lena Holm said.",
        quotes=[("The bridge will reopen to traffic before the winter", "Lena Holm")],
    )
    b = art(
        "b",
        "Beta",
        f"The City Council said {words}.",
        quotes=[(words, "City Council")],
    )
    b.quotes[0] = b.quotes[0].model_copy(update={"kind": "indirect"})
    story = fuse("st", [a, b])
    assert all(c.status != "conflicting" for c in story.claims)


def test_lengths_are_not_compared_for_conflicts() -> None:
    a = Quantity.of("one and a half metres", 0, 21, kind="other", value=1.5, unit="metres")
    b = Quantity.of("2 metres", 0, 8, kind="other", value=2, unit="metres")
    assert not comparable(a, b)


def test_removed_line_leaves_the_rest_of_its_parsed_sentence() -> None:
    text = "Storm floods the harbour\nMenu Home News\nThe harbour flooded on Monday night."
    a = art("a", "Alpha", text)
    menu = _span(text, "Menu Home News")
    a = a.model_copy(
        update={
            "sentences": [Span.of(text, 0, len(text))],
            "removed": [Removed.of(text, *menu, reason="navigation")],
        }
    )
    cited = [s.text for c in fuse("st", [a]).claims for s in c.sources]
    assert "The harbour flooded on Monday night." in cited
    assert not any("Menu" in t for t in cited)


def test_a_sentence_with_two_statements_corroborates_each_of_them() -> None:
    """Alpha states both facts in one sentence; Beta and Gamma each report one of them."""
    texts = {
        "Alpha": "The quake struck the port of Velmar at dawn on Monday, and rescuers "
        "pulled twelve people from the rubble of the fish market.",
        "Beta": "Rescuers pulled twelve people from the rubble of the fish market in Velmar.",
        "Gamma": "A strong quake struck the port of Velmar at dawn on Monday.",
    }
    arts = analyze_batch([Article(id=o.lower(), text=t, outlet=o) for o, t in texts.items()])
    story = fuse("st", arts)
    carried = [c.outlets for c in story.claims]
    assert ["Alpha", "Beta"] in carried  # the rescue
    assert ["Alpha", "Gamma"] in carried  # the quake
    assert ["Alpha", "Beta", "Gamma"] not in carried  # Beta and Gamma state different facts


def _rehab_reports() -> list[Article]:
    """Three reports leading with one event; each body adds facts of its own."""
    kellen = {"Mara Kellen": ["Mara Kellen", "Kellen"]}
    texts = {
        "Alpha": "Film star Mara Kellen has checked into a rehabilitation clinic in Velmont, "
        "her publicist said. Kellen entered the Pinecrest clinic on Tuesday. She launched a "
        "perfume line called Dusk in December.",
        "Beta": "Actress Mara Kellen has entered rehab at the Pinecrest clinic in Velmont. Her "
        "publicist gave no reason for the stay. Kellen's new film opens in cinemas next spring.",
        "Gamma": "Mara Kellen checked herself into the Pinecrest rehabilitation clinic, her "
        "representative confirmed. The actress, 34, has starred in four crime dramas. Friends "
        "said Kellen had checked into Pinecrest of her own accord.",
    }
    return [art(o.lower(), o, t, entities=kellen) for o, t in texts.items()]


def test_the_core_event_cites_the_leads_that_state_it_and_nothing_else() -> None:
    story = fuse("st", _rehab_reports())
    cores = [c for c in story.claims if c.core]
    assert len(cores) == 1
    core = cores[0]
    assert core.status == "corroborated"
    assert core.outlets == ["Alpha", "Beta", "Gamma"]
    cited = {s.text for s in core.sources}
    assert {
        "Film star Mara Kellen has checked into a rehabilitation clinic in Velmont, her "
        "publicist said.",
        "Actress Mara Kellen has entered rehab at the Pinecrest clinic in Velmont.",
    } <= cited
    assert len(cited) == 3  # one sentence per report
    for other in ("perfume line", "new film", "crime dramas", "no reason"):
        assert not any(other in t for t in cited), other


def test_no_core_event_when_the_leads_report_different_things() -> None:
    texts = {
        "Alpha": "The city council approved a new budget for the harbour on Monday. "
        "The vote was 31 to 8.",
        "Beta": "Fishermen in Porthaven say the autumn catch was the worst in a decade. "
        "Prices at the quay have doubled.",
    }
    story = fuse("st", [art(o.lower(), o, t) for o, t in texts.items()])
    assert not any(c.core for c in story.claims)


def test_the_core_event_is_one_fact_the_leads_state() -> None:
    """Two reports lead with the arrest, two with the charge: two facts. The core is the
    one stated first; the other stays a claim of its own, and neither cites the bodies."""
    texts = {
        "Alpha": "Daniel Ferro, 41, of Harlow Road, Kelby, was arrested on Saturday near the "
        "house where Ruth Ferro, 66, and Anna Ferro, 30, were found dead. Neighbours said "
        "the family had lived in the street for years.",
        "Beta": "Daniel Ferro, 41, was arrested near the house in Harlow Road, Kelby, where "
        "Ruth Ferro, 66, and Anna Ferro, 30, were found dead. The street was closed for two "
        "days.",
        "Gamma": "A man has been charged with the murder of his mother and sister in Kelby. "
        "He will appear before magistrates on Monday.",
        "Delta": "A 41-year-old man has been charged with murdering his mother and sister in "
        "Kelby. Police said they were not looking for anyone else.",
    }
    arts = analyze_batch([Article(id=o.lower(), text=t, outlet=o) for o, t in texts.items()])
    story = fuse("st", arts)
    core = [c for c in story.claims if c.core]
    assert [c.outlets for c in core] == [["Alpha", "Beta"]]
    assert not any("street" in s.text or "magistrates" in s.text for s in core[0].sources)
    charged = [c for c in story.claims if not c.core and "charged" in c.text]
    assert [c.outlets for c in charged] == [["Gamma", "Delta"]]


def test_a_dateline_the_parser_cut_off_opens_the_lead_unit() -> None:
    text = (
        "DROVNY (Meridian Wire) — An overnight train derailed near Drovny on Wednesday. "
        "Rescuers searched the wreckage."
    )
    a = art("a", "Meridian Wire", text)
    dateline = _span(text, "DROVNY (Meridian Wire) —")
    lead = (dateline[0], text.index("Rescuers") - 1)
    a = a.model_copy(
        update={"sentences": [Span.of(text, *dateline), Span.of(text, dateline[1] + 1, lead[1])]}
    )
    cited = [s.text for c in fuse("st", [a]).claims for s in c.sources]
    assert cited == [text[lead[0] : lead[1]]]


def test_the_lead_is_the_first_two_sentences() -> None:
    """A standfirst opens Alpha; its lede, the second sentence, is still in the lead."""
    texts = {
        "Alpha": "Dozens of passengers were taken to hospital after carriages slid down an "
        "embankment in the hills.\n\nThe night express came off the rails near Drovny on "
        "Wednesday, trapping passengers for hours.",
        "Beta": "A night express came off the rails near Drovny on Wednesday, the operator "
        "said.\n\nInvestigators are examining the track.",
    }
    arts = analyze_batch([Article(id=o.lower(), text=t, outlet=o) for o, t in texts.items()])
    core = [c for c in fuse("st", arts).claims if c.core]
    assert [c.outlets for c in core] == [["Alpha", "Beta"]]
    assert any("came off the rails" in s.text for s in core[0].sources)
    assert not any("taken to hospital" in s.text for s in core[0].sources)


# --- one claim, one fact --------------------------------------------------------------


def _pairs(n: int, linked: dict[tuple[int, int], float]):  # type: ignore[no-untyped-def]
    import numpy as np

    from newsfuse.fuse.claims import Pairs

    keys = sorted(linked)
    return Pairs(
        i=np.array([a for a, _ in keys], dtype=np.int64),
        j=np.array([b for _, b in keys], dtype=np.int64),
        probability=np.array([linked[k] for k in keys]),
        cosine=np.zeros(len(keys)),
    )


def _units(articles: list[int]):  # type: ignore[no-untyped-def]
    from newsfuse.fuse.claims import Unit

    return [Unit(article=a, start=0, end=1, text=f"unit {k}") for k, a in enumerate(articles)]


def test_links_never_chain_two_facts_into_one_claim() -> None:
    """0~1 and 1~2 are likely, 0~2 is not: two claims sharing unit 1, not one of three."""
    from newsfuse.fuse.claims import claim_groups

    units = _units([0, 1, 2, 2])
    groups = claim_groups(
        units, _pairs(4, {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.1}), lambda a, b: False
    )
    assert groups == [[0, 1], [1, 2], [3]]


def test_a_separated_pair_is_never_one_claim() -> None:
    from newsfuse.fuse.claims import claim_groups

    units = _units([0, 1])
    assert claim_groups(units, _pairs(2, {(0, 1): 0.9}), lambda a, b: True) == [[0], [1]]


def test_too_many_cliques_are_grown_greedily(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsfuse.fuse import claims

    monkeypatch.setattr(claims, "CLIQUE_BUDGET", 1)
    units = _units([0, 1, 2])
    groups = claims.claim_groups(
        units, _pairs(3, {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.7}), lambda a, b: False
    )
    assert groups == [[0, 1, 2]]


def test_a_claim_text_is_a_whole_sentence_of_a_source() -> None:
    a = art("a", "Alpha", "The dam burst on Monday, flooding nine villages. Crews are on site.")
    b = art("b", "Beta", "Nine villages were flooded when the dam burst on Monday.")
    story = fuse("st", [a, b])
    sentences = {s.text for x in (a, b) for s in x.sentences}
    assert all(c.text in sentences for c in story.claims)


# --- conflicts about one fact ---------------------------------------------------------


def test_percentages_of_different_things_do_not_conflict() -> None:
    a = art(
        "a",
        "Alpha",
        "In the poll, Romney leads with 21 percent of voters, ahead of Trump.",
        quantities=[("21 percent", "percent", 21.0, "%", None, None)],
    )
    b = art(
        "b",
        "Beta",
        "In the poll, Pawlenty earned 6 percent of voters, behind Romney.",
        quantities=[("6 percent", "percent", 6.0, "%", None, None)],
    )
    assert not any(c.status == "conflicting" for c in fuse("st", [a, b]).claims)


def test_a_background_year_is_no_date_conflict() -> None:
    a = art(
        "a",
        "Alpha",
        "Huckabee announced on Tuesday that he is running for president.",
        times=[("on Tuesday", "2011-01-04")],
    )
    b = art(
        "b",
        "Beta",
        "Huckabee, who ran for president in 2008, is running for president again.",
        times=[("2008", "2008")],
    )
    assert not any(c.status == "conflicting" for c in fuse("st", [a, b]).claims)


# --- who said what --------------------------------------------------------------------


def test_a_place_and_a_fragment_are_not_statements() -> None:
    text = "Hungary kept open lines of contact with Moscow. Leaders spoke of institutional credibility."
    a = art("a", "Alpha", text)
    place = Quote(
        speaker=Speaker.of(text, *_span(text, "Hungary"), entity="Hungary"),
        cue=None,
        content=Span.of(text, *_span(text, "open lines of contact with Moscow")),
        kind="indirect",
    )
    short = Quote(
        speaker=Speaker.of(text, *_span(text, "Leaders")),
        cue=None,
        content=Span.of(text, *_span(text, "institutional credibility")),
        kind="indirect",
    )
    hungary = Entity(
        name="Hungary",
        type="GPE",
        mentions=[Span.of(text, *_span(text, "Hungary"))],
        place=gazetteer.resolve("Hungary"),
    )
    a = a.model_copy(update={"quotes": [place, short], "entities": [hungary]})
    assert fuse("st", [a]).quotes == []


def test_a_name_the_tagger_calls_a_place_still_speaks() -> None:
    """The tagger types many surnames GPE; one the gazetteer cannot place is a speaker."""
    text = "Nefzi said the new clinic would open to patients by the end of March."
    a = art("a", "Alpha", text)
    quote = Quote(
        speaker=Speaker.of(text, *_span(text, "Nefzi"), entity="Nefzi"),
        cue=Span.of(text, *_span(text, "said")),
        content=Span.of(
            text, *_span(text, "the new clinic would open to patients by the end of March")
        ),
        kind="indirect",
    )
    nefzi = Entity(name="Nefzi", type="GPE", mentions=[Span.of(text, *_span(text, "Nefzi"))])
    assert gazetteer.resolve("Nefzi") is None
    a = a.model_copy(update={"quotes": [quote], "entities": [nefzi]})
    assert [q.speaker for q in fuse("st", [a]).quotes] == ["Nefzi"]


# --- timeline -------------------------------------------------------------------------


def test_one_statement_reported_twice_is_one_timeline_entry() -> None:
    a = art(
        "a",
        "Alpha",
        "At its annual year-end review, the Kremlin said on Sunday that Putin is ready to talk to Macron.",
        times=[("year-end", "2025-12-31"), ("on Sunday", "2025-12-21")],
    )
    b = art(
        "b",
        "Beta",
        "The Kremlin said on Sunday that Putin is ready to talk to Macron.",
        times=[("on Sunday", "2025-12-21")],
    )
    story = fuse("st", [a, b])
    assert [(t.date, len(t.sources)) for t in story.timeline] == [("2025-12-21", 2)]


def test_nothing_after_publication_unless_it_lies_ahead() -> None:
    text = "The bridge closed on Monday. It will reopen on March 30. Repairs began on March 29."
    a = art(
        "a",
        "Alpha",
        text,
        times=[
            ("on Monday", "2026-03-09"),
            ("on March 30", "2026-03-30"),
            ("on March 29", "2026-03-29"),
        ],
    ).model_copy(update={"published": "2026-03-10"})
    dates = [t.date for t in fuse("st", [a]).timeline]
    assert dates == ["2026-03-09", "2026-03-30"]


def test_a_reported_demand_or_characterisation_is_shown_with_its_verb() -> None:
    """'to approve the budget' or 'its plans as "reckless"' say nothing without the verb
    that reports them; a reported clause is shown without it."""
    text = (
        "Mayor Ida Brenn called on the harbour council to approve the seawall budget by May. "
        'Councillor Tomas Lind described the mayor\'s timetable as "wildly optimistic" on Monday. '
        "Brenn said the first section of the wall would be finished before the winter."
    )
    (article,) = analyze_batch([Article(id="a", text=text, outlet="Alpha")], SEED_DATE)
    shown = {q.text for q in fuse("st", [article]).quotes}
    assert "called on the harbour council to approve the seawall budget by May" in shown
    assert 'described the mayor\'s timetable as "wildly optimistic" on Monday' in shown
    assert "the first section of the wall would be finished before the winter" in shown


def _entries(*texts: str) -> list[StoryQuote]:
    """Who said what of one story whose articles (one per outlet) are these texts."""
    arts = [Article(id=f"a{n}", text=t, outlet=f"Outlet {n}") for n, t in enumerate(texts)]
    return fuse("st", analyze_batch(arts, SEED_DATE)).quotes


def test_the_object_of_a_cue_is_shown_with_the_cue() -> None:
    """'the harbour board of hiding the costs' says nothing without 'accused'; a cue that
    is itself an infinitive is shown from the verb it hangs on, not bare."""
    shown = {
        q.text
        for q in _entries(
            "Councillor Tomas Lind accused the harbour board of hiding the true cost of the "
            "seawall. Mayor Ida Brenn continues to call on the ferry company to lower its "
            "fares for island residents."
        )
    }
    assert "accused the harbour board of hiding the true cost of the seawall" in shown
    assert "continues to call on the ferry company to lower its fares for island residents" in shown
    (entry,) = _entries(
        "The mayor singled out the harbour board for what she called years of neglect of the "
        "old seawall."
    )
    assert entry.text.startswith("singled out the harbour board for what she called")
    (entry,) = _entries(
        "The ferry company repeated that the island fares would stay frozen until the spring."
    )
    assert entry.text.startswith("that the island fares would stay frozen")


def test_a_comma_inside_the_closing_mark_is_not_shown() -> None:
    text = (
        'Councillor Tomas Lind said the seawall was "a monument to vanity," and left the chamber.'
    )
    (entry,) = _entries(text)
    assert entry.text == 'the seawall was "a monument to vanity"'
    (src,) = entry.sources
    assert text[src.start : src.end] == src.text == 'the seawall was "a monument to vanity,"'


def test_a_quotation_its_cue_interrupts_is_one_entry_citing_both_pieces() -> None:
    text = (
        '"The longer the council waits," Mayor Ida Brenn said, "the more the seawall '
        'will cost the town."'
    )
    (entry,) = _entries(text)
    assert entry.text == "The longer the council waits … the more the seawall will cost the town."
    assert [text[s.start : s.end] for s in entry.sources] == [s.text for s in entry.sources]
    assert len(entry.sources) == 2


def test_quoted_words_that_go_on_with_the_writers_sentence_are_shown_as_mixed() -> None:
    """The speaker's words go on from the writer's ('countered that Brenn "is ..."'): shown
    alone, they would be a fragment with no subject."""
    (entry,) = _entries(
        'Councillor Tomas Lind countered that Brenn "is a phone call away from a deal and '
        'she knows it."'
    )
    assert entry.kind == "mixed"
    assert entry.text == (
        'countered that Brenn "is a phone call away from a deal and she knows it."'
    )


def test_a_quoted_title_is_not_a_statement() -> None:
    entries = _entries(
        'Mayor Ida Brenn said, "Save Our Harbour Wall Day." '
        'She said, "The seawall will be finished before the winter storms arrive."'
    )
    assert [e.text.strip('"') for e in entries] == [
        "The seawall will be finished before the winter storms arrive."
    ]


def test_two_statements_of_one_outlet_are_never_compared_as_two_wordings() -> None:
    """Each linked to a third outlet's sentence, they must not chain into one entry whose
    wordings compare the outlet with itself ("Alpha vs Alpha")."""
    one = (
        'Mayor Ida Brenn said, "The seawall will be finished before the winter storms." '
        'Brenn added, "The seawall will be paid for before the winter storms."'
    )
    other = 'Mayor Ida Brenn said, "The seawall will be finished and paid for before the winter storms."'
    entries = _entries(one, other)
    assert all(len({v.article for v in e.variants}) == len(e.variants) for e in entries)


def test_a_sentence_one_outlet_quotes_apart_is_cited_in_the_longer_passage() -> None:
    """Outlet 1 quotes two sentences as one passage, outlet 0 each apart: both of outlet
    0's sentences belong to the one entry, not the second shown again on its own."""
    apart = (
        'Mayor Ida Brenn said, "The seawall will be finished before the winter storms." '
        'She added: "The ferry to the island will run every hour all winter long."'
    )
    passage = (
        'Mayor Ida Brenn said, "The seawall will be finished before the winter storms. '
        'The ferry to the island will run every hour all winter long."'
    )
    (entry,) = _entries(apart, passage)
    assert sorted(s.article for s in entry.sources) == ["a0", "a0", "a1"]


def test_a_quotation_told_in_two_sentences_is_one_claim() -> None:
    """Both reports quote the harbour master's two sentences: one statement, one claim,
    shown whole; two sentences of different quotations stay two claims."""
    first = "The east pier will reopen to ferries in May"
    second = "Until then the night crossing sails from the old quay"
    other = "Fishing boats keep their berths on the west pier all winter"
    text_a = (
        "Storm damage closed the harbour for a week. Repairs cost the town council dearly. "
        f"“{first}. {second}.” Harbour master Ines Varga spoke on Monday. “{other}.”"
    )
    text_b = (
        "Ferry passengers have waited for news since the gale. Traders fear a quiet spring. "
        f"Ines Varga said: “{first}. {second}.” She added: “{other}.”"
    )
    quotes = [(f"{first}. {second}.", "Ines Varga"), (f"{other}.", "Ines Varga")]
    people = {"Ines Varga": ["Ines Varga"]}
    story = fuse(
        "st",
        [
            art(aid, outlet, text, entities=people, quotes=quotes)
            for aid, outlet, text in (("a", "Alpha", text_a), ("b", "Beta", text_b))
        ],
    )
    joined = claim_with(story, first)
    cited = [s.text for s in joined.sources]
    assert sum(first in t for t in cited) == 2 and sum(second in t for t in cited) == 2
    assert first in joined.text and second in joined.text
    assert joined.status == "corroborated"
    assert not any(other in t for t in cited)
    assert claim_with(story, other) is not joined


def _dated(text: str, times: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(date, text) of the timeline of one article whose times are (words, type, value)."""
    a = art("a", "Alpha", text).model_copy(
        update={
            "times": [TimeExpr.of(text, *_span(text, w), type=k, value=v) for w, k, v in times],  # type: ignore[arg-type]
            "published": "2026-03-10",
        }
    )
    return [(t.date, t.text) for t in fuse("st", [a]).timeline]


DATED_BY_ITS_OWN_TIME = [
    pytest.param(
        "Ana Brod, who governed the province from 2001 to 2009, criticised the dam on Tuesday. "
        "Ilse Marr, who chaired the board in 2012, also opposed it.",
        [("2001", "DATE", "2001"), ("on Tuesday", "DATE", "2026-03-03"), ("2012", "DATE", "2012")],
        ["2026-03-03"],
        id="an aside about someone",
    ),
    pytest.param(
        "It was the first vote on the bridge since the flood of March 2019. "
        "Engineers warned the deck could fail before winter. "
        "Residents recalled the 2015 drought at the meeting. "
        "The mayor thanked the crews, as she did in May after the storm. "
        "Following the vote in April, the council hired divers.",
        [
            ("March 2019", "DATE", "2019-03"),
            ("winter", "DATE", "2025-WI"),
            ("2015", "DATE", "2015"),
            ("in May", "DATE", "2025-05"),
            ("in April", "DATE", "2025-04"),
        ],
        [],
        id="a state's start, a bound, a named year, a comparison, a sequence",
    ),
    pytest.param(
        '"The harbour opened in 1998 and has never flooded," the mayor said. '
        '"We are ready today," the mayor said on Monday.',
        [
            ("1998", "DATE", "1998"),
            ("today", "DATE", "2026-03-10"),
            ("on Monday", "DATE", "2026-03-09"),
        ],
        ["2026-03-09"],
        id="quoted words: the saying is the happening",
    ),
    pytest.param(
        "The ministers met on Tuesday evening in Oslo. "
        "The morning after the vote, the minister resigned.",
        [("on Tuesday evening", "TIME", "2026-03-03TEV"), ("The morning", "TIME", "2026-03-10TMO")],
        ["2026-03-03"],
        id="a time of day gives the day it names",
    ),
    pytest.param(
        "Last weekend, the union called a strike for Wednesday. In July, talks failed on Monday.",
        [
            ("Last weekend", "DATE", "2026-W10-WE"),
            ("Wednesday", "DATE", "2026-03-11"),
            ("In July", "DATE", "2025-07"),
            ("on Monday", "DATE", "2025-07-07"),
        ],
        ["2025-07-07", "2026-03"],
        id="an opening time dates it, unless a day of it is named; a week gives its month",
    ),
]


@pytest.mark.parametrize(("text", "times", "dates"), DATED_BY_ITS_OWN_TIME)
def test_a_sentence_is_dated_by_its_own_happening(
    text: str, times: list[tuple[str, str, str]], dates: list[str]
) -> None:
    assert [d for d, _ in _dated(text, times)] == dates


def test_an_entry_cut_inside_a_quotation_is_shown_from_its_opening() -> None:
    text = "\u201cClose the port. Now,\u201d the minister wrote on Friday."
    times = [("on Friday", "DATE", "2026-03-06")]
    assert _dated(text, times) == [("2026-03-06", text)]


@given(st.text(alphabet=st.sampled_from(list('ab ,"\u201c\u201dsince who')), max_size=400))
def test_what_a_time_dates_is_read_within_a_bounded_window(prefix: str) -> None:
    """Text further back than WINDOW never changes the reading (a hostile line stays linear)."""
    near = "x" * timeline_module.WINDOW + ", the council met on Friday"
    start = len(near) - len("on Friday")
    alone = timeline_module.dates_other_happening(near, start, len(near), "2026-03-06")
    text = prefix + near
    shifted = len(prefix) + start
    assert timeline_module.dates_other_happening(text, shifted, len(text), "2026-03-06") == alone


@given(
    st.text(alphabet="abc xyz", min_size=1, max_size=20).filter(lambda t: t.strip() == t),
    st.sampled_from(["", ",", ";", ":", " ,", ",,"]),
    st.sampled_from(["", '"', "”", "’”", "'"]),
    st.sampled_from(["", " ", "  \n"]),
)
def test_a_shown_quote_loses_the_punctuation_joining_it_to_its_sentence(
    words: str, punctuation: str, marks: str, space: str
) -> None:
    from newsfuse.fuse.quotes import without_left_punctuation

    shown = without_left_punctuation(words + punctuation + marks + space)
    assert shown == (words + marks if punctuation else words + marks + space)


def test_a_time_of_day_dates_its_happening() -> None:
    """'on Sunday afternoon' and 'on Thursday evening' are two days: the same meeting told
    with both is a date conflict, as with 'on Sunday' and 'on Thursday'."""
    a, b = analyze_batch(
        [
            Article(
                id="a",
                outlet="Alpha",
                published="2026-03-13",
                text="The mayor and the harbour board met on Sunday afternoon to settle the "
                "seawall budget.",
            ),
            Article(
                id="b",
                outlet="Beta",
                published="2026-03-13",
                text="The mayor and the harbour board met on Thursday evening to settle the "
                "seawall budget.",
            ),
        ],
        SEED_DATE,
    )
    claim = claim_with(fuse("st", [a, b]), "Sunday afternoon")
    assert claim.status == "conflicting"
    assert claim.conflict and "2026-03-08" in claim.conflict and "2026-03-12" in claim.conflict


def test_a_value_of_a_list_is_no_evidence_of_one_fact() -> None:
    """A poll's list of shares has a value another sentence shares by chance: the model
    compares the amounts of a sentence, not the values of its lists."""
    from newsfuse.fuse.align import features
    from newsfuse.fuse.claims import statements, units_of
    from newsfuse.fuse.story import compared_amounts, same_amount

    (poll,) = analyze_batch(
        [
            Article(
                id="a",
                outlet="Alpha",
                text="In the harbour poll, Brenn leads with 21 percent, Lind has 14 percent "
                "and Varga 12 percent. The ferry fare rose by 21 percent in March.",
            )
        ],
        SEED_DATE,
    )
    units = units_of([poll, poll.model_copy(update={"id": "b"})], lambda a, n: n)
    listed, fare = units[0], units[1]
    assert len(listed.quantities) == 3 and compared_amounts(listed) == []
    assert compared_amounts(fare) == fare.quantities
    import numpy as np

    both = features(
        statements(units, compared_amounts),
        np.zeros((len(units), 2)),
        np.array([0]),
        np.array([3]),
        same_amount,
    )
    assert both[0, -1] == 0.0


def test_joins_ending_with_the_same_sentences_are_one_claim() -> None:
    """Both reports quote two sentences and every cross pair is linked: the four pairs
    join two by two into the same claim, listed once."""
    from newsfuse.fuse.claims import Unit, join_quotations

    def quoted(article: int, text: str) -> Quote:
        return Quote(speaker=None, cue=None, content=Span.of(text, 0, len(text)), kind="direct")

    text = "One. Two."
    units = [
        Unit(article=a, start=0, end=4, text=text[:4], quotes=[quoted(a, text)])
        for a in (0, 0, 1, 1)
    ]
    assert join_quotations(units, [[0, 2], [0, 3], [1, 2], [1, 3]]) == [[0, 1, 2, 3]]
