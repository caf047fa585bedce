"""Story clustering: which analysed articles report the same real-world event.

`cluster` drives the online story index (`index`) over per-article features
(`features`); `shard` holds the near-duplicate and nearest-neighbour indexes and `split`
the check that cuts a young story holding two events.
"""
