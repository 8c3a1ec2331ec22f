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

Material's HTML parser turns each fragment into index text, exactly as it does for pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import Parser as MaterialParser
from material.plugins.search.plugin import void as VOID

INDEX_PATH = "search/search_index.json"
PASSAGE_ATTR = "data-paragraph"
EXCLUDE_ATTR = "data-search-exclude"
# Ranking. Tuned with Material's own worker on the real report (benchmarks/bench_search.py reports
# how many generated phrase, topic and number queries land; see CONTRIBUTING.md "Search").
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


@dataclass(frozen=True)
class Passage:
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


class _PassageSpans(HTMLParser):
    """Finds the source spans of top-level passage elements outside ``data-search-exclude``."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for i, ch in enumerate(html):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded) of open elements
        self.current: tuple[int, str, str, int] | None = None  # (start, anchor, number, depth)
        self.spans: list[tuple[int, int, str, str]] = []  # (start, end, anchor, number)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        excluded = (self.stack[-1][1] if self.stack else False) or EXCLUDE_ATTR in a
        if self.current is None and not excluded and a.get(PASSAGE_ATTR) and a.get("id"):
            self.current = (self._offset(), str(a["id"]), str(a[PASSAGE_ATTR]), len(self.stack))
        self.stack.append((tag, excluded))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # self-closing: no content, never a passage

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            return  # stray end tag (Python-Markdown never writes one); ignored like Material does
        self.stack.pop()
        if self.current is not None and len(self.stack) == self.current[3]:
            start, anchor, number, _ = self.current
            end = self.html.index(">", self._offset()) + 1
            self.spans.append((start, end, anchor, number))
            self.current = None


def _sections(html: str) -> list[Any]:
    parser = MaterialParser()
    parser.feed(html)
    parser.close()
    return parser.data


def _text(section: Any) -> str:
    return "".join(section.text).strip()


def page_entries(url: str, html: str) -> PageEntries | None:
    """Split a page's rendered content into passages and the rest; None when it has no passage."""
    finder = _PassageSpans(html)
    finder.feed(html)
    finder.close()
    if not finder.spans:
        return None
    passages: list[Passage] = []
    rest: list[str] = []
    cursor = 0
    for start, end, anchor, number in finder.spans:
        rest.append(html[cursor:start])
        cursor = end
        text = " ".join(_text(s) for s in _sections(html[start:end]) if not s.is_excluded()).strip()
        if text:
            passages.append(Passage(anchor, number, text))
    rest.append(html[cursor:])
    entries = PageEntries(url, passages)
    for section in _sections("".join(rest)):
        if not section.is_excluded():
            location = url + ("#" + section.id if section.id else "")
            entries.remainder[location] = _text(section)
    return entries


def recommendation_tags(rec: Any) -> list[str]:
    """What a reader may type to find a recommendation by number: its label (``1A``) if the report
    gives one, else its position. A tag (Material's ``tags`` field, boost 10⁶) is one exact token,
    where the title's "Recommendation 4:" tokenises as ``4:``."""
    return [str(getattr(rec, "shown_number", "") or rec.number)]


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
