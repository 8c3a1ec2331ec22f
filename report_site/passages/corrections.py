"""``[[correction: DATE: note]]`` lines: the report corrected after publication, paragraph by paragraph.

A correction line follows the paragraph it corrects, as a ``[[supports]]`` line follows the paragraph it
marks (the two may follow one paragraph in any order). Here it is read (a real date, a colon, a note) and
tied to that paragraph; the paragraph pass records it on the paragraph (``Paragraph.corrections``) and,
when rendering, ``directives.GenerateTreeprocessor`` puts the note the plugin makes of it right after the
paragraph: beside its text, never inside it, so quotations and search leave it out. Whether the date
falls between publication and today needs the report's metadata: ``analysis.py`` checks it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..data import dates
from .directives import marked_block, markers
from .records import Corrected, Directive, DirectiveName, Position
from .text import TreePass, visible_words

#: What a correction line says when it cannot be read.
FORM = (
    "`[[correction: …]]` needs a date (YYYY-MM-DD), a colon and the note, "
    "e.g. `[[correction: 2024-05-02: The figure was 12, not 21.]]`"
)


def read(directive: Directive) -> Corrected | str:
    """The date and note of a correction line, or what is wrong with it."""
    date_text, colon, note = directive.text.partition(":")
    if not colon or not dates.ISO_DATE.match(date_text.strip()):
        return FORM
    day = dates.parse(date_text)
    if day is None:
        return f"`[[correction: …]]`: {dates.not_a_day(date_text)}"
    if not note.strip():
        return "`[[correction: …]]` needs a note after the date: what the paragraph said and what it says now"
    offset = directive.source.find(date_text.strip())
    return Corrected(
        day, " ".join(note.split()), Position(directive.at.line, directive.at.column + max(offset, 0))
    )


class CorrectionTreeprocessor(TreePass):
    """Tie each correction line to the paragraph right before it; a line that cannot be read or tied is
    a problem at its line."""

    def run(self, root: etree.Element) -> None:
        if not self.ext.active:
            return
        page = self.ext.page
        for parent, marker in markers(root):
            directive = page.directives.get(marker)
            if directive is None or directive.name != DirectiveName.CORRECTION or marker in page.failed:
                continue
            before = list(parent)[: list(parent).index(marker)]
            target = marked_block(before, page)
            if target is None and not before and parent.tag == "li" and visible_words(parent, self.md):
                target = parent  # a line inside a tight list item corrects the item
            if target is None or not visible_words(target, self.md):
                page.fail(marker, "`[[correction: …]]` must come right after the paragraph it corrects")
                continue
            corrected = read(directive)
            if isinstance(corrected, str):
                page.fail(marker, corrected)
            else:
                page.corrected[marker] = (target, corrected)
