"""The plugin's settings, declared once; mkdocs validates them and reports bad values."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .data.model import Author, Published


class Authors(c.BaseConfigOption[list[Author]]):
    """The byline: each item "Given Family", "Family, Given", {given:, family:, …} (a person) or {name:} (an organisation)."""

    def run_validation(self, value: Any) -> list[Author]:
        if isinstance(value, (str, dict)):
            value = [value]
        if not isinstance(value, list) or not value:
            raise base.ValidationError(
                "list the report's authors, e.g. `authors: [Given Family]` or `authors: [{name: Organisation}]`"
            )
        out = []
        for i, item in enumerate(value):
            try:
                out.append(Author.parse(item))
            except ValueError as exc:
                raise base.ValidationError(f"authors[{i}]: {exc}") from None
        return out


class PublicationDate(c.BaseConfigOption[Published]):
    """``2023-03-15``, or ``2023-03`` / ``2023`` when the publisher gives no day (nothing is invented)."""

    def run_validation(self, value: Any) -> Published:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return Published.of(value)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and (
            m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
        ):
            year, month, day = (int(g) if g else None for g in m.groups())
            try:
                dt.date(year or 1, month or 1, day or 1)
            except ValueError as exc:
                raise base.ValidationError(f"`{value}` is not a date ({exc}); {WRITE_DATE}") from None
            return Published(year or 1, month, day)
        raise base.ValidationError(f"`{value}` is not a date; {WRITE_DATE}")


#: What to write instead of a date that is not one.
WRITE_DATE = "write the date as YYYY-MM-DD, or YYYY-MM or YYYY when the publisher gives no day"


class Version(c.BaseConfigOption[str]):
    """An edition label (``"1.1"``), which must be text: unquoted, YAML reads ``1.10`` as the number 1.1."""

    def __init__(self) -> None:
        super().__init__()
        self.default = ""

    def run_validation(self, value: Any) -> str:
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise base.ValidationError(
                'write the version in quotes, e.g. `version: "1.1"`: unquoted, YAML reads it as a number '
                "(1.10 becomes 1.1)"
            )
        raise base.ValidationError('the version is a label in quotes, e.g. `version: "1.1"`')


class ReportMetadata(base.Config):
    """Bibliographic facts about the report, reused by every page and output."""

    title = c.Type(str)
    """Short title, as set on the cover."""
    subtitle = c.Type(str, default="")
    """Subtitle, as set on the cover."""
    authors = Authors()
    """Authors in byline order: people ("Given Family" or {given, family}) and organisations ({name})."""
    publisher = c.Type(str)
    """The institution that published the report."""
    published = PublicationDate()
    """Publication date as given by the publisher: YYYY-MM-DD, or YYYY-MM or YYYY when it gives no day."""
    language = c.Type(str, default="en")
    """BCP 47 language tag of the text."""
    slug = c.Type(str, default="")
    """Base name of the downloads (`<slug>.pdf`, `.bib`, `.ris`); default: from the title, transliterated to ASCII."""
    sentence_case_title = c.Type(str, default="")
    """Full title in sentence case, for APA citations (proper nouns cannot be guessed); default: the title as set."""
    description = c.Type(str, default="")
    """One or two sentences for the landing page and search engines; default: the report's first paragraph."""
    copyright = c.Type(str, default="")
    """The footer's copyright line; default: "© <year> <publisher>"."""
    version = Version()
    """Optional edition label (``"1.1"``), carried by the citations, CITATION.cff and the cover."""


class CoverSettings(base.Config):
    """The landing page's cover: an optional ornament of the report's own, large and faint at its right."""

    mark = c.Type(str, default="")
    """A character or two drawn as the ornament (decorative: hidden from screen readers), e.g. "§"."""
    mark_image = c.Type(str, default="")
    """Or a picture under the docs directory drawn the same way (a light-coloured SVG or PNG with
    transparency: it is shown at a tenth of its opacity), e.g. `assets/mark.svg`. Default: no ornament."""


class ReportSiteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its settings."""
    recommendations = c.Type(str, default="recommendations.yaml")
    """The recommendations data file, relative to mkdocs.yml."""
    metadata = c.SubConfig(ReportMetadata)
    """The report's bibliographic metadata (one place, reused everywhere)."""
    search_boost = c.Type((int, float), default=2)
    """Search boost for recommendation pages, so a topic finds its recommendation first. At 3, a long
    recommendation that shares three words with a passage's phrase outranked the passage (GAO-26-107841);
    at 2 every ranking of ``make bench``'s search benchmark on Peninsula Plus is as before."""
    search_passages = c.Type(bool, default=True)
    """Index every citable paragraph as a search result of its own (``chapter/#p-…``), not only whole pages."""
    pdf = c.Type(bool, default=True)
    """Build the full report as a PDF at the site root (never under `mkdocs serve`: too slow for live reload)."""
    theme_cache = c.Type(bool, default=True)
    """Keep the theme's compiled templates between builds (Jinja's bytecode cache in .cache/ beside mkdocs.yml,
    checked against each template's source): compiling Material's templates is about a third of a build's
    CPU. `mkdocs serve` keeps them in memory either way."""
    cards = c.Type(bool, default=True)
    """Draw a social card (1200×630 PNG, og:image) for every page; cached in .cache/ beside mkdocs.yml."""
    strict_references = c.Type(bool, default=False)
    """Fail, rather than warn, when a recommendation has no supporting passage."""
    source_text = c.Optional(c.Type(str))
    """The report as published (plain text, relative to mkdocs.yml): the tests check each chapter keeps its
    paragraphs verbatim against it. Unset: that check is skipped, saying why."""
    labels = c.Type(dict, default={})
    """The generator's own words, reworded: label key → text (``report_site/labels/en.yml`` lists the keys).
    Overrides the shipped language nearest to ``metadata.language``; a language not shipped can be given whole."""
    cover = c.SubConfig(CoverSettings)
    """The cover's ornament (``mark`` or ``mark_image``); none by default."""
    source_text_skip = c.ListOfItems(c.Type(str), default=[])
    """Paragraphs of the source text that are not report text (web-page furniture, a repost date)."""


def cache_folder(config: Any) -> Path:
    """``.cache/report-site/`` beside mkdocs.yml: the one folder where a build keeps what the next can reuse
    (the theme's compiled templates, schema-valid digests, social cards); git-ignored, safe to delete."""
    return Path(config.config_file_path or ".").parent / ".cache" / "report-site"
