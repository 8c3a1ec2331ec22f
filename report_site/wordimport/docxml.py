"""The Word file read directly from its XML, independently of mammoth, so the import can be checked against it.

Everything the summary counts (paragraphs and their exact text, notes, images and their descriptions, tables)
and what mammoth does not say (list numbers, note numbers, the document properties, the styles in use) is read
here from the package parts with the standard library's XML parser. Paragraphs are listed in the order mammoth
reads them: the body in document order, ``mc:Choice`` skipped for its ``mc:Fallback`` (as mammoth does),
deleted and moved-away text left out.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from . import numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
EXT = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
OFFICE_DOCUMENT = "/officeDocument"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


#: Subtrees whose text Word does not show (deleted, moved away) or that mammoth reads elsewhere (the Choice
#: of an mc:AlternateContent: mammoth reads its Fallback).
_SKIPPED = {w("del"), w("moveFrom"), f"{{{MC}}}Choice", w("instrText"), w("delText"), w("pPr"), w("rPr")}


class NotADocx(ValueError):
    """The file is not a Word document (.docx): said in one line."""


@dataclass
class Paragraph:
    index: int
    style_id: str
    style_name: str
    text: str
    in_table: bool
    number: numbering.Label | None = None
    #: holds a w:sym (a symbol-font character): mammoth maps only the dingbats it knows
    has_symbol: bool = False


@dataclass
class Image:
    description: str
    title: str


@dataclass
class Note:
    kind: str  # "footnote" | "endnote"
    note_id: str
    number: int  # its position among the notes of its kind, in reading order (what Word shows)
    text: str
    custom_mark: str = ""  # a mark the author typed instead of the number


@dataclass
class Docx:
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    note_formats: dict[str, str] = field(default_factory=dict)  # kind → w:numFmt (decimal, lowerRoman …)
    images: list[Image] = field(default_factory=list)
    tables: int = 0
    core: dict[str, str] = field(default_factory=dict)  # title, subject, creator, language, created, company
    default_language: str = ""
    styles: dict[str, tuple[str, str]] = field(default_factory=dict)  # style id → (type, name)
    #: text in a table cell that a vertical merge covers (Word hides it; mammoth drops the cell)
    merged_away: list[str] = field(default_factory=list)

    def with_text(self) -> list[Paragraph]:
        """The paragraphs that hold words (empty ones are layout, not text)."""
        return [p for p in self.paragraphs if p.text.strip()]


def read(path: Path) -> Docx:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotADocx(f"{path}: not a Word document (.docx) ({exc}); save it from Word as .docx") from None
    with archive:
        names = set(archive.namelist())

        def part(name: str | None) -> ET.Element | None:
            if not name or name not in names:
                return None
            try:
                return ET.fromstring(archive.read(name))
            except ET.ParseError as exc:
                raise NotADocx(f"{path}: its part {name} is not well-formed XML ({exc})") from None

        main = _target(part("_rels/.rels"), "", OFFICE_DOCUMENT)
        document = part(main)
        if document is None or main is None:
            raise NotADocx(f"{path}: has no Word document part; save it from Word as .docx")
        rels_name = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        rels = part(rels_name)
        base = posixpath.dirname(main)
        styles_xml = part(_target(rels, base, "/styles"))
        numbering_xml = part(_target(rels, base, "/numbering"))
        settings_xml = part(_target(rels, base, "/settings"))
        out = Docx()
        out.styles = _styles(styles_xml)
        out.default_language = _default_language(styles_xml)
        out.core = _core(part(_target(part("_rels/.rels"), "", "/core-properties")))
        app = part(_target(part("_rels/.rels"), "", "/extended-properties"))
        if app is not None and (company := app.findtext(f"{{{EXT}}}Company")):
            out.core["company"] = company.strip()
        counter = numbering.Counter(numbering_xml, styles_xml)
        _read_body(document, out, counter)
        out.note_formats = _note_formats(settings_xml)
        notes = {
            "footnote": part(_target(rels, base, "/footnotes")),
            "endnote": part(_target(rels, base, "/endnotes")),
        }
        _read_notes(document, notes, out)
        return out


def _target(rels: ET.Element | None, base: str, type_suffix: str) -> str | None:
    """The part a relationship of this type points at (its path inside the package)."""
    if rels is None:
        return None
    for rel in rels.iter(f"{{{PKG_RELS}}}Relationship"):
        if rel.get("Type", "").endswith(type_suffix) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            return (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
    return None


def _styles(root: ET.Element | None) -> dict[str, tuple[str, str]]:
    out = {}
    for style in root.iter(w("style")) if root is not None else []:
        name = style.find(w("name"))
        sid = style.get(w("styleId"), "")
        out[sid] = (style.get(w("type"), ""), name.get(w("val"), sid) if name is not None else sid)
    return out


def _default_language(root: ET.Element | None) -> str:
    lang = (
        root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
        if root is not None
        else None
    )
    return lang.get(w("val"), "") if lang is not None else ""


def _core(root: ET.Element | None) -> dict[str, str]:
    if root is None:
        return {}
    found = {
        "title": root.findtext(f"{{{DC}}}title"),
        "subject": root.findtext(f"{{{DC}}}subject"),
        "creator": root.findtext(f"{{{DC}}}creator"),
        "language": root.findtext(f"{{{DC}}}language"),
        "created": root.findtext(f"{{{DCTERMS}}}created"),
    }
    return {k: v.strip() for k, v in found.items() if v and v.strip()}


def _note_formats(settings: ET.Element | None) -> dict[str, str]:
    """Word's number format for each kind of note (its defaults: 1, 2, 3 for footnotes; i, ii, iii for endnotes)."""
    out = {"footnote": "decimal", "endnote": "lowerRoman"}
    for kind in out:
        fmt = settings.find(f"{w(kind + 'Pr')}/{w('numFmt')}") if settings is not None else None
        if fmt is not None and fmt.get(w("val")):
            out[kind] = fmt.get(w("val"), out[kind])
    return out


def _walk(element: ET.Element) -> Iterator[ET.Element]:
    """Pre-order over what Word shows and mammoth reads."""
    yield element
    for child in element:
        if child.tag not in _SKIPPED:
            yield from _walk(child)


def text_of(paragraph: ET.Element) -> tuple[str, bool]:
    """A paragraph's text as Word shows it (field results, not field codes), and whether it holds a w:sym.

    Text of paragraphs nested in it (a text box) is theirs, not its own.
    """
    parts: list[str] = []
    symbol = False

    def visit(el: ET.Element) -> None:
        nonlocal symbol
        for child in el:
            tag = child.tag
            if tag in _SKIPPED or tag == w("p"):
                continue
            if tag == w("t") or tag == f"{{{M}}}t":  # Word's text, and the text of an equation
                parts.append(child.text or "")
            elif tag == w("tab") and el.tag == w("r"):
                parts.append("\t")
            elif tag == w("br"):
                if child.get(w("type"), "textWrapping") == "textWrapping":
                    parts.append("\n")
            elif tag == w("cr"):
                parts.append("\n")
            elif tag == w("noBreakHyphen"):
                parts.append("\u2011")
            elif tag == w("softHyphen"):
                parts.append("\u00ad")
            elif tag == w("sym"):
                symbol = True
            else:
                visit(child)

    visit(paragraph)
    return "".join(parts), symbol


def _read_body(document: ET.Element, out: Docx, counter: numbering.Counter) -> None:
    body = document.find(w("body"))
    if body is None:
        return
    in_tables = {p for tbl in body.iter(w("tbl")) for p in tbl.iter(w("p"))}
    merged_away = {p for tc in body.iter(w("tc")) if _continues_merge(tc) for p in tc.iter(w("p"))}
    picture = Image("", "")
    for el in _walk(body):
        if el in merged_away:
            if (text := text_of(el)[0]).strip():
                out.merged_away.append(text)
        elif el.tag == w("p"):
            style_id = ""
            ppr = el.find(w("pPr"))
            if ppr is not None and (ps := ppr.find(w("pStyle"))) is not None:
                style_id = ps.get(w("val"), "")
            text, symbol = text_of(el)
            out.paragraphs.append(
                Paragraph(
                    index=len(out.paragraphs),
                    style_id=style_id,
                    style_name=out.styles.get(style_id, ("", style_id))[1] if style_id else "Normal",
                    text=text,
                    in_table=el in in_tables,
                    number=counter.label(el, style_id),
                    has_symbol=symbol,
                )
            )
        elif el.tag == w("tbl"):
            out.tables += 1
        elif el.tag == f"{{{WP}}}docPr":  # comes before the picture in its drawing
            picture = Image(el.get("descr", "").strip(), el.get("title", "").strip())
        elif el.tag == f"{{{A}}}blip" and el.get(f"{{{R}}}embed"):
            out.images.append(picture)
        elif el.tag == f"{{{V}}}imagedata" and el.get(f"{{{R}}}id"):
            out.images.append(Image("", el.get("{urn:schemas-microsoft-com:office:office}title", "")))


def _continues_merge(cell: ET.Element) -> bool:
    merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
    return merge is not None and merge.get(w("val"), "continue") == "continue"


def _read_notes(document: ET.Element, parts: dict[str, ET.Element | None], out: Docx) -> None:
    """Every footnote and endnote referenced from the body, numbered per kind in reading order."""
    texts: dict[tuple[str, str], str] = {}
    for kind, root in parts.items():
        for note in root.iter(w(kind)) if root is not None else []:
            if note.get(w("type"), "normal") != "normal":
                continue  # separators
            paragraphs = [text_of(p)[0] for p in note.iter(w("p"))]
            texts[(kind, note.get(w("id"), ""))] = "\n\n".join(t for t in paragraphs if t.strip())
    counts = {"footnote": 0, "endnote": 0}
    for el in _walk(document):
        kind = (
            "footnote"
            if el.tag == w("footnoteReference")
            else "endnote"
            if el.tag == w("endnoteReference")
            else ""
        )
        if not kind:
            continue
        note_id = el.get(w("id"), "")
        custom = el.get(w("customMarkFollows")) in ("1", "true", "on")
        if not custom:
            counts[kind] += 1
        out.notes.append(
            Note(
                kind, note_id, counts[kind], texts.get((kind, note_id), ""), custom_mark="*" if custom else ""
            )
        )
