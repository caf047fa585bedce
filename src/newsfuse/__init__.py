"""newsfuse: many news reports in, one reconciled account per story out."""

__version__ = "0.1.0"
