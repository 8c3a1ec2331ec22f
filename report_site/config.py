"""The plugin's settings, declared once; mkdocs validates them and reports bad values."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c


class ReportMetadata(base.Config):
    """Bibliographic facts about the report, reused by every page and output."""

    title = c.Type(str)
    """Short title, as set on the cover."""
    subtitle = c.Type(str, default="")
    """Subtitle, as set on the cover."""
    authors = c.ListOfItems(c.Type(str))
    """Authors in byline order, "Given Family"."""
    publisher = c.Type(str)
    """The institution that published the report."""
    published = c.Type(dt.date)
    """Publication date (YYYY-MM-DD) as given by the publisher."""
    language = c.Type(str, default="en")
    """BCP 47 language tag of the text."""
    slug = c.Type(str, default="")
    """Base name of the downloads (`<slug>.pdf`, `.bib`, `.ris`); default: from the title, transliterated to ASCII."""
    sentence_case_title = c.Type(str, default="")
    """Full title in sentence case, for APA citations (proper nouns cannot be guessed); default: the title as set."""


class ReportSiteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its settings."""
    recommendations = c.Type(str, default="recommendations.yaml")
    """The recommendations data file, relative to mkdocs.yml."""
    metadata = c.SubConfig(ReportMetadata)
    """The report's bibliographic metadata (one place, reused everywhere)."""
    search_boost = c.Type((int, float), default=3)
    """Search boost for recommendation pages, so a topic finds its recommendation first."""
    search_passages = c.Type(bool, default=True)
    """Index every citable paragraph as a search result of its own (``chapter/#p-…``), not only whole pages."""
    pdf = c.Type(bool, default=True)
    """Build the full report as a PDF at the site root (never under `mkdocs serve`: too slow for live reload)."""
    cards = c.Type(bool, default=True)
    """Draw a social card (1200×630 PNG, og:image) for every page; cached in .cache/ beside mkdocs.yml."""
    strict_references = c.Type(bool, default=False)
    """Fail, rather than warn, when a recommendation has no supporting passage."""
