"""Data for the reader tools (``assets/reader.js``): link previews and copy-a-quote.

Why build-time data in the page rather than fetching the target: the preview must
appear at once on hover or focus, also offline, and without loading another page. So
each page carries, as a small inline JSON, only what its own links need:

* ``previews``: for each link on the page to a recommendation, its number, full title
  and focus areas; for each link to a cited passage, the passage's chapter, paragraph
  number and text. Keyed by the link's ``href`` exactly as written in the page.
* ``quote`` (pages with paragraph links): the section title, the page's permanent
  address (absolute when ``site_url`` is set; else the script uses the browser's) and,
  per citation style, the author-date part from ``citation.in_text``.

The links are found in the rendered HTML, so this follows whatever Markdown produced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from ..chapters.references import Index
from ..data.labels import Labels
from ..data.model import Passage, Recommendation, Report

#: At most this many previews in one page (the first links in reading order), so a page that
#: lists every recommendation (the index of a long report) does not grow with the report.
MAX_PREVIEWS = 40
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"#][^"]*)"')  # a link within the page (``#…``) needs no preview


class Previews:
    """Site path (``recommendations/x/``, ``introduction/#p-…``) → what a preview card shows."""

    def __init__(
        self,
        report: Report,
        index: Index,
        titles: dict[str, str],
        page_path: Callable[[str], str],
        labels: Labels | None = None,
    ) -> None:
        self.targets: dict[str, dict[str, Any]] = {}
        labels = labels or Labels()
        for rec in report.recommendations:
            self.targets[page_path(rec.src_uri)] = _recommendation(rec, report, labels)
        for p in index.passages:
            self.targets[page_path(p.src_uri) + "#" + p.anchor] = _passage(p, titles, labels)

    def for_page(self, html: str, page_url: str) -> dict[str, dict[str, Any]]:
        """The previews the links in ``html`` (the page at ``page_url``) need, keyed by their href."""
        base = "/" + (page_url or "")
        out: dict[str, dict[str, Any]] = {}
        for href in dict.fromkeys(m.group(1).replace("&amp;", "&") for m in _HREF.finditer(html)):
            if "://" in href or href.startswith(("mailto:", "data:")):
                continue
            target = urljoin(base, href)[1:]
            if target.endswith("index.html"):
                target = target[: -len("index.html")]
            data = self.targets.get(target)
            if data is not None and target.split("#", 1)[0] != (
                page_url or ""
            ):  # not the page's own parts (../x/ back to it)
                out[href] = data
                if len(out) >= MAX_PREVIEWS:
                    break
        return out


def _recommendation(rec: Recommendation, report: Report, labels: Labels) -> dict[str, Any]:
    return {
        "kind": "recommendation",
        "kicker": labels.t("recommendation_number", number=rec.shown_number),
        "title": rec.title,
        "areas": [report.area(a).title for a in rec.focus_areas],
    }


def _passage(p: Passage, titles: dict[str, str], labels: Labels) -> dict[str, Any]:
    number = getattr(p, "number", 0)
    chapter = titles.get(p.src_uri) or p.chapter_title
    return {
        "kind": "passage",
        "kicker": labels.t("chapter_paragraph", chapter=chapter, number=number) if number else chapter,
        "text": p.text,
    }


def quote_data(section: str, page_abs_url: str, styles: list[dict[str, str]]) -> dict[str, Any]:
    return {"section": section, "url": page_abs_url, "styles": styles}
