"""Search that lands on the passage: one entry per citable paragraph in Material's index.

Material's search plugin indexes a page per heading; the report's chapters have (almost) no
sub-headings, so a phrase a reader remembers finds a whole chapter, ranked below shorter pages,
and the click lands at the top of it. Here every passage of a page (an element with ``id`` and
``data-paragraph``, the shared HTML contract) becomes an entry of its own, located at
``page/#anchor`` and titled "¶ N" (Material lists it under the chapter's title), and its text
leaves the page's own entries. So every word is still indexed once: the index grows only by the
few bytes each entry's location and title take, and a chapter is still found as a whole by its
title. No second engine: the entries are Material's own format, read by its own worker.

Each page is parsed once: ``install`` swaps Material's ``SearchIndex`` for ``PassageIndex``, whose
``_PassageParser`` (Material's own parser, where a passage opens a section as a heading does)
gives Material its sections without the passages' text and gives us the passages.
"""

from __future__ import annotations

import json
from typing import Any

from material.plugins.search.plugin import Element, SearchIndex, SearchPlugin, Section
from material.plugins.search.plugin import Parser as MaterialParser
from material.plugins.search.plugin import void as VOID

PASSAGE_ATTR = "data-paragraph"
#: An entry of its own that is no paragraph (a note, a figure, a table), titled by the attribute's value.
ENTRY_ATTR = "data-report-entry"  # passages.text.ENTRY
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
#: ``search_boost`` (2): a passage needs this to beat a page sharing a few words with the phrase.
PASSAGE_BOOST = 15.0
#: Document boost of a chapter's own entry (its title and headings: its text is in its passages), at
#: least a recommendation page's (``search_boost``, 2): at 1, a chapter's full title found a passage first that
#: repeats one of its words twice (on GAO-26-107841: "Conclusions" found "… findings and conclusions …").
CHAPTER_BOOST = 3.0
#: Document boost of the home page's entries: its cover and cards repeat the report's title and the
#: recommendations' words, and must never outrank the passages or recommendation pages they repeat.
FURNITURE_BOOST = 0.05


class _PassageParser(MaterialParser):
    """Material's own search parser, where a passage element opens a section of its own (as a
    heading does) that ends with the element: one pass gives Material's text for every passage
    and, for each heading's section, the text that is no passage."""

    def __init__(self) -> None:
        super().__init__()
        self.outer: list[tuple[Any, int]] = []  # (section to return to, context depth of the passage)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if (
            tag not in VOID
            and (a.get(PASSAGE_ATTR) or a.get(ENTRY_ATTR))
            and a.get("id")
            and EXCLUDE_ATTR not in a
            and not self.skip.intersection(self.context)
        ):
            if not self.section:  # type: ignore[has-type]  # the page opens with a passage: Material's first section
                self.section = Section(Element("hx"))
                self.data.append(self.section)
            depth = len(self.context) + 1
            passage = Section(Element(PASSAGE_TAG), depth)
            passage.id, passage.number = str(a["id"]), str(a.get(PASSAGE_ATTR) or "")
            passage.entry_title = str(a.get(ENTRY_ATTR) or "")
            self.outer.append((self.section, depth))  # a nested list's item is an entry of its own
            self.data.append(passage)
            self.section = passage
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if self.outer and len(self.context) < self.outer[-1][1]:
            # Ended: never returned to by Material's parser, which goes back to the last open section
            # (text after a box with a heading belongs to the heading's section, not to a passage).
            self.section.depth = float("inf")
            self.section = self.outer.pop()[0]


def install(plugins: Any, recommendations: Any) -> None:
    """Give Material's search plugin a ``PassageIndex`` for this build (nothing without that plugin).

    Called once the plugins' ``on_config`` ran (Material makes a new ``search_index`` there, every
    build) and before any page renders. ``mkdocs serve --dirty`` keeps working: Material keeps the
    last build's index, ours, whose entries already hold the passages."""
    for plugin in plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            tags = {r.src_uri: recommendation_tags(r) for r in recommendations}
            plugin.search_index = PassageIndex(tags, **plugin.search_index.config)
            return


class PassageIndex(SearchIndex):
    """Material's search index, where each page's HTML is parsed once, by ``_PassageParser``:
    the sections go to Material's own ``create_entry_for_section`` with the text that is no passage,
    and each passage follows its page's entries as an entry of its own."""

    def __init__(self, tags: dict[str, list[str]], **config: Any) -> None:
        super().__init__(**_reweighted(config))
        self.tags = tags  # src_uri -> the page's own searchable labels (a recommendation's number)

    def add_entry_from_context(self, page: Any) -> None:
        if (page.meta.get("search") or {}).get("exclude"):  # as Material: the page is not indexed
            return
        parser = _PassageParser()
        parser.feed(page.content)
        parser.close()
        first = len(self.entries)
        passages = []
        for section in parser.data:
            if section.el.tag == PASSAGE_TAG:
                passages.append(section)
            elif not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)
        if len(self.entries) > first:  # passages follow their page's entries: none without them
            self._add_passages(page, self.entries[first:], passages)

    def _add_passages(self, page: Any, docs: list[dict[str, Any]], passages: list[Any]) -> None:
        """Reweight the page's entries (``docs``, its article first), then append its passages."""
        article, tags = docs[0], self.tags.get(page.file.src_uri, [])
        if page.is_homepage:
            for doc in docs:
                doc["boost"] = FURNITURE_BOOST
        if tags and "#" not in article["location"]:
            article["tags"] = list(dict.fromkeys([*article.get("tags", []), *tags]))
        inherited = {"tags": article["tags"]} if "tags" in article and not tags else {}
        boost = round((1.0 if page.is_homepage else float(article.get("boost", 1))) * PASSAGE_BOOST, 3)
        if passages and not tags and not page.is_homepage:  # a chapter: its entry is its title
            article["boost"] = round(float(article.get("boost", 1)) * CHAPTER_BOOST, 3)
        for section in passages:
            if text := "".join(section.text).strip():
                self.entries.append(
                    {
                        "location": f"{page.url}#{section.id}",
                        "title": passage_title(section.number) if section.number else section.entry_title,
                        "text": text,
                        **inherited,
                        "boost": boost if section.number else round(boost / PASSAGE_BOOST, 3),
                    }
                )

    def generate_search_index(self, prev: Any) -> str:
        """Material's JSON, with text as UTF-8 rather than ``\\u`` escapes: a smaller file."""
        return json.dumps(
            json.loads(super().generate_search_index(prev)), separators=(",", ":"), ensure_ascii=False
        )


def _reweighted(config: dict[str, Any]) -> dict[str, Any]:
    """Material's index settings with the title boost and the trimmer this ranking needs (copies:
    Material's plugin keeps its own settings)."""
    config = dict(config)
    fields = config.get("fields", {})
    if "title" in fields:
        config["fields"] = {**fields, "title": {**fields["title"], "boost": TITLE_BOOST}}
    if "trimmer" not in config.get("pipeline", ["trimmer"]):
        # Words are indexed without surrounding punctuation ("China," as china): the theme's query
        # shim matches all words but the last exactly, and a reader types no commas.
        config["pipeline"] = ["trimmer", *config["pipeline"]]
    return config


def recommendation_tags(rec: Any) -> list[str]:
    """What a reader may type to find a recommendation by number: its label (``1A``) if the report
    gives one, else its position. A tag (Material's ``tags`` field, boost 10⁶) is one exact token,
    where the title's "Recommendation 4:" tokenises as ``4:``."""
    return [str(rec.shown_number)]


def passage_title(number: str) -> str:
    """The entry's title, shown under the chapter's title in the results: "¶ 3"."""
    return f"¶ {number}"
