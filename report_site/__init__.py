"""Publish a policy report (Markdown chapters + recommendations as data) as an mkdocs site.

The pipeline, one module per stage:

1. ``loader``      – read and validate ``recommendations.yaml`` into the ``model``.
2. ``chapters``    – parse chapters: paragraphs, anchors and ``[[...]]`` directives.
3. ``references``  – index which passages argue for which recommendation (both ways).
4. ``pages``       – render generated pages (recommendations, index) from ``templates/``.
5. ``plugin``      – the thin mkdocs plugin wiring the stages into mkdocs events.
"""

__version__ = "0.1.0"
