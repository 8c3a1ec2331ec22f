"""Paragraph permalinks (made by report_site/passages.py): one per paragraph, named, excluded from search,
and invisible to the verbatim text."""

from __future__ import annotations

import json

from helpers import Built, chapter_pages
import markdown
from report_site import chapters, passages

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


class _Renderer:
    permalinks = True

    def generated(self, name, ids):  # type: ignore[no-untyped-def]
        return ""

    def endnotes(self, numbers):  # type: ignore[no-untyped-def]
        return ""

    def rec_href(self, rec_id):  # type: ignore[no-untyped-def]
        return None

    def aliases(self, anchor):  # type: ignore[no-untyped-def]
        return ["p-old"] if anchor == "p-one" else []


def _render(src: str) -> str:
    ext = passages.PassageExtension()
    ext.renderer = _Renderer()
    return markdown.markdown(src, extensions=[*chapters.DEFAULT_EXTENSIONS, ext])


def test_every_citable_paragraph_gets_one_link_and_aliases_land_on_it() -> None:
    out = _render("One.\n\n- item\n- other\n\n<p>raw html</p>\n")
    assert out.count("report-permalink") == 3
    assert out.startswith('<p data-paragraph="1" id="p-one"><span class="report-anchor-alias" id="p-old"></span>One.<a ')
    assert '<li data-paragraph="2" id="p-item">item<a aria-label="Link to this paragraph" class="report-permalink"' in out


def test_anchor_is_escaped() -> None:
    out = _render('Text.\n{: #x"&gt;&lt;script&gt; }\n')
    assert "<script" not in out
