"""``PassageExtension``: registers the engine's processors, and holds what it learns about the page.

Like Python-Markdown's own extensions (``footnotes``, ``abbr``), per-page state lives on the extension
(``PageState``, made anew for every page) and is keyed by element; processors read and write it
there, never through attributes of the tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from ..data.labels import Labels, english
from .corrections import CorrectionTreeprocessor
from .directives import BindTreeprocessor, DirectiveProcessor, GenerateTreeprocessor
from .figures import FigureTreeprocessor, TableTreeprocessor
from .lines import BlockLines, ElementLines, LinesPreprocessor, SourceMap
from .notes import MarkerProcessor, NotesTreeprocessor
from .paragraphs import PARAGRAPHS, ParagraphTreeprocessor
from .records import Corrected, Directive, Finding, PageScan, Position, Renderer

#: Every processor of the engine: (registry, name, priority, why there). Python-Markdown runs
#: preprocessors and block processors from the highest priority down, then inline patterns, then tree
#: processors; the built-in priorities named here are Python-Markdown's and mkdocs'.
PROCESSORS: tuple[tuple[str, str, float, str], ...] = (
    ("pre", "report_source", 1000, "first of all: the page's lines as the editor wrote them"),
    ("pre", "report_parsed", -1000, "last of all: the text the block parser reads, stashes in place"),
    (
        "block",
        "report_lines",
        1000,
        "before every block processor (admonition, 105, is the highest): "
        "sees each block before it is consumed, so elements get their lines",
    ),
    (
        "block",
        "report_directive",
        85,
        "after `indent` (90: a directive in an item's continuation stays in "
        "the item), before `code` (80) and the paragraph: the line never becomes text",
    ),
    (
        "inline",
        "report_marker",
        172,
        "after `footnote` (175), which takes markers that have a definition: "
        "the rest are endnotes whose text is not on the site",
    ),
    (
        "tree",
        "report_bind",
        19,
        "after `inline` (20): markers and words are in place to tie a directive to its block",
    ),
    (
        "tree",
        "report_corrections",
        18,
        "after `report_bind` (19): the page's lines are finished, and a correction is tied to the "
        "paragraph before it as a `supports` line is",
    ),
    (
        "tree",
        "report_notes",
        14,
        "after `footnote` (50) placed the notes and `footnote-duplicate` (15) "
        "added a backlink per marker: numbered and titled as the report numbers them",
    ),
    (
        "tree",
        "report_tables",
        7.9,
        "after `attr_list` (8); before the figures, so a table keeps the source lines under it",
    ),
    (
        "tree",
        "report_figures",
        7.8,
        "after `attr_list` (8): an image's attributes are applied; before the "
        "paragraph pass, so a figure, its caption and its source are not citable paragraphs",
    ),
    (
        "tree",
        "report_generate",
        7.5,
        "after `attr_list` (8): the editor's attribute lists never apply to "
        "text from the data; before `abbr` (7), so abbreviations reach generated blocks",
    ),
    (
        "tree",
        PARAGRAPHS,
        6,
        "after `abbr` (7), before `toc` and mkdocs' anchor list (5), which must see "
        "every paragraph's id, as `toc` gives headings theirs",
    ),
)


class PageState:
    """What the engine knows about the page being parsed (a new one per page)."""

    def __init__(self) -> None:
        self.scan = PageScan()
        self.source = SourceMap()
        self.lines = ElementLines(self.source)
        self.directives: dict[etree.Element, Directive] = {}
        self.failed: set[etree.Element] = set()
        """Markers whose directive could not be honoured (their problem is recorded)."""
        self.marks: dict[etree.Element, list[etree.Element]] = {}
        """Block → the ``supports`` markers that mark it, in order."""
        self.corrected: dict[etree.Element, tuple[etree.Element, Corrected]] = {}
        """``correction`` marker → the block it corrects and what the line says."""
        self.endnotes: list[str] = []
        """Labels of markers whose note is not on the site, in order of first mention."""
        self.note_labels: dict[etree.Element, str] = {}
        """Note marker (``sup``) → its label."""

    def problem(self, at: Position, message: str) -> None:
        self.scan.problems.append(Finding(at, message))

    def fail(self, marker: etree.Element, message: str) -> None:
        self.failed.add(marker)
        self.problem(self.directives[marker].at, message)

    def position(self, block: etree.Element | None, snippet: str, after: Position | None = None) -> Position:
        """Where ``snippet`` is written: searched from its block's line (or from ``after``) onwards, then
        from the top (a link definition above its use); the block's line if it is nowhere."""
        if after is not None:
            start, found = after.line - 1, self.source.find(snippet, after.line - 1, after.column)
        else:
            start = self.lines.line(block)
            found = self.source.find(snippet, start)
        return found or self.source.find(snippet, 0) or Position(start + 1, 1)


class PassageExtension(Extension):
    """Register the passage engine. One instance serves a whole build: ``renderer`` is set per page."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.renderer: Renderer | None = None
        self.active = True
        """False while mkdocs renders a page that is not a chapter (generated pages)."""
        self.page = PageState()

    @property
    def scan(self) -> PageScan:
        return self.page.scan

    @property
    def labels(self) -> Labels:
        """The report's words (English while only scanning)."""
        return getattr(self.renderer, "labels", None) or english()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md
        self.reset()  # mkdocs makes a Markdown instance per page: state starts fresh with it
        made = {
            "report_source": LinesPreprocessor(self, parsed=False),
            "report_parsed": LinesPreprocessor(self, parsed=True),
            "report_lines": BlockLines(self),
            "report_directive": DirectiveProcessor(self),
            "report_marker": MarkerProcessor(self),
            "report_bind": BindTreeprocessor(self),
            "report_corrections": CorrectionTreeprocessor(self),
            "report_notes": NotesTreeprocessor(self),
            "report_tables": TableTreeprocessor(self),
            "report_figures": FigureTreeprocessor(self),
            "report_generate": GenerateTreeprocessor(self),
            PARAGRAPHS: ParagraphTreeprocessor(self),
        }
        registries = {
            "pre": md.preprocessors,
            "block": md.parser.blockprocessors,
            "inline": md.inlinePatterns,
            "tree": md.treeprocessors,
        }
        for registry, name, priority, _why in PROCESSORS:
            registries[registry].register(made[name], name, priority)

    def reset(self) -> None:
        self.page = PageState()
