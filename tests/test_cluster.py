"""Story clustering: online equals batch, determinism, near-duplicates, telling two
events of one kind apart, and a stored index that continues its stories."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse import pipeline
from newsfuse.ingest import read_sources
from newsfuse.model import Article, Failure
from newsfuse.nlp.embed import DIM
from newsfuse.stories import index as story_index
from newsfuse.stories.cluster import cluster, cluster_features, publication_order
from newsfuse.stories.features import (
    ArticleFeatures,
    features,
    interval_of,
    terms_of,
    weekdays_of,
)
from newsfuse.stories.index import ANN_PER_STORY, StoryIndex, story_id
from newsfuse.stories.sparse import gram
from newsfuse.stories.split import two_way_cut
from tests.conftest import two_events

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"

QUAKE = (
    "A magnitude 6.4 earthquake struck near the town of {town} on {day}, collapsing "
    "{n} houses and killing {k} people, the regional emergency office said. Rescue teams "
    "from {town} searched the rubble through the night while aftershocks shook the valley. "
    "The quake was centred {d} kilometres north of {town} at a shallow depth, the national "
    "seismology institute reported, and was felt in the provincial capital."
)


def _synthetic(events: int, per_event: int, seed: int = 7) -> list[ArticleFeatures]:
    """Feature records of well separated events (no model needed)."""
    rng = np.random.default_rng(seed)
    out = []
    for e in range(events):
        centre = rng.standard_normal(DIM)
        for j in range(per_event):
            vec = centre + 0.3 * rng.standard_normal(DIM)
            out.append(
                ArticleFeatures(
                    id=f"e{e}-{j}",
                    vec=(vec / np.linalg.norm(vec)).astype(np.float32),
                    terms={1000 * e + t: 1 for t in range(12) if rng.random() < 0.8},
                    entities=frozenset({f"person {e}", f"town {e}"}),
                    when=(),
                    day=739000 + 2 * e + j % 2,
                    signature=None,
                )
            )
    return out


def test_synthetic_events_are_recovered_and_ids_are_deterministic() -> None:
    records = _synthetic(6, 5)
    first = cluster_features(records)
    assert first == cluster_features(records)
    for e in range(6):
        assert len(set(first[e * 5 : e * 5 + 5])) == 1
    assert len(set(first)) == 6


def test_clustering_leaves_no_cycles_and_restores_the_collector() -> None:
    """Clustering pauses the cyclic collector because the index makes no cycles."""
    gc.collect()
    cluster_features(_synthetic(6, 5))
    assert gc.isenabled()
    assert gc.collect() == 0
    gc.disable()
    try:
        cluster_features(_synthetic(2, 3))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_long_story_keeps_growing_past_its_indexed_leads() -> None:
    records = _synthetic(3, 3 * ANN_PER_STORY)
    stories = cluster_features(records)
    assert len(set(stories)) == 3


def test_state_round_trip_continues_stories() -> None:
    records = _synthetic(5, 6)
    order = publication_order(records)
    whole = StoryIndex()
    expected = {records[i].id: whole.add(records[i]) for i in order}
    half = StoryIndex()
    got = {records[i].id: half.add(records[i]) for i in order[:14]}
    resumed = StoryIndex.from_bytes(half.to_bytes())
    got.update({records[i].id: resumed.add(records[i]) for i in order[14:]})
    assert got == expected


def test_young_story_holding_two_events_splits(monkeypatch: pytest.MonkeyPatch) -> None:
    records = two_events()
    stories = cluster_features(records)
    assert len(set(stories)) == 2
    assert {s for r, s in zip(records, stories, strict=True) if r.id.startswith("ev0")} == {
        story_id("ev0-0")
    }
    assert {s for r, s in zip(records, stories, strict=True) if r.id.startswith("ev1")} == {
        story_id("ev1-0")
    }
    monkeypatch.setattr(story_index, "SPLIT_RATIO", 0.0)
    assert len(set(cluster_features(records))) == 1


def test_weekdays_named_by_undated_reports_tell_two_events_apart() -> None:
    """Reports alike in words and names, one event "on Saturday", the other "on Wednesday"."""
    alike = two_events(apart=0.5, own_terms=2, own_entities=False)
    assert len(set(cluster_features(alike))) == 1
    records = two_events(apart=0.5, own_terms=2, own_entities=False, weekdays=(5, 2))
    stories = cluster_features(records)
    assert len(set(stories)) == 2
    for e in ("ev0", "ev1"):
        assert len({s for r, s in zip(records, stories, strict=True) if r.id.startswith(e)}) == 1


def test_weekdays_of_the_lead_named_or_resolved() -> None:
    lead = "Rescuers reached the village late on Saturday after the dam gave way."
    filler = "\n".join(["Boats carried families from the lower fields to the school."] * 12)
    later = filler + "\nThe valley has flooded before, in a storm one Tuesday."
    undated, dated = pipeline.analyze_batch(
        [
            Article(id="u", text=lead + "\n" + later),
            Article(id="d", text=lead, published="2026-03-11"),
        ]
    )
    assert weekdays_of(undated) == {5}  # named, unresolved; the Tuesday is past the lead
    assert weekdays_of(dated) == {5}  # resolved to 2026-03-07, a Saturday


@pytest.mark.parametrize(
    "records",
    [
        two_events(),
        two_events(apart=0.5, own_terms=2, own_entities=False, weekdays=(5, 2)),
    ],
    ids=["words", "weekdays"],
)
def test_split_after_reload_moves_articles_of_the_earlier_run(
    records: list[ArticleFeatures],
) -> None:
    whole = cluster_features(records)
    half = StoryIndex()
    first = {r.id: half.add(r) for r in records[:5]}
    assert len(set(first.values())) == 1
    resumed = StoryIndex.from_bytes(half.to_bytes())
    rest = {r.id: resumed.add(r) for r in records[5:]}
    assert set(resumed.moved) == {"ev1-0", "ev1-1", "ev1-2", "ev1-3"}
    final = first | rest | resumed.moved
    assert [final[r.id] for r in records] == whole


def test_two_way_cut_finds_two_groups_and_keeps_one() -> None:
    rng = np.random.default_rng(5)
    group = np.array([0] * 5 + [1] * 4)
    sim = np.where(group[:, None] == group[None, :], 0.7, 0.2) + 0.05 * rng.random((9, 9))
    sim = (sim + sim.T) / 2
    side = two_way_cut(sim, 0.78, 2)
    assert side is not None
    assert len({(g, s) for g, s in zip(group, side, strict=True)}) == 2
    one = np.full((9, 9), 0.6) + 0.1 * rng.random((9, 9))
    assert two_way_cut((one + one.T) / 2, 0.78, 2) is None
    outlier = np.full((9, 9), 0.6)
    outlier[0, 1:] = outlier[1:, 0] = 0.05
    assert two_way_cut(outlier, 0.78, 2) is None


def test_two_way_cut_refuses_a_cut_that_parts_an_article_from_its_nearest() -> None:
    group = np.array([0] * 4 + [1] * 4)
    sim = np.where(group[:, None] == group[None, :], 0.8, 0.2)
    assert two_way_cut(sim, 0.78, 2) is not None
    sim[0, 4] = sim[4, 0] = 0.9
    side = two_way_cut(sim, 0.78, 2, max_nearest_across=2)
    assert side is not None
    assert side[0] != side[4]
    assert two_way_cut(sim, 0.78, 2) is None


def test_two_way_cut_moves_a_misplaced_article_to_its_nearest_fellow() -> None:
    # Two events of 10 and 6; article 10 is of the second (its nearest fellow is 11) but
    # much like the first, so the spectral cut puts it there and the cut is refused.
    group = np.array([0] * 10 + [1] * 6)
    sim = np.where(group[:, None] == group[None, :], 0.8, 0.2)
    sim[10, :10] = sim[:10, 10] = 0.6
    sim[10, 12:] = sim[12:, 10] = 0.2
    sim[10, 11] = sim[11, 10] = 0.9
    assert two_way_cut(sim, 0.78, 2) is None
    side = two_way_cut(sim, 0.78, 2, max_moved=1)
    assert side is not None
    assert (
        side.tolist() == (group != group[0]).tolist()
        or side.tolist() == (group == group[0]).tolist()
    )
    one = np.full((16, 16), 0.6) + 0.1 * np.random.default_rng(3).random((16, 16))
    assert two_way_cut((one + one.T) / 2, 0.78, 2, max_moved=1) is None


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 12),
    st.integers(2, 12),
    # Groups at least 0.35 apart. At 0.25 apart (0.5 within, 0.25 across), twelve and two
    # articles are cut at the Fiedler vector's sign with one of the twelve misplaced in
    # about 2 draws of 1,000; a sweep for the least normalised cut mends that but splits more
    # ECB+ stories wrongly (B-cubed 0.940 → 0.930), and the index's correction by moving
    # articles (`max_moved`) starts at 16 articles.
    st.floats(0.55, 0.9),
    st.floats(0.0, 0.2),
    st.integers(0, 2**32 - 1),
)
def test_two_way_cut_recovers_any_planted_pair_of_groups(
    a: int, b: int, within: float, across: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    group = rng.permutation(np.array([0] * a + [1] * b))
    noise = 0.05 * rng.random((a + b, a + b))
    sim = np.where(group[:, None] == group[None, :], within, across) + noise + noise.T
    side = two_way_cut(sim, 0.78, 2)
    assert side is not None
    assert all(
        side[i] == side[j] for i in range(a + b) for j in range(a + b) if group[i] == group[j]
    )
    uniform = np.full((a + b, a + b), within) + noise + noise.T
    assert two_way_cut(uniform, 0.78, 2) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.integers(0, 30), st.floats(-1, 1), max_size=8), max_size=6))
def test_gram_is_every_pair_dot_product(vectors: list[dict[int, float]]) -> None:
    got = gram(vectors)
    for i, x in enumerate(vectors):
        for j, y in enumerate(vectors):
            assert got[i, j] == pytest.approx(sum(v * y.get(k, 0.0) for k, v in x.items()))


def test_stated_dates_weeks_apart_split_same_kind_events() -> None:
    base = _synthetic(1, 2)
    a, b = base
    may = interval_of("2013-05-03")
    june = interval_of("2013-06-20")
    assert may and june
    same = [a, ArticleFeatures(**{**_fields(b), "when": (may,)})]
    same[0] = ArticleFeatures(**{**_fields(a), "when": (may,)})
    assert len(set(cluster_features(same))) == 1
    apart = [same[0], ArticleFeatures(**{**_fields(b), "when": (june,)})]
    assert len(set(cluster_features(apart))) == 2


def _fields(f: ArticleFeatures) -> dict[str, object]:
    return {name: getattr(f, name) for name in f.__dataclass_fields__}


def test_terms_keep_numbers_and_pairs() -> None:
    assert len(terms_of("23 Somali pirates")) == len(terms_of("23 Somali boats"))
    assert terms_of("23 pirates") != terms_of("32 pirates")


def _quake(town: str, day: str, n: int, k: int, d: int, published: str) -> Article:
    text = QUAKE.format(town=town, day=day, n=n, k=k, d=d)
    return Article(id=f"{town}-{published}", text=text, body=text, published=published)


@pytest.mark.slow
def test_near_duplicates_join_and_two_quakes_weeks_apart_split() -> None:
    first = _quake("Velmora", "Monday", 40, 3, 12, "2026-02-02")
    copy_text = first.text.replace("through the night", "through the whole night")
    copy = Article(id="copy", text=copy_text, body=copy_text, published="2026-02-03")
    other = _quake("Strandby", "Thursday", 15, 1, 30, "2026-03-19")
    records = features([first, copy, other])
    assert records[0].signature is not None
    stories = cluster_features(records)
    assert stories[0] == stories[1]
    assert stories[2] != stories[0]


@pytest.mark.slow
def test_online_equals_batch_on_examples() -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is absent")
    read = [a for a in read_sources([str(EXAMPLES)]) if not isinstance(a, Failure)]
    articles = pipeline.analyze_batch(read, date(2026, 3, 14))
    batch = cluster(articles)
    index = StoryIndex()
    records = [features([a])[0] for a in articles]
    online = {records[i].id: index.add(records[i]) for i in publication_order(records)}
    online.update(index.moved)
    assert {row.id: row.story for row in batch} == online
    assert cluster(articles) == batch


@pytest.mark.slow
def test_seed_reports_form_one_story_without_trailing_items() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    read = [a for a in read_sources([str(SEEDS)]) if not isinstance(a, Failure)]
    seeds = pipeline.analyze_batch(read, date(2025, 12, 21))
    trailing = [
        Article(id=f"item-{i}", text=r.text)
        for s in seeds
        for i, r in enumerate(s.removed)
        if r.reason == "unrelated-item"
    ]
    items = pipeline.analyze_batch(trailing, date(2025, 12, 21))
    stories = {row.id: row.story for row in cluster(seeds + items)}
    seed_story = {stories[s.id] for s in seeds}
    assert len(seed_story) == 1
    assert all(stories[i.id] not in seed_story for i in items)
