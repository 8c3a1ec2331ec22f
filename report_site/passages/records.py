"""What the passage engine finds on a page, as plain records (no Markdown, no mkdocs).

Vocabulary, used the same way in code, docs and tests:

- a **paragraph** is a citable block of the report's text (a ``<p>``, or a list item holding
  its words directly): it gets an anchor (``#p-…``) and a number (``data-paragraph``);
- a **passage** is a paragraph marked ``[[supports: …]]`` as arguing for recommendations;
- a **correction** is a ``[[correction: DATE: note]]`` line after a paragraph corrected since publication;
- a **directive** is a ``[[name: args]]`` line;
- a **note** is a footnote or endnote: its **marker** in the text, its **definition** (``[^n]: …``);
- a **figure** is an image alone in its paragraph, a **table** a Markdown table; both may be captioned
  and are numbered across the report.

Every record carries the line (and column) where the editor wrote it, in the text the block parser
read (``lines.py`` maps it to the chapter file's line).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, NamedTuple, Protocol


class DirectiveName(StrEnum):
    SUPPORTS = "supports"
    PULL_QUOTE = "pull-quote"
    COVER = "cover"
    FOCUS_AREAS = "focus-areas"
    RECOMMENDATIONS = "recommendations"
    CITE = "cite"
    CORRECTION = "correction"


#: Directives about the paragraph right before them (several may follow one paragraph, in any order).
PARAGRAPH_NOTES = (DirectiveName.SUPPORTS, DirectiveName.CORRECTION)
#: Directives that stand for a block the plugin generates from the data (once per page each).
GENERATED_BLOCKS = (
    DirectiveName.COVER,
    DirectiveName.FOCUS_AREAS,
    DirectiveName.RECOMMENDATIONS,
    DirectiveName.CITE,
)
DIRECTIVE_NAMES = tuple(d.value for d in DirectiveName)


class Position(NamedTuple):
    line: int
    """1-based, in the chapter body (front matter excluded; ``chapters.py`` adds its lines)."""
    column: int


class Finding(NamedTuple):
    """A problem the editor must fix, where it was written."""

    at: Position
    message: str


class Support(NamedTuple):
    """One recommendation id of a ``[[supports: …]]`` line."""

    rec_id: str
    at: Position


class Corrected(NamedTuple):
    """A ``[[correction: DATE: note]]`` line: when the paragraph before it was corrected, and what changed."""

    date: dt.date
    note: str
    at: Position
    """Where its date is written (whether the date falls after publication is checked with the report)."""


@dataclass
class Paragraph:
    """A citable paragraph: its anchor, its number on the page, its plain words."""

    anchor: str
    number: int
    text: str
    element: Literal["p", "li"]
    line: int = 0
    supports: list[Support] = field(default_factory=list)
    """Non-empty for a passage (several ``[[supports]]`` lines add up)."""
    pinned: bool = False
    """Its id was given with ``{: #id }`` (anchors.lock never renames it)."""
    pin_at: Position | None = None
    """Where the ``#id`` of that pin is written."""
    corrections: list[Corrected] = field(default_factory=list)
    """Its ``[[correction]]`` lines, in order."""


class Directive(NamedTuple):
    name: str
    args: tuple[str, ...]
    at: Position
    source: str
    """The line as written (messages quote it)."""
    text: str = ""
    """What follows the name's colon, as written (a correction's note keeps its words and commas)."""


class Reference(NamedTuple):
    """A ``rec:`` link, in any Markdown link syntax."""

    rec_id: str
    fragment: str
    at: Position


class NoteMarker(NamedTuple):
    """A note's marker in the text (``[^23]``)."""

    label: str
    at: Position
    defined: bool
    """False when the chapter has no ``[^label]: …`` for it (an endnote whose text is not on the site)."""


class Numbered(NamedTuple):
    """A figure or table: the number its caption gives (``Table 2``), if any, and the caption's words."""

    written: str | None
    caption: str
    at: Position


class Table(NamedTuple):
    numbered: Numbered
    rows: list[list[str]]
    """Header row first; each cell's text (line breaks kept as ``\\n``, note markers left out)."""


@dataclass
class PageScan:
    """Everything the engine found on one page, in document order."""

    title: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    markers: list[NoteMarker] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Labels of the notes defined on the page (``[^label]: …``), in the order they are listed."""
    figures: list[Numbered] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    boxes: int = 0
    """Text boxes (admonitions) on the page."""


class PageNumbers(NamedTuple):
    """How the page shows numbers that are counted across the report (``references.number``)."""

    notes: dict[str, str]
    """Note label → the number its markers show."""
    figures: list[str]
    tables: list[str]


class Renderer(Protocol):
    """What the page being rendered provides (the plugin's view of the report; ``pages.ChapterRenderer``)."""

    permalinks: bool
    numbers: PageNumbers

    def generated(self, name: DirectiveName, ids: tuple[str, ...]) -> str:
        """HTML for a block directive (``supports`` gets the recommendation ids, ``correction`` its ISO date
        and note); links name ``.md`` files."""

    def endnotes(self, labels: list[str]) -> str:
        """HTML of the Notes section for markers whose notes are not on the site."""

    def rec_href(self, rec_id: str) -> str | None:
        """The docs-relative link to a recommendation's page (mkdocs turns it into the URL)."""

    def anchor(self, number: int, scanned: str) -> str:
        """The id of paragraph ``number``, whose scan gave ``scanned``: anchors.lock keeps a published anchor
        on the paragraph it was recorded with, so a paragraph opening with the same words is numbered anew."""

    def aliases(self, anchor: str) -> list[str]:
        """Old anchors (from ``anchors.lock``) that now land on this paragraph."""

    def image_size(self, src: str) -> tuple[int, int] | None:
        """Width and height in pixels of an image the page links to (None when it cannot be read)."""

    def table_csv(self, index: int) -> str | None:
        """The docs-relative link to the CSV of the page's ``index``-th table (None: no download)."""
