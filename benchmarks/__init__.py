"""Speed and memory benchmarks (`make bench`); never timed unit tests."""
