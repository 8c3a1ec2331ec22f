"""Resolve chapter references against the recommendations, both ways.

Runs once per build after every chapter is scanned (references form a graph, not a
tree): each ``[[supports: …]]`` becomes a ``Passage`` listed under every
recommendation it names, in reading order, and every ``rec:`` link is checked.
Cost is linear in passages and links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..data.model import Correction, Passage, Report
from ..errors import Problem, nearest
from ..passages import PageNumbers, Reference
from ..passages.figures import count_on
from .anchors import Placed
from .scanner import Chapter


class ParagraphRecord(NamedTuple):
    """A citable paragraph as consumers (search, copy-quote, PDF) read it; they never recount."""

    src_uri: str
    anchor: str
    aliases: tuple[str, ...]
    number: int
    """Its position among the chapter's citable paragraphs (the page's ``data-paragraph``)."""
    text: str


class FragmentLink(NamedTuple):
    """A ``rec:id#fragment`` link: the fragment is checked once the target page is rendered."""

    path: str
    line: int
    column: int
    rec_id: str
    fragment: str


@dataclass
class Index:
    passages: list[Passage] = field(default_factory=list)
    by_recommendation: dict[str, list[Passage]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    paragraphs: dict[str, list[ParagraphRecord]] = field(default_factory=dict)
    """Chapter src_uri → its citable paragraphs in reading order."""
    fragment_links: list[FragmentLink] = field(default_factory=list)
    numbers: dict[str, PageNumbers] = field(default_factory=dict)
    """Chapter src_uri → the numbers its notes, figures and tables show (counted across the report)."""
    corrections: list[Correction] = field(default_factory=list)
    """Every ``[[correction]]``, in reading order."""

    def for_recommendation(self, rec_id: str) -> list[Passage]:
        return self.by_recommendation.get(rec_id, [])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def build_index(
    chapters: list[Chapter],
    report: Report,
    display: dict[str, str] | None = None,
    placed: dict[tuple[str, int], Placed] | None = None,
) -> Index:
    """Collect passages from ``chapters`` (in nav order) and check every id they use.

    ``placed``: each paragraph's id and aliases after anchors.lock (by chapter and paragraph number);
    a paragraph not in it keeps the id its scan gave.
    """
    display = display or {}
    placed = placed or {}
    index = Index(by_recommendation={r.id: [] for r in report.recommendations})
    for chapter in chapters:
        path = display.get(chapter.src_uri, chapter.src_uri)
        index.problems.extend(chapter.problems)
        where = {
            p.number: placed.get((chapter.src_uri, p.number)) or Placed(p.anchor) for p in chapter.paragraphs
        }
        index.paragraphs[chapter.src_uri] = [
            ParagraphRecord(chapter.src_uri, *where[p.number], p.number, p.text) for p in chapter.paragraphs
        ]
        for ref in chapter.references:
            _check_reference(ref, path, report, index)
        index.corrections += [
            Correction(
                chapter.src_uri,
                where[p.number].anchor,
                p.number,
                c.date,
                c.note,
                chapter.title,
                c.at.line,
                c.at.column,
                where[p.number].aliases,
            )
            for p in chapter.paragraphs
            for c in p.corrections
        ]
        for p in chapter.passages:
            ids: list[str] = []
            for support in p.supports:
                if (
                    _check(support.rec_id, path, support.at.line, support.at.column, report, index)
                    and support.rec_id not in ids
                ):
                    ids.append(support.rec_id)
            if ids:
                passage = Passage(
                    chapter.src_uri,
                    p.supports[0].at.line,
                    where[p.number].anchor,
                    p.text,
                    chapter.title,
                    tuple(ids),
                    number=p.number,
                    aliases=where[p.number].aliases,
                )
                index.passages.append(passage)
                for rec_id in ids:
                    index.by_recommendation[rec_id].append(passage)
    index.numbers = number(chapters)
    index.problems += note_problems(chapters, display)
    for rec in report.recommendations:
        if not index.by_recommendation[rec.id]:
            index.problems.append(
                Problem(
                    report.path,
                    rec.line,
                    f"recommendation `{rec.id}` is not referenced by any passage; mark one with `[[supports: {rec.id}]]` after the paragraph that argues for it",
                    rec.column,
                    severity="warning",
                )
            )
    return index


def number(chapters: list[Chapter]) -> dict[str, PageNumbers]:
    """The numbers notes, figures and tables show, chapter by chapter in reading order: a number the
    report writes (``[^23]``, "Table 2:") as written; any other counted on from the last one, across
    the report, as readers cite them ("note 23", "Table 2")."""
    out: dict[str, PageNumbers] = {}
    last_note = last_figure = last_table = 0
    for chapter in chapters:
        notes: dict[str, str] = {}
        for label in dict.fromkeys([*(m.label for m in chapter.markers), *chapter.notes]):
            last_note = int(label) if label.isdigit() else last_note + 1
            notes[label] = label if label.isdigit() else str(last_note)
        figures, last_figure = count_on([f.written for f in chapter.figures], last_figure)
        tables, last_table = count_on([t.numbered.written for t in chapter.tables], last_table)
        out[chapter.src_uri] = PageNumbers(notes, figures, tables)
    return out


def note_problems(chapters: list[Chapter], display: dict[str, str]) -> list[Problem]:
    """In a report that prints its notes, a marker without a definition is a mistake (in a report whose
    notes are printed elsewhere, every marker is one of those)."""
    if not any(c.notes for c in chapters):
        return []
    return [
        Problem(
            display.get(c.src_uri, c.src_uri),
            m.at.line,
            f"note `[^{m.label}]` has no text; add a line `[^{m.label}]: …` to this chapter (the report's other "
            "notes have theirs), or remove the marker",
            m.at.column,
        )
        for c in chapters
        for m in c.markers
        if not m.defined
    ]


def _check_reference(ref: Reference, path: str, report: Report, index: Index) -> None:
    if not ref.rec_id:
        index.problems.append(
            Problem(
                path,
                ref.at.line,
                "a `rec:` link needs a recommendation id, e.g. `[words](rec:my-recommendation)`",
                ref.at.column,
            )
        )
        return
    if _check(ref.rec_id, path, ref.at.line, ref.at.column, report, index) and ref.fragment:
        index.fragment_links.append(FragmentLink(path, ref.at.line, ref.at.column, ref.rec_id, ref.fragment))


def _check(rec_id: str, path: str, line: int, column: int, report: Report, index: Index) -> bool:
    if report.get(rec_id):
        return True
    valid = [r.id for r in report.recommendations]
    hint = nearest(rec_id, valid)
    fix = f"did you mean `{hint}`?" if hint else f"valid ids: {', '.join(valid)}"
    index.problems.append(Problem(path, line, f"unknown recommendation id `{rec_id}`; {fix}", column))
    return False


def missing_fragments(
    index: Index, anchors_of: dict[str, set[str]], src_uri_of: dict[str, str]
) -> list[Problem]:
    """``rec:id#fragment`` links whose fragment is not an id on the recommendation's rendered page."""
    out = []
    for link in index.fragment_links:
        present = anchors_of.get(src_uri_of.get(link.rec_id, ""), set())
        if link.fragment not in present:
            out.append(
                Problem(
                    link.path,
                    link.line,
                    f"`rec:{link.rec_id}#{link.fragment}`: the recommendation's page has no `#{link.fragment}`; "
                    "link to the page without a fragment or to one of its headings",
                    link.column,
                )
            )
    return out
