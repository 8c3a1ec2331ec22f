"""Word documents for the import's tests, built with python-docx (notes added through its OPC API).

python-docx writes styles, lists, tables, merged cells and pictures, but not notes: ``add_notes`` puts a
footnotes (or endnotes) part into the package and ``note_reference`` the marker run that points at it.
The text here is the tests' own wording (no report's), so nothing is presented as a real report.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small valid PNG (a flat colour), so the test suite ships no binary files of its own."""
    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def add_notes(document: Document, notes: dict[int, str], kind: str = "footnote") -> None:
    """A footnotes (or endnotes) part holding ``notes`` (Word id → text), with Word's two separators."""
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    )
    body = "".join(
        f'<w:{kind} w:id="{nid}">'
        + "".join(
            "<w:p>"
            + (
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
                if i == 0
                else ""
            )
            + f'<w:r><w:t xml:space="preserve">{" " if i == 0 else ""}{_xml(para)}</w:t></w:r></w:p>'
            for i, para in enumerate(text.split("\n\n"))
        )
        + f"</w:{kind}>"
        for nid, text in notes.items()
    )
    xml = f'<w:{kind}s xmlns:w="{W_NS}">{separators}{body}</w:{kind}s>'.encode()
    content_type = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def note_reference(paragraph, note_id: int, kind: str = "footnote") -> None:  # type: ignore[no-untyped-def]
    """Word's marker run for note ``note_id`` at the end of ``paragraph``."""
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:{kind}Reference w:id="{note_id}"/></w:r>'
        )
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def describe_picture(document: Document, description: str = "", title: str = "") -> None:
    """Set the description (alt text) and title of the last picture added, as Word's Alt Text pane does."""
    doc_pr = document.element.body.findall(".//" + qn("wp:docPr"))[-1]
    if description:
        doc_pr.set("descr", description)
    if title:
        doc_pr.set("title", title)


def restart_numbering(document: Document, paragraph, start: int) -> None:  # type: ignore[no-untyped-def]
    """Make ``paragraph`` begin a new instance of its numbered list, starting at ``start`` (Word's "Set
    Numbering Value")."""
    numbering = document.part.numbering_part.element
    p_num = (
        paragraph._p.pPr.numPr
        if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        else None
    )
    style_num = None
    if p_num is None:
        style = document.styles[paragraph.style.name]
        style_num = style.element.pPr.numPr
    source_id = int((p_num if p_num is not None else style_num).numId.val)
    abstract = numbering.num_having_numId(source_id).abstractNumId.val
    num = numbering.add_num(abstract)
    override = parse_xml(
        f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
    )
    num.append(override)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num.numId


def save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path


def picture_stream(**kwargs: object) -> io.BytesIO:
    return io.BytesIO(png(**kwargs))  # type: ignore[arg-type]


__all__ = [
    "Document",
    "Inches",
    "add_hyperlink",
    "add_notes",
    "describe_picture",
    "note_reference",
    "nsdecls",
    "paragraph_style",
    "parse_xml",
    "picture_stream",
    "png",
    "restart_numbering",
    "sample",
    "save",
]


def add_hyperlink(paragraph, text: str, url: str) -> None:  # type: ignore[no-untyped-def]
    """A run of ``text`` linked to ``url`` (python-docx has no API for links)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:t xml:space="preserve">{_xml(text)}</w:t></w:r></w:hyperlink>'
        )
    )


def paragraph_style(document: Document, name: str) -> None:
    """A paragraph style of this name (python-docx's template has no Author or Date style; pandoc writes them)."""
    from docx.enum.style import WD_STYLE_TYPE

    if name not in [s.name for s in document.styles]:
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


#: Markdown-looking text that must render as written (each its own paragraph).
LOOKS_LIKE_MARKDOWN = [
    "# not a heading",
    "1. not a list item",
    "- not a bullet",
    "+ not a bullet either",
    "> not a quote",
    "!!! note not a box",
    "* stars *and* _underscores_ and __double__ and `ticks`",
    "[[supports: some-id]] and [^1] and [a](b) and ![c](d)",
    "a <b>tag</b>, &amp; an entity, &copy; another, AT&T, 3 < 4 > 2",
    "back\\slash \\* and {: #id } braces",
    "a | pipe | b",
    "==",
]
TEXT = "“Curly quotes,” an en dash – an em dash — a non\u00a0breaking space, … and ‘single’ quotes."


def sample(path: Path) -> Path:
    """Every feature the import handles, in one small document (the tests' own words)."""
    d = Document()
    for style in ("Author", "Date", "Marginal Note"):
        paragraph_style(d, style)
    d.core_properties.author = "python-docx"
    d.add_paragraph("Sample Import Document", style="Title")
    d.add_paragraph("A test file for the Word import", style="Subtitle")
    d.add_paragraph("Example Audit Office", style="Author")
    d.add_paragraph("12 March 2019", style="Date")
    d.add_heading("1. Scope of the Test", 1)
    p = d.add_paragraph(TEXT + " With ")
    p.add_run("bold").bold = True
    p.add_run(", ")
    p.add_run("italic").italic = True
    p.add_run(" and ")
    bold_italic = p.add_run("both ")
    bold_italic.bold = bold_italic.italic = True
    p.add_run("words, and ")
    add_hyperlink(p, "a link", "https://example.org/a_(b)")
    p.add_run(".")
    note_reference(p, 1)
    for text in LOOKS_LIKE_MARKDOWN:
        d.add_paragraph(text)
    p = d.add_paragraph("line one")
    p.add_run().add_break()
    p.add_run("line two")
    note_reference(p, 2)
    d.add_paragraph("A marginal note in a style the import does not know.", style="Marginal Note")
    d.add_paragraph("first item", style="List Number")
    d.add_paragraph("second item", style="List Number")
    d.add_paragraph("A paragraph between the items.")
    d.add_paragraph("third item", style="List Number")
    d.add_paragraph("a bullet", style="List Bullet")
    d.add_heading("Figures and Tables", 2)
    d.add_paragraph("Figure 1: A red rectangle", style="Caption")
    d.add_picture(picture_stream(), width=Inches(1))
    describe_picture(d, "A red rectangle, four by three pixels")
    d.add_paragraph("Source: test data.")
    d.add_picture(picture_stream(rgb=(30, 30, 200)), width=Inches(1))
    d.add_paragraph("Table 1: A simple table", style="Caption")
    table = d.add_table(rows=3, cols=2)
    for r, row in enumerate([("Name", "Value"), ("a | b", "1"), ("*c*", "2")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("Source: test data.")
    d.add_paragraph("Table 2: A table with merged cells", style="Caption")
    merged = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            merged.cell(r, c).text = f"r{r}c{c}" if not (r == 2 and c == 0) else ""
    merged.cell(1, 0).merge(merged.cell(2, 0))
    merged.cell(0, 1).merge(merged.cell(0, 2))
    d.add_heading("Recommendations", 2)
    first = d.add_paragraph("Adopt the first measure.", style="List Number")
    restart_numbering(d, first, 1)
    d.add_paragraph("Adopt the second measure, with “quotes”.", style="List Number")
    d.add_heading("2. Second Chapter", 1)
    p = d.add_paragraph("The last paragraph.")
    note_reference(p, 3)
    add_notes(
        d, {1: "First note.", 2: "Second note.\n\nIts second paragraph.", 3: "Third note, in chapter 2."}
    )
    return save(d, path)
