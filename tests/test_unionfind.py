"""The union-find the quote, entity and source groupings share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfuse.unionfind import DisjointSets


@given(st.integers(1, 30).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40)
)))  # fmt: skip
def test_groups_are_the_connected_items(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, links = case
    sets = DisjointSets(n)
    for a, b in links:
        sets.join(a, b)
    groups = sets.groups()
    assert sorted(i for g in groups for i in g) == list(range(n))
    assert all(g == sorted(g) for g in groups)
    assert [g[0] for g in groups] == sorted(g[0] for g in groups)
    group_of = {i: k for k, g in enumerate(groups) for i in g}
    assert all(group_of[a] == group_of[b] for a, b in links)
    # each group is connected by the links alone (no two unlinked groups merged)
    for g in groups:
        reached, frontier = {g[0]}, [g[0]]
        while frontier:
            x = frontier.pop()
            for a, b in links:
                for y in (b,) if a == x else (a,) if b == x else ():
                    if y not in reached:
                        reached.add(y)
                        frontier.append(y)
        assert reached == set(g)
