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
            f'<w:p><w:pPr><w:pStyle w:val="{kind.capitalize()}Text"/></w:pPr>'
            + (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>' if i == 0 else "")
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
    p_num = paragraph._p.pPr.numPr if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None else None
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


__all__ = ["Document", "Inches", "add_notes", "describe_picture", "note_reference", "picture_stream", "png", "restart_numbering", "save"]
