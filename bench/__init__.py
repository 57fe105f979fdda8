"""Benchmarks, run on demand with ``make bench``: figures against floors, never pass/fail."""
