"""A chapter as the passage engine sees it: paragraphs, anchors, directives and references, located.

The whole-report index needs every passage before any page renders, so each chapter
is parsed once in ``on_files`` with the same Python-Markdown extensions mkdocs will
render it with (``passages.PassageExtension`` included). This module only adds what
the parser does not keep: the ``file:line:col`` of each finding. The extension
reports its findings in document order with the source text they came from, so a
forward search through the source finds each one where the author wrote it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from markdown import Markdown

from . import anchors
from .errors import Problem
from .passages import PASSAGES, DirectiveName, EventKind, PassageExtension, ScannedParagraph

#: What mkdocs.yml must enable for chapters to render as the engine expects (the plugin adds them).
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc")
#: The extensions a page is rendered with when mkdocs.yml names only the required ones
#: (mkdocs itself adds toc, tables and fenced_code): the default of a standalone scan.
DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "md_in_html")


class Located(NamedTuple):
    line: int
    column: int


@dataclass
class Support:
    """One recommendation id in a ``[[supports: …]]`` line."""

    rec_id: str
    at: Located


@dataclass
class Passage:
    """A paragraph marked as arguing for recommendations."""

    paragraph: ScannedParagraph
    supports: list[Support]
    at: Located


@dataclass
class Corrected:
    """A ``[[correction: DATE: note]]`` line and the paragraph it corrects."""

    paragraph: ScannedParagraph
    date: dt.date
    note: str
    at: Located
    """Where its date is written (the date is what a later check may question)."""


@dataclass
class Reference:
    """A ``rec:`` link, in any Markdown link syntax."""

    rec_id: str
    fragment: str
    at: Located


@dataclass
class Chapter:
    src_uri: str
    title: str
    paragraphs: list[ScannedParagraph]
    passages: list[Passage]
    references: list[Reference]
    problems: list[Problem]
    endnotes: list[str]
    line_offset: int = 0
    source: str = ""
    """The Markdown this was parsed from: the page render must see the same text."""
    directives: list[str] = field(default_factory=list)
    """Names of the directives used, in order (e.g. the landing page's ``cite``)."""
    fingerprints: list[str] = field(default_factory=list)
    """``anchors.fingerprint`` of each paragraph's text, in order (kept with the scan, for anchors.lock)."""
    corrections: list[Corrected] = field(default_factory=list)
    """The corrections of its paragraphs, in document order."""

    def paragraph(self, anchor: str) -> ScannedParagraph | None:
        return next((p for p in self.paragraphs if p.anchor == anchor), None)


def markdown_parser(
    extensions: Iterable[Any] = DEFAULT_EXTENSIONS, extension_configs: dict[str, Any] | None = None
) -> tuple[Markdown, PassageExtension]:
    """A Markdown instance configured as mkdocs renders pages, with a scanning passage extension."""
    ext = PassageExtension()
    own = [e for e in extensions if not isinstance(e, PassageExtension)]
    return Markdown(extensions=[*own, ext], extension_configs=extension_configs or {}), ext


def scan(
    markdown: str,
    src_uri: str,
    line_offset: int = 0,
    display_path: str | None = None,
    extensions: Iterable[Any] = DEFAULT_EXTENSIONS,
    extension_configs: dict[str, Any] | None = None,
) -> Chapter:
    """Parse a page body (front matter removed) and locate what the passage engine found.

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
        _parse_until_passages(self.md, markdown)
        found = self.ext.scan
        locate = _Locator(markdown, line_offset)
        passages: list[Passage] = []
        references: list[Reference] = []
        problems: list[Problem] = []
        directives: list[str] = []
        corrections: list[Corrected] = []
        for event in found.events:
            at = locate(event.snippet)
            if event.kind is EventKind.PROBLEM:
                message = event.message
                if event.paragraph is not None:  # the message names another paragraph's line
                    message = message.replace(
                        "{line}", str(locate.line_of_text(found.paragraphs[event.paragraph].text))
                    )
                problems.append(Problem(path, at.line, message, at.column))
            elif event.kind is EventKind.REFERENCE:
                references.append(
                    Reference(
                        event.target,
                        event.fragment,
                        Located(
                            at.line,
                            at.column + len("rec:") if event.snippet.startswith("rec:") else at.column,
                        ),
                    )
                )
            elif event.kind is EventKind.DIRECTIVE:
                directives.append(event.directive)
                if event.directive == DirectiveName.SUPPORTS and event.paragraph is not None:
                    supports = [
                        Support(rec_id, Located(at.line, at.column + _offset(event.snippet, rec_id)))
                        for rec_id in event.args
                    ]
                    paragraph = found.paragraphs[event.paragraph]
                    existing = next((p for p in passages if p.paragraph is paragraph), None)
                    if existing:
                        existing.supports += supports
                    else:
                        passages.append(Passage(paragraph, supports, at))
                elif event.directive == DirectiveName.CORRECTION and event.paragraph is not None:
                    day, note = event.args
                    corrections.append(
                        Corrected(
                            found.paragraphs[event.paragraph],
                            dt.date.fromisoformat(day),
                            note,
                            Located(at.line, at.column + _offset(event.snippet, day)),
                        )
                    )
        return Chapter(
            src_uri,
            found.title,
            found.paragraphs,
            passages,
            references,
            problems,
            list(found.endnotes),
            line_offset,
            markdown,
            directives,
            [anchors.fingerprint(p.text) for p in found.paragraphs],
            corrections,
        )


def _parse_until_passages(md: Markdown, source: str) -> None:
    """``Markdown.convert`` up to the passage pass: the stages after it cannot change what it saw
    (``toc``, serialising, postprocessors), so the scan skips them."""
    if not source.strip():
        return
    lines = source.split("\n")
    for preprocessor in md.preprocessors:
        lines = preprocessor.run(lines)
    root = md.parser.parseDocument(lines).getroot()
    last = md.treeprocessors.get_index_for_name(PASSAGES)
    for treeprocessor in list(md.treeprocessors)[: last + 1]:
        root = treeprocessor.run(root) or root


class _Locator:
    """Source positions of snippets found in document order (a forward search from the last one)."""

    def __init__(self, source: str, line_offset: int) -> None:
        self.source, self.line_offset, self.cursor = source, line_offset, 0
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def __call__(self, snippet: str) -> Located:
        pos = self.source.find(snippet, self.cursor) if snippet else -1
        if pos < 0:
            pos = self.source.find(snippet) if snippet else -1  # e.g. a link definition above its use
            if pos < 0:
                pos = self.cursor
        else:
            self.cursor = pos + len(snippet)
        line = bisect.bisect_right(self.starts, pos) - 1
        return Located(line + 1 + self.line_offset, pos - self.starts[line] + 1)

    def line_of_text(self, text: str) -> int | str:
        """The line where a paragraph whose plain text is ``text`` starts (its first words, markup between them allowed)."""
        words = re.findall(r"\w+", text)[:3]
        while words:
            m = re.search(r"\W+".join(map(re.escape, words)), self.source)
            if m:
                return bisect.bisect_right(self.starts, m.start()) + self.line_offset
            words.pop()
        return "?"


def _offset(directive: str, rec_id: str) -> int:
    """Column offset of ``rec_id`` inside its directive line."""
    colon = directive.find(":")
    pos = directive.find(rec_id, colon if colon >= 0 else 0)
    return max(pos, 0)


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


def slugify(text: str) -> str:
    """An ASCII file-name slug (download names such as ``peninsula-plus.pdf``)."""
    ascii_text = unicodedata.normalize("NFKD", re.sub(r"[’']", "", text)).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))
