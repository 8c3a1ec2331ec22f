"""What the import proves: counts in the Word file (read by ``docxml``) against counts written, and the to-dos.

A paragraph counts as written only when the words written for it are Word's words exactly (edges'
whitespace aside; a symbol-font character, which mammoth maps only for the dingbats it knows, excepted).
A note counts when its words are Word's (whitespace folded: Word's notes start with a space after the
number). Any difference is a mismatch: the import fails and writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import docxml
from .markdown import Written


@dataclass
class Count:
    name: str
    in_word: int
    written: int

    def line(self) -> str:
        mark = "ok" if self.in_word == self.written else "MISMATCH"
        return f"  {self.name:<16} {self.in_word:>5} in Word  {self.written:>5} written  {mark}"


@dataclass
class Summary:
    counts: list[Count] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)  # one line each: what differs and where
    todos: list[str] = field(default_factory=list)  # one line each, `file:line: what to do`
    styles: list[str] = field(default_factory=list)  # unmapped Word styles, with where they occur

    @property
    def ok(self) -> bool:
        return not self.mismatches and all(c.in_word == c.written for c in self.counts)

    def text(self) -> str:
        lines = ["Counts (Word file → written):", *(c.line() for c in self.counts)]
        if self.styles:
            lines += [
                "Word styles not mapped (written as plain paragraphs):",
                *(f"  {s}" for s in self.styles),
            ]
        if self.todos:
            lines += [f"To do ({len(self.todos)}):", *(f"  {t}" for t in self.todos)]
        return "\n".join(lines)


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(docx: docxml.Docx, written: Written) -> tuple[Count, list[str]]:
    expected = docx.with_text()
    problems = []
    matched = 0
    for p in expected:
        got = written.text.get(p.index)
        if got is None:
            problems.append(f"Word paragraph {p.index + 1} (“{_start(p.text)}”) was not written")
        elif got.strip() == p.text.strip() or (p.has_symbol and got.strip()):
            matched += 1
        else:
            problems.append(
                f"Word paragraph {p.index + 1} was written with other words: Word has “{_start(p.text, 200)}”, "
                f"written “{_start(got, 200)}”"
            )
    problems += [
        f"text in a merged table cell that Word hides was not written: “{_start(t)}”"
        for t in docx.merged_away
    ]
    return Count("paragraphs", len(expected), matched), problems


def notes(docx: docxml.Docx, written: Written) -> tuple[Count, list[str]]:
    problems = []
    matched = 0
    for note in docx.notes:
        key = f"{note.kind}-{note.note_id}"
        got = written.note_text.get(key)
        if got is None:
            problems.append(f"{note.kind} {note.number} (“{_start(note.text)}”) was not written")
        elif _folded(got) == _folded(note.text):
            matched += 1
        else:
            problems.append(
                f"{note.kind} {note.number} was written with other words: Word has “{_start(note.text, 200)}”, "
                f"written “{_start(got, 200)}”"
            )
    return Count("notes", len(docx.notes), matched), problems


def _start(text: str, length: int = 60) -> str:
    text = _folded(text)
    return text if len(text) <= length else text[: length - 1] + "…"
