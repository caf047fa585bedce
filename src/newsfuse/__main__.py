"""`python -m newsfuse` is the `newsfuse` command."""

from newsfuse.cli import run

run()
