"""Source lines for what the block parser builds: every finding is reported where the editor wrote it.

Python-Markdown keeps no positions, so the engine follows the parse itself:

- ``SourceMap`` holds the page's text as written and as the block parser reads it (after the
  preprocessors have stashed raw HTML and fenced code, each as one placeholder line), aligned line by
  line, so a line of the parsed text maps to the line of the file.
- ``BlockLines``, a block processor that runs before every other one and never consumes a block,
  records where each block starts as the parser meets it, and gives each element the parser then
  attaches the line of the block it came from. Nested blocks (list items, quotes, boxes, notes) are
  found from the line of the element that holds them, forward.

Inline findings (a ``rec:`` link, report syntax left in text) are then looked for from their block's
line onwards, never from the top of the page.
"""

from __future__ import annotations

import bisect
import difflib
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from .records import Position

if TYPE_CHECKING:
    from .extension import PassageExtension


class SourceMap:
    """The page as written and as parsed; positions in the parsed text → lines of the source."""

    def __init__(self, source: list[str] | None = None) -> None:
        self.source: list[str] = source or []
        self.parsed = ""
        self._parsed_lines: list[str] = []
        self._starts: list[int] = [0]
        self._to_source: list[int] | None = None

    def parse(self, lines: list[str]) -> None:
        self._parsed_lines = lines
        self.parsed = "\n".join(lines)
        self._starts = [0]
        for line in lines[:-1]:
            self._starts.append(self._starts[-1] + len(line) + 1)
        self._to_source = None

    def source_line(self, parsed_index: int) -> int:
        """The 0-based source line of the 0-based parsed line ``parsed_index``."""
        if self._to_source is None:
            self._to_source = self._align()
        if not self._to_source:
            return 0
        return self._to_source[min(max(parsed_index, 0), len(self._to_source) - 1)]

    def line_at(self, offset: int) -> int:
        """The 0-based source line of a character offset in the parsed text."""
        return self.source_line(bisect.bisect_right(self._starts, offset) - 1)

    def _align(self) -> list[int]:
        """Each parsed line's source line: equal runs map one to one; a placeholder for a stashed
        block maps to the first line of what it replaced."""
        parsed, source = self._parsed_lines, self.source
        if parsed[: len(source)] == source:
            return list(range(len(parsed)))
        out = [0] * len(parsed)
        matcher = difflib.SequenceMatcher(None, source, parsed, autojunk=False)
        for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
            for j in range(j1, j2):
                out[j] = min(i1 + (j - j1), max(i2 - 1, i1))
        return out

    def find(self, snippet: str, start_line: int, start_column: int = 0) -> Position | None:
        """The first occurrence of ``snippet`` in the source at or after 0-based ``start_line`` (and, on
        that line, after 0-based ``start_column``)."""
        for n in range(max(start_line, 0), len(self.source)):
            col = self.source[n].find(snippet, start_column if n == start_line else 0)
            if col >= 0:
                return Position(n + 1, col + 1)
        return None


class SourcePreprocessor(Preprocessor):
    """First of all preprocessors: keeps the page's lines as the editor wrote them."""

    def __init__(self, ext: PassageExtension) -> None:
        super().__init__(ext.md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.page.source.source = list(lines)
        return lines


class ParsedPreprocessor(Preprocessor):
    """Last of all preprocessors: keeps the text the block parser will read."""

    def __init__(self, ext: PassageExtension) -> None:
        super().__init__(ext.md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.page.source.parse(lines)
        return lines


class BlockLines(BlockProcessor):
    """Sees every block before the processor that consumes it (``test`` is always true, ``run``
    returns False so the parser goes on to the next processor) and records its line."""

    def __init__(self, ext: PassageExtension) -> None:
        super().__init__(ext.md.parser)
        self.ext = ext

    def test(self, parent: etree.Element, block: str) -> bool:
        return True

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        self.ext.page.lines.meet(parent, blocks[0], parent is self.parser.root)
        return False


class ElementLines:
    """Element → the 0-based source line of the block it came from (per page)."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.of: dict[etree.Element, int] = {}
        self.parent_of: dict[etree.Element, etree.Element] = {}
        self.current = 0
        """The line of the block the parser is working on (directives in it count from here)."""
        self._cursor = 0  # offset in the parsed text of the last top-level block
        self._pending: dict[etree.Element, tuple[int, int]] = {}  # parent → (children then, line)
        self._nested_from: dict[etree.Element, int] = {}
        self.blocks: list[tuple[int, str]] = []
        """(line, text) of every top-level block, in order (note definitions are found in them)."""

    def meet(self, parent: etree.Element, block: str, top: bool) -> None:
        self._close(parent)
        if top:
            pos = self.source.parsed.find(block, self._cursor)
            if pos >= 0:
                self._cursor = pos
            line = self.source.line_at(self._cursor)
            self.blocks.append((line, block))
        else:
            line = self._nested(parent, block)
        self.current = line
        self.of.setdefault(parent, line)
        self._pending[parent] = (len(parent), line)

    def _nested(self, parent: etree.Element, block: str) -> int:
        """A block inside another (dedented, unquoted): its first words, searched forward from the
        line of the element that holds it."""
        start = self._nested_from.get(parent, self.line(parent))
        first = next((ln.strip() for ln in block.split("\n") if ln.strip()), "")
        found = self.source.find(first, start) if first else None
        line = found.line - 1 if found else start
        self._nested_from[parent] = line
        return line

    def _close(self, parent: etree.Element) -> None:
        """Children ``parent`` gained since its last block came from that block."""
        if parent in self._pending:
            count, line = self._pending.pop(parent)
            for child in list(parent)[count:]:
                self.of.setdefault(child, line)
                self.parent_of.setdefault(child, parent)

    def finish(self) -> None:
        for parent in list(self._pending):
            self._close(parent)

    def line(self, el: etree.Element | None) -> int:
        """The 0-based line of ``el``: its own, its first child's, or its parent's."""
        while el is not None:
            if el in self.of:
                return self.of[el]
            first = next((c for c in el if c in self.of), None)
            if first is not None:
                return self.of[first]
            el = self.parent_of.get(el)
        return self.current
