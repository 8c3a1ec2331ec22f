"""passages/corrections.py: a ``[[correction: DATE: note]]`` line is read, tied to the paragraph before it,
located, and rendered as a note beside the paragraph, never inside its text."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from test_passages import Renderer, render

from report_site.chapters import scanner as chapters
from report_site.passages import Corrected, DirectiveName, Position


def scan(text: str) -> chapters.Chapter:
    return chapters.scan(text, "x.md", display_path="report/x.md")


def test_a_correction_is_about_the_paragraph_right_before_it() -> None:
    ch = scan(
        "# T\n\nThe summit was in June.\n\n[[supports: a]]\n[[correction: 2024-04-02: Test fixture: it was May.]]\n\n"
        "- one item\n  [[correction: 2024-05-01: Test fixture: an item, with a comma.]]\n- two\n"
    )
    assert not ch.problems
    found = [(p.anchor, c) for p in ch.paragraphs for c in p.corrections]
    assert found == [
        (
            "p-the-summit-was-in-june",
            Corrected(dt.date(2024, 4, 2), "Test fixture: it was May.", Position(6, 15)),
        ),
        (
            "p-one-item",
            Corrected(dt.date(2024, 5, 1), "Test fixture: an item, with a comma.", Position(9, 17)),
        ),
    ]
    assert [s.rec_id for s in ch.passages[0].supports] == ["a"]  # both lines are about one paragraph


def test_a_correction_before_a_supports_line_leaves_the_passage_marked() -> None:
    ch = scan("Words here.\n\n[[correction: 2024-04-02: Test fixture.]]\n\n[[supports: a, b]]\n")
    [p] = ch.paragraphs
    assert [s.rec_id for s in p.supports] == ["a", "b"] and [c.date for c in p.corrections] == [
        dt.date(2024, 4, 2)
    ]
    assert not ch.problems


class Notes(Renderer):
    def generated(self, name: DirectiveName, ids: tuple[str, ...]) -> str:
        if name == DirectiveName.CORRECTION:
            self.asked.append((name.value, ids))
            return f'<p class="note">{ids[0]} {ids[1]}</p>'
        return super().generated(name, ids)


def test_the_note_follows_its_paragraph_and_is_no_paragraph_of_the_report() -> None:
    renderer = Notes(permalinks=False)
    html = render(
        "Words.\n\n[[supports: a]]\n[[correction: 2024-04-02: Test fixture: it was May.]]\n", renderer
    )
    first, supports, note = list(ET.fromstring(f"<div>{html}</div>"))
    assert first.get("data-paragraph") == "1" and "".join(first.itertext()) == "Words."
    assert supports.get("class") == "report-supports"
    assert note.get("class") == "note" and note.text == "2024-04-02 Test fixture: it was May."
    assert note.get("data-paragraph") is None  # a note beside the paragraph, not a paragraph of the report
    assert ("correction", ("2024-04-02", "Test fixture: it was May.")) in renderer.asked


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[[correction]]", "needs a date (YYYY-MM-DD), a colon and the note"),
        ("[[correction: April 2: it was May.]]", "needs a date (YYYY-MM-DD), a colon and the note"),
        ("[[correction: 2024-02-30: it was May.]]", "`2024-02-30` is not a real date"),
        ("[[correction: 2024-02-03:  ]]", "needs a note after the date"),
        ("[[correction: 2024-02-03 it was May.]]", "needs a date (YYYY-MM-DD), a colon and the note"),
    ],
)
def test_a_malformed_correction_is_reported_at_its_line(line: str, message: str) -> None:
    ch = scan(f"# T\n\nWords.\n\n{line}\n")
    [problem] = ch.problems
    assert (problem.line, problem.column) == (5, 1) and message in problem.message, problem
    assert not [c for p in ch.paragraphs for c in p.corrections]


def test_a_correction_after_a_heading_is_at_its_line() -> None:
    ch = scan("# T\n\n[[correction: 2024-02-03: Test fixture.]]\n")
    [problem] = ch.problems
    assert (problem.line, problem.message) == (
        3,
        "`[[correction: …]]` must come right after the paragraph it corrects",
    )
