"""report_site/wordimport/docxml.py and numbering.py: the Word file read from its XML, independently of mammoth."""

from __future__ import annotations

from pathlib import Path

import pytest
import word_documents as wd

from report_site.wordimport import docxml, numbering


def test_paragraph_text_is_what_word_shows(tmp_path: Path) -> None:
    d = wd.Document()
    p = d.add_paragraph("tab\tbreak")
    p.add_run().add_break()
    p.add_run("after")
    p._p.append(wd.parse_xml(f"<w:r {wd.nsdecls('w')}><w:noBreakHyphen/><w:delText>gone</w:delText></w:r>"))
    p._p.append(wd.parse_xml(f"<w:del {wd.nsdecls('w')}><w:r><w:t>deleted</w:t></w:r></w:del>"))
    read = docxml.read(wd.save(d, tmp_path / "a.docx"))
    assert [x.text for x in read.paragraphs] == ["tab\tbreak\nafter\u2011"]


def test_list_numbers_continue_and_restart_as_word_counts_them(tmp_path: Path) -> None:
    d = wd.Document()
    for text in ("one", "two"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("between")
    d.add_paragraph("three", style="List Number")  # the same list continues
    restarted = d.add_paragraph("again one", style="List Number")
    wd.restart_numbering(d, restarted, 1)
    d.add_paragraph("again two", style="List Number")
    fresh = d.add_paragraph("from five", style="List Number")
    wd.restart_numbering(d, fresh, 5)
    read = docxml.read(wd.save(d, tmp_path / "l.docx"))
    assert [(p.text, p.number.text if p.number else None) for p in read.paragraphs] == [
        ("one", "1."),
        ("two", "2."),
        ("between", None),
        ("three", "3."),
        ("again one", "1."),
        ("again two", "2."),
        ("from five", "5."),
    ]


def test_number_formats() -> None:
    assert [numbering.formatted(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [numbering.formatted(n, "upperRoman") for n in (4, 9, 14, 1994)] == ["IV", "IX", "XIV", "MCMXCIV"]
    assert numbering.formatted(3, "decimalZero") == "03" and numbering.formatted(3, "bullet") == ""


def test_notes_are_numbered_in_reading_order_per_kind(tmp_path: Path) -> None:
    d = wd.Document()
    first = d.add_paragraph("First marker.")
    wd.note_reference(first, 7)  # Word's ids are not the numbers shown
    second = d.add_paragraph("Second marker.")
    wd.note_reference(second, 2)
    wd.note_reference(second, 1, kind="endnote")
    wd.add_notes(d, {2: "Shown second.", 7: "Shown first."})
    wd.add_notes(d, {1: "An endnote."}, kind="endnote")
    read = docxml.read(wd.save(d, tmp_path / "n.docx"))
    assert [(n.kind, n.note_id, n.number, n.text.strip()) for n in read.notes] == [
        ("footnote", "7", 1, "Shown first."),
        ("footnote", "2", 2, "Shown second."),
        ("endnote", "1", 1, "An endnote."),
    ]
    assert read.note_formats == {"footnote": "decimal", "endnote": "lowerRoman"}


def test_pictures_tables_properties_and_merged_cells(tmp_path: Path) -> None:
    read = docxml.read(wd.sample(tmp_path / "s.docx"))
    assert [(i.description, i.title) for i in read.images] == [
        ("A red rectangle, four by three pixels", ""),
        ("", ""),
    ]
    assert read.tables == 2 and read.default_language == "en-US" and read.core["creator"] == "python-docx"
    assert read.merged_away == []  # python-docx moves a merged cell's text into the first cell
    # 6 cells of the simple table; the merged one: 8 cells, r0c1 holding r0c2's paragraph too, r2c0 empty
    assert sum(p.in_table for p in read.with_text()) == 6 + 8


def test_text_a_vertical_merge_hides_is_reported(tmp_path: Path) -> None:
    d = wd.Document()
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "kept"
    table.cell(1, 0).text = "hidden by the merge"
    for row, value in ((0, "restart"), (1, "continue")):
        tc_pr = table.cell(row, 0)._tc.get_or_add_tcPr()
        tc_pr.append(wd.parse_xml(f'<w:vMerge {wd.nsdecls("w")} w:val="{value}"/>'))
    read = docxml.read(wd.save(d, tmp_path / "m.docx"))
    assert read.merged_away == ["hidden by the merge"]
    assert [p.text for p in read.paragraphs] == ["kept"]


def test_not_a_docx(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(docxml.NotADocx, match=r"not a Word document \(\.docx\)"):
        docxml.read(tmp_path / "x.docx")
