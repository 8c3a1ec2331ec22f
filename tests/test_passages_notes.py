"""passages/notes.py: notes with their text, numbered as the report numbers them, never citable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown
from helpers import FIXTURES, Built, build_here

from report_site.chapters import scanner as chapters
from report_site.passages import PassageExtension


def render(src: str) -> str:
    ext = PassageExtension()
    return markdown.markdown(
        src, extensions=[*chapters.DEFAULT_EXTENSIONS, ext], extension_configs=chapters.EXTENSION_DEFAULTS
    )


def test_a_note_is_never_a_citable_paragraph_and_keeps_every_paragraph() -> None:
    html = render("Text.[^1]\n\n[^1]: First paragraph.\n\n    Second paragraph.\n")
    assert html.count("data-paragraph") == 1  # the body's paragraph only
    assert "<pre>" not in html and "<code>" not in html  # the indented paragraph is the note's, not code
    assert '<li data-note="1" data-report-entry="Note 1" id="fn-1" value="1">' in html
    assert "<p>Second paragraph." in html


def test_markers_in_lists_and_table_cells_are_linked() -> None:
    html = render(
        "- item[^a]\n\n| h | v |\n| - | - |\n| c[^b] | 1 |\n\n[^a]: On the item.\n[^b]: In a cell.\n"
    )
    assert html.count('class="footnote-ref"') == 2 and 'href="#fn-a"' in html and 'href="#fn-b"' in html


def test_scan_records_markers_at_their_lines_and_the_notes_defined() -> None:
    ch = chapters.scan("One.[^2]\n\nTwo.[^x] and [^2].\n\n[^2]: Two.\n[^x]: Ex.\n", "c.md", line_offset=3)
    assert [(m.label, m.at.line, m.at.column, m.defined) for m in ch.markers] == [
        ("2", 4, 5, True),
        ("x", 6, 5, True),
        ("2", 6, 14, True),
    ]
    assert ch.notes == ["2", "x"] and not ch.endnotes


def test_the_notes_report_numbers_notes_across_chapters_and_links_both_ways(notes_site: Built) -> None:
    findings = notes_site.soup("findings/index.html")
    notes = findings.select("section.report-notes ol > li")
    assert [li["value"] for li in notes] == ["1", "2", "3", "4"]  # [^smith] is counted on: 4
    for li in notes:
        backs = li.select("a.footnote-backref")
        assert backs and all(findings.select_one(b["href"]) for b in backs)  # every marker, found again
        for back in backs:
            marker = findings.select_one(back["href"]).select_one("a.footnote-ref")
            assert marker["href"] == f"#{li['id']}" and marker.get_text() == li["value"]
    assert len(notes[0].select("a.footnote-backref")) == 2  # note 1 is cited twice
    method = notes_site.soup("method/index.html")
    assert method.select_one("a.footnote-ref").get_text() == "5"  # the next chapter counts on
    assert findings.select_one("section.report-notes h2#endnotes").get_text() == "Notes"
    assert not findings.select("section.report-notes [data-paragraph]")


def test_each_note_is_a_search_entry_at_its_address(notes_site: Built) -> None:
    docs = json.loads((notes_site.site / "search/search_index.json").read_text("utf-8"))["docs"]
    entries = {d["location"]: d for d in docs}
    assert entries["findings/#fn-smith"]["title"] == "Note 4"
    assert "Test Methods" in entries["findings/#fn-smith"]["text"]
    paragraph = next(d for d in docs if d["location"] == "findings/#p-farms-used-most-of-the-water")
    assert "<sup" not in paragraph["text"] and "Test note" not in paragraph["text"]


def test_a_marker_without_text_in_a_report_with_notes_is_an_error_at_its_line(tmp_path: Path) -> None:
    project = Path(shutil.copytree(FIXTURES / "notes-report", tmp_path / "p"))
    method = project / "docs" / "method.md"
    method.write_text(method.read_text("utf-8").replace("monthly.[^later]", "monthly.[^later][^9]"), "utf-8")
    result = build_here(project, tmp_path / "site", "--check")
    assert result.returncode == 1
    assert (
        "docs/method.md:3:37: note `[^9]` has no text; add a line `[^9]: …` to this chapter" in result.stderr
    )


def test_the_pdf_sets_notes_at_the_foot_of_the_page(notes_pdf: Built) -> None:
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(notes_pdf.site / "notes-report.pdf").pages]
    findings = next(i for i, t in enumerate(pages) if "Farms used most of the water" in t)
    assert "Test note one, with a source: Example Survey (2023)." in pages[findings]  # on the marker's page
    assert not any("Notes\n" in t and "Test note two" in t and "Back to the text" in t for t in pages)


def test_nested_list_items_and_text_after_a_box_are_indexed_where_they_stand(notes_site: Built) -> None:
    docs = json.loads((notes_site.site / "search/search_index.json").read_text("utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs}
    outer = by_location["method/#p-by-well"]
    assert "inner item" not in outer["text"]  # the nested item is an entry of its own
    assert "inner item about deep wells" in by_location["method/#p-inner-item-about-deep-wells"]["text"]
    box = by_location["method/#p-box-text-in-a-box"]
    assert "code after the box" not in box["text"]
    assert (
        "code after the box" in by_location["method/"]["text"]
    )  # the page's own section, as Material places it
