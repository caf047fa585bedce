"""Story clustering (placeholder: one story per connected component of similar leads)."""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Article, StoryAssignment
from newsfuse.nlp.embed import embed

THRESHOLD = 0.5


def cluster(articles: Sequence[Article]) -> list[StoryAssignment]:
    leads = [((a.title or "") + " " + a.body[:600]).strip() for a in articles]
    vecs = embed(leads)
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    sims = vecs @ vecs.T
    for i in range(len(articles)):
        for j in range(i):
            if sims[i, j] >= THRESHOLD:
                parent[find(i)] = find(j)
    roots: dict[int, str] = {}
    out = []
    for i, a in enumerate(articles):
        r = find(i)
        roots.setdefault(r, f"story-{len(roots) + 1}")
        out.append(StoryAssignment(id=a.id, story=roots[r]))
    return out
