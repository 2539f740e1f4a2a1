"""Benchmarks of the reports (`make bench`); see bench/__main__.py. Not part of `make test`."""
