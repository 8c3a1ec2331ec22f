"""passages/lines.py: every finding is reported at the line the editor wrote it on, carried from the
block parser (never found by searching the page from the top)."""

from __future__ import annotations

from report_site.chapters import scanner as chapters


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in chapters.scan(text, "c.md").problems]


def test_findings_after_a_reference_style_link_keep_their_own_lines() -> None:
    text = "\n".join(
        ["# T", "", "See [the plan][p].", "", *(["Filler."] + [""]) * 11, "[p]: rec:save-water", ""]
        + ["Dry years [a](rec:sav-water).", "", "", "Wet years [b](rec:sve-water).", ""]
    )
    refs = chapters.scan(text, "c.md").references
    lines = text.split("\n")
    assert [(r.rec_id, r.at.line) for r in refs] == [
        ("save-water", lines.index("[p]: rec:save-water") + 1),  # where the id is written
        ("sav-water", lines.index("Dry years [a](rec:sav-water).") + 1),
        ("sve-water", lines.index("Wet years [b](rec:sve-water).") + 1),
    ]


def test_a_repeated_pin_names_the_line_of_the_first_paragraph() -> None:
    text = "\n".join(
        ["Intro."] + [""] + ["Filler.", ""] * 12 + ["Dry years.", "{: #dry }", "", "Wet.", "{: #dry }", ""]
    )
    lines = text.split("\n")
    first = lines.index("Dry years.") + 1
    [(line, column, message)] = problems(text)
    assert line == first + 4 and column == 4
    assert (
        message
        == f"the id `dry` is already pinned to the paragraph at line {first}; give each paragraph its own id"
    )


def test_directive_lines_after_code_html_and_notes_are_their_own() -> None:
    text = (
        "Intro.\n\n```\n[[suports: x]]\n```\n\n<div>\n<p>raw</p>\n</div>\n\nPara.\n\n[[suports: y]]\n\n"
        "- item\n\n    [[suports: z]]\n\n> quoted\n> [[suports: w]]\n"
    )
    lines = text.split("\n")
    assert [(line, col) for line, col, _ in problems(text)] == [
        (lines.index("[[suports: y]]") + 1, 1),
        (lines.index("    [[suports: z]]") + 1, 5),
        (lines.index("> [[suports: w]]") + 1, 3),
    ]


def test_paragraph_lines_follow_the_file() -> None:
    text = "# T\n\nOne.\n\n```\ncode\n\nmore code\n```\n\nTwo\ncontinues.\n\n- a\n- b\n"
    ch = chapters.scan(text, "c.md", line_offset=2)
    assert [(p.text, p.line) for p in ch.paragraphs] == [
        ("One.", 5),
        ("Two continues.", 13),
        ("a", 16),
        ("b", 17),
    ]


def test_a_rec_link_inside_a_note_is_found_on_the_notes_line() -> None:
    text = "Text.[^1]\n\nMore.\n\n[^1]: See [the plan](rec:nope).\n"
    [ref] = chapters.scan(text, "c.md").references
    assert (ref.at.line, ref.at.column) == (5, 26)
