"""``[[name: args]]`` lines: taken out of the text by the block parser, tied to their blocks, and (when
rendering) replaced by the blocks the plugin generates.

Each directive leaves a marker element in the tree; what the engine knows about it (name, arguments,
position, the block it marks) lives on the extension's per-page state, keyed by that element.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError

from ..errors import nearest
from .records import DIRECTIVE_NAMES, GENERATED_BLOCKS, Directive, DirectiveName, Position
from .text import GENERATED, MARKER, visible_words

if TYPE_CHECKING:
    from .extension import PageState, PassageExtension

#: ``[[…]]`` alone on its line (up to three spaces of indentation, as any block): a directive, or an
#: attempt at one that gets a message (``[[supports blended-finance]]``), never text on the page.
DIRECTIVE_LINE = re.compile(r"^ {0,3}\[\[([^\[\]\n]*)\]\][ \t]*$", re.M)
#: What a well-formed directive holds: a name, then ``: args`` if any.
DIRECTIVE_BODY = re.compile(r"[ \t]*([A-Za-z][\w-]*)[ \t]*(?::(.*))?", re.S)
#: A code span inside a block (a directive line inside one is code, not a directive).
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def markers(root: etree.Element) -> list[tuple[etree.Element, etree.Element]]:
    """(parent, marker) of every directive marker, in document order (listed first: passes change the tree)."""
    return [(parent, child) for parent in root.iter() for child in parent if child.tag == MARKER]


class DirectiveProcessor(BlockProcessor):
    """Take a ``[[…]]`` line out of its block (as ``abbr`` takes its definitions); what was before and
    after it is parsed as usual."""

    def __init__(self, ext: PassageExtension) -> None:
        super().__init__(ext.md.parser)
        self.ext = ext

    def _match(self, block: str) -> re.Match[str] | None:
        if not self.ext.active or block.startswith(" " * self.tab_length):
            return None
        spans = [m.span() for m in CODE_SPAN.finditer(block)] if "`" in block else []
        for m in DIRECTIVE_LINE.finditer(block):
            if not any(start < m.start() < end for start, end in spans):
                return m
        return None

    def test(self, parent: etree.Element, block: str) -> bool:
        return self._match(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        page = self.ext.page
        block = blocks.pop(0)
        m = self._match(block)
        assert m is not None
        before, after = block[: m.start()], block[m.end() :]
        if after.strip():
            blocks.insert(0, after.lstrip("\n"))
        if before.strip():  # the text before is parsed first; the directive comes back as a block of its own
            blocks.insert(0, m.group(0))
            blocks.insert(0, before.rstrip("\n"))
            return True
        line = page.lines.current + block.count("\n", 0, m.start())
        source = m.group(0).strip()
        at = page.source.find("[[", line) or Position(line + 1, 1)
        marker = etree.SubElement(parent, MARKER)
        text = m.group(1)
        body = DIRECTIVE_BODY.match(text)
        name, args = (body.group(1).lower(), body.group(2)) if body else ("", None)
        ids = tuple(a for a in re.split(r"[,\s]+", args or "") if a)
        page.directives[marker] = Directive(name, ids, at, source)
        rest = text[body.end() :].strip() if body and args is None else ""
        if name not in DIRECTIVE_NAMES:
            page.fail(marker, _unknown_directive(name or text.strip()))
        elif rest:
            page.fail(
                marker, f"`{source}`: a directive is `[[name: …]]`; add the colon: `[[{name}: {rest}]]`"
            )
        return True


def _unknown_directive(name: str) -> str:
    hint = nearest(name, DIRECTIVE_NAMES)
    fix = f"did you mean `[[{hint}]]`?" if hint else f"use one of: {', '.join(DIRECTIVE_NAMES)}"
    return f"unknown directive `[[{name}]]`; {fix}"


class BindTreeprocessor(Treeprocessor):
    """Tie each directive marker to its block: the paragraph a ``supports`` marks, the quote a
    ``pull-quote`` styles. A marker that cannot be tied is a problem at its line."""

    def __init__(self, ext: PassageExtension) -> None:
        super().__init__(ext.md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        if not self.ext.active:
            return
        page = self.ext.page
        page.lines.finish()
        seen_blocks: set[str] = set()
        for parent, marker in markers(root):
            directive = page.directives.get(marker)
            if directive is None or marker in page.failed:
                continue
            siblings = list(parent)
            at = siblings.index(marker)
            name = directive.name
            if name == DirectiveName.SUPPORTS:
                self._supports(page, parent, marker, siblings[:at], directive)
            elif name == DirectiveName.PULL_QUOTE:
                following = siblings[at + 1] if at + 1 < len(siblings) else None
                if following is None or following.tag != "blockquote":
                    page.fail(marker, "`[[pull-quote]]` must be followed by a `>` quote on the next line")
                else:
                    following.tag = "aside"
                    following.attrib.update(
                        {"class": "report-pull-quote", "aria-hidden": "true", "data-search-exclude": ""}
                    )
            elif name in GENERATED_BLOCKS:
                if name in seen_blocks:
                    page.fail(
                        marker,
                        f"`[[{name}]]` is already on this page; a generated block appears once per page",
                    )
                seen_blocks.add(name)

    def _supports(
        self,
        page: PageState,
        parent: etree.Element,
        marker: etree.Element,
        before: list[etree.Element],
        directive: Directive,
    ) -> None:
        target = _supports_target(before, page)
        if target is None and not before and parent.tag == "li" and visible_words(parent, self.md):
            target = parent  # a marker line inside a tight list item marks the item
        if target is None:
            page.fail(marker, "`[[supports: …]]` must come right after the paragraph it marks")
        elif not visible_words(target, self.md):
            page.fail(
                marker,
                "`[[supports: …]]` follows a block without words of its own (an image or a figure); "
                "put it right after the paragraph that argues for the recommendation",
            )
        elif not directive.args:
            page.fail(
                marker,
                "`[[supports: …]]` needs at least one recommendation id, e.g. `[[supports: my-recommendation]]`",
            )
        else:
            page.marks.setdefault(target, []).append(marker)


def _supports_target(before: list[etree.Element], page: PageState) -> etree.Element | None:
    """The block a ``[[supports]]`` marks: the paragraph, list item or quote right before it."""
    for el in reversed(before):
        if el.tag == MARKER and (d := page.directives.get(el)) and d.name == DirectiveName.SUPPORTS:
            continue  # several supports lines in a row mark the same block
        if el.tag == MARKER or el.get(GENERATED) is not None:
            return None
        if el.tag == "p":
            return el
        if el.tag in ("ul", "ol") and len(el):
            item = el[-1]
            paragraphs = [c for c in item if c.tag == "p"]
            return paragraphs[-1] if paragraphs else item
        if el.tag == "blockquote":
            paragraphs = [c for c in el if c.tag == "p"]
            return paragraphs[-1] if paragraphs else None
        return None
    return None


class GeneratedBlockError(PluginError):
    """A generated block could not be parsed (the data is escaped and checked, so only a template can
    cause it); a build error mkdocs and ``build_site.py`` report in one line."""


class GenerateTreeprocessor(Treeprocessor):
    """When rendering: the HTML of each generated block, parsed (by expat: it is the plugin's own
    well-formed HTML, not the editor's) into elements right after its marker, prettified as
    Markdown's own blocks are; then the Notes section for markers whose notes are not on the site."""

    def __init__(self, ext: PassageExtension) -> None:
        super().__init__(ext.md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        renderer = self.ext.renderer
        if not self.ext.active or renderer is None:
            return
        page = self.ext.page
        firsts = {markers_[0]: target for target, markers_ in page.marks.items()}
        for parent, marker in markers(root):
            directive = page.directives.get(marker)
            if directive is None or marker in page.failed:
                continue
            if marker in firsts:  # the first marker of a block generates the links of all its markers
                ids = dict.fromkeys(i for m in page.marks[firsts[marker]] for i in page.directives[m].args)
                self._insert(parent, marker, renderer.generated(DirectiveName.SUPPORTS, tuple(ids)))
            elif directive.name in GENERATED_BLOCKS:
                self._insert(
                    parent, marker, renderer.generated(DirectiveName(directive.name), directive.args)
                )
        if page.endnotes:
            holder = etree.SubElement(root, MARKER)
            page.directives[holder] = Directive("endnotes", (), Position(0, 0), "endnotes")
            self._insert(root, holder, renderer.endnotes(page.endnotes))
            root.remove(holder)

    def _insert(self, parent: etree.Element, marker: etree.Element, html: str) -> None:
        try:
            holder = etree.fromstring(f"<div>{html}</div>")
        except etree.ParseError as exc:  # a template that is not well-formed: the generator's bug, named
            source = self.ext.page.directives[marker].source
            raise GeneratedBlockError(
                f"the generated block for `{source}` is not well-formed HTML ({exc}); "
                "its template is in report_site/templates/blocks/"
            ) from exc
        if "prettify" in self.md.treeprocessors:
            self.md.treeprocessors["prettify"].run(holder)
        at = list(parent).index(marker)
        for offset, child in enumerate(list(holder), 1):
            child.set(GENERATED, "")
            parent.insert(at + offset, child)
