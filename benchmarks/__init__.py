"""Benchmarks (``make bench``): never part of ``make test``; results are committed as Markdown."""
