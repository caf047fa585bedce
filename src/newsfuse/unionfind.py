"""Union-find: the groups that pairwise links make (same quote, same entity, same source).

Three stages link items pair by pair and need the resulting groups; they share this one
structure instead of each keeping a parent list.
"""

from __future__ import annotations


class DisjointSets:
    """Items 0..size-1, each in one set; `join` merges two sets."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def find(self, item: int) -> int:
        """The representative of the item's set (paths halved on the way)."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, item: int, into: int) -> None:
        """Merge the item's set into the set of `into`."""
        self._parent[self.find(item)] = self.find(into)

    def groups(self) -> list[list[int]]:
        """Members of every set, each in item order, sets in order of their first item."""
        out: dict[int, list[int]] = {}
        for item in range(len(self._parent)):
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())
