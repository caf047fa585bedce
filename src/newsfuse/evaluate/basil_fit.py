"""Fit the alignment model (`newsfuse.fuse.align.MODEL`) and measure it on events it never saw.

    python -m newsfuse.evaluate.basil_fit [--data ../shared/data] [--examples FILE]

Training pairs are every two sentences of different articles of one event: from the
BASIL dev events (gold: `basil-facts-dev.json`) and from the invented, hand-labelled
reports in tests/alignment/reports.json. A pair is positive when the two sentences
share a labelled fact. The features are computed by the product's own code
(`newsfuse.fuse.align.features` over `newsfuse.fuse.claims.units_of`), so what is fitted
is what runs. The command prints the MODEL line to paste into fuse/align.py, the
in-sample figures, and leave-one-event-out cross-validation over the ten BASIL events
(each fold fits on nine events plus the invented ones, then fuses the tenth with it).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsfuse.evaluate import basil
from newsfuse.fuse import fuse
from newsfuse.fuse.align import MODEL, SAME_FACT, Model, candidate_pairs, features
from newsfuse.fuse.claims import Unit, embed_units, statements, units_of
from newsfuse.fuse.entities import merge_story_entities
from newsfuse.fuse.story import Identities, compared_amounts, same_amount
from newsfuse.ingest.jsonl import article_from_row
from newsfuse.model import Article, Story
from newsfuse.pipeline import analyze_batch

EXAMPLES = Path(__file__).resolve().parents[3] / "tests" / "alignment" / "reports.json"
L2 = 1.0
"""Ridge penalty on the weights (not the bias): with ten events, keeps them modest."""
NEWTON_STEPS = 50

Span = tuple[str, int, int]


@dataclass
class Labelled:
    """One event's analysed articles and its facts, each the spans that state it."""

    event: str
    articles: list[Article]
    facts: list[set[Span]]
    sentences: list[Span] | None = None
    """The annotated sentences (pairs outside them have no label); None: every one."""


def basil_events(data_dir: Path) -> list[Labelled]:
    gold = basil.load_gold(data_dir)
    articles = basil.analysed(data_dir)
    spans = {(aid, label): (aid, s, e) for aid, sp in gold.spans.items() for label, s, e in sp}
    events: dict[str, Labelled] = {}
    for a in articles:
        ev = gold.event_of[a.id]
        events.setdefault(ev, Labelled(ev, [], [], [])).articles.append(a)
        events[ev].sentences += [(a.id, s, e) for _, s, e in gold.spans[a.id]]
    for ev, keys in gold.facts:
        events[ev].facts.append({spans[k] for k in keys})
    return [events[e] for e in sorted(events)]


def example_events(path: Path) -> list[Labelled]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[Labelled] = []
    for event in data["events"]:
        rows = [article_from_row(r, default_id=r["id"]) for r in event["articles"]]
        texts = {a.id: a.text for a in rows}
        facts = []
        for fact in event["facts"]:
            found = set()
            for aid, phrase in fact["sentences"]:
                start = texts[aid].index(phrase)
                found.add((aid, start, start + len(phrase)))
            facts.append(found)
        out.append(Labelled(event["event"], analyze_batch(rows), facts))
    return out


def pairs_of(event: Labelled) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every pair of labelled sentences of different articles."""
    arts = event.articles
    ident = Identities(arts, merge_story_entities(arts))
    units = units_of(arts, ident)
    vectors = embed_units(units)
    articles = np.array([u.article for u in units], dtype=np.int64)
    i, j = candidate_pairs(articles, vectors)
    facts_of: list[set[int]] = []
    labelled: list[bool] = []
    for u in units:
        aid = arts[u.article].id

        def inside(spans: Sequence[Span], aid: str = aid, u: Unit = u) -> bool:
            return any(
                a == aid and basil.overlaps_by_half((u.start, u.end), (s, e)) for a, s, e in spans
            )

        facts_of.append({n for n, fact in enumerate(event.facts) if inside(list(fact))})
        labelled.append(event.sentences is None or inside(event.sentences))
    keep = np.array([labelled[a] and labelled[b] for a, b in zip(i, j, strict=True)], dtype=bool)
    i, j = i[keep], j[keep]
    x = features(statements(units, compared_amounts), vectors, i, j, same_amount)
    y = np.array([bool(facts_of[a] & facts_of[b]) for a, b in zip(i, j, strict=True)], float)
    return x, y


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> Model:
    """Ridge-penalised logistic regression by Newton's method."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    penalty = np.eye(d + 1) * l2
    penalty[-1, -1] = 0.0
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(xb @ beta)))
        grad = xb.T @ (p - y) + penalty @ beta
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return Model(
        weights=tuple(round(float(w), 2) for w in beta[:-1]), bias=round(float(beta[-1]), 2)
    )


def pair_figures(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Average precision, and P/R/F1 at SAME_FACT, of pair probabilities."""
    order = np.argsort(-p, kind="stable")
    hits = np.cumsum(y[order])
    ap = float((hits / np.arange(1, len(y) + 1))[y[order] == 1].mean()) if y.any() else 0.0
    chosen = p >= SAME_FACT
    tp = float((chosen & (y == 1)).sum())
    prec = tp / chosen.sum() if chosen.any() else 0.0
    rec = tp / y.sum() if y.any() else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"ap": ap, "precision": prec, "recall": rec, "f1": f1}


@dataclass
class Fitted:
    """The model fitted on everything, and what leave-one-event-out says of it."""

    model: Model
    in_sample: dict[str, float]
    held_out: dict[str, float]
    held_out_claims: basil.Scores
    events: int
    examples: int
    pairs: int


def cross_validate(data_dir: Path, examples: Path = EXAMPLES) -> Fitted:
    """Fit on all, and score each BASIL event fused with a model fitted without it."""
    gold = basil.load_gold(data_dir)
    events = basil_events(data_dir)
    extra = example_events(examples) if examples.exists() else []
    data = {e.event: pairs_of(e) for e in events + extra}
    x_all = np.vstack([x for x, _ in data.values()])
    y_all = np.concatenate([y for _, y in data.values()])
    model = fit(x_all, y_all)
    probs: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    stories: list[Story] = []
    for event in events:
        rest = [k for k in data if k != event.event]
        fold = fit(
            np.vstack([data[k][0] for k in rest]), np.concatenate([data[k][1] for k in rest])
        )
        x, y = data[event.event]
        probs.append(fold.probability(x))
        labels.append(y)
        stories.append(fuse(event.event, event.articles, fold))
    return Fitted(
        model=model,
        in_sample=pair_figures(model.probability(x_all), y_all),
        held_out=pair_figures(np.concatenate(probs), np.concatenate(labels)),
        held_out_claims=basil.score_stories(gold, stories),
        events=len(events),
        examples=len(extra),
        pairs=len(y_all),
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsfuse.evaluate.basil_fit")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--examples", type=Path, default=EXAMPLES)
    args = ap.parse_args(argv)
    fitted = cross_validate(args.data, args.examples)
    m = fitted.model
    print(f"MODEL = Model(weights={m.weights!r}, bias={m.bias!r})")
    print(f"weights: {m.describe()}; bias {m.bias:+.2f} (shipped: {MODEL.describe()})")
    print(
        f"{fitted.pairs} pairs from {fitted.events} BASIL events and {fitted.examples} "
        "invented ones"
    )
    for name, fig in (("in-sample", fitted.in_sample), ("leave-one-event-out", fitted.held_out)):
        print(f"{name} pairs: " + ", ".join(f"{k} {v:.3f}" for k, v in fig.items()))
    s = fitted.held_out_claims
    print(
        f"leave-one-event-out claims: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}, "
        f"claim precision {s.claim_precision:.3f} ({s.multi_outlet_claims}), "
        f"fact recall {s.fact_recall:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
