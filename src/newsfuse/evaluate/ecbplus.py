"""ECB+ story clustering: B-cubed F1 of article → story against the gold `subtopic`.

Every topic of ECB+ holds two real events of the same kind, so the score measures what
matters: telling two earthquakes apart. All articles are clustered together, as one
stream; the `topic` field is never used. Articles carry only their text (ECB+ gives no
titles or dates, and the ids, which encode the event, are not shown to the clusterer).
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsfuse.evaluate import Result, ecbplus_corpus
from newsfuse.model import Article
from newsfuse.stories.cluster import cluster_features
from newsfuse.stories.features import ArticleFeatures, features

FILE = ecbplus_corpus.FILE
TARGET = 0.92
"""The issue's bar on the held-out test topics."""
PEERS = (
    ("TF-IDF + average linkage (threshold tuned on dev)", 0.873),
    ("all-MiniLM-L6-v2 + average linkage (threshold tuned on dev)", 0.857),
)


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    if not predicted:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(predicted, gold, strict=True))
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    n = len(predicted)
    p = sum(c * c / pred_size[pr] for (pr, _), c in pairs.items()) / n
    r = sum(c * c / gold_size[g] for (_, g), c in pairs.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


DRAWS = 30
DRAW_TOPICS = 10
"""The held-out test split holds 10 topics: the spread of B-cubed F1 over random draws of
10 dev topics, each clustered alone, shows how far a figure on such a split may move."""
DRAW_SEED = 20260101


def topic_picks(rows: Sequence[dict[str, object]]) -> list[list[int]]:
    """Row indexes, in file order, of each of `DRAWS` seeded draws of `DRAW_TOPICS` topics
    (none when the rows hold no more topics than a draw)."""
    topics = sorted({int(str(r["topic"])) for r in rows})
    rng = random.Random(DRAW_SEED)
    picks: list[list[int]] = []
    for _ in range(DRAWS if len(topics) > DRAW_TOPICS else 0):
        pick = set(rng.sample(topics, DRAW_TOPICS))
        picks.append([i for i, r in enumerate(rows) if int(str(r["topic"])) in pick])
    return picks


def topic_draws(
    records: Sequence[ArticleFeatures], rows: Sequence[dict[str, object]]
) -> list[float]:
    """B-cubed F1 of each draw of `topic_picks`, clustered alone in file order (the topic
    picks the articles; it is never shown to the clusterer)."""
    scores: list[float] = []
    for keep in topic_picks(rows):
        stories = cluster_features([records[i] for i in keep])
        scores.append(bcubed(stories, [str(rows[i]["subtopic"]) for i in keep])[2])
    return scores


def online(articles: Sequence[Article]) -> list[str]:
    """Stories as a stream would get them: features one article at a time, fed in order."""
    return cluster_features([features([a])[0] for a in articles])


def run(data_dir: Path, limit: int | None) -> Result:
    path = data_dir / FILE
    if not path.exists():
        return Result(name="ecbplus", skipped=f"{path} is absent")
    rows = ecbplus_corpus.rows(data_dir, limit)
    articles = list(ecbplus_corpus.analysed(data_dir, limit))
    records = features(articles)
    stories = cluster_features(records)
    agree = sum(a == b for a, b in zip(stories, online(articles), strict=True))
    gold = [str(r["subtopic"]) for r in rows]
    p, r, f = bcubed(stories, gold)
    draws = topic_draws(records, rows)
    spread = (
        f"Over {len(draws)} random draws of {DRAW_TOPICS} topics (the size of the held-out "
        f"split), each clustered alone: mean F1 {statistics.mean(draws):.3f}, "
        f"lowest {min(draws):.3f}, highest {max(draws):.3f}; "
        f"{sum(d >= TARGET for d in draws)} of {len(draws)} reach {TARGET}."
        if draws
        else ""
    )
    lines = [
        "## ECB+ stories (dev)",
        "",
        f"{len(rows)} articles, {len(set(gold))} events, clustered together as one stream "
        f"into {len(set(stories))} stories. B-cubed of article → story against `subtopic`.",
        "",
        "| system | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| newsfuse (online) | {p:.3f} | {r:.3f} | **{f:.3f}** |",
        *(f"| {name} | | | {score:.3f} |" for name, score in PEERS),
        "",
        f"Online (each article embedded alone and added as it arrives) and batch agree on "
        f"{agree} of {len(rows)} articles.",
        "",
        spread,
        "",
        "Tuned on this split: only the join threshold and the weights of the three "
        "similarities (embedding, terms, entities), on a coarse grid (weights in steps of "
        "about 0.1, threshold in steps of 0.05), and the split check of young stories "
        "(sizes 4/8/16, 6/12/24, 8/16/24, 8/16/32; across/within ratio 0.70–0.82 in steps "
        "of 0.02–0.05; F1 0.888–0.919 over that grid), and the weight of the weekdays the "
        "leads name in that check (0.02–0.04 over ratios 0.72–0.80: 0.906–0.920; 0.04 "
        "gives 0.917–0.918 from 0.72 to 0.78). A split also needs every article's most "
        "similar fellow on its own side (0.917 → 0.940; 0.925–0.940 over ratios 0.74–0.86, "
        "where without it 0.857–0.918; on 30 draws of 10 topics made with another seed than "
        "the draws above, the mean rises 0.902 → 0.915), and before the checks an article "
        "the spectral cut misplaced moves to its fellow's side, one per 16 members (dev "
        "unchanged; those draws 0.915 → 0.932; one per 12 the same, per 24 0.924, per 8 0.918). "
        "Cutting the Fiedler vector where the normalised cut is least instead of at its sign "
        "(it places a lone in-between article of unequal groups better) splits more stories "
        "wrongly: 0.940 → 0.930, draws' mean 0.929 → 0.920; not taken. "
        "Features, window and caps are fixed by design.",
    ]
    return Result(
        name="ecbplus",
        metrics={
            "bcubed_precision": p,
            "bcubed_recall": r,
            "bcubed_f1": f,
            "online_agreement": agree / len(rows),
            **({"draws_mean_f1": statistics.mean(draws)} if draws else {}),
        },
        markdown="\n".join(lines),
    )
