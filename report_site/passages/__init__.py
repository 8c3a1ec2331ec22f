"""The passage engine: a Python-Markdown extension that gives a chapter its report structure.

Everything happens in Markdown's own parse, so code stays code and HTML stays HTML:

- ``lines``       where each block came from in the file (Python-Markdown keeps no positions)
- ``directives``  ``[[name: args]]`` lines: taken out by the block parser, tied to their blocks,
                  and (when rendering) replaced by the blocks the plugin generates
- ``notes``       note markers and the chapter's Notes section (with Python-Markdown's ``footnotes``)
- ``figures``     figures and tables: captions, numbers, anchors, source lines, CSV
- ``paragraphs``  anchors, numbers and permalinks of citable paragraphs; ``rec:`` links
- ``extension``   ``PassageExtension`` registers them (``PROCESSORS``: every priority and why) and
                  holds the per-page state; ``records`` the plain records a page yields (``PageScan``)

The same extension runs twice per chapter: once to scan (no ``Renderer``; ``chapters.Scanner``) and
once when mkdocs renders the page, so the whole-report index and the page cannot disagree.
"""

from .directives import GeneratedBlockError
from .extension import PROCESSORS, PassageExtension
from .paragraphs import PARAGRAPHS
from .records import (
    DIRECTIVE_NAMES,
    GENERATED_BLOCKS,
    Directive,
    DirectiveName,
    Finding,
    NoteMarker,
    Numbered,
    PageNumbers,
    PageScan,
    Paragraph,
    Position,
    Reference,
    Renderer,
    Support,
    Table,
)

__all__ = [
    "DIRECTIVE_NAMES",
    "GENERATED_BLOCKS",
    "PARAGRAPHS",
    "PROCESSORS",
    "Directive",
    "DirectiveName",
    "Finding",
    "GeneratedBlockError",
    "NoteMarker",
    "Numbered",
    "PageNumbers",
    "PageScan",
    "Paragraph",
    "PassageExtension",
    "Position",
    "Reference",
    "Renderer",
    "Support",
    "Table",
]
