"""Fusion: one reconciled account per story, from its analysed articles.

`claims` cuts the articles into statements and aligns them across outlets, `conflicts`
reads contradictions from their structured facts, `entities` merges the story's
identities, and `story` assembles claims, quotes, timeline and omissions into a Story.
"""

from newsfuse.fuse.story import fuse

__all__ = ["fuse"]
