"""Resolve chapter references against the recommendations, both ways.

Runs once per build after every chapter is parsed (references form a graph, not a
tree): each ``[[supports: …]]`` becomes a ``Passage`` listed under every
recommendation it names, in reading order. Cost is linear in passages.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .chapters import REC_LINK, Chapter
from .errors import Problem
from .model import Passage, Report


@dataclass
class Index:
    passages: list[Passage] = field(default_factory=list)
    by_recommendation: dict[str, list[Passage]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def for_recommendation(self, rec_id: str) -> list[Passage]:
        return self.by_recommendation.get(rec_id, [])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def build_index(chapters: list[Chapter], report: Report, display: dict[str, str] | None = None) -> Index:
    """Collect passages from ``chapters`` (in nav order) and check every id they use."""
    display = display or {}
    index = Index(by_recommendation={r.id: [] for r in report.recommendations})
    for chapter in chapters:
        path = display.get(chapter.src_uri, chapter.src_uri)
        index.problems.extend(chapter.problems)
        # A directive is a one-line block: look its text up by line, not by scanning the chapter.
        directive_lines = {b.start: b.lines[0] for b in chapter.blocks if b.directive is not None}
        for block in chapter.blocks:
            if block.kind == "code":
                continue
            for offset, line in enumerate(block.lines):
                for m in REC_LINK.finditer(line):
                    _check(m.group(1), path, block.start + offset, m.start(1) + 1, report, index)
            ids: list[str] = []
            for d in block.supports:
                for rec_id in d.args:
                    text = directive_lines.get(d.line)
                    column = d.column + d_offset(line_of(chapter, d.line) if text is None else text, rec_id)
                    if _check(rec_id, path, d.line, column, report, index) and rec_id not in ids:
                        ids.append(rec_id)
            if ids:
                passage = Passage(chapter.src_uri, block.start, block.anchor, block.text, chapter.title, tuple(ids),
                                  number=block.number)
                index.passages.append(passage)
                for rec_id in ids:
                    index.by_recommendation[rec_id].append(passage)
    for rec in report.recommendations:
        if not index.by_recommendation[rec.id]:
            index.problems.append(Problem(
                report.path, rec.line,
                f"recommendation `{rec.id}` is not referenced by any passage; mark one with `[[supports: {rec.id}]]` after the paragraph that argues for it",
                rec.column, severity="warning"))
    return index


def _check(rec_id: str, path: str, line: int, column: int, report: Report, index: Index) -> bool:
    if report.get(rec_id):
        return True
    valid = [r.id for r in report.recommendations]
    hint = difflib.get_close_matches(rec_id, valid, n=1)
    fix = f"did you mean `{hint[0]}`?" if hint else f"valid ids: {', '.join(valid)}"
    index.problems.append(Problem(path, line, f"unknown recommendation id `{rec_id}`; {fix}", column))
    return False


def line_of(chapter: Chapter, number: int) -> str:
    for block in chapter.blocks:
        if block.start <= number < block.start + len(block.lines):
            return block.lines[number - block.start]
    return ""


def d_offset(line: str, rec_id: str) -> int:
    """Column offset of ``rec_id`` inside its directive line (0 when not found)."""
    start = line.find("[[")
    pos = line.find(rec_id, line.find(":", start) if start >= 0 else 0)
    return max(pos - start, 0) if pos >= 0 else 0
