"""Word → HTML with mammoth: its style map for the report's styles, its image hook, its notes with their text.

Each paragraph of the body is given a marker before conversion (``\\x01<n>\\x02``, its position among the body's
paragraphs, counted as ``docxml`` counts them), so the Markdown writer knows which Word paragraph every piece of
text came from. Word's XML cannot hold U+0001 or U+0002, so a marker never collides with the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Word styles → HTML. Headings, captions and the first page's styles (Title, Subtitle, and the Author,
#: Date and Abstract paragraphs word processors such as pandoc write) are named so the writer can place them.
STYLE_MAP = """
p[style-name='Title'] => p.word-title:fresh
p[style-name='Subtitle'] => p.word-subtitle:fresh
p[style-name='Author'] => p.word-author:fresh
p[style-name='Date'] => p.word-date:fresh
p[style-name='Abstract'] => p.word-abstract:fresh
p[style-name='Heading 1'] => h1:fresh
p[style-name='Heading 2'] => h2:fresh
p[style-name='Heading 3'] => h3:fresh
p[style-name='Heading 4'] => h4:fresh
p[style-name='Heading 5'] => h5:fresh
p[style-name='Heading 6'] => h6:fresh
p[style-name='Caption'] => p.word-caption:fresh
p[style-name='Image Caption'] => p.word-caption:fresh
p[style-name='Table Caption'] => p.word-caption:fresh
p[style-name='Block Text'] => blockquote > p:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
r[style-name='Verbatim Char'] => code
"""

#: Paragraph styles that are body text or lists by nature: never reported as unmapped.
PLAIN_STYLES = {
    "Normal", "Body Text", "First Paragraph", "Compact", "List Paragraph", "List Bullet", "List Number",
    "List Bullet 2", "List Number 2", "List Continue", "No Spacing", "Plain Text", "Normal (Web)",
    "Footnote Text", "Endnote Text", "Table Paragraph", "Body Text 2", "Body Text Indent", "Default",
}  # fmt: skip

#: Paragraph styles the style map above names (besides PLAIN_STYLES).
MAPPED_STYLES = {
    line.split("'")[1] for line in STYLE_MAP.strip().splitlines() if line.startswith("p[style-name=")
}

MARK_START, MARK_END = "\x01", "\x02"


@dataclass
class Picture:
    data: bytes
    content_type: str


@dataclass
class Converted:
    html: str
    pictures: list[Picture] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    marked: int = 0  # paragraphs given a marker


def convert(path: Path) -> Converted:
    import mammoth
    from mammoth import documents

    out = Converted("")

    def mark(element: Any) -> Any:
        """Pre-order (docxml's order): a paragraph is numbered before the text boxes inside it."""
        if isinstance(element, documents.Paragraph):
            marker = documents.Text(f"{MARK_START}{out.marked}{MARK_END}")
            out.marked += 1
            children = [mark(child) for child in element.children]
            return element.copy(children=[marker, *children])
        if isinstance(element, (documents.HasChildren, documents.TableCellUnmerged)):
            return element.copy(children=[mark(child) for child in element.children])
        return element

    def picture(image: Any) -> dict[str, str]:
        with image.open() as handle:
            out.pictures.append(Picture(handle.read(), image.content_type or ""))
        return {"src": f"word-picture:{len(out.pictures)}"}

    with open(path, "rb") as handle:
        result = mammoth.convert_to_html(
            handle,
            style_map=STYLE_MAP,
            transform_document=mark,
            convert_image=mammoth.images.img_element(picture),
            ignore_empty_paragraphs=False,
        )
    out.html = result.value
    out.messages = [m.message for m in result.messages]
    return out
