"""Figures and tables: captions, numbers, anchors, source lines, and each table as CSV.

Reports caption in the form Word-born reports use: a paragraph "Figure 3: …" directly above or below
an image alone in its paragraph (or the image's title), "Table 2: …" directly above a table, and
"Source: …", "Note: …", "Legend: …" and lettered notes ("a. …") directly below either. The words follow
the report's language (``labels``: ``figure``, ``table``, ``source_line``, ``note_line``,
``legend_line``); English is always read.
Numbers are kept as written, or counted across the report (``references.number_figures``).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.util import HTML_PLACEHOLDER_RE

from .records import Numbered, Position, Table
from .text import ENTRY, GENERATED, TreePass, classes, is_note_marker, plain_text, stashed

if TYPE_CHECKING:
    from ..data.labels import Labels

#: A caption's number: "3", "2.1", "A-1", "3a".
_NUMBER = r"(?P<number>[A-Z]?\d+(?:[.\-–]\d+)*[a-z]?)"
#: A lettered table note: "a. …", "b) …".
_LETTERED = re.compile(r"[a-z][.)]\s+\S")
#: Top-level blocks before a figure that loads lazily: the first screen's images load at once.
EAGER_BLOCKS = 3


def caption_pattern(*words: str) -> re.Pattern[str]:
    """``Word N: title`` (or ``.``, ``–``) for the given words (a plural ending allowed)."""
    alternatives = "|".join(re.escape(w) for w in dict.fromkeys(w for w in words if w))
    return re.compile(rf"(?:{alternatives})\s+{_NUMBER}\s*[:.–—]\s*(?P<title>\S.*)", re.S | re.I)


def _line_pattern(*words: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in dict.fromkeys(w for w in words if w))
    return re.compile(rf"(?:{alternatives})\w{{0,2}}\s*:", re.I)


class Captions:
    """The caption, source and note words of the report's language (and English)."""

    def __init__(self, labels: Labels, english: Labels) -> None:
        def both(key: str) -> tuple[str, str]:
            return labels.t(key), english.t(key)

        self.figure = caption_pattern(*both("figure"))
        self.table = caption_pattern(*both("table"))
        self.furniture = _line_pattern(*both("source_line"), *both("note_line"), *both("legend_line"))

    def belongs(self, el: etree.Element, md: Markdown) -> bool:
        """A source line, note or lettered note under a figure or table."""
        if el.tag != "p":
            return False
        text = plain_text(el, md)
        return bool(self.furniture.match(text) or _LETTERED.match(text))


def count_on(written: list[str | None], last: int) -> tuple[list[str], int]:
    """The numbers shown for captions that give ``written`` numbers (None: none given), counting on from
    ``last``: a written number is kept, the others continue from the last whole number."""
    shown = []
    for w in written:
        if w is None:
            last += 1
            shown.append(str(last))
        else:
            shown.append(w)
            last = int(w) if w.isdigit() else last
    return shown, last


def slug(number: str) -> str:
    """A caption's number in an address: "2.1" → "2-1" (``#table-2-1``, ``table-2-1.csv``)."""
    return re.sub(r"[^0-9A-Za-z]+", "-", number).strip("-").lower()


class _Numbering(TreePass):
    """Shared by figures and tables: the words, and moving paragraphs into the figure."""

    kind = ""

    def run(self, root: etree.Element) -> None:
        if not self.ext.active:
            return
        from ..data.labels import english

        self.written: list[str | None] = []  # this page's caption numbers, for numbering while scanning
        self.number_all(root, Captions(self.ext.labels, english()))

    def number_all(self, root: etree.Element, captions: Captions) -> None:
        raise NotImplementedError

    def _notes_below(
        self, parent: etree.Element, after: etree.Element, captions: Captions
    ) -> list[etree.Element]:
        siblings = list(parent)
        out = []
        for el in siblings[siblings.index(after) + 1 :]:
            if not captions.belongs(el, self.md):
                break
            out.append(el)
        return out

    def _number(self, index: int, written: str | None) -> str:
        """The number the report shows (counted across the report when rendering; on this page alone
        while scanning, where no id is published)."""
        renderer = self.ext.renderer
        numbers = getattr(renderer.numbers, self.kind + "s") if renderer else []
        if index < len(numbers):
            return numbers[index]
        self.written.append(written)
        return count_on(self.written, 0)[0][-1]


class TableTreeprocessor(_Numbering):
    """A table with its "Table N:" title as ``<caption>``, its source lines below, a box that scrolls on
    a phone, an anchor (``#table-N``) and a CSV download."""

    kind = "table"

    def number_all(self, root: etree.Element, captions: Captions) -> None:
        page = self.ext.page
        page.lines.finish()
        tables = [
            (parent, t)
            for parent in root.iter()
            for t in parent
            if t.tag == "table" and t.get(GENERATED) is None
        ]
        for index, (parent, table) in enumerate(tables):
            siblings = list(parent)
            at = siblings.index(table)
            title = siblings[at - 1] if at else None
            caption_text, written = "", None
            if title is not None and title.tag == "p":
                _unwrap_bold(title)
                text = plain_text(title, self.md)
                m = captions.table.match(text)
                if m:
                    caption_text, written = text, m.group("number")
                else:
                    title = None
            else:
                title = None
            number = self._number(index, written)
            anchor = f"table-{slug(number)}"
            below = self._notes_below(parent, table, captions)
            figure = etree.Element(
                "figure",
                {"class": "report-table", "id": anchor, ENTRY: self.ext.labels.t("table_n", number=number)},
            )
            parent.insert(at, figure)
            if title is not None:
                parent.remove(title)
                caption = etree.Element("caption", {"id": f"{anchor}-caption"})
                caption.text, caption.tail = title.text, None
                caption.extend(list(title))
                table.insert(0, caption)
            parent.remove(table)
            scroll = etree.SubElement(
                figure, "div", {"class": "report-table__scroll", "tabindex": "0", "role": "region"}
            )
            if title is not None:
                scroll.set("aria-labelledby", f"{anchor}-caption")
            else:
                scroll.set("aria-label", self.ext.labels.t("table_n", number=number))
            scroll.append(table)
            figure.tail, table.tail = table.tail, None
            if below:
                notes = etree.SubElement(figure, "div", {"class": "report-table__notes"})
                for el in below:
                    parent.remove(el)
                    notes.append(el)
            for th in list(table.iter("th")):
                if not "".join(th.itertext()).strip():
                    th.tag = "td"  # an empty corner cell heads nothing (screen readers would announce a blank header)
            line = page.lines.line(title if title is not None else table)
            page.scan.tables.append(
                Table(Numbered(written, caption_text, Position(line + 1, 1)), _rows(table, self.md))
            )
            renderer = self.ext.renderer
            href = renderer.table_csv(index) if renderer else None
            if href:
                link = etree.SubElement(
                    figure, "p", {"class": "report-table__download", "data-search-exclude": ""}
                )
                a = etree.SubElement(link, "a", {"href": href, "download": "", "type": "text/csv"})
                a.text = self.ext.labels.t("table_as_csv", number=number)
            _layout(figure)


def _unwrap_bold(p: etree.Element) -> None:
    """``**Table 1: Title**``: the caption's words, without the bold the editor wrote for print."""
    if (
        len(p) == 1
        and p[0].tag in ("strong", "b")
        and not (p.text or "").strip()
        and not (p[0].tail or "").strip()
    ):
        strong = p[0]
        p.remove(strong)
        p.text = strong.text
        p.extend(list(strong))


def _rows(table: etree.Element, md: Markdown) -> list[list[str]]:
    """Each row's cells as text: line breaks kept, note markers (footnotes' and raw ``<sup>a</sup>``
    letters) left out, so a number stays a number in a spreadsheet."""
    rows = []
    for tr in table.iter("tr"):
        cells = []
        for cell in tr:
            if cell.tag not in ("th", "td"):
                continue
            text = _Cell(md)
            text.walk(cell, top=True)
            cells.append("\n".join(" ".join("".join(part).split()) for part in text.lines).strip())
        rows.append(cells)
    return rows


class _Cell:
    """The words of a table cell as a reader sees them, line by line."""

    def __init__(self, md: Markdown) -> None:
        self.md = md
        self.lines: list[list[str]] = [[]]
        self.in_sup = 0  # inside raw ``<sup>…</sup>``

    def walk(self, node: etree.Element, top: bool) -> None:
        if node.tag == "br":
            self.lines.append([])
        elif node.tag != "sup" and not is_note_marker(node):
            self.text(node.text)
            for child in node:
                self.walk(child, False)
        if not top:
            self.text(node.tail)

    def text(self, text: str | None) -> None:
        """Text, with raw HTML in it (``<br>``, the one way to break a line in a Markdown table) as the
        reader sees it."""
        if not text:
            return
        at = 0
        for m in HTML_PLACEHOLDER_RE.finditer(text):
            self.words(text[at : m.start()])
            raw = stashed(self.md, int(m.group(1))) or ""
            if re.fullmatch(r"\s*<br\s*/?>\s*", raw, re.I):
                self.lines.append([])
            elif re.fullmatch(r"\s*<sup\b[^>]*>\s*", raw, re.I):
                self.in_sup += 1
            elif re.fullmatch(r"\s*</sup\s*>\s*", raw, re.I):
                self.in_sup = max(0, self.in_sup - 1)
            else:
                self.words(html.unescape(re.sub(r"<[^>]+>", "", raw)))
            at = m.end()
        self.words(text[at:])

    def words(self, text: str) -> None:
        if text and not self.in_sup:
            self.lines[-1].append(text)


class FigureTreeprocessor(_Numbering):
    """An image alone in its paragraph becomes a ``<figure>`` with its caption, numbered and anchored
    (``#figure-N``), sized from the file, loaded lazily below the first screen."""

    kind = "figure"

    def number_all(self, root: etree.Element, captions: Captions) -> None:
        page = self.ext.page
        found = [
            (parent, p)
            for parent in root.iter()
            for p in parent
            if p.tag == "p" and _lone_image(p) is not None
        ]
        first_screen = list(root)[:EAGER_BLOCKS]
        for index, (parent, p) in enumerate(found):
            img = _lone_image(p)
            assert img is not None
            eager = any(el is p or _contains(el, p) for el in first_screen)  # before p leaves the tree
            siblings = list(parent)
            at = siblings.index(p)
            caption, written, above = None, None, False
            for candidate, is_above in (
                (siblings[at - 1] if at else None, True),
                (siblings[at + 1] if at + 1 < len(siblings) else None, False),
            ):
                if candidate is not None and candidate.tag == "p" and _lone_image(candidate) is None:
                    m = captions.figure.match(plain_text(candidate, self.md))
                    if m:
                        caption, written, above = candidate, m.group("number"), is_above
                        break
            title = img.attrib.pop("title", None) if caption is None else None
            number = self._number(index, written)
            anchor = f"figure-{slug(number)}"
            line = page.lines.line(p)
            if not (img.get("alt") or "").strip() and caption is None and not title:
                page.problem(
                    page.position(p, "![", None),
                    f"the image `{img.get('src', '')}` has no alt text; describe it in the brackets "
                    "(`![What the chart shows](…)`), or give it a caption (`Figure N: …`) that says it all",
                )
            notes = self._notes_below(parent, caption if caption is not None and not above else p, captions)
            figure = etree.Element(
                "figure",
                {"class": "report-figure", "id": anchor, ENTRY: self.ext.labels.t("figure_n", number=number)},
            )
            parent.insert(siblings.index(p), figure)
            for el in (p, caption, *notes):
                if el is not None:
                    parent.remove(el)
            figure.tail, img.tail = (
                (notes[-1] if notes else caption if caption is not None and not above else p).tail,
                None,
            )
            if title:
                caption = etree.Element("p")
                caption.text = self.ext.labels.t("figure_caption", number=number, caption=title)
            if caption is not None and above:
                etree.SubElement(figure, "figcaption").append(caption)
            figure.append(img)
            if caption is not None and not above:
                figcaption = etree.SubElement(figure, "figcaption")
                figcaption.append(caption)
                figcaption.extend(notes)
            elif notes:
                etree.SubElement(figure, "div", {"class": "report-figure__notes"}).extend(notes)
            _layout(figure)
            self._size(img)
            if not eager:
                img.set("loading", "lazy")
            img.set("decoding", "async")
            text = title or (plain_text(caption, self.md) if caption is not None else "")
            page.scan.figures.append(Numbered(written, text, Position(line + 1, 1)))

    def _size(self, img: etree.Element) -> None:
        renderer = self.ext.renderer
        if renderer is None or img.get("width") or img.get("height"):
            return
        size = renderer.image_size(img.get("src", ""))
        if size:
            img.set("width", str(size[0]))
            img.set("height", str(size[1]))


def _lone_image(p: etree.Element) -> etree.Element | None:
    """The image of a paragraph that holds only an image (nothing else but white space)."""
    if p.tag != "p" or len(p) != 1 or (p.text or "").strip() or (p[0].tail or "").strip():
        return None
    return p[0] if p[0].tag == "img" else None


def _layout(el: etree.Element) -> None:
    """One child per line, as Markdown's own blocks are laid out (the tree was prettified before)."""
    el.text = "\n"
    for child in el:
        child.tail = "\n"
        if child.tag in ("figcaption", "div"):
            _layout(child)


def _contains(ancestor: etree.Element, el: etree.Element) -> bool:
    return any(d is el for d in ancestor.iter())


def is_figure(el: etree.Element) -> bool:
    return el.tag == "figure" and bool({"report-figure", "report-table"} & set(classes(el)))
