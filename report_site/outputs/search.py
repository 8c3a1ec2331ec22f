"""Search that lands on the passage: one entry per citable paragraph in Material's index.

Material's search plugin indexes a page per heading; the report's chapters have (almost) no
sub-headings, so a phrase a reader remembers finds a whole chapter, ranked below shorter pages,
and the click lands at the top of it. Here, after Material has written
``search/search_index.json``, every passage of a page (an element with ``id`` and
``data-paragraph``, the shared HTML contract) becomes an entry of its own, located at
``page/#anchor`` and titled "¶ N" (Material lists it under the chapter's title), and its text
leaves the page's own entries. So every word is still indexed once: the index grows only by the
few bytes each entry's location and title take, and a chapter is still found as a whole by its
title. No second engine: the entries are Material's own format, read by its own worker.

Material's own HTML parser makes the index text, as it does for pages (``_PassageParser`` only
lets a passage open a section, as a heading does).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from material.plugins.search.plugin import Element, Section
from material.plugins.search.plugin import Parser as MaterialParser
from material.plugins.search.plugin import void as VOID

INDEX_PATH = "search/search_index.json"
PASSAGE_ATTR = "data-paragraph"
EXCLUDE_ATTR = "data-search-exclude"
PASSAGE_TAG = "report-passage"  # the section element of a passage: matches no tag in the page
# Ranking, tuned by running Material's own worker over queries generated from the real report (a
# phrase of every paragraph, topic words, titles and numbers of every recommendation), with the
# theme's query shim (partials/report-search.html); tests/browser/test_search.py holds the result.
#: Field boost of titles (Material: 1000). At 1000 one word shared with a recommendation's title
#: (alliance, U.S., ROK) outweighs a whole phrase in a paragraph; at 5 a title word still counts
#: five times a text word, enough for a recommendation's own words to find it first.
TITLE_BOOST = 5.0
#: Document boost of a passage entry (times its page's boost). Material multiplies the score of a
#: page by up to 5 against 2 for a section matching as many words, and recommendation pages carry
#: ``search_boost`` (3): a passage needs this to beat a page sharing a few words with the phrase.
PASSAGE_BOOST = 15.0
#: Document boost of the home page's entries: its cover and cards repeat the report's title and the
#: recommendations' words, and must never outrank the passages or recommendation pages they repeat.
FURNITURE_BOOST = 0.05


class Passage(NamedTuple):
    anchor: str
    number: str
    text: str  # as Material indexes text: minimal markup (<p>, <li>, <sup>…), whitespace folded


@dataclass
class PageEntries:
    """What a rendered page contributes: its passages, and the text left to each of its sections."""

    url: str
    passages: list[Passage]
    remainder: dict[str, str] = field(default_factory=dict)  # location -> text without the passages
    tags: list[str] = field(default_factory=list)  # searchable labels of the page itself (a number)


class _PassageParser(MaterialParser):
    """Material's own search parser, where a passage element opens a section of its own (as a
    heading does) that ends with the element: one pass gives Material's text for every passage
    and, for each heading's section, the text that is no passage."""

    def __init__(self) -> None:
        super().__init__()
        self.outer: list[tuple[Any, int]] = []  # (section to return to, context depth of the passage)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if (not self.outer and tag not in VOID and a.get(PASSAGE_ATTR) and a.get("id")
                and EXCLUDE_ATTR not in a and not self.skip.intersection(self.context)):
            if not self.section:  # the page opens with a passage: Material's untitled first section
                self.section = Section(Element("hx"))
                self.data.append(self.section)
            depth = len(self.context) + 1
            passage = Section(Element(PASSAGE_TAG), depth)
            passage.id, passage.number = str(a["id"]), str(a[PASSAGE_ATTR])
            self.outer.append((self.section, depth))
            self.data.append(passage)
            self.section = passage
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if self.outer and len(self.context) < self.outer[-1][1]:
            self.section = self.outer.pop()[0]


def _text(section: Any) -> str:
    return "".join(section.text).strip()


_MAY_HOLD_PASSAGE = re.compile(re.escape(PASSAGE_ATTR), re.I)  # HTML attribute names ignore case


def page_entries(url: str, html: str) -> PageEntries | None:
    """Split a page's rendered content into passages and the rest; None when it has no passage."""
    if not _MAY_HOLD_PASSAGE.search(html):  # no passage can start here: spare the page a second HTML parse
        return None
    parser = _PassageParser()
    parser.feed(html)
    parser.close()
    passages = [Passage(s.id, s.number, _text(s)) for s in parser.data if s.el.tag == PASSAGE_TAG]
    if not passages:
        return None
    entries = PageEntries(url, [p for p in passages if p.text])
    for section in parser.data:
        if section.el.tag != PASSAGE_TAG and not section.is_excluded():
            entries.remainder[url + ("#" + section.id if section.id else "")] = _text(section)
    return entries


def recommendation_tags(rec: Any) -> list[str]:
    """What a reader may type to find a recommendation by number: its label (``1A``) if the report
    gives one, else its position. A tag (Material's ``tags`` field, boost 10⁶) is one exact token,
    where the title's "Recommendation 4:" tokenises as ``4:``."""
    return [str(rec.shown_number)]


def passage_title(number: str) -> str:
    """The entry's title, shown under the chapter's title in the results: "¶ 3"."""
    return f"¶ {number}"


def rewrite_index(index: dict[str, Any], pages: dict[str, PageEntries], home: str = "") -> dict[str, Any]:
    """Material's index with each page's passages as entries of their own (after the page's entries)."""
    docs: list[dict[str, Any]] = index.get("docs", [])
    config = index.get("config", {})
    fields = config.get("fields", {})
    if "title" in fields:
        fields["title"] = {**fields["title"], "boost": TITLE_BOOST}
    if "trimmer" not in config.get("pipeline", ["trimmer"]):
        # Words are indexed without surrounding punctuation ("China," as china): the theme's query
        # shim matches all words but the last exactly, and a reader types no commas.
        config["pipeline"] = ["trimmer", *config["pipeline"]]
    by_page: dict[str, list[dict[str, Any]]] = {}
    order: list[str] = []
    for doc in docs:
        path = str(doc.get("location", "")).split("#", 1)[0]
        if path not in by_page:
            by_page[path] = []
            order.append(path)
        by_page[path].append(doc)
    out: list[dict[str, Any]] = []
    for path in order:
        page_docs = by_page[path]
        entries = pages.get(path)
        if path == home:
            for doc in page_docs:
                doc["boost"] = FURNITURE_BOOST
        if entries is None:
            out += page_docs
            continue
        article = page_docs[0]
        if entries.tags and "#" not in article["location"]:
            article["tags"] = list(dict.fromkeys([*article.get("tags", []), *entries.tags]))
        for doc in page_docs:
            if doc["location"] in entries.remainder:
                doc["text"] = entries.remainder[doc["location"]]
        out += page_docs
        inherited = {k: article[k] for k in ("tags",) if k in article and not entries.tags}
        boost = (1.0 if path == home else float(article.get("boost", 1))) * PASSAGE_BOOST
        for p in entries.passages:
            out.append({"location": f"{path}#{p.anchor}", "title": passage_title(p.number), "text": p.text,
                        **inherited, "boost": round(boost, 3)})
    return {**index, "docs": out}


class SearchPassages:
    """Per build: collects passages as pages render, rewrites the index after Material wrote it."""

    def __init__(self) -> None:
        self.home = ""
        self.pages: dict[str, PageEntries] = {}

    def collect(self, url: str, html: str, is_home: bool = False, tags: list[str] | None = None) -> None:
        if is_home:
            self.home = url
        entries = page_entries(url, html)
        if entries is None and tags:
            entries = PageEntries(url, [])
        if entries is not None:
            entries.tags = list(tags or [])
            self.pages[url] = entries
        else:
            self.pages.pop(url, None)

    def post_build(self, site_dir: str | Path) -> tuple[int, int] | None:
        """Rewrite the index in place; (bytes before, bytes after), or None without an index."""
        path = Path(site_dir) / INDEX_PATH
        if not path.is_file():
            return None
        raw = path.read_bytes()
        index = json.loads(raw)
        data = json.dumps(rewrite_index(index, self.pages, self.home), separators=(",", ":"), ensure_ascii=False)
        path.write_text(data, "utf-8")
        return len(raw), len(data.encode("utf-8"))
