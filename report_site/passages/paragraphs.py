"""The paragraph pass: anchors, numbers and permalinks of citable paragraphs; ``rec:`` links; what the
page records (``PageScan``), in document order.

It runs last of the engine's passes, where ``toc`` gives headings their ids: after it, every citable
paragraph leaves the page as ``<p id="p-…" data-paragraph="N">`` (the shared HTML contract in
ARCHITECTURE.md).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown.util import HTML_PLACEHOLDER_RE

from ..chapters import anchors
from .figures import is_figure
from .notes import NOTES_ID
from .records import DirectiveName, NoteMarker, Paragraph, Position, Reference, Support
from .text import (
    GENERATED,
    MARKER,
    TreePass,
    citable_text,
    classes,
    is_note_marker,
    plain_text,
    remove,
    stashed,
)

if TYPE_CHECKING:
    from .extension import PageState

PARAGRAPHS = "report_paragraphs"
"""Name of the paragraph pass (the last of the engine: a scan stops after it)."""
REC_SCHEME = "rec:"
#: Report syntax left in a text node: it could not stand where it was written.
STRAY_SYNTAX = re.compile(r"\[\[[ \t]*[A-Za-z][\w-]*[^\[\]\n]*\]\]|\{:")
RAW_REC_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']?rec:""", re.I)
#: ``<rec:id>``, which Markdown reads as an HTML tag (and the page would lose the words).
ANGLE_REC = re.compile(r"<rec:[^>\s]*>", re.I)
#: Parts of raw HTML a reader never sees as text: comments, code, scripts and styles.
_RAW_HIDDEN = re.compile(r"<!--.*?-->|<(pre|code|script|style|textarea)\b.*?</\1\s*>", re.S | re.I)
#: Containers whose paragraphs are furniture, not the report's text.
FURNITURE_CLASSES = ("footnote", "admonition-title", "report-pull-quote")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class ParagraphTreeprocessor(TreePass):
    """Walks the page once, in document order."""

    def run(self, root: etree.Element) -> None:
        if not self.ext.active:
            return
        self.page: PageState = self.ext.page
        self.page.lines.finish()
        self.used: set[str] = set()
        self.pinned: dict[str, Paragraph] = {}  # an id the editor wrote → the first paragraph pinned to it
        self.by_element: dict[etree.Element, Paragraph] = {}
        self.pins: dict[etree.Element, str] = {}  # paragraph element → the id its editor pinned
        self.cursor: dict[etree.Element, Position] = {}  # block → where its last inline finding was
        self.root = root
        self.explicit = {el.get("id"): el for el in root.iter() if el.get("id") and el.tag in ("p", "li")}
        self.reserved = self._reserved(root)
        self._walk(root, furniture=False, code=False, block=None)
        for el in root.iter():
            el.attrib.pop(GENERATED, None)

    def _reserved(self, root: etree.Element) -> dict[str, str]:
        """Ids the page already gives to something else (generated blocks, headings, figures): a pin
        may not take them."""
        out: dict[str, str] = {}
        for el in root.iter():
            ident = el.get("id")
            if not ident:
                continue
            if el.get(GENERATED) is not None or ident == NOTES_ID:
                out.setdefault(ident, "a block the generator adds to this page")
            elif el.tag in HEADINGS:
                out.setdefault(ident, "a heading")
            elif is_figure(el):
                out.setdefault(
                    ident, f"the {'table' if 'report-table' in classes(el) else 'figure'} numbered so"
                )
        return out

    # the walk visits elements in document order, so findings come in the order of the source
    def _walk(self, el: etree.Element, furniture: bool, code: bool, block: etree.Element | None) -> None:
        for child in list(el):
            if child.tag == MARKER:
                self._marker(el, child)
                continue
            inner_block = child if child in self.page.lines.of else block
            is_code = code or child.tag in ("code", "pre", "kbd", "samp")
            is_furniture = (
                furniture
                or child.get(GENERATED) is not None
                or any(c in classes(child) for c in FURNITURE_CLASSES)
                or child.tag in ("table", *HEADINGS)
                or is_figure(child)
            )
            if "admonition" in classes(child):
                self.page.scan.boxes += 1
            if (
                child.tag == "h1"
                and not self.page.scan.title
                and child.get(GENERATED) is None
                and not furniture
            ):
                self.page.scan.title = plain_text(child, self.md)
            text = None if is_furniture or is_code else citable_text(child, self.md)
            paragraph = self._paragraph(child, text) if text else None
            self._text(child.text, is_code, inner_block)
            if is_note_marker(child):
                self._note_marker(child, inner_block)
            elif (
                child.tag == "a" and (child.get("href") or "").lower().startswith(REC_SCHEME) and not is_code
            ):
                self._reference(child, inner_block)
            self._walk(child, is_furniture, is_code, inner_block)
            if paragraph is not None:  # a pin ends its paragraph: located after what the paragraph holds
                self._pin(child, paragraph)
            self._text(child.tail, code, block)

    def _at(self, block: etree.Element | None, snippet: str) -> Position:
        """Where an inline ``snippet`` of ``block`` is written: after the block's previous finding."""
        key = block if block is not None else self.root
        at = self.page.position(block, snippet, self.cursor.get(key))
        self.cursor[key] = Position(at.line, at.column + len(snippet) - 1)
        return at

    def _text(self, text: str | None, code: bool, block: etree.Element | None) -> None:
        if not text or code:
            return
        for m in HTML_PLACEHOLDER_RE.finditer(text):
            raw = stashed(self.md, int(m.group(1)))
            if raw is None:
                continue
            visible = _RAW_HIDDEN.sub("", raw)
            for inside in STRAY_SYNTAX.finditer(visible):
                self.page.problem(
                    self.page.position(block, inside.group(0)),
                    f"`{inside.group(0)}` is inside an HTML block, where Markdown is not read, so it would "
                    "show as text; move it out of the HTML, or add `markdown` to the tag (`<div markdown>`)",
                )
            if angle := ANGLE_REC.match(raw.strip()):
                self.page.problem(
                    self._at(block, angle.group(0)),
                    f"`{angle.group(0)}` is read as an HTML tag and would disappear from the page; "
                    f"write a link with words: `[the recommendation]({angle.group(0)[1:-1]})`",
                )
                continue
            raw_link = RAW_REC_LINK.search(visible)
            if raw_link:
                snippet = visible[raw_link.start() :].split(">")[0]
                self.page.problem(
                    self.page.position(block, snippet),
                    "a `rec:` link written as HTML is not resolved; write it as a Markdown link `[words](rec:id)`",
                )
        plain = HTML_PLACEHOLDER_RE.sub("", text)
        for stray in STRAY_SYNTAX.finditer(plain):
            found = stray.group(0)
            if found.startswith("{:"):
                message = (
                    "this attribute list `{: …}` is not attached to anything; put it on the last line of the "
                    "paragraph (or heading) it belongs to"
                )
                found = "{:"
            else:
                message = (
                    f"`{found}` cannot stand here; a directive goes on a line of its own "
                    "(`[[supports: …]]` right after the paragraph it marks)"
                )
            self.page.problem(self._at(block, found), message)

    def _marker(self, parent: etree.Element, marker: etree.Element) -> None:
        page = self.page
        directive = page.directives.get(marker)
        if directive is not None and marker not in page.failed:
            page.scan.directives.append(directive)
            if directive.name == DirectiveName.SUPPORTS:
                target = next((t for t, ms in page.marks.items() if marker in ms), None)
                paragraph = self.by_element.get(target) if target is not None else None
                if paragraph is not None:
                    paragraph.supports += [
                        Support(rec_id, _arg_position(page, directive.at, directive.source, rec_id))
                        for rec_id in directive.args
                    ]
            elif marker in page.corrected:
                target, corrected = page.corrected[marker]
                if (paragraph := self.by_element.get(target)) is not None:
                    paragraph.corrections.append(corrected)
        remove(parent, marker)

    def _paragraph(self, el: etree.Element, text: str) -> Paragraph:
        """Anchor ``el`` (whose plain text is ``text``) and record it."""
        page, explicit = self.page, el.get("id")
        if explicit:
            self.pins[el] = explicit
        base = explicit or anchors.paragraph_anchor(text)
        number = len(page.scan.paragraphs) + 1
        line = page.lines.line(el)
        if not explicit and base in self.explicit:  # located at the pin, naming this paragraph
            page.problem(
                page.position(self.explicit[base], f"#{base}"),
                f"the id `{base}` is already the automatic id of the paragraph at line {line + 1}; choose another id",
            )
        anchor, n = base, 2
        while (
            anchor in self.used
            or (not explicit and anchor in self.explicit and anchor != explicit)
            or (not explicit and anchor in self.reserved)
        ):
            anchor, n = f"{base}-{n}", n + 1
        self.used.add(anchor)
        renderer = self.ext.renderer
        if renderer is not None:
            anchor = renderer.anchor(number, anchor)
        el.set("id", anchor)
        el.set("data-paragraph", str(number))
        paragraph = Paragraph(
            anchor, number, text, "li" if el.tag == "li" else "p", line + 1, pinned=bool(explicit)
        )
        page.scan.paragraphs.append(paragraph)
        self.by_element[el] = paragraph
        if renderer is not None:
            for old in renderer.aliases(anchor):
                span = etree.Element("span", {"id": old, "class": "report-anchor-alias"})
                span.tail, el.text = el.text, None
                el.insert(0, span)
            if renderer.permalinks:
                _permalink(el, anchor, self.ext.labels.t("link_to_paragraph"))
        return paragraph

    def _pin(self, el: etree.Element, paragraph: Paragraph) -> None:
        """A pin ``{: #id }`` the editor wrote: the same id twice, or an id the page gives to something
        else, is a problem at the pin."""
        explicit = self.pins.get(el)
        if explicit is None:
            return
        page = self.page
        at = paragraph.pin_at = self._at(el, f"#{explicit}")  # later findings of the paragraph come after it
        if explicit in self.pinned and self.pinned[explicit] is not paragraph:
            page.problem(
                at,
                f"the id `{explicit}` is already pinned to the paragraph at line {self.pinned[explicit].line}; "
                "give each paragraph its own id",
            )
        elif explicit in self.reserved:
            page.problem(
                at, f"the id `{explicit}` is already the id of {self.reserved[explicit]}; choose another id"
            )
        self.pinned.setdefault(explicit, paragraph)

    def _note_marker(self, sup: etree.Element, block: etree.Element | None) -> None:
        label = self.page.note_labels.get(sup)
        if label is None:
            return
        defined = "endnote-ref" not in classes(sup)
        self.page.scan.markers.append(NoteMarker(label, self._at(block, f"[^{label}]"), defined))

    def _reference(self, a: etree.Element, block: etree.Element | None) -> None:
        href = a.get("href", "")
        target, _, fragment = href[len(REC_SCHEME) :].partition("#")
        at = self._at(block, href)
        self.page.scan.references.append(
            Reference(target, fragment, Position(at.line, at.column + len(REC_SCHEME)))
        )
        renderer = self.ext.renderer
        if renderer is not None and (resolved := renderer.rec_href(target)) is not None:
            a.set("href", resolved + (f"#{fragment}" if fragment else ""))


def _arg_position(page: PageState, at: Position, source: str, rec_id: str) -> Position:
    """Where ``rec_id`` stands in its directive line."""
    line = page.source.source[at.line - 1] if 0 < at.line <= len(page.source.source) else source
    colon = line.find(":", at.column - 1)
    column = line.find(rec_id, colon if colon >= 0 else at.column - 1)
    return Position(at.line, column + 1 if column >= 0 else at.column)


def _permalink(el: etree.Element, anchor: str, label: str) -> None:
    """The ¶ link of a paragraph, after its own words (before a nested list or block)."""
    link = etree.Element(
        "a",
        {
            "class": "report-permalink",
            "href": f"#{anchor}",
            "aria-label": label,
            "title": label,
            "data-search-exclude": "",
        },
    )
    nested = next((i for i, c in enumerate(el) if c.tag in ("ul", "ol", "p", "blockquote", "div")), None)
    if nested is None:
        el.append(link)
    else:
        el.insert(nested, link)
