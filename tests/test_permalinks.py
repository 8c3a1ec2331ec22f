"""Paragraph permalinks (made by report_site/passages.py) in the built report: one per paragraph, named,
excluded from search, and invisible to the verbatim text (the extension's own tests are in test_passages.py)."""

from __future__ import annotations

import json

from helpers import Built, chapter_pages

CHAPTERS = chapter_pages()  # the report's own chapters, from its nav


def test_every_chapter_paragraph_links_to_itself(site: Built) -> None:
    assert CHAPTERS
    for rel in CHAPTERS:
        soup = site.soup(rel)
        paras = soup.select("article p[id^=p-]")
        assert paras, rel  # every chapter has addressable paragraphs
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
