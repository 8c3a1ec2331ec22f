"""Paragraph permalinks: a small link to each paragraph's own anchor, shown on hover and focus.

The link carries no text in the page (its glyph is drawn by CSS), so the
verbatim text, the search index and copy-paste are unchanged; its accessible
name comes from ``aria-label``. Anchors themselves are assigned in
``chapters._assign_anchors`` (content-derived).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import escape

LABEL = "Link to this paragraph"


def link(anchor: str) -> str:
    a = escape(anchor)
    return f'<a class="report-permalink" href="#{a}" aria-label="{LABEL}" title="{LABEL}" data-search-exclude></a>'


def add(html: str, anchors: Iterable[str]) -> str:
    """Append a permalink inside each ``<p id="…">`` whose id is one of ``anchors``."""
    wanted = set(anchors)
    if not wanted:
        return html

    def insert(m: re.Match[str]) -> str:
        if m.group(2) not in wanted:
            return m.group(0)
        return m.group(1) + m.group(3) + link(m.group(2)) + "</p>"

    return re.sub(r'(<p\b[^>]*\bid="([^"]+)"[^>]*>)(.*?)</p>', insert, html, flags=re.S)
