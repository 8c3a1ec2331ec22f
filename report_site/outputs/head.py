"""Machine-readable metadata for each page's ``<head>``: Highwire ``citation_*``, Open Graph,
Twitter card and schema.org ``Report`` JSON-LD.

Values are plain strings here; ``partials/report-head.html`` escapes every one
(``|e`` for attributes, ``|tojson`` for JSON-LD, which also escapes ``<`` so a
title containing ``</script>`` stays inert). Absolute URLs only when the site
has a ``site_url``; without one, URLs that must be absolute (og:url,
citation_pdf_url) are left out and JSON-LD uses page-relative links.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..data.model import Author
from .citation import Work


def highwire(work: Work, pdf_url: str) -> list[tuple[str, str]]:
    tags = [("citation_title", work.full_title)]
    tags += [
        ("citation_author", a.display) for a in work.authors
    ]  # Highwire: one tag per author, byline order
    tags += [
        ("citation_publication_date", work.published.slashed()),
        ("citation_publisher", work.publisher),
        ("citation_technical_report_institution", work.publisher),
        ("citation_language", work.language),
    ]
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags


def person(a: Author) -> dict[str, str]:
    """schema.org ``Person`` (with given/family names) or ``Organization``."""
    if a.is_organisation:
        return {"@type": "Organization", "name": a.name}
    out = {"@type": "Person", "name": a.display, "familyName": a.family_full}
    if a.given:
        out["givenName"] = a.given
    if a.suffix:
        out["honorificSuffix"] = a.suffix
    return out


def open_graph(
    title: str, description: str, site_name: str, url: str, published: str, language: str
) -> list[tuple[str, str]]:
    tags = [
        ("og:type", "article"),
        ("og:title", title),
        ("og:description", description),
        ("og:site_name", site_name),
    ]
    if url:
        tags.append(("og:url", url))
    tags.append(("article:published_time", published))
    return tags


def correction_comment(text: str, day: dt.date, url: str) -> dict[str, Any]:
    """schema.org ``CorrectionComment``: what was corrected, when, and the corrected paragraph."""
    return {"@type": "CorrectionComment", "text": text, "datePublished": day.isoformat(), "url": url}


def twitter(title: str, description: str) -> list[tuple[str, str]]:
    return [("twitter:card", "summary"), ("twitter:title", title), ("twitter:description", description)]


def json_ld(
    work: Work,
    home: str,
    page_url: str,
    page_title: str,
    is_home: bool,
    chapters: list[tuple[str, str]],
    recommendations: list[tuple[str, str]],
    pdf_url: str,
    description: str,
    page_modified: dt.date | None = None,
    corrections: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A schema.org graph: the Report and, on other pages, the WebPage that is part of it.

    Only the home page lists the report's parts: repeating every chapter and
    recommendation on every page would grow the site with pages × parts. Corrections
    (schema.org ``CorrectionComment``) are listed by the home page for the report and by
    each chapter for its own paragraphs; the report's ``dateModified`` is its last
    correction, a page's the latest date it shows (a correction, a status update).
    """
    report: dict[str, Any] = {
        "@type": "Report",
        "@id": home + "#report",
        "name": work.full_title,
        "headline": work.title,
        "author": [person(a) for a in work.authors],
        "publisher": {"@type": "Organization", "name": work.publisher},
        "datePublished": work.published.isoformat(),
        "inLanguage": work.language,
        "url": home,
    }
    if work.corrected:
        report["dateModified"] = work.corrected.isoformat()
    if work.version:
        report["version"] = work.version
    if is_home:
        report["hasPart"] = [
            *(
                {"@type": "Chapter", "name": title, "url": url, "position": i}
                for i, (title, url) in enumerate(chapters, 1)
            ),
            *(
                {"@type": "CreativeWork", "name": title, "url": url, "position": i}
                for i, (title, url) in enumerate(recommendations, 1)
            ),
        ]
    if work.subtitle:
        report["alternativeHeadline"] = work.subtitle
    if pdf_url:
        report["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": pdf_url,
            "encodingFormat": "application/pdf",
        }
    if is_home:
        report["description"] = description
        if corrections:
            report["correction"] = corrections
        return {"@context": "https://schema.org", **report}
    page: dict[str, Any] = {
        "@type": "WebPage",
        "name": page_title,
        "url": page_url,
        "description": description,
        "inLanguage": work.language,
        "isPartOf": {"@id": home + "#report"},
    }
    if page_modified:
        page["dateModified"] = page_modified.isoformat()
    if corrections:
        page["correction"] = corrections
    return {"@context": "https://schema.org", "@graph": [report, page]}


def page_head(
    work: Work,
    *,
    site_name: str,
    title: str,
    description: str,
    is_home: bool,
    urls: dict[str, Any],
    modified: dt.date | None = None,
    corrections: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything the head partial prints for one page.

    ``urls``: ``page_abs``/``pdf_abs`` (absolute or ""), and for JSON-LD ``home``,
    ``page``, ``pdf`` (absolute, or relative to the page), ``chapters`` and
    ``recommendations`` as (title, url) pairs, ``feed`` (the Atom feed's URL, or "").
    ``modified``: the latest date the page shows; ``corrections``: ``CorrectionComment``s.
    """
    og = open_graph(
        title, description, site_name, urls["page_abs"], work.published.isoformat(), work.language
    )
    if modified:
        og.append(("article:modified_time", modified.isoformat()))
    return {
        "citation": highwire(work, urls["pdf_abs"]),
        "og": og,
        "feed": urls.get("feed", ""),
        "twitter": twitter(title, description),
        "jsonld": json_ld(
            work,
            urls["home"],
            urls["page"],
            title,
            is_home,
            urls["chapters"],
            urls["recommendations"],
            urls["pdf"],
            description,
            modified,
            corrections,
        ),
    }
