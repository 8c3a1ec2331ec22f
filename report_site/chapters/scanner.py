"""A chapter as the passage engine sees it: paragraphs, anchors, directives and references, located.

The whole-report index needs every passage before any page renders, so each chapter
is parsed once in ``on_files`` with the same Python-Markdown extensions mkdocs will
render it with (``passages.PassageExtension`` included). This module only adds what
the parser does not keep: the ``file:line:col`` of each finding. The extension
reports its findings in document order with the source text they came from, so a
forward search through the source finds each one where the author wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown import Markdown

from ..errors import Problem
from ..passages import (
    PARAGRAPHS,
    NoteMarker,
    Numbered,
    Paragraph,
    PassageExtension,
    Position,
    Reference,
    Table,
)
from . import anchors

#: What mkdocs.yml must enable for chapters to render as the engine expects (the plugin adds them):
#: attribute lists (pins), Markdown in HTML blocks, heading ids, notes with their text, boxes.
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc", "footnotes", "admonition")
#: Options the plugin gives an extension it adds itself (ids such as ``#fn-23``: no colon to escape).
EXTENSION_DEFAULTS: dict[str, dict[str, Any]] = {"footnotes": {"SEPARATOR": "-"}}
#: The extensions a page is rendered with when mkdocs.yml names only the required ones
#: (mkdocs itself adds toc, tables and fenced_code): the default of a standalone scan.
DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "md_in_html", "footnotes", "admonition")


@dataclass
class Chapter:
    """A chapter as the engine found it, every position a line of the chapter's file."""

    src_uri: str
    title: str
    paragraphs: list[Paragraph]
    references: list[Reference]
    problems: list[Problem]
    directives: list[str] = field(default_factory=list)
    """Names of the directives used, in order (e.g. the landing page's ``cite``)."""
    markers: list[NoteMarker] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Labels of the notes the chapter defines, as its Notes section lists them."""
    figures: list[Numbered] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    boxes: int = 0
    """Text boxes (admonitions)."""
    fingerprints: list[str] = field(default_factory=list)
    """``anchors.fingerprint`` of each paragraph's text, in order (for anchors.lock)."""

    @property
    def passages(self) -> list[Paragraph]:
        """The paragraphs marked as arguing for recommendations."""
        return [p for p in self.paragraphs if p.supports]

    @property
    def furnished(self) -> bool:
        """It has notes with their text, figures, tables or boxes (whose styles only such reports load)."""
        return bool(self.notes or self.figures or self.tables or self.boxes)

    @property
    def endnotes(self) -> list[str]:
        """Labels of markers whose note is not on the site, in order of first mention."""
        return list(dict.fromkeys(m.label for m in self.markers if not m.defined))


def markdown_parser(
    extensions: Iterable[Any] = DEFAULT_EXTENSIONS, extension_configs: dict[str, Any] | None = None
) -> tuple[Markdown, PassageExtension]:
    """A Markdown instance configured as mkdocs renders pages, with a scanning passage extension."""
    ext = PassageExtension()
    own = [e for e in extensions if not isinstance(e, PassageExtension)]
    configs = {**EXTENSION_DEFAULTS, **(extension_configs or {})}
    return Markdown(extensions=[*own, ext], extension_configs=configs), ext


def scan(
    markdown: str,
    src_uri: str,
    line_offset: int = 0,
    display_path: str | None = None,
    extensions: Iterable[Any] = DEFAULT_EXTENSIONS,
    extension_configs: dict[str, Any] | None = None,
) -> Chapter:
    """Parse a page body (front matter removed) and return what the passage engine found.

    ``line_offset`` is the number of front-matter lines mkdocs removed, so every
    reported line matches the file an editor opens.
    """
    return Scanner(extensions, extension_configs).scan(markdown, src_uri, line_offset, display_path)


class Scanner:
    """Scans chapters with one Markdown instance, reset between chapters as Python-Markdown allows:
    making an instance with its extensions costs about a quarter of scanning a chapter."""

    def __init__(
        self, extensions: Iterable[Any] = DEFAULT_EXTENSIONS, extension_configs: dict[str, Any] | None = None
    ) -> None:
        self.md, self.ext = markdown_parser(extensions, extension_configs)

    def scan(
        self, markdown: str, src_uri: str, line_offset: int = 0, display_path: str | None = None
    ) -> Chapter:
        """``scan`` of one chapter."""
        path = display_path or src_uri
        self.md.reset()
        _parse_until_paragraphs(self.md, markdown)
        found = self.ext.scan

        def at(p: Position) -> Position:
            return Position(p.line + line_offset, p.column)

        paragraphs = [
            Paragraph(
                p.anchor,
                p.number,
                p.text,
                p.element,
                p.line + line_offset,
                [s._replace(at=at(s.at)) for s in p.supports],
                p.pinned,
                at(p.pin_at) if p.pin_at else None,
                [c._replace(at=at(c.at)) for c in p.corrections],
            )
            for p in found.paragraphs
        ]
        problems = [Problem(path, at(f.at).line, f.message, f.at.column) for f in sorted(found.problems)]
        return Chapter(
            src_uri,
            found.title,
            paragraphs,
            [r._replace(at=at(r.at)) for r in found.references],
            problems,
            [d.name for d in found.directives],
            [m._replace(at=at(m.at)) for m in found.markers],
            list(found.notes),
            [f._replace(at=at(f.at)) for f in found.figures],
            [t._replace(numbered=t.numbered._replace(at=at(t.numbered.at))) for t in found.tables],
            boxes=found.boxes,
            fingerprints=[anchors.fingerprint(p.text) for p in found.paragraphs],
        )


def _parse_until_paragraphs(md: Markdown, source: str) -> None:
    """``Markdown.convert`` up to the paragraph pass: the stages after it cannot change what it saw
    (``toc``, serialising, postprocessors), so the scan skips them."""
    if not source.strip():
        return
    lines = source.split("\n")
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    last = md.treeprocessors.get_index_for_name(PARAGRAPHS)
    for treeprocessor in list(md.treeprocessors)[: last + 1]:
        root = treeprocessor.run(root) or root


_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_problems(raw: str, path: str) -> list[Problem]:
    """A chapter's ``---`` front matter that is not a YAML mapping.

    mkdocs silently renders broken front matter as page text; an editor should hear
    about it instead, at the line.
    """
    m = _FRONT_MATTER.match(raw)
    if not m:
        return []
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        what = " ".join((exc.problem or "invalid YAML").split())
        return [
            Problem(
                path, line, f"the front matter is not valid YAML ({what}); fix it, or quote the value", col
            )
        ]
    except yaml.YAMLError as exc:
        return [Problem(path, 2, f"the front matter is not valid YAML ({' '.join(str(exc).split())})")]
    if data is not None and not isinstance(data, dict):
        return [Problem(path, 2, "the front matter must be `key: value` lines")]
    return []
