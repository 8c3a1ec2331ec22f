"""Publish a policy report (Markdown chapters + recommendations as data) as an mkdocs site.

The pipeline, one module per stage:

1. ``loader``      – read and validate ``recommendations.yaml`` into the ``model``;
                     ``metadata`` derives the report's facts once from mkdocs.yml.
2. ``chapters``    – scan chapters with Python-Markdown itself (the ``passages`` extension:
                     directives, paragraph anchors from ``anchors``, ``rec:`` links), located.
3. ``references``  – index which passages argue for which recommendation (both ways).
4. ``pages``       – render generated pages (recommendations, index) from ``templates/``.
5. ``plugin``      – the thin mkdocs plugin wiring the stages into mkdocs events;
                     ``outputs/`` adds citations, head metadata, open data, PDF, search
                     entries per paragraph, reader tools and social cards.

Checks the stages call: ``sources`` (unreadable files, unprintable text, metadata) and
``addresses`` (one owner per published URL). The command line (``build_site.py``) runs
``build``, which uses ``buildlog`` (mkdocs' messages per build), ``locate`` (messages put
on a line) and ``sitedir`` (which folder may be replaced; the swap).
"""

__version__ = "0.1.0"

from importlib.util import find_spec as _find_spec

if _find_spec("mkdocs") is None and _find_spec("properdocs") is not None:
    # Only ProperDocs (the drop-in fork of mkdocs) is installed: its shim answers every
    # ``mkdocs.*`` import, so build_site.py and the plugin run on it unchanged.
    import properdocs.replacement  # noqa: F401
