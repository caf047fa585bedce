"""ECB+ claim alignment: do the claims cite together the sentences that report one fact?

Gold (see ../shared/data/README.md): two annotated sentences of different articles of one
event are aligned when they share an ACTION coreference chain and a participant, time or
location chain. Predicted: annotated sentences cited together as sources of one claim.
All articles are briefed together end to end, so the stories are newsfuse's own; pairs
across events count against precision. A second, diagnostic row fuses each gold event's
articles as one story, so that alignment errors can be told from clustering errors; a
baseline row cites every sentence of each own story in one claim. The 30 draws of 10
topics that the story section clusters are also briefed alone: the held-out split has
10 topics, and which ones a split holds moves the figure.
"""

from __future__ import annotations

import csv
import statistics
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from newsfuse.evaluate import Result, ecbplus, ecbplus_corpus
from newsfuse.fuse import fuse
from newsfuse.model import Article, Briefing, Story
from newsfuse.pipeline import brief
from newsfuse.stories.cluster import cluster_features
from newsfuse.stories.features import features

FILE = ecbplus_corpus.FILE
SENTENCES = "ECBplus_coreference_sentences.csv"
PEER = ("all-MiniLM-L6-v2 cosine ≥ 0.5 within the gold stories (test split)", 0.70)
TARGET = 0.75
"""Issue 6's bar for the held-out split, briefed end to end."""
PLUS_SUFFIX = "ecbplus"
"""Ids ending so number their sentences from 1 (line 1 of the text is sentence 1)."""

SentenceKey = tuple[str, int]
"""(article id, line index) of one annotated sentence."""


def load(data_dir: Path, limit: int | None) -> tuple[list[dict[str, object]], set[SentenceKey]]:
    """The article rows (first `limit`) and the annotated sentences as (id, line index)."""
    rows = list(ecbplus_corpus.rows(data_dir, limit))
    annotated: set[SentenceKey] = set()
    with (data_dir / SENTENCES).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            doc = f"{rec['Topic']}_{rec['File']}"
            annotated.add((doc, line_index(doc, int(rec["Sentence Number"]))))
    return rows, annotated


def line_index(doc_id: str, sentence: int) -> int:
    """Line of the text holding an ECB+ sentence number."""
    return sentence - 1 if doc_id.endswith(PLUS_SUFFIX) else sentence


def line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def gold_pairs(
    rows: Sequence[dict[str, object]], annotated: set[SentenceKey]
) -> set[frozenset[SentenceKey]]:
    """Pairs of annotated sentences of different articles of one event stating one fact."""
    chains: dict[SentenceKey, tuple[set[str], set[str]]] = {}
    event_of: dict[str, str] = {}
    for row in rows:
        doc = str(row["id"])
        event_of[doc] = str(row["subtopic"])
        for m in row["mentions"]:  # type: ignore[attr-defined]
            key = (doc, line_index(doc, int(m["sentence"])))
            if key not in annotated or not m["chain"]:
                continue
            actions, others = chains.setdefault(key, (set(), set()))
            tag = str(m["tag"])
            (actions if tag.startswith(("ACTION", "NEG_ACTION")) else others).add(m["chain"])
    by_event: dict[str, list[SentenceKey]] = defaultdict(list)
    for key in sorted(chains):
        by_event[event_of[key[0]]].append(key)
    pairs: set[frozenset[SentenceKey]] = set()
    for keys in by_event.values():
        for a, b in combinations(keys, 2):
            if a[0] == b[0]:
                continue
            (act_a, oth_a), (act_b, oth_b) = chains[a], chains[b]
            if act_a & act_b and oth_a & oth_b:
                pairs.add(frozenset((a, b)))
    return pairs


def predicted_pairs(
    briefing: Briefing, articles: Sequence[Article], annotated: set[SentenceKey]
) -> set[frozenset[SentenceKey]]:
    """Pairs of annotated sentences of different articles cited by one claim."""
    starts = {a.id: line_starts(a.text) for a in articles}
    pairs: set[frozenset[SentenceKey]] = set()
    for story in briefing.stories:
        for claim in story.claims:
            cited: set[SentenceKey] = set()
            for src in claim.sources:
                lines = starts[src.article]
                first = bisect_right(lines, src.start) - 1
                last = bisect_right(lines, max(src.start, src.end - 1)) - 1
                cited |= {(src.article, i) for i in range(first, last + 1)} & annotated
            pairs |= _across_articles(cited)
    return pairs


def whole_story_pairs(
    briefing: Briefing, annotated: set[SentenceKey]
) -> set[frozenset[SentenceKey]]:
    """Pairs a claim citing every sentence of its story would give: the baseline that
    shows how far the pairs reward grouping by event rather than by fact."""
    by_article: dict[str, set[SentenceKey]] = defaultdict(set)
    for key in annotated:
        by_article[key[0]].add(key)
    pairs: set[frozenset[SentenceKey]] = set()
    for story in briefing.stories:
        pairs |= _across_articles(set().union(*(by_article[a] for a in story.articles)))
    return pairs


def _across_articles(cited: set[SentenceKey]) -> set[frozenset[SentenceKey]]:
    return {frozenset((a, b)) for a, b in combinations(sorted(cited), 2) if a[0] != b[0]}


def score(
    predicted: set[frozenset[SentenceKey]], gold: set[frozenset[SentenceKey]]
) -> tuple[float, float, float]:
    hit = len(predicted & gold)
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def topic_draws(
    rows: Sequence[dict[str, object]],
    annotated: set[SentenceKey],
    articles: Sequence[Article],
    gold: set[frozenset[SentenceKey]],
    briefing: Briefing,
) -> list[float]:
    """Claim F1 of each draw of the story section's `topic_picks`, briefed alone end to
    end: the spread a 10-topic held-out figure may show. A story with the same articles
    as one of `briefing` (all rows briefed together) or of an earlier draw is fused once."""
    records = features(articles)
    fused: dict[tuple[str, ...], Story] = {tuple(s.articles): s for s in briefing.stories}
    scores: list[float] = []
    for keep in ecbplus.topic_picks(rows):
        members: dict[str, list[Article]] = defaultdict(list)
        for i, story in zip(keep, cluster_features([records[i] for i in keep]), strict=True):
            members[story].append(articles[i])
        stories = []
        for story, arts in members.items():
            key = tuple(a.id for a in arts)
            if key not in fused:
                fused[key] = fuse(story, arts)
            stories.append(fused[key])
        drawn = {articles[i].id for i in keep}
        predicted = predicted_pairs(Briefing(articles=[], stories=stories), articles, annotated)
        scores.append(score(predicted, {p for p in gold if min(p)[0] in drawn})[2])
    return scores


def run(data_dir: Path, limit: int | None) -> Result:
    if not (data_dir / FILE).exists() or not (data_dir / SENTENCES).exists():
        return Result(name="ecbplus_claims", skipped=f"{data_dir / FILE} or {SENTENCES} absent")
    rows, annotated = load(data_dir, limit)
    articles = list(ecbplus_corpus.analysed(data_dir, limit))
    gold = gold_pairs(rows, annotated)
    briefing = brief(articles)
    return report(
        rows,
        gold,
        annotated,
        articles,
        briefing,
        by_event(rows, articles),
        topic_draws(rows, annotated, articles, gold, briefing),
    )


def by_event(rows: Sequence[dict[str, object]], articles: Sequence[Article]) -> Briefing:
    """Each gold event's articles fused as one story (the diagnostic: alignment alone)."""
    events: dict[str, list[Article]] = defaultdict(list)
    for row, article in zip(rows, articles, strict=True):
        events[str(row["subtopic"])].append(article)
    return Briefing(articles=[], stories=[fuse(e, arts) for e, arts in events.items()])


def report(
    rows: Sequence[dict[str, object]],
    gold: set[frozenset[SentenceKey]],
    annotated: set[SentenceKey],
    articles: Sequence[Article],
    briefing: Briefing,
    gold_stories: Briefing,
    draws: Sequence[float] = (),
) -> Result:
    """Score a briefing of the rows' analysed articles and write the section; `draws` are
    the F1 of `topic_draws`; `gold` the `gold_pairs` of the rows."""
    predicted = predicted_pairs(briefing, articles, annotated)
    p, r, f = score(predicted, gold)
    gp, gr, gf = score(predicted_pairs(gold_stories, articles, annotated), gold)
    wp, wr, wf = score(whole_story_pairs(briefing, annotated), gold)
    lines = [
        "## ECB+ claim alignment (dev)",
        "",
        f"{len(rows)} articles briefed together end to end into {len(briefing.stories)} "
        f"stories; {len(gold)} gold sentence pairs, {len(predicted)} predicted (annotated "
        "sentences cited together by one claim).",
        "",
        "| system | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| newsfuse (own stories) | {p:.3f} | {r:.3f} | **{f:.3f}** |",
        f"| newsfuse given the gold stories (diagnostic) | {gp:.3f} | {gr:.3f} | {gf:.3f} |",
        f"| one claim citing every sentence of its story (own stories; baseline) | {wp:.3f} "
        f"| {wr:.3f} | {wf:.3f} |",
        f"| {PEER[0]} | | | {PEER[1]:.2f} |",
        "",
        *(
            [
                f"Over {len(draws)} random draws of {ecbplus.DRAW_TOPICS} topics (the size of "
                "the held-out split; the story section's draws), each briefed alone end to end: "
                f"mean F1 {statistics.mean(draws):.3f}, lowest {min(draws):.3f}, highest "
                f"{max(draws):.3f}; {sum(d >= TARGET for d in draws)} of {len(draws)} reach "
                f"{TARGET}.",
                "",
            ]
            if draws
            else []
        ),
        "Retired as a target (issue 15) and kept for reference. ECB+ pairs every two "
        "sentences of a topic that mention one event, so it rewards a claim citing the whole "
        "story (the baseline row); since a claim states one fact, decided by the model "
        "fitted on the BASIL facts, precision rose (0.701 → 0.805 on own stories) and recall "
        "fell (0.833 → 0.458): F1 0.761 → 0.584 against the figure last written here, which "
        "the paragraph below, on the former design, describes.",
        "",
        "Tuned on this split: only the group mean of the alignment (0.5 → 0.4 within the "
        "gold stories, 0.4 → 0.35 on own stories, held only because the seed's claims stay "
        "the same); the shared-date bonus (0.05 → 0.08) changes nothing here. Statements "
        "dated apart and direct statements of different people are kept apart by rule. A "
        "sentence carrying two statements is cut between its clauses (0.690 → 0.693; its "
        "minimum length was set from the bundled examples' cuts; 'as' and 'when' as clause "
        "openers measured 0.686 here and were left out). The story's core event, what the "
        "leads of its reports say, is a claim of its own that cites every sentence "
        "restating it (gold stories 0.737 → 0.783, own stories 0.704 → 0.742; its "
        "similarity measured over 0.40–0.55 on the gold stories, 0.795–0.763, and set "
        "to 0.45 where the seed's core still cites only what happened; the lead counted as "
        "the first two sentences rather than units, so that a standfirst cut at a clause "
        "keeps the lede in the lead, 0.783 → 0.780 and 0.742 → 0.740). The core's leads are "
        "those of every statement two reports or more open with, not only of the one most "
        "open with: reports lead with one event in wordings that do not align (a suspect "
        "named in some, 'a man' in others), and the centroid of one wording missed the "
        "others (0.780 → 0.800 and 0.740 → 0.761, precision 0.693 → 0.701; its similarity "
        "0.40 / 0.45 / 0.50 / 0.55 then gives 0.802 / 0.800 / 0.790 / 0.774 on the gold "
        "stories, 0.761 / 0.761 / 0.751 / 0.736 on own stories). The baseline row "
        "shows what the pairs reward: two sentences of one event sharing an action and a "
        "participant, which most sentences of a report do, so a claim that cites the whole "
        "story outscores claims that each state one fact. The core's similarity is "
        "therefore chosen on what the seed's and examples' claims say, not lowered "
        "towards that baseline.",
    ]
    return Result(
        name="ecbplus_claims",
        metrics={
            "claim_precision": p,
            "claim_recall": r,
            "claim_f1": f,
            "claim_f1_gold_stories": gf,
            "claim_f1_whole_story_baseline": wf,
            **({"claim_f1_draws_mean": statistics.mean(draws)} if draws else {}),
        },
        markdown="\n".join(lines),
    )
