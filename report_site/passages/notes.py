"""Notes: markers in the text, and the Notes section at the end of the chapter.

Definitions (``[^23]: …``, continuation paragraphs indented) and markers that have one are
Python-Markdown's ``footnotes`` extension's work; this module gives its output the report's shape:
the report's own numbers (``references.number_notes``: a numeric label as written, other labels
counted across the report), a "Notes" heading, backlinks named for screen readers, and notes that are
never citable paragraphs. Markers without a definition (a report whose notes are printed elsewhere)
become links to a Notes section that says so.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown.extensions.footnotes import FootnoteBlockProcessor, FootnoteExtension
from markdown.inlinepatterns import InlineProcessor

from .text import ENTRY, TreePass, classes

if TYPE_CHECKING:
    import re

    from .extension import PassageExtension

#: A marker the ``footnotes`` extension left as text: its label has no definition on the page.
MARKER_RE = r"\[\^([^\]\s]+)\]"
#: The id of the Notes heading (both kinds of section; markers without a note link to it).
NOTES_ID = "endnotes"


class MarkerProcessor(InlineProcessor):
    """``[^n]`` whose note is not on the site (``footnotes``, earlier, takes those with a definition)."""

    def __init__(self, ext: PassageExtension) -> None:
        super().__init__(MARKER_RE)
        self.ext = ext

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | None, int | None, int | None]:
        if not self.ext.active:
            return None, None, None
        page, label = self.ext.page, m.group(1)
        renderer = self.ext.renderer
        shown = renderer.numbers.notes.get(label, label) if renderer else label
        sup = etree.Element("sup", {"class": "endnote-ref"})
        if label not in page.endnotes:
            page.endnotes.append(label)
            sup.set("id", f"endnote-ref-{shown}")
        a = etree.SubElement(
            sup, "a", {"href": f"#{NOTES_ID}", "aria-label": self.ext.labels.t("endnote", n=shown)}
        )
        a.text = shown
        page.note_labels[sup] = label
        return sup, m.start(0), m.end(0)


def footnotes_of(md: object) -> FootnoteExtension | None:
    return next(
        (e for e in getattr(md, "registeredExtensions", []) if isinstance(e, FootnoteExtension)), None
    )


class NotesTreeprocessor(TreePass):
    """The ``footnotes`` extension's list becomes the chapter's Notes section, in the report's numbers."""

    def run(self, root: etree.Element) -> None:
        footnotes = footnotes_of(self.md)
        if not self.ext.active or footnotes is None or not footnotes.footnotes:
            return
        page, words = self.ext.page, self.ext.labels
        page.lines.finish()
        div = next((d for d in root.iter("div") if "footnote" in classes(d)), None)
        ol = div.find("ol") if div is not None else None
        if div is None or ol is None:
            return
        renderer = self.ext.renderer
        order = list(footnotes.footnotes)
        by_id = {footnotes.makeFootnoteId(label): label for label in order}
        refs: dict[str, list[etree.Element]] = {}
        for sup in root.iter("sup"):
            for a in sup.iter("a"):
                label = by_id.get((a.get("href") or "#")[1:])
                if label is not None and "footnote-ref" in classes(a):
                    refs.setdefault(label, []).append(a)
                    page.note_labels[sup] = label
                    sup.set("data-search-exclude", "")  # not in a paragraph's search text or its quotation
        defined_at = self._definition_lines()
        items = []
        for n, li in enumerate(list(ol), 1):
            label = by_id.get(li.get("id", ""))
            if label is None:
                continue
            shown = (
                renderer.numbers.notes.get(label, label)
                if renderer
                else (label if label.isdigit() else str(n))
            )
            for a in refs.get(label, []):
                a.text = shown
                a.set("aria-label", words.t("note", n=shown))
            backlinks = [a for a in li.iter("a") if "footnote-backref" in classes(a)]
            for k, a in enumerate(backlinks, 1):
                a.attrib.pop("title", None)
                a.set("data-search-exclude", "")
                back = (
                    words.t("note_back", n=shown)
                    if len(backlinks) == 1
                    else words.t("note_back_k", n=shown, k=k)
                )
                a.set("aria-label", back)
            if shown.isdigit():
                li.set("value", shown)
            li.set("data-note", shown)
            li.set(ENTRY, words.t("note", n=shown))  # a search entry of its own
            line = defined_at.get(label)
            if line is not None:
                for el in li.iter():
                    page.lines.of.setdefault(el, line)
            items.append((_sort_key(shown, n), li))
        listed = [li for _key, li in sorted(items, key=lambda item: item[0])]
        for li in list(ol):
            ol.remove(li)
        ol.extend(listed)
        page.scan.notes = [by_id[li.get("id", "")] for li in listed]
        for hr in div.findall("hr"):
            div.remove(hr)
        div.tag = "section"
        div.set("class", "footnote report-notes")
        div.set("aria-labelledby", NOTES_ID)
        heading = etree.Element("h2", {"id": NOTES_ID, "data-search-exclude": ""})
        heading.text = words.t("notes")
        div.insert(0, heading)
        ol.set("class", "report-notes__list")

    def _definition_lines(self) -> dict[str, int]:
        """Label → 0-based line of its definition, found in the blocks as the parser met them with the
        ``footnotes`` extension's own pattern."""
        out: dict[str, int] = {}
        for line, block in self.ext.page.lines.blocks:
            if "[^" in block:
                for m in FootnoteBlockProcessor.RE.finditer(block):
                    out.setdefault(m.group(1), line + block.count("\n", 0, m.start()))
        return out


def _sort_key(shown: str, position: int) -> tuple[int, int, int]:
    """Notes in the order of their numbers (numbers first, as written), then as listed."""
    return (0, int(shown), position) if shown.isdigit() else (1, 0, position)
