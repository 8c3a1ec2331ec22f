"""The passage engine: a Python-Markdown extension for the report's directives, anchors and ``rec:`` links.

Everything happens on Markdown's own parse, so code stays code and HTML stays HTML:

- ``DirectiveProcessor`` (a block processor, as ``abbr`` consumes its definitions)
  takes each ``[[name: args]]`` line out of the text and leaves a marker element.
- ``EndnoteProcessor`` (inline) links ``[^n]`` markers whose note is not on the site.
- ``ExpandTreeprocessor`` (after inline) ties markers to their blocks.
- ``GenerateTreeprocessor`` (after ``attr_list``), when rendering, puts each generated
  block (HTML from the plugin) in its place as elements: the editor's syntax (attribute
  lists) never applies to them; later passes (``abbr``, ``smarty``, ``toc``, mkdocs'
  links) see them as any block.
- ``PassageTreeprocessor`` (after ``attr_list``, before ``toc``, as ``toc`` does for
  headings) gives every citable paragraph its anchor and ``data-paragraph`` number,
  resolves ``rec:`` links in every syntax, and records what it saw, in document order,
  as a ``PageScan`` (the whole-report index is built from it before pages render).

The same extension runs twice per chapter: once to scan (``PassageExtension()``
with no ``Renderer``) and once when mkdocs renders the page, so the index and the
page cannot disagree.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, Protocol

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.toc import unescape
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE
from mkdocs.exceptions import PluginError

from . import anchors
from .errors import nearest
from .labels import Labels, english


class DirectiveName(StrEnum):
    SUPPORTS = "supports"
    PULL_QUOTE = "pull-quote"
    COVER = "cover"
    FOCUS_AREAS = "focus-areas"
    RECOMMENDATIONS = "recommendations"
    CITE = "cite"


GENERATED_BLOCKS = (
    DirectiveName.COVER,
    DirectiveName.FOCUS_AREAS,
    DirectiveName.RECOMMENDATIONS,
    DirectiveName.CITE,
)
DIRECTIVE_NAMES = tuple(d.value for d in DirectiveName)

#: A directive alone on its line (up to three spaces of indentation, as any block).
DIRECTIVE_LINE = re.compile(r"^ {0,3}\[\[[ \t]*([A-Za-z][\w-]*)[ \t]*(?::([^\]\n]*))?\]\][ \t]*$", re.M)
#: Report syntax left in a text node: it could not stand where it was written.
STRAY_SYNTAX = re.compile(r"\[\[[ \t]*[A-Za-z][\w-]*[ \t]*(?::[^\]\n]*)?\]\]|\{:")
#: A code span inside a block (a directive line inside one is code, not a directive).
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
ENDNOTE = r"\[\^(\d+)\]"
REC_SCHEME = "rec:"
RAW_REC_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']?rec:""", re.I)

#: Parts of raw HTML a reader never sees as text: comments, code, scripts and styles.
_RAW_HIDDEN = re.compile(r"<!--.*?-->|<(pre|code|script|style|textarea)\b.*?</\1\s*>", re.S | re.I)

PASSAGES = "report_passages"
"""Name of the passage tree processor (after ``attr_list``, before ``toc``)."""

MARKER = "report-directive"
"""Tag of the placeholder a directive leaves in the tree until the passage pass removes it."""

#: Containers whose paragraphs are furniture, not the report's text.
FURNITURE_CLASSES = ("footnote", "admonition-title", "report-pull-quote")


class EventKind(StrEnum):
    DIRECTIVE = "directive"
    PROBLEM = "problem"
    REFERENCE = "reference"
    CODE = "code"
    """Text of code or raw HTML that mentions report syntax: only moves the locator past it."""


@dataclass
class Event:
    """Something the passage pass saw, in document order, with the source text that locates it."""

    kind: EventKind
    snippet: str
    message: str = ""
    directive: str = ""
    args: tuple[str, ...] = ()
    paragraph: int | None = None
    """For ``supports``: the index in ``PageScan.paragraphs`` of the passage it marks."""
    target: str = ""
    """For a reference: the recommendation id."""
    fragment: str = ""


@dataclass
class ScannedParagraph:
    anchor: str
    number: int
    text: str
    element: Literal["p", "li"]
    pinned: bool = False
    """Its id was given with ``{: #id }`` (anchors.lock never renames it)."""


@dataclass
class PageScan:
    title: str = ""
    paragraphs: list[ScannedParagraph] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)


class Renderer(Protocol):
    """What the page being rendered provides (the plugin's view of the report)."""

    permalinks: bool

    def generated(self, name: DirectiveName, ids: tuple[str, ...]) -> str:
        """HTML for a block directive (``supports`` gets the recommendation ids); links name ``.md`` files."""

    def endnotes(self, numbers: list[str]) -> str:
        """HTML of the Notes section for endnote markers whose notes are not on the site."""

    def rec_href(self, rec_id: str) -> str | None:
        """The docs-relative link to a recommendation's page (mkdocs turns it into the URL)."""

    def anchor(self, number: int, scanned: str) -> str:
        """The id of paragraph ``number``, whose scan gave ``scanned``: anchors.lock keeps a published anchor
        on the paragraph it was recorded with, so a paragraph opening with the same words is numbered anew."""

    def aliases(self, anchor: str) -> list[str]:
        """Old anchors (from ``anchors.lock``) that now land on this paragraph."""


class PassageExtension(Extension):
    """Register the passage engine. One instance serves a whole build: ``renderer`` is set per page."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.renderer: Renderer | None = None
        self.active = True
        """False while mkdocs renders a page that is not a chapter (generated pages)."""
        self.scan = PageScan()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md
        self.scan = PageScan()  # one Markdown instance per page: state starts fresh with it
        md.parser.blockprocessors.register(DirectiveProcessor(md.parser, self), "report_directive", 85)
        md.inlinePatterns.register(EndnoteProcessor(ENDNOTE, self), "report_endnote", 170)
        md.treeprocessors.register(ExpandTreeprocessor(md, self), "report_expand", 19)
        md.treeprocessors.register(GenerateTreeprocessor(md, self), "report_generate", 7.5)
        md.treeprocessors.register(PassageTreeprocessor(md, self), PASSAGES, 6)

    def reset(self) -> None:
        self.scan = PageScan()


class DirectiveProcessor(BlockProcessor):
    """Take a ``[[…]]`` line out of its block; what was before and after it is parsed as usual."""

    def __init__(self, parser, ext: PassageExtension) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parser)
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
        block = blocks.pop(0)
        m = self._match(block)
        assert m is not None
        before, after = block[: m.start()], block[m.end() :]
        if after.strip():
            blocks.insert(0, after.lstrip("\n"))
        if before.strip():
            blocks.insert(0, m.group(0))
            blocks.insert(0, before.rstrip("\n"))
            return True
        args = [a for a in re.split(r"[,\s]+", m.group(2) or "") if a]
        etree.SubElement(
            parent, MARKER, {"name": m.group(1).lower(), "args": " ".join(args), "source": m.group(0).strip()}
        )
        return True


class EndnoteProcessor(InlineProcessor):
    """``[^n]`` whose note is not on the site (the footnotes extension, if enabled, takes defined ones first)."""

    def __init__(self, pattern: str, ext: PassageExtension) -> None:
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[no-untyped-def, override]
        if not self.ext.active:
            return None, None, None
        n = m.group(1)
        sup = etree.Element("sup", {"class": "endnote-ref"})
        if n not in self.ext.scan.endnotes:
            self.ext.scan.endnotes.append(n)
            sup.set("id", f"endnote-ref-{n}")
        a = etree.SubElement(
            sup, "a", {"href": "#endnotes", "aria-label": _words(self.ext.renderer).t("endnote", n=n)}
        )
        a.text = n
        return sup, m.start(0), m.end(0)


def _words(renderer: object) -> Labels:
    """The report's labels, from the renderer of the page being rendered (English while only scanning)."""
    return getattr(renderer, "labels", None) or english()


def _markers(root: etree.Element) -> list[tuple[etree.Element, etree.Element]]:
    """(parent, marker) of every directive marker, in document order (listed first: the passes change the tree)."""
    return [(parent, child) for parent in root.iter() for child in parent if child.tag == MARKER]


class _PassageStage(Treeprocessor):
    """A tree pass of the extension: it shares the extension's per-page state and does nothing on
    pages the plugin did not mark active (generated pages, pages outside the report)."""

    def __init__(self, md: Markdown, ext: PassageExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        if self.ext.active:
            self.process(root)

    def process(self, root: etree.Element) -> None:
        raise NotImplementedError


class ExpandTreeprocessor(_PassageStage):
    """Tie each directive marker to its block (the paragraph a ``supports`` marks, the quote a
    ``pull-quote`` styles); a marker that cannot be tied gets its problem."""

    def process(self, root: etree.Element) -> None:
        supported: dict[int, list[str]] = {}
        firsts: list[tuple[etree.Element, int]] = []
        for parent, marker in _markers(root):
            siblings = list(parent)
            at = siblings.index(marker)
            name = marker.get("name", "")
            args = tuple(marker.get("args", "").split())
            if name not in DIRECTIVE_NAMES:
                marker.set("problem", _unknown_directive(name))
            elif name == DirectiveName.SUPPORTS:
                target = _supports_target(siblings[:at])
                if target is None and at == 0 and parent.tag == "li" and _has_words(parent, self.md):
                    target = parent  # a marker line inside a tight list item marks the item
                if target is None:
                    marker.set("problem", "`[[supports: …]]` must come right after the paragraph it marks")
                elif not args:
                    marker.set(
                        "problem",
                        "`[[supports: …]]` needs at least one recommendation id, e.g. `[[supports: my-recommendation]]`",
                    )
                else:
                    if id(target) not in supported:
                        firsts.append((marker, id(target)))
                    supported.setdefault(id(target), []).extend(args)
                    marker.set("target", str(id(target)))
            elif name == DirectiveName.PULL_QUOTE:
                following = siblings[at + 1] if at + 1 < len(siblings) else None
                if following is None or following.tag != "blockquote":
                    marker.set("problem", "`[[pull-quote]]` must be followed by a `>` quote on the next line")
                else:
                    following.tag = "aside"
                    following.attrib.update(
                        {"class": "report-pull-quote", "aria-hidden": "true", "data-search-exclude": ""}
                    )
        for marker, target in firsts:  # the first marker of a block generates the links of all its markers
            marker.set("generate", " ".join(dict.fromkeys(supported[target])))


class GeneratedBlockError(PluginError):
    """A generated block could not be parsed (the data is escaped and checked, so only a template can cause
    it); a build error mkdocs and ``build_site.py`` report in one line."""


class GenerateTreeprocessor(_PassageStage):
    """When rendering: the HTML of each generated block, parsed (by expat: it is the plugin's own
    well-formed HTML, not the editor's) into elements right after its marker, prettified as
    Markdown's own blocks are; then the Notes section at the end if the page has endnote markers."""

    def process(self, root: etree.Element) -> None:
        renderer = self.ext.renderer
        if renderer is None:
            return
        for parent, marker in _markers(root):
            name = marker.get("name", "")
            if marker.get("problem"):
                continue
            if name == DirectiveName.SUPPORTS and marker.get("generate") is not None:
                self._insert(
                    parent,
                    marker,
                    renderer.generated(DirectiveName.SUPPORTS, tuple(marker.get("generate", "").split())),
                )
            elif name in GENERATED_BLOCKS:
                self._insert(
                    parent,
                    marker,
                    renderer.generated(DirectiveName(name), tuple(marker.get("args", "").split())),
                )
        if self.ext.scan.endnotes:
            holder = etree.SubElement(root, MARKER, {"name": "endnotes", "generated": "1"})
            self._insert(root, holder, renderer.endnotes(self.ext.scan.endnotes))
            root.remove(holder)

    def _insert(self, parent: etree.Element, marker: etree.Element, html: str) -> None:
        try:
            holder = etree.fromstring(f"<div>{html}</div>")
        except etree.ParseError as exc:  # a template that is not well-formed: the generator's bug, named
            raise GeneratedBlockError(
                f"the generated block for `{marker.get('source') or marker.get('name')}` is not "
                f"well-formed HTML ({exc}); its template is in report_site/templates/blocks/"
            ) from exc
        if "prettify" in self.md.treeprocessors:
            self.md.treeprocessors["prettify"].run(holder)
        at = list(parent).index(marker)
        for offset, child in enumerate(list(holder), 1):
            child.set("data-report-generated", "")
            parent.insert(at + offset, child)


def _unknown_directive(name: str) -> str:
    hint = nearest(name, DIRECTIVE_NAMES)
    fix = f"did you mean `[[{hint}]]`?" if hint else f"use one of: {', '.join(DIRECTIVE_NAMES)}"
    return f"unknown directive `[[{name}]]`; {fix}"


def _supports_target(before: list[etree.Element]) -> etree.Element | None:
    """The block a ``[[supports]]`` marks: the paragraph, list item or quote right before it."""
    for el in reversed(before):
        if el.tag == MARKER and el.get("name") == DirectiveName.SUPPORTS:
            continue  # several supports lines in a row mark the same block
        if el.tag == MARKER or el.get("data-report-generated") is not None:
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


class PassageTreeprocessor(_PassageStage):
    """Anchors, numbers and permalinks of citable paragraphs; ``rec:`` links; located findings."""

    def process(self, root: etree.Element) -> None:
        self.scan = self.ext.scan
        self.used: set[str] = set()
        self.pinned: dict[str, int] = {}  # an id the editor wrote → index of the first paragraph pinned to it
        self.by_element: dict[int, int] = {}
        self.explicit = {el.get("id") for el in root.iter() if el.get("id") and el.tag in ("p", "li")}
        self._walk(root, furniture=False, code=False)
        for el in root.iter():
            el.attrib.pop("data-report-generated", None)
            el.attrib.pop("data-report-supports", None)

    # the walk visits elements in document order, so events are in the order of the source
    def _walk(self, el: etree.Element, furniture: bool, code: bool) -> None:
        for child in list(el):
            if child.tag == MARKER:
                self._marker(el, child)
                continue
            is_code = code or child.tag in ("code", "pre", "kbd", "samp")
            is_furniture = (
                furniture
                or child.get("data-report-generated") is not None
                or any(c in (child.get("class") or "").split() for c in FURNITURE_CLASSES)
                or child.tag in ("table", "h1", "h2", "h3", "h4", "h5", "h6")
            )
            if (
                child.tag == "h1"
                and not self.scan.title
                and child.get("data-report-generated") is None
                and not furniture
            ):
                self.scan.title = _plain_text(child, self.md)
            text = None if is_furniture or is_code else _citable_text(child, self.md)
            pin = self._paragraph(child, text) if text else None
            self._text(child.text, is_code)
            if child.tag == "a" and (child.get("href") or "").startswith(REC_SCHEME) and not is_code:
                self._reference(child)
            self._walk(child, is_furniture, is_code)
            if pin:  # a pin ends its paragraph: located after what the paragraph holds
                self.scan.events.append(pin)
            self._text(child.tail, code)

    def _text(self, text: str | None, code: bool) -> None:
        if not text:
            return
        for m in HTML_PLACEHOLDER_RE.finditer(text):
            raw = self._stashed(int(m.group(1)))
            if raw is None:
                continue
            visible = _RAW_HIDDEN.sub("", raw)
            for found in STRAY_SYNTAX.finditer(visible):
                self.scan.events.append(
                    Event(
                        EventKind.PROBLEM,
                        found.group(0),
                        f"`{found.group(0)}` is inside an HTML block, where Markdown is not read, so it would "
                        "show as text; move it out of the HTML, or add `markdown` to the tag (`<div markdown>`)",
                    )
                )
            raw_link = RAW_REC_LINK.search(visible)
            if raw_link:
                snippet = visible[raw_link.start() :].split(">")[0]
                self.scan.events.append(
                    Event(
                        EventKind.PROBLEM,
                        snippet,
                        "a `rec:` link written as HTML is not resolved; write it as a Markdown link `[words](rec:id)`",
                    )
                )
            self._code_text(raw)
        plain = HTML_PLACEHOLDER_RE.sub("", text)
        if code:
            self._code_text(html.unescape(plain))
            return
        for m in STRAY_SYNTAX.finditer(plain):
            found = m.group(0)
            if found.startswith("{:"):
                message = "this attribute list `{: …}` is not attached to anything; put it on the last line of the paragraph (or heading) it belongs to"
                snippet = "{:"
            else:
                message = (
                    f"`{found}` cannot stand here; a directive goes on a line of its own "
                    "(`[[supports: …]]` right after the paragraph it marks)"
                )
                snippet = found
            self.scan.events.append(Event(EventKind.PROBLEM, snippet, message))

    def _code_text(self, text: str) -> None:
        for line in text.split("\n"):
            if "[[" in line or REC_SCHEME in line:
                self.scan.events.append(Event(EventKind.CODE, line.strip()))

    def _stashed(self, index: int) -> str | None:
        try:
            raw = self.md.htmlStash.rawHtmlBlocks[index]
        except IndexError:
            return None
        return raw if isinstance(raw, str) else None

    def _marker(self, parent: etree.Element, marker: etree.Element) -> None:
        source = marker.get("source", "")
        problem = marker.get("problem")
        name = marker.get("name", "")
        if problem:
            self.scan.events.append(Event(EventKind.PROBLEM, source, problem, directive=name))
        else:
            target = marker.get("target")
            paragraph = self.by_element.get(int(target)) if target else None
            self.scan.events.append(
                Event(
                    EventKind.DIRECTIVE,
                    source,
                    directive=name,
                    args=tuple(marker.get("args", "").split()),
                    paragraph=paragraph,
                )
            )
        _remove(parent, marker)

    def _paragraph(self, el: etree.Element, text: str) -> Event | None:
        """Anchor ``el`` (whose plain text is ``text``); return the event of its pin ``{: #id }``, if it has one (the walk
        adds it after the paragraph's contents, so the locator moves past the first pin and finds a second one at its own line)."""
        explicit = el.get("id")
        base = explicit or anchors.paragraph_anchor(text)
        number = len(self.scan.paragraphs) + 1
        pin = Event(EventKind.CODE, f"#{explicit}") if explicit else None
        if explicit and explicit in self.pinned:
            pin = Event(
                EventKind.PROBLEM,
                f"#{explicit}",
                f"the id `{explicit}` is already pinned to "
                "the paragraph at line {line}; give each paragraph its own id",
                paragraph=self.pinned[explicit],
            )
        elif not explicit and base in self.explicit:
            # The pin usually comes first in the page: the locator finds it by searching from the top.
            self.scan.events.append(
                Event(
                    EventKind.PROBLEM,
                    f"#{base}",
                    f"the id `{base}` is already the automatic id of "
                    "the paragraph at line {line}; choose another id",
                    paragraph=number - 1,
                )
            )
        if explicit:
            self.pinned.setdefault(explicit, number - 1)
        anchor, n = base, 2
        while anchor in self.used or (not explicit and anchor in self.explicit and anchor != explicit):
            anchor, n = f"{base}-{n}", n + 1
        self.used.add(anchor)
        renderer = self.ext.renderer
        if renderer is not None:
            anchor = renderer.anchor(number, anchor)
        el.set("id", anchor)
        el.set("data-paragraph", str(number))
        self.by_element[id(el)] = number - 1
        self.scan.paragraphs.append(
            ScannedParagraph(anchor, number, text, "li" if el.tag == "li" else "p", pinned=bool(explicit))
        )
        if renderer is None:
            return pin
        for old in renderer.aliases(anchor):
            span = etree.Element("span", {"id": old, "class": "report-anchor-alias"})
            span.tail, el.text = el.text, None
            el.insert(0, span)
        if renderer.permalinks:
            label = _words(renderer).t("link_to_paragraph")
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
            nested = next(
                (i for i, c in enumerate(el) if c.tag in ("ul", "ol", "p", "blockquote", "div")), None
            )
            if nested is None:
                el.append(link)
            else:
                link.tail = el[nested - 1].tail if nested else el.text
                if nested:
                    el[nested - 1].tail = None
                else:
                    el.text = None
                el.insert(nested, link)
        return pin

    def _reference(self, a: etree.Element) -> None:
        href = a.get("href", "")
        target, _, fragment = href[len(REC_SCHEME) :].partition("#")
        self.scan.events.append(Event(EventKind.REFERENCE, href, target=target, fragment=fragment))
        renderer = self.ext.renderer
        if renderer is None:
            return
        resolved = renderer.rec_href(target)
        if resolved is not None:
            a.set("href", resolved + (f"#{fragment}" if fragment else ""))


def _citable_text(el: etree.Element, md: Markdown) -> str | None:
    """The words of a paragraph, or of a list item holding its words directly (a tight list);
    None (or "") for anything else. Returned so the paragraph's text is walked once."""
    if el.tag == "p":
        return _visible_words(el, md)
    if el.tag == "li":
        own = [c for c in el if c.get("data-report-generated") is None]
        return None if any(c.tag == "p" for c in own) else _visible_words(el, md)
    return None


def _visible_words(el: etree.Element, md: Markdown) -> str:
    """Words of its own: a ``<p>`` holding only a raw HTML block's placeholder is that block, not a paragraph."""
    if not len(el) and HTML_PLACEHOLDER_RE.fullmatch((el.text or "").strip()):
        return ""
    return _plain_text(el, md)


def _has_words(el: etree.Element, md: Markdown) -> bool:
    return bool(_visible_words(el, md))


def _remove(parent: etree.Element, child: etree.Element) -> None:
    """Remove ``child``, keeping its tail text in the document."""
    if child.tail and child.tail.strip():
        siblings = list(parent)
        at = siblings.index(child)
        if at:
            siblings[at - 1].tail = (siblings[at - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _plain_text(el: etree.Element, md: Markdown) -> str:
    """The words a reader sees in ``el``: markup, endnote markers and nested lists left out, entities decoded once."""
    parts: list[str] = []

    def walk(node: etree.Element, top: bool) -> None:
        skip = (
            node.tag == MARKER
            or (node.tag == "sup" and node.get("class") == "endnote-ref")
            or (not top and (node.tag in ("ul", "ol") or node.get("data-report-generated") is not None))
        )
        if not skip:
            if node.text:
                parts.append(html.unescape(node.text) if node.tag in ("code",) else node.text)
            for child in node:
                walk(child, False)
        if not top and node.tail:
            parts.append(node.tail)

    walk(el, True)
    text = HTML_PLACEHOLDER_RE.sub(lambda m: _stash_text(m, md), "".join(parts))
    return " ".join(unescape(text).split())


def _stash_text(m: re.Match[str], md: Markdown) -> str:
    try:
        raw = md.htmlStash.rawHtmlBlocks[int(m.group(1))]
    except (IndexError, ValueError):
        return ""
    if not isinstance(raw, str):
        return ""
    return html.unescape(re.sub(r"<[^>]+>", "", raw))
