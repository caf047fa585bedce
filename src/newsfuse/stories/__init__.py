"""Story clustering internals: per-article features, the near-duplicate and
nearest-neighbour indexes, and the online story index that `newsfuse.cluster` drives."""
