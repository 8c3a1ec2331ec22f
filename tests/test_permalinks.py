"""Paragraph permalinks (report_site/permalinks.py): one per paragraph, named, excluded from search,
and invisible to the verbatim text."""

from __future__ import annotations

import json

from helpers import Built
from report_site import permalinks

CHAPTERS = ("executive-summary/index.html", "introduction/index.html")


def test_every_chapter_paragraph_links_to_itself(site: Built) -> None:
    for rel in CHAPTERS:
        soup = site.soup(rel)
        paras = soup.select("article p[id^=p-]")
        assert len(paras) > 5
        for p in paras:
            links = p.select("a.report-permalink")
            assert len(links) == 1, p["id"]
            a = links[0]
            assert a["href"] == "#" + p["id"]
            assert a["aria-label"] == "Link to this paragraph"
            assert a.has_attr("data-search-exclude")
            assert a.get_text() == ""  # the glyph is CSS: page text, copy-paste and search stay verbatim


def test_permalinks_add_nothing_to_search(site: Built) -> None:
    index = json.loads((site.site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Link to this paragraph" not in text and "¶" not in text


def test_only_known_anchors_get_links() -> None:
    html = '<p id="p-a">One</p>\n<p id="other">Two</p>\n<p>Three</p>'
    out = permalinks.add(html, ["p-a"])
    assert out.count("report-permalink") == 1
    assert out.startswith('<p id="p-a">One<a class="report-permalink" href="#p-a"')
    assert permalinks.add(html, []) == html


def test_anchor_is_escaped() -> None:
    assert '"><' not in permalinks.link('x"><script>')
