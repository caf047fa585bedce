"""Quotes and their speakers, on sentences written for these tests."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse import nlp
from newsfuse.fuse.entities import merge_story_entities
from newsfuse.model import Article, Quote
from newsfuse.nlp.entities import extract_entities
from newsfuse.nlp.quotemarks import double_quotes, single_quotes
from newsfuse.nlp.quotes import extract_quotes
from newsfuse.pipeline import analyze_batch

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_DATE = date(2025, 12, 21)


def quotes_of(text: str) -> list[Quote]:
    doc = nlp.load()(text)
    return extract_quotes(doc, extract_entities(doc))


def find(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.content.text]
    assert hits, f"no quote containing {words!r} in {[q.content.text for q in quotes]}"
    return hits[0]


def test_direct_quote_after_cue_with_curly_marks() -> None:
    text = (
        "Finance Minister Clara Lindqvist spoke on Monday. "
        "“We will balance the budget by next spring,” Lindqvist said."
    )
    q = find(quotes_of(text), "balance the budget")
    assert q.kind == "direct"
    assert q.content.text == "“We will balance the budget by next spring,”"
    assert q.speaker is not None and q.speaker.text == "Lindqvist"
    assert q.speaker.entity == "Clara Lindqvist"
    assert q.cue is not None and q.cue.text == "said"


@pytest.mark.parametrize(
    ("open_mark", "close_mark"), [('"', '"'), ("«", "»"), ("“", "”"), ("„", "“")]
)
def test_direct_quote_in_any_mark_style(open_mark: str, close_mark: str) -> None:
    text = f"Mayor Tom Okafor said: {open_mark}The bridge reopens in June.{close_mark}"
    q = find(quotes_of(text), "bridge reopens")
    assert q.content.text.startswith(open_mark)
    assert q.speaker is not None and q.speaker.entity == "Tom Okafor"


def test_indirect_speech() -> None:
    text = "Union leader Maria Gonzalez said the strike would continue until wages rose."
    q = find(quotes_of(text), "the strike would continue")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.entity == "Maria Gonzalez"


def test_what_someone_was_found_to_be_is_not_a_report() -> None:
    """A passive cue's predicate ("found dead") quotes no one; an active cue's does."""
    text = (
        "Daniel Ferro was arrested near the house where two women were found dead. "
        'The mayor called the plan "a disaster for the harbour".'
    )
    quotes = quotes_of(text)
    assert [q.content.text for q in quotes] == ['"a disaster for the harbour"']


def test_mixed_quote_fragment_in_reported_speech() -> None:
    text = "Senator Paul Ridley described the new tax on farmers as 'daylight theft' on Tuesday."
    q = find(quotes_of(text), "daylight theft")
    assert q.kind == "mixed"
    assert "the new tax on farmers" in q.content.text
    assert q.speaker is not None and q.speaker.entity == "Paul Ridley"


def test_according_to() -> None:
    text = "According to Health Minister Anna Berg, the clinics will open in March."
    q = find(quotes_of(text), "the clinics will open")
    assert q.cue is not None and q.cue.text == "According to"
    assert q.speaker is not None and q.speaker.entity == "Anna Berg"


def test_pronoun_speaker_resolves_to_the_person() -> None:
    text = (
        "Prime Minister Rafael Soto visited the flooded towns on Friday. "
        'He said the army would stay "as long as it takes."'
    )
    q = find(quotes_of(text), "as long as it takes")
    assert q.speaker is not None and q.speaker.text == "He"
    assert q.speaker.entity == "Rafael Soto"


def test_title_speaker_resolves_to_the_person() -> None:
    text = (
        "Chilean President Ana Morales met union leaders in Santiago. "
        "The Chilean president warned that the copper tax would rise next year."
    )
    q = find(quotes_of(text), "copper tax")
    assert q.speaker is not None and q.speaker.text == "The Chilean president"
    assert q.speaker.entity == "Ana Morales"


def test_channel_keeps_the_person_as_speaker() -> None:
    text = (
        "Foreign ministry spokesman Ivo Marek commented on the talks. "
        "“Nothing has been agreed yet,” Marek was quoted as saying by the Czech news agency CTK."
    )
    q = find(quotes_of(text), "Nothing has been agreed")
    assert q.speaker is not None and q.speaker.entity == "Ivo Marek"
    assert q.channel is not None and "CTK" in q.channel.text


def test_quote_split_by_its_cue_keeps_one_speaker() -> None:
    text = "“We are ready,” coach Lena Fischer said. “The team has trained all winter.”"
    quotes = quotes_of(text)
    first, second = find(quotes, "We are ready"), find(quotes, "trained all winter")
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.entity == second.speaker.entity == "Lena Fischer"


def test_quote_over_several_paragraphs() -> None:
    text = (
        "Judge Omar Haddad addressed the court.\n\n"
        "“The evidence is clear. The defendant knew the risks.\n\n"
        "“He ignored every warning,” Haddad said."
    )
    spans = double_quotes(text)
    assert len(spans) == 1
    assert text[spans[0][0] : spans[0][1]].endswith("warning,”")
    q = find(quotes_of(text), "The evidence is clear")
    assert q.speaker is not None and q.speaker.entity == "Omar Haddad"


def test_unbalanced_quote_is_repaired_not_refused() -> None:
    text = (
        "Economist Jane Doyle said: “Inflation will fall below two percent this year.\n"
        "Markets rallied on Wednesday."
    )
    spans = double_quotes(text)
    assert [text[s:e] for s, e in spans] == ["“Inflation will fall below two percent this year."]
    q = find(quotes_of(text), "Inflation will fall")
    assert q.speaker is not None and q.speaker.entity == "Jane Doyle"
    assert not any("Markets rallied" in q.content.text for q in quotes_of(text))


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    text = "“They keep calling it ‘a minor delay’, but it is not,” Pilot union chief Rob Lane said."
    spans = double_quotes(text)
    assert len(spans) == 1
    assert single_quotes(text, spans) == []
    q = find(quotes_of(text), "a minor delay")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.entity == "Rob Lane"


def test_apostrophes_are_not_quotes() -> None:
    text = "The farmers' union said it's the ministers’ fault and we can't wait."
    assert single_quotes(text, []) == []


@given(st.text(alphabet="ab “”\"'‘’«»\n.", max_size=60))
def test_quote_spans_are_well_formed(text: str) -> None:
    spans = double_quotes(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start


def _seed_articles() -> list[Article]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    paths = sorted(SEEDS.glob("*.txt"))
    articles = [Article(id=p.name, text=p.read_text(encoding="utf-8")) for p in paths]
    return analyze_batch(articles, SEED_DATE)


def test_seed_reports_attribute_the_key_quotes() -> None:
    expected = {
        "robbery": "Vladimir Putin",
        "a talented actor": "Vladimir Putin",
        "not optimal": "Emmanuel Macron",
        "find the right framework": "Emmanuel Macron",
        "mutual political will": "Dmitry Peskov",
    }
    analysed = _seed_articles()
    for words, speaker in expected.items():
        carriers = [a for a in analysed if words in a.text]
        assert carriers, words
        for art in carriers:
            # The words as quoted; "..., the Kremlin said" around them is another attribution.
            quoted = [q for q in art.quotes if words in q.content.text and q.kind != "indirect"]
            assert quoted, (art.id, words)
            for q in quoted:
                assert q.speaker is not None, (art.id, words)
                assert q.speaker.entity == speaker, (art.id, words, q.speaker)


def test_seed_story_entities_are_merged_with_roles() -> None:
    merged = merge_story_entities(_seed_articles())
    for surname in ("Putin", "Macron", "Peskov", "Zelensky"):
        people = [e for e in merged if e.type == "PERSON" and e.name.endswith(surname)]
        assert len(people) == 1, (surname, [e.name for e in people])
        assert people[0].roles, surname


def test_transcript_label_is_the_speaker() -> None:
    text = 'Sen. Maria Lopez (D-N.M.): "We have not seen the report yet."'
    q = find(quotes_of(text), "We have not seen")
    assert q.speaker is not None and "Maria Lopez" in q.speaker.text
    assert q.cue is not None and q.cue.text == ":"


def test_name_after_a_quote_is_the_speaker_whatever_the_verb() -> None:
    text = "Host Dana Whit pressed on.\n\n“Would you cut the budget?” Whit pressed again."
    q = find(quotes_of(text), "cut the budget")
    assert q.speaker is not None and q.speaker.text == "Whit"
    assert q.speaker.entity == "Dana Whit"


def test_relative_pronoun_is_the_speaker_as_written() -> None:
    text = "The plan was backed by Senator Nadia Ferro, who said the vote would pass easily."
    q = find(quotes_of(text), "the vote would pass")
    assert q.speaker is not None and q.speaker.text == "who"
    assert q.speaker.entity == "Nadia Ferro"


@pytest.mark.parametrize(
    ("text", "words", "speaker", "field"),
    [
        pytest.param(
            "Coach Ines Varga took questions after the match. Varga continued:\n\n"
            "“We lost our shape in the second half and we paid for it. That cannot happen again.”",
            "lost our shape",
            "Varga",
            "text",
            id="colon-cue-before-a-quote-in-the-next-paragraph",
        ),
        pytest.param(
            "The union will fight the senator's call for "
            '"a smaller, cheaper and slower railway for the whole region."',
            "slower railway",
            "the senator's",
            "text",
            id="possessor-of-a-speech-noun",
        ),
        pytest.param(
            "Governor Lise Amundsen issued a statement on Friday, "
            '"The budget protects every school and every clinic in the county."',
            "budget protects",
            "Lise Amundsen",
            "entity",
            id="clause-around-an-uncued-quote",
        ),
        pytest.param(
            'Minister Ana Ruiz said the port was "ready for the new ships and the winter '
            'storms."\n\n"We have spent three years preparing for this, and the crews know it."',
            "three years preparing",
            "Ana Ruiz",
            "entity",
            id="continues-a-mixed-quote-of-the-paragraph-before",
        ),
        pytest.param(
            "Mayor Tom Reyes gestured to the crowd, then leaned in and boomed: "
            '"We will rebuild every house on this street."',
            "rebuild every house",
            "Tom Reyes",
            "entity",
            id="shared-through-a-loosely-attached-verb",
        ),
        pytest.param(
            "Mayor Tom Reyes opened the new bridge on Monday.\n\n"
            '"Every family in the valley will save an hour a day on the road to school."\n\n'
            "- Lena Ortiz, a teacher in Brenton.\n\nThe bridge cost 40 million euros.",
            "save an hour",
            "Lena Ortiz",
            "text",
            id="name-after-a-dash-on-the-line-under-the-quote",
        ),
        pytest.param(
            "Turnout was high.\n\nBut polls did predict the other race - Ann Ray: “While the "
            "caucuses provided an upset, most pollsters fared much better with the other "
            "results. Polls projected a very close race.”",
            "fared much better",
            "Ann Ray",
            "text",
            id="label-after-a-heading-with-a-verb",
        ),
        pytest.param(
            "Turnout was high. [Wire.]\n\nPollsters agree - Ann Ray: “Pollsters are taking a "
            "lot of heat for not anticipating the result. But some critics share the blame.”",
            "taking a lot of heat",
            "Ann Ray",
            "text",
            id="label-after-a-heading-ending-in-a-verb",
        ),
        pytest.param(
            "When Mayor Ines Berg suggested that the council would delay the bridge, "
            "Tom Reyes fired back forcefully: “If they delay it again, the whole valley "
            "will pay for it,” pointing to the queues.",
            "whole valley",
            "Tom Reyes",
            "text",
            id="main-clause-after-a-when-clause",
        ),
        pytest.param(
            "After Mayor Ines Berg criticised the plan during a debate, Lena Ortiz shot back, "
            "“I suppose I could have waited, but I chose to build the bridge.”",
            "chose to build",
            "Lena Ortiz",
            "text",
            id="main-clause-after-an-after-clause",
        ),
    ],
)
def test_speaker_found(text: str, words: str, speaker: str, field: str) -> None:
    """The speaker as written ("text") or the entity it names ("entity")."""
    q = find(quotes_of(text), words)
    assert q.speaker is not None and getattr(q.speaker, field) == speaker


def test_continuing_quote_shares_the_cue_of_the_previous_one() -> None:
    text = (
        "“The harbour will be dredged this summer,” port director Sven Holm said.\n\n"
        "“After that, the larger ferries can dock here again without any delay at all.”"
    )
    quotes = quotes_of(text)
    first, second = find(quotes, "dredged"), find(quotes, "larger ferries")
    assert second.speaker is not None and second.speaker.entity == first.speaker.entity  # type: ignore[union-attr]
    assert second.cue == first.cue


def test_name_after_a_dash_is_the_speaker() -> None:
    text = "Readers wrote in.\n\n“The new library changed how my children spend their weekends.” ― Lena Ortiz"
    q = find(quotes_of(text), "new library")
    assert q.speaker is not None and q.speaker.text == "Lena Ortiz"


def test_line_between_dashes_under_a_quote_is_a_subheading() -> None:
    text = (
        "Mayor Tom Reyes opened the new bridge on Monday.\n\n"
        '"Every family in the valley will save an hour a day on the road to school."\n\n'
        "— A New Bridge for Brenton —\n\nThe bridge cost 40 million euros."
    )
    q = find(quotes_of(text), "save an hour")
    assert q.speaker is None or "Brenton" not in q.speaker.text


def test_dateline_subject_on_another_line_is_not_the_speaker() -> None:
    text = "9:15 a.m.\n\nMayor Rosa Klein said the roads would reopen by noon."
    q = find(quotes_of(text), "the roads would reopen")
    assert q.speaker is not None and q.speaker.text == "Mayor Rosa Klein"


def test_time_after_an_inverted_cue_is_not_the_speaker() -> None:
    text = "“We will not back down,” said Tuesday night the governor of the state."
    q = find(quotes_of(text), "not back down")
    assert q.speaker is not None and q.speaker.text == "the governor of the state"


def test_mistyped_closing_mark_still_closes_the_quote() -> None:
    text = "“The ferry will run all winter,“ said harbour master Ole Brandt."
    assert double_quotes(text) == [(0, text.index(" said"))]
    q = find(quotes_of(text), "ferry will run")
    assert q.speaker is not None and q.speaker.text == "harbour master Ole Brandt"


def test_an_adverb_is_not_reported_content() -> None:
    text = "The authorities gave a higher death toll than rescuers had reported earlier."
    assert [q.content.text for q in quotes_of(text)] == []


def test_a_dateline_is_not_reported_content() -> None:
    """The parse hangs "PORTHAVEN —" on the lead's "agreed" in this bundled report."""
    path = Path(__file__).resolve().parents[1] / "examples/reports/nordpress-porthaven-seawall.txt"
    (art,) = analyze_batch([Article(id="p", text=path.read_text(encoding="utf-8"))])
    assert "PORTHAVEN" not in [q.content.text for q in art.quotes]


def test_a_time_alone_is_not_reported_content() -> None:
    """In the bundled Calder Ledger report: surges "expected later this century"."""
    text = (
        "The bank said the design had been tested against storm surges expected later this century."
    )
    contents = [q.content.text for q in quotes_of(text)]
    assert "later this century" not in contents
    assert any("design had been tested" in c for c in contents)


def test_a_line_break_ends_a_sentence() -> None:
    """A heading without a full stop is not parsed into the paragraph under it."""
    doc = nlp.load()(
        "Talks resume in Geneva\n"
        "Negotiators from both sides met on Monday and agreed to meet again next week."
    )
    assert next(s.text.strip() for s in doc.sents) == "Talks resume in Geneva"


def test_a_sentence_is_not_cut_after_its_first_word() -> None:
    """Under a headline the parser may end a sentence after its subject; the rest, starting
    lower-case in the same paragraph, is the same sentence, not a fragment."""
    text = (
        "Mayor Signals Support for Harbour Plan as Budget Talks Widen\n"
        "Okafor confirms backing for the seawall as parallel budget talks proceed in Lagos "
        "and the council approves a €2bn loan.\n"
        "The council meets on Monday."
    )
    doc = nlp.load()(text)
    assert "Okafor" in [s.text.strip() for s in doc.sents]  # the parser's cut
    assert [s.text for s in nlp.sentence_spans(doc)] == text.split("\n")


def test_a_sentence_cut_after_a_clock_time_stays_whole() -> None:
    """The parser ends a sentence at the period of "a.m."; the rest ("local time (0740
    GMT) Friday, killing 12") would stand as a claim of its own, a fragment, and the time
    would lose its day."""
    text = (
        "The bomb exploded at 10:40 a.m. local time (0740 GMT) Friday, killing 12.\n"
        "The port reopened on Saturday."
    )
    doc = nlp.load()(text)
    assert "The bomb exploded at 10:40 a.m." in [s.text.strip() for s in doc.sents]
    assert [s.text for s in nlp.sentence_spans(doc)] == text.split("\n")


@pytest.mark.parametrize("mark", ['"', "”", "’"])
def test_a_closing_quote_mark_stays_with_its_sentence(mark: str) -> None:
    """At a paragraph's end the parser would start a sentence at the closing mark, and the
    sentence (a claim's text) would lose it."""
    opening = {'"': '"', "”": "“", "’": "‘"}[mark]
    text = (
        f"The mayor warned that the consequences would be {opening}severe.{mark}\n"
        "The council meets again on Monday."
    )
    spans = nlp.sentence_spans(nlp.load()(text))
    assert [s.text for s in spans] == [
        f"The mayor warned that the consequences would be {opening}severe.{mark}",
        "The council meets again on Monday.",
    ]


def test_what_someone_is_said_to_believe_is_the_reporters_statement() -> None:
    text = "Aides said the minister believes the new tax will pass before the summer."
    quotes = quotes_of(text)
    assert [(q.cue.text if q.cue else None) for q in quotes] == ["said"]


def test_markup_attributes_are_not_quotations() -> None:
    text = (
        'Senator Ruth Okoro replied on Twitter. <post author="okoro" id="12">We will vote no'
        "</post> Her aides declined to comment further on the vote."
    )
    assert not any('"' in q.content.text for q in quotes_of(text))


def test_quoted_title_of_a_show_is_not_a_statement() -> None:
    text = (
        'The comedian Ray Tam spent the evening watching "The Long Night of the Lonely Owl" again.'
    )
    assert quotes_of(text) == []


def test_a_verb_that_also_means_doing_reports_only_a_clause() -> None:
    """ "maintaining close ties" is what they do; "maintained that ..." is what they said."""
    quotes = quotes_of(
        "Two regional lenders were the exceptions, maintaining close ties with the fund. "
        "Their chief executive, Omar Reyes, maintained that the ties were purely commercial."
    )
    assert [q.content.text for q in quotes] == ["that the ties were purely commercial"]


def test_a_position_taken_is_attributed() -> None:
    q = find(quotes_of("Senator Mia Holt opposes the new pipeline across the valley."), "pipeline")
    assert q.cue is not None and q.cue.text == "opposes"
    assert q.speaker is not None and q.speaker.entity == "Mia Holt"


@pytest.mark.parametrize(
    ("text", "reported", "stated"),
    [
        pytest.param(
            "Governor Ines Park thinks the bridge will be finished in May. "
            "She said the contractor had promised it.",
            "bridge will be finished",
            "contractor had promised",
            id="a-belief",
        ),
        pytest.param(
            "The sudden drop in orders suggests that the factory will close. "
            "Union leader Sam Ortiz suggested that the workers should strike.",
            "factory will close",
            "workers should strike",
            id="what-a-thing-suggests",
        ),
        pytest.param(
            "Mayor Lena Voss expressed readiness for new talks with the unions. "
            "She called for an end to the strike by Friday.",
            "readiness for new talks",
            "end to the strike",
            id="a-noun-phrase-expressed-but-a-call-stated",
        ),
        pytest.param(
            "Reporters asked Mayor Lena Voss how long the ferry strike would last. "
            "She asked the unions to return to work by Friday.",
            "how long the ferry strike",
            "return to work",
            id="a-question-asked-but-a-request-stated",
        ),
    ],
)
def test_reported_but_not_a_statement(text: str, reported: str, stated: str) -> None:
    """A belief, an inference drawn from a thing or a noun phrase expressed is reported
    but is not a statement; the sentence beside it that someone said is."""
    quotes = quotes_of(text)
    assert not find(quotes, reported).statement
    assert find(quotes, stated).statement


def test_a_person_named_inside_another_source_is_not_the_speaker() -> None:
    text = (
        "Mayor Karin Dahl opened the session. "
        "The long delay in the Dahl administration warned that the budget would not pass."
    )
    q = find(quotes_of(text), "budget would not pass")
    assert q.speaker is not None and q.speaker.entity is None


def test_a_town_after_a_quote_is_not_the_speaker() -> None:
    text = (
        "Readers wrote in from across the state.\n\n"
        "“The new library changed how my children spend their weekends.” ― Hope, Arkansas"
    )
    q = find(quotes_of(text), "new library")
    assert q.speaker is None or "Hope" not in q.speaker.text


def test_a_clause_the_parse_split_in_two_stays_whole() -> None:
    text = (
        "Macron had argued on Friday that Europe must not be sidelined as Washington "
        "and Moscow begin to talk."
    )
    q = find(quotes_of(text), "Europe must not")
    assert q.content.text.endswith("begin to talk")


def test_a_dateline_is_neither_speaker_nor_content() -> None:
    text = (
        "KANSAS CITY, Mo. — Leaders of the state's largest farm union accused the "
        "railway on Tuesday of overcharging growers.\n\n"
        "ERBIL (Rudaw) — The regional government said talks would resume in May, officials said."
    )
    quotes = quotes_of(text)
    accused = find(quotes, "overcharging")
    assert accused.speaker is not None and accused.speaker.text.startswith("Leaders")
    assert not any(q.content.text.startswith("ERBIL") for q in quotes)


def test_a_quoted_name_before_its_noun_is_not_a_quote() -> None:
    text = 'The senator told NBC\'s "Today" show on Thursday that the vote would be close.'
    assert not any("Today" in q.content.text for q in quotes_of(text))


def test_a_clause_interrupted_by_its_cue_is_what_was_said() -> None:
    """ "But, Ortiz added, he did not support ...": the clause after the cue is Ortiz's
    statement, not a position credited to "he"."""
    quotes = quotes_of(
        "Union leader Sam Ortiz spoke to the workers on Monday. "
        "But, Ortiz added, he did not support a strike before the vote in March."
    )
    q = find(quotes, "strike before the vote")
    assert q.cue is not None and q.cue.text == "added"
    assert q.speaker is not None and q.speaker.text == "Ortiz"
    assert q.content.text == "he did not support a strike before the vote in March"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The harbour master read the notice aloud. “Never again!” she said.", "Never", "she"),
        ('Ines Varga looked at the ledger. "Too thin?" the auditor asked.', "thin", "the auditor"),
    ],
)
def test_short_utterance_before_its_cue_is_a_quote(text: str, words: str, speaker: str) -> None:
    q = find(quotes_of(text), words)
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == speaker


def test_trailing_cue_clause_is_its_own_quote() -> None:
    text = (
        "Councillor Rhea Dunmore criticised the harbour levy, saying it would drive ferries away."
    )
    quotes = quotes_of(text)
    q = find(quotes, "drive ferries away")
    assert q.content.text == "it would drive ferries away"
    assert q.speaker is not None and q.speaker.text == "Councillor Rhea Dunmore"
    assert all("levy" not in q.content.text for q in quotes if "ferries" in q.content.text)


@pytest.mark.parametrize(
    "text",
    [
        "The ferry company seeks to win back the night crossings from its rival.",
        "Harbour master Ola Brenn declined to comment on the closure of the north pier.",
        "The ferry company plans to cut the night crossings from its timetable.",
    ],
)
def test_an_aim_or_a_refusal_is_not_a_statement(text: str) -> None:
    quotes = quotes_of(text)
    assert quotes, "PolNeAR counts these as attributions"
    assert not any(q.statement for q in quotes)


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Ilse Varga praised the tunnel crew, a choice she insisted was made with no irony.",
            "insisted",
            "was made with no irony",
        ),
        ("Tomas Reyes pointed to a figure he claimed was accurate.", "claimed", "was accurate"),
    ],
)
def test_cue_in_a_relative_clause_reports_the_predicate_after_it(
    text: str, cue: str, content: str
) -> None:
    quotes = quotes_of(text)
    q = find(quotes, content)
    assert q.content.text == content
    assert q.cue is not None and q.cue.text == cue
    assert not any(f"{cue} {content}" in q.content.text for q in quotes)


def test_participle_cue_after_a_reported_clause_is_the_reporters() -> None:
    text = "Mayor Pia Lund said the ferry fares rose in May, arguing that fuel costs had doubled."
    quotes = quotes_of(text)
    said = find(quotes, "ferry fares")
    assert said.content.text == "the ferry fares rose in May"
    argued = find(quotes, "fuel costs")
    assert argued.content.text == "that fuel costs had doubled"
    assert argued.speaker is not None and argued.speaker.text == "Mayor Pia Lund"


@pytest.mark.parametrize(
    "text",
    [
        'Senator Ada Moss said on "Morning Round," that the vote would pass on Friday.',
        'Appearing on "Night Desk," Senator Ada Moss said the vote would pass on Friday.',
    ],
)
def test_quoted_programme_name_is_not_what_was_said(text: str) -> None:
    quotes = quotes_of(text)
    assert find(quotes, "the vote would pass")
    assert not any(
        "Morning Round" in q.content.text or "Night Desk" in q.content.text for q in quotes
    )


def test_speaker_written_as_someones_is_named_by_whose() -> None:
    text = "Mayor Ann Ray arrived late. Her spokesman said the ferry talks would resume on Monday."
    q = find(quotes_of(text), "ferry talks")
    assert q.speaker is not None and q.speaker.text == "Her spokesman"
    assert q.speaker.entity == "Ann Ray's spokesman"


def test_it_that_says_something_is_the_speaker_as_written() -> None:
    text = (
        "The port authority sent a letter on Monday. It said the ferry subsidy would end in June."
    )
    q = find(quotes_of(text), "ferry subsidy")
    assert q.speaker is not None and q.speaker.text == "It"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "Harbour chief Lars Ek reminded the crews that the north pier closes at dusk.",
            "reminded",
        ),
        ("Lars Ek echoed the warning that the north pier closes at dusk.", "echoed"),
        ("Lars Ek recognised that the north pier closes at dusk.", "recognised"),
    ],
)
def test_more_verbs_report_what_was_said(text: str, cue: str) -> None:
    q = find(quotes_of(text), "north pier closes")
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.parametrize("verb", ["hoping", "hoped", "hopes"])
def test_hope_is_a_reported_belief_in_every_form(verb: str) -> None:
    aux = "is " if verb == "hoping" else ""
    q = find(
        quotes_of(f"Mayor Ann Ray {aux}{verb} that the ferry strike ends soon."), "strike ends"
    )
    assert q.cue is not None and q.cue.text == verb
    assert not q.statement


@pytest.mark.parametrize(
    ("text", "cue", "words"),
    [
        ("The new ferry timetable seems to suit the night shift badly.", "seems", "night shift"),
        ("By noon the harbour strike appeared likely to end.", "appeared", "harbour strike"),
    ],
)
def test_a_hedge_is_attributed_to_no_one_and_is_no_statement(
    text: str, cue: str, words: str
) -> None:
    q = find(quotes_of(text), words)
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is None
    assert not q.statement


def test_appearing_somewhere_is_no_hedge() -> None:
    assert quotes_of("The harbour master appeared on the evening news on Friday.") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "As the harbour master told reporters, the north pier closes at dusk.",
            "the harbour master",
        ),
        ("As Lars Ek put it, the north pier closes at dusk.", "Lars Ek"),
        (
            "As the port bulletin noted on Monday, the north pier closes at dusk.",
            "the port bulletin",
        ),
    ],
)
def test_an_as_clause_attributes_the_clause_it_frames(text: str, speaker: str) -> None:
    q = find(quotes_of(text), "north pier closes")
    assert q.content.text == "the north pier closes at dusk"
    assert q.speaker is not None and q.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Mayor Ann Ray announced a night ferry service for the islands.",
            "announced",
            "a night ferry service for the islands",
        ),
        (
            "Mayor Ann Ray tweeted a photo of the flooded north pier.",
            "tweeted",
            "a photo of the flooded north pier",
        ),
    ],
)
def test_what_was_announced_or_tweeted_is_the_object(text: str, cue: str, content: str) -> None:
    q = find(quotes_of(text), content)
    assert q.content.text == content
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is not None and q.speaker.entity == "Ann Ray"
    assert not q.statement


def test_the_object_of_say_or_tell_is_still_no_content() -> None:
    assert quotes_of("Mayor Ann Ray told the harbour crews on Monday.") == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Harbour chief Lars Ek spoke about the cost of the north pier.", "spoke"),
        ("At the meeting Lars Ek asked about the cost of the north pier.", "asked"),
    ],
)
def test_what_someone_spoke_about_is_the_content(text: str, cue: str) -> None:
    q = find(quotes_of(text), "the cost of the north pier")
    assert q.content.text == "the cost of the north pier"
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is not None and q.speaker.entity == "Lars Ek"
    assert not q.statement


def test_a_that_clause_after_a_phrase_is_what_was_said() -> None:
    text = "Lars Ek said in a statement that the north pier would close at dusk."
    q = find(quotes_of(text), "north pier")
    assert q.content.text == "that the north pier would close at dusk"
    assert q.speaker is not None and q.speaker.entity == "Lars Ek"
    assert q.statement


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Lars Ek decried the closure of the north pier.", "decried"),
        ("Lars Ek voiced doubts about the north pier.", "voiced"),
        ("Lars Ek disclosed that the north pier was sinking.", "disclosed"),
        ("Lars Ek apologized for the state of the north pier.", "apologized"),
        ("Lars Ek rebuked the council for the state of the north pier.", "rebuked"),
        ("Lars Ek hailed the repair of the north pier.", "hailed"),
        ("Lars Ek chided the crews over the north pier.", "chided"),
    ],
)
def test_a_third_batch_of_verbs_reports_a_stand(text: str, cue: str) -> None:
    q = find(quotes_of(text), "north pier")
    assert q.cue is not None and q.cue.text == cue
    assert q.speaker is not None and q.speaker.entity == "Lars Ek"


def test_a_name_after_any_cue_after_a_quotation_is_the_speaker() -> None:
    q = find(quotes_of('"Wait for the tide," warned harbour chief Lars Ek.'), "the tide")
    assert q.speaker is not None and q.speaker.text == "harbour chief Lars Ek"


@pytest.mark.parametrize(
    "text",
    [
        "In particular, Lars Ek said, the north pier would close at dusk.",
        "And yet, the harbour crews say, the north pier is still unsafe.",
    ],
)
def test_an_opener_before_an_interrupting_cue_is_not_what_was_said(text: str) -> None:
    q = find(quotes_of(text), "north pier")
    assert q.content.text.startswith("the north pier")


def test_a_clause_before_the_speakers_subject_is_not_what_they_said() -> None:
    text = "Six in ten residents backed the plan; 40 percent said they feared the north pier would close."
    q = find(quotes_of(text), "north pier")
    assert q.content.text == "they feared the north pier would close"
    assert q.speaker is not None and q.speaker.text == "40 percent"


def test_who_was_asked_is_not_who_asked() -> None:
    quotes = quotes_of("Asked about the north pier, Lars Ek said the crews would fix it.")
    asked = [q for q in quotes if q.cue is not None and q.cue.text == "Asked"]
    assert asked and asked[0].speaker is None
    said = find(quotes, "crews would fix")
    assert said.speaker is not None and said.speaker.entity == "Lars Ek"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a surname the parser reads as an adverb, right before a cue with no subject
        (
            "Told of the harbour vote, Early described it as “a good day for the town.”",
            "the town",
            "Early",
        ),
        ("And Early called the harbour levy “a tax on the town.”", "the town", "Early"),
        # a quotation standing alone after a sentence of its own paragraph: that subject's
        (
            '"The ferry is far too slow," said Lars Ek.\n\n'
            'Mayor Ann Ray defended the night crossing. "We need a boat for the workers on the island."',
            "workers on the island",
            "Mayor Ann Ray",
        ),
        # opening a paragraph: the last quotation's speaker, else the paragraph before's subject
        (
            '"The ferry is far too slow," said Lars Ek.\n\n'
            '"It leaves too late for the workers on the island."',
            "workers on the island",
            "Lars Ek",
        ),
        (
            "The harbour board issued a statement on Monday.\n\n"
            '"We regret the delay to the workers on the island and will refund every ticket."',
            "workers on the island",
            "The harbour board",
        ),
    ],
)
def test_the_speaker_the_parse_leaves_out_is_found(text: str, words: str, speaker: str) -> None:
    q = find(quotes_of(text), words)
    assert q.speaker is not None and q.speaker.text == speaker


def test_relative_clause_with_its_own_speaker_is_a_report_of_its_own() -> None:
    text = (
        "Senator Ines Berg said she has backed a bill to fund the regional clinics, "
        "which she called “a lifeline for the whole valley.”"
    )
    quotes = quotes_of(text)
    inner = find(quotes, "lifeline")
    assert inner.content.text.startswith("“a lifeline")
    assert inner.speaker is not None and inner.speaker.text == "she"
    outer = find(quotes, "regional clinics")
    assert "lifeline" not in outer.content.text
