"""mammoth's HTML → report Markdown (the forms CONTRIBUTING.md describes: notes, figures, tables), by a walk over the parsed tree.

Every character of Word's text is written so that it renders as written: Markdown's own characters are
backslash-escaped, ``<`` before a letter and ``&`` before an entity name become entities, and a line that
would start a heading, list, quote or code block is escaped at its first character. Non-breaking spaces are
written as the character itself (U+00A0). The walk records, for each Word paragraph (by the marker
``reading`` put in front of it), the text it wrote, so the summary can compare it with Word's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown.blockprocessors import HRProcessor

from . import docxml, numbering
from .reading import MARK_END, MARK_START

_MARKER = re.compile(f"{MARK_START}(\\d+){MARK_END}")
_ESCAPE = re.compile(r"([\\`*_\[\]{}|])")  # `|` too: two lines with pipes can make a table
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?$])")
_ENTITY_LIKE = re.compile(r"&(?=#|[A-Za-z0-9]+;)")
#: Line starts Python-Markdown would read as structure: heading, quote, list item, admonition, setext rule.
_LINE_START = re.compile(r"^(?:#|>|[-+](?=\s)|\d+(?=\.\s)|!!!|=+\s*$|-+\s*$)")
_NOTE_REF = re.compile(r"#((?:foot|end)note)-(?!ref-)(.+)$")
_CAPTION = re.compile(r"^\s*(?:\*\*)?(Figure|Table)\s+[\w.-]+[:.]", re.IGNORECASE)


def escape(text: str) -> str:
    """Word's text as Markdown that renders as written (inline; line starts are :func:`escape_lines`' job)."""
    text = _ESCAPE.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    return _TAG_LIKE.sub("&lt;", text)


def escape_lines(markdown: str) -> str:
    """Escape the first character of each line that would otherwise start a Markdown block."""
    out: list[str] = []
    for line in markdown.split("\n"):
        stripped = line.lstrip(" \t")
        if stripped != line and not out:
            line = stripped  # leading blanks would make a code block; HTML does not show them anyway
        if HRProcessor.SEARCH_RE.match(line) and line.lstrip()[:1] == "-":
            line = "\\" + line.lstrip()  # "-- -" would be a rule (Python-Markdown's own pattern)
        elif m := _LINE_START.match(line):
            head = m.group(0)
            if head[0].isdigit():
                line = head + "\\" + line[len(head) :]
            elif head[0] == "=":
                line = "&#61;" + line[1:]  # `=` has no backslash escape in Python-Markdown
            else:
                line = "\\" + line
        out.append(line)
    return "\n".join(out)


class Block(NamedTuple):
    kind: str  # heading, para, caption, figure, list, table, quote, title, subtitle, author, date, abstract
    markdown: str
    level: int = 0  # a heading's level
    text: str = ""  # the words, unescaped (a heading's title, a list's items joined)
    paragraphs: tuple[int, ...] = ()  # Word paragraphs it holds
    items: tuple[tuple[str, int], ...] = ()  # a list's top-level items: (words, paragraph)
    ordered: bool = False
    notes: tuple[str, ...] = ()  # note keys ("footnote-3") referenced in it
    pictures: tuple[int, ...] = ()  # pictures (1-based) shown in it


@dataclass
class Written:
    blocks: list[Block] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # note key → definition body (Markdown)
    note_text: dict[str, str] = field(default_factory=dict)  # note key → its words, unescaped
    note_labels: dict[str, str] = field(default_factory=dict)  # note key → label written ([^label])
    text: dict[int, str] = field(default_factory=dict)  # Word paragraph → the words written for it
    tables: int = 0
    pictures: list[str] = field(default_factory=list)  # file name of each picture, by number
    links_dropped: list[str] = field(default_factory=list)  # links within the Word file (bookmarks)


class _Inline:
    """The state of one block's inline walk: the paragraph being written and what the block collected."""

    def __init__(self, writer: Writer, in_cell: bool = False) -> None:
        self.writer = writer
        self.in_cell = in_cell
        self.paragraphs: list[int] = []
        self.notes: list[str] = []
        self.pictures: list[int] = []
        self.words: list[str] = []

    def words_of(self, text: str) -> None:
        self.words.append(text)
        if self.paragraphs:
            current = self.paragraphs[-1]
            self.writer.written.text[current] = self.writer.written.text.get(current, "") + text


class Writer:
    def __init__(self, docx: docxml.Docx, picture_names: list[str]) -> None:
        self.docx = docx
        self.written = Written(pictures=picture_names)
        both = {n.kind for n in docx.notes} == {"footnote", "endnote"}
        for note in docx.notes:
            key = f"{note.kind}-{note.note_id}"
            if note.custom_mark:
                label = f"{note.kind}-{note.note_id}"
            elif note.kind == "endnote" and both:
                label = f"endnote-{note.number}"
            else:
                label = str(note.number)
            self.written.note_labels[key] = label

    # ------------------------------------------------------------------ blocks

    def convert(self, html: str) -> Written:
        soup = BeautifulSoup(html, "html.parser")
        for node in list(soup.children):
            if isinstance(node, Tag) and node.name == "ol" and _is_notes_list(node):
                self._notes(node)
            else:
                self.written.blocks += self._blocks(node)
        return self.written

    def _blocks(self, node: object) -> list[Block]:
        if isinstance(node, NavigableString):
            text = _MARKER.sub("", str(node))
            if not text.strip():
                return []
            return [self._paragraph_from([node], "para")]
        if not isinstance(node, Tag):
            return []
        name = node.name
        classes = list(node.get("class") or [])
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            return self._heading(node, int(name[1]))
        if name == "p":
            kind = next((c[5:] for c in classes if c.startswith("word-")), "para")
            return [b] if (b := self._paragraph(node, kind)).markdown.strip() else []
        if name in ("ol", "ul"):
            return [self._list(node)]
        if name == "table":
            return [self._table(node)]
        if name == "blockquote":
            inner = [b for child in node.children for b in self._blocks(child)]
            quoted = "\n\n".join(b.markdown for b in inner)
            return [
                Block(
                    "quote",
                    "\n".join("> " + line if line else ">" for line in quoted.split("\n")),
                    text="\n\n".join(b.text for b in inner),
                    paragraphs=tuple(p for b in inner for p in b.paragraphs),
                    notes=tuple(n for b in inner for n in b.notes),
                    pictures=tuple(p for b in inner for p in b.pictures),
                )
            ]
        block = self._paragraph_from([node], "para")  # inline content outside a paragraph; a bookmark
        return [block] if block.markdown.strip() else []

    def _heading(self, node: Tag, level: int) -> list[Block]:
        state = _Inline(self)
        body = self._inline(node.children, state).strip()
        if not body:
            return []
        number = ""
        if state.paragraphs and (label := self.docx.paragraphs[state.paragraphs[0]].number) and label.ordered:
            number = label.text + " "  # Word numbers this heading itself; the site shows the number as text
        if body.endswith("#"):
            body = body[:-1] + "\\#"  # a closing # would be read as the heading's decoration
        return [
            Block(
                "heading",
                f"{'#' * level} {escape(number)}{body}",
                level=level,
                text=number + "".join(state.words).strip(),
                paragraphs=tuple(state.paragraphs),
                notes=tuple(state.notes),
                pictures=tuple(state.pictures),
            )
        ]

    def _paragraph(self, node: Tag, kind: str) -> Block:
        children = list(node.children)
        meaningful = [
            c
            for c in children
            if not (isinstance(c, NavigableString) and not _MARKER.sub("", str(c)).strip())
        ]
        if (
            kind == "para"
            and len(meaningful) == 1
            and isinstance(meaningful[0], Tag)
            and meaningful[0].name == "img"
        ):
            state = _Inline(self)
            self._inline(children, state)
            return Block(
                "figure",
                self._image(meaningful[0], state),
                paragraphs=tuple(state.paragraphs),
                pictures=tuple(state.pictures),
            )
        if kind == "para" and _CAPTION.match(_MARKER.sub("", node.get_text())):
            kind = "caption"
        return self._paragraph_from(children, kind)

    def _paragraph_from(self, children: Sequence[object], kind: str) -> Block:
        state = _Inline(self)
        body = escape_lines(self._inline(children, state).strip())
        return Block(
            kind,
            body,
            text="".join(state.words).strip(),
            paragraphs=tuple(state.paragraphs),
            notes=tuple(state.notes),
            pictures=tuple(state.pictures),
        )

    def _list(self, node: Tag, depth: int = 0) -> Block:
        ordered = node.name == "ol"
        first = self._first_label(node)
        if ordered and first and first.fmt not in ("decimal", "decimalZero"):
            return self._lettered(node)
        lines: list[str] = []
        items: list[tuple[str, int]] = []
        paragraphs: list[int] = []
        notes: list[str] = []
        pictures: list[int] = []
        start = 1
        for i, li in enumerate(c for c in node.children if isinstance(c, Tag) and c.name == "li"):
            state = _Inline(self)
            inline_children = [c for c in li.children if not (isinstance(c, Tag) and c.name in ("ol", "ul"))]
            body = escape_lines(self._inline(inline_children, state).strip())
            if i == 0 and ordered and state.paragraphs:
                label = self.docx.paragraphs[state.paragraphs[0]].number
                start = label.value if label and label.ordered and label.value > 0 else 1
            marker = f"{start + i}. " if ordered else "- "
            indent = " " * 4
            body_lines = body.split("\n")
            lines.append(marker + body_lines[0])
            lines += [indent + line if line else "" for line in body_lines[1:]]
            items.append(("".join(state.words).strip(), state.paragraphs[0] if state.paragraphs else -1))
            paragraphs += state.paragraphs
            notes += state.notes
            pictures += state.pictures
            for sub in (c for c in li.children if isinstance(c, Tag) and c.name in ("ol", "ul")):
                nested = self._list(sub, depth + 1)
                lines += [indent + line if line else "" for line in nested.markdown.split("\n")]
                paragraphs += nested.paragraphs
                notes += nested.notes
                pictures += nested.pictures
        return Block(
            "list",
            "\n".join(lines),
            text="\n".join(t for t, _ in items),
            paragraphs=tuple(paragraphs),
            items=tuple(items),
            ordered=ordered,
            notes=tuple(notes),
            pictures=tuple(pictures),
        )

    def _first_label(self, node: Tag) -> numbering.Label | None:
        for text in node.find_all(string=_MARKER):
            return self.docx.paragraphs[int(_MARKER.search(text).group(1))].number  # type: ignore[union-attr]
        return None

    def _lettered(self, node: Tag) -> Block:
        """A list Word numbers a., b. or i., ii. (a table's lettered notes): Markdown numbers only with digits,
        so each item is a paragraph that begins with Word's label as text."""
        blocks = []
        for li in (c for c in node.children if isinstance(c, Tag) and c.name == "li"):
            block = self._paragraph_from(list(li.children), "para")
            label = self.docx.paragraphs[block.paragraphs[0]].number if block.paragraphs else None
            prefix = escape_lines(escape(label.text)) + " " if label and label.text else ""
            blocks.append(block._replace(markdown=prefix + block.markdown))
        return Block(
            "para",
            "\n\n".join(b.markdown for b in blocks),
            text="\n".join(b.text for b in blocks),
            paragraphs=tuple(p for b in blocks for p in b.paragraphs),
            notes=tuple(n for b in blocks for n in b.notes),
            pictures=tuple(p for b in blocks for p in b.pictures),
        )

    def _table(self, node: Tag) -> Block:
        rows = [tr for tr in node.find_all("tr") if tr.find_parent("table") is node]
        cells = [[c for c in tr.children if isinstance(c, Tag) and c.name in ("td", "th")] for tr in rows]
        simple = bool(rows) and all(
            not c.get("colspan") and not c.get("rowspan") and not c.find(["ol", "ul", "table"])
            for row in cells
            for c in row
        )
        simple = simple and len({len(row) for row in cells}) == 1
        paragraphs: list[int] = []
        notes: list[str] = []
        pictures: list[int] = []
        self.written.tables += 1

        def cell_text(cell: Tag) -> str:
            parts = []
            for child in cell.children:
                state = _Inline(self, in_cell=True)
                nodes = list(child.children) if isinstance(child, Tag) and child.name == "p" else [child]
                part = self._inline(nodes, state).strip()
                paragraphs.extend(state.paragraphs)
                notes.extend(state.notes)
                pictures.extend(state.pictures)
                if part:
                    parts.append(part)
            return "<br>".join(parts)

        if simple:
            body = [[cell_text(c) for c in row] for row in cells]
            width = len(body[0])
            lines = ["| " + " | ".join(body[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
            lines += ["| " + " | ".join(row) + " |" for row in body[1:]]
            markdown = "\n".join(lines)
        else:
            markdown = '<div markdown="1">\n' + self._html_table(node, cell_text) + "\n</div>"
        return Block(
            "table", markdown, paragraphs=tuple(paragraphs), notes=tuple(notes), pictures=tuple(pictures)
        )

    def _html_table(self, node: Tag, cell_text: Callable[[Tag], str]) -> str:
        """Merged cells: an HTML table whose cells hold inline Markdown (so note markers still work)."""
        out = ["<table>"]
        for tr in (t for t in node.find_all("tr") if t.find_parent("table") is node):
            out.append("<tr>")
            for cell in (c for c in tr.children if isinstance(c, Tag) and c.name in ("td", "th")):
                spans = "".join(
                    f' {attr}="{int(str(cell[attr]))}"' for attr in ("colspan", "rowspan") if cell.get(attr)
                )
                out.append(f"<{cell.name}{spans}>{cell_text(cell)}</{cell.name}>")
            out.append("</tr>")
        out.append("</table>")
        return "\n".join(out)

    def _notes(self, node: Tag) -> None:
        for li in (c for c in node.children if isinstance(c, Tag) and c.name == "li"):
            key = str(li.get("id", ""))
            for back in li.find_all("a", href=re.compile(r"^#(?:foot|end)note-ref-")):
                back.decompose()
            blocks = [b for child in li.children for b in self._blocks(child)]
            body = "\n\n".join(b.markdown for b in blocks)
            self.written.notes[key] = "\n".join(
                ("    " + line if line and i else line) for i, line in enumerate(body.split("\n"))
            )
            self.written.note_text[key] = "\n\n".join(b.text for b in blocks)
            for block in blocks:  # note paragraphs carry no marker: their words are checked as a whole
                for p in block.paragraphs:
                    self.written.text.pop(p, None)

    # ------------------------------------------------------------------ inline

    def _inline(self, nodes: object, state: _Inline) -> str:
        return "".join(self._inline_node(n, state) for n in nodes)  # type: ignore[attr-defined]

    def _inline_node(self, node: object, state: _Inline) -> str:
        if isinstance(node, NavigableString):
            out = []
            pos = 0
            text = str(node)
            for m in _MARKER.finditer(text):
                out.append(self._text(text[pos : m.start()], state))
                state.paragraphs.append(int(m.group(1)))
                pos = m.end()
            out.append(self._text(text[pos:], state))
            return "".join(out)
        if not isinstance(node, Tag):
            return ""
        name = node.name
        if name == "a":
            return self._link(node, state)
        if name in ("strong", "b", "em", "i"):
            mark = "**" if name in ("strong", "b") else "*"
            inner = self._inline(node.children, state)
            core = inner.strip()
            if not core:
                return inner
            lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
            return f"{lead}{mark}{core}{mark}{trail}"
        if name in ("sup", "sub", "s", "u", "del"):
            inner = self._inline(node.children, state)
            if name == "sup" and _only_note_reference(node):
                return inner
            return f"<{name}>{inner}</{name}>" if inner.strip() else inner
        if name == "code":
            raw = _MARKER.sub("", node.get_text())
            state.words_of(raw)
            fence = "``" if "`" in raw else "`"
            pad = " " if raw.startswith("`") or raw.endswith("`") else ""
            return f"{fence}{pad}{raw}{pad}{fence}"
        if name == "br":
            state.words_of("\n")
            return "<br>" if state.in_cell else "<br>\n"
        if name == "img":
            return self._image(node, state)
        if name == "p":  # a paragraph inside an inline context (a table cell, a list item)
            return self._inline(node.children, state)
        return self._inline(node.children, state)

    def _text(self, text: str, state: _Inline) -> str:
        if not text:
            return ""
        state.words_of(text)
        return escape(text)

    def _link(self, node: Tag, state: _Inline) -> str:
        href = str(node.get("href") or "")
        if m := _NOTE_REF.fullmatch(href) if href.startswith("#") else None:
            key = f"{m.group(1)}-{m.group(2)}"
            state.notes.append(key)
            return f"[^{self.written.note_labels.get(key, m.group(2))}]"
        inner = self._inline(node.children, state)
        if not href:
            return inner  # a bookmark: Word's own anchor, not shown
        if href.startswith("#"):
            self.written.links_dropped.append(_MARKER.sub("", node.get_text()))
            return inner  # a link to a bookmark inside the Word file: its text stays, the target is gone
        if not inner.strip():
            return inner
        target = f"<{href}>" if re.search(r"[\s()<>]", href) else href
        title = f' "{_attr(node.get("title"))}"' if node.get("title") else ""
        return f"[{inner}]({target}{title})"

    def _image(self, node: Tag, state: _Inline) -> str:
        src = str(node.get("src", ""))
        number = int(src.split(":", 1)[1]) if src.startswith("word-picture:") else 0
        if not number:
            return ""
        state.pictures.append(number)
        info = self.docx.images[number - 1] if number <= len(self.docx.images) else docxml.Image("", "")
        alt = _ESCAPE.sub(r"\\\1", info.description)
        title = f' "{_attr(info.title)}"' if info.title and info.title != info.description else ""
        name = self.written.pictures[number - 1] if number <= len(self.written.pictures) else src
        return f"![{alt}](images/{name}{title})"


def _attr(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"')


def _only_note_reference(node: Tag) -> bool:
    links = node.find_all("a")
    return (
        len(links) == 1
        and bool(_NOTE_REF.fullmatch(str(links[0].get("href", ""))))
        and not _MARKER.sub("", node.get_text()).replace(links[0].get_text(), "").strip()
    )


def _is_notes_list(node: Tag) -> bool:
    items = [c for c in node.children if isinstance(c, Tag) and c.name == "li"]
    return bool(items) and all(re.fullmatch(r"(?:foot|end)note-.+", str(li.get("id", ""))) for li in items)
