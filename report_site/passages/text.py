"""The words of an element as a reader sees them, and small tree edits every pass needs."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions.toc import unescape
from markdown.util import HTML_PLACEHOLDER_RE

#: Tag of the placeholder a directive leaves in the tree until the paragraph pass removes it.
MARKER = "report-directive"
#: Attribute on elements the plugin generated from the data (never the report's text).
GENERATED = "data-report-generated"
#: Attribute of an element that is a search entry of its own (a note, figure or table), with its title.
ENTRY = "data-report-entry"


def is_note_marker(el: etree.Element) -> bool:
    """A note's marker: ``sup.endnote-ref`` (no text on the site) or footnotes' ``sup > a.footnote-ref``."""
    if el.tag != "sup":
        return False
    if "endnote-ref" in (el.get("class") or "").split():
        return True
    return any("footnote-ref" in (a.get("class") or "").split() for a in el.iter("a"))


def plain_text(el: etree.Element, md: Markdown) -> str:
    """The words a reader sees in ``el``: markup, note markers and nested lists left out, entities
    decoded once."""
    parts: list[str] = []

    def walk(node: etree.Element, top: bool) -> None:
        skip = (
            node.tag == MARKER
            or is_note_marker(node)
            or (not top and (node.tag in ("ul", "ol") or node.get(GENERATED) is not None))
        )
        if not skip:
            if node.text:
                parts.append(html.unescape(node.text) if node.tag == "code" else node.text)
            for child in node:
                walk(child, False)
        if not top and node.tail:
            parts.append(node.tail)

    walk(el, True)
    text = HTML_PLACEHOLDER_RE.sub(lambda m: _stash_text(m, md), "".join(parts))
    return " ".join(unescape(text).split())


def visible_words(el: etree.Element, md: Markdown) -> str:
    """Words of its own: a ``<p>`` holding only a raw HTML block's placeholder is that block, not a paragraph."""
    if not len(el) and HTML_PLACEHOLDER_RE.fullmatch((el.text or "").strip()):
        return ""
    return plain_text(el, md)


def citable_text(el: etree.Element, md: Markdown) -> str | None:
    """The words of a paragraph, or of a list item holding its words directly (a tight list);
    None (or "") for anything else. Returned so the paragraph's text is walked once."""
    if el.tag == "p":
        return visible_words(el, md)
    if el.tag == "li":
        own = [c for c in el if c.get(GENERATED) is None]
        return None if any(c.tag == "p" for c in own) else visible_words(el, md)
    return None


def stashed(md: Markdown, index: int) -> str | None:
    """The raw HTML a placeholder stands for (None for what is not text: md_in_html elements)."""
    try:
        raw = md.htmlStash.rawHtmlBlocks[index]
    except IndexError:
        return None
    return raw if isinstance(raw, str) else None


def _stash_text(m: re.Match[str], md: Markdown) -> str:
    raw = stashed(md, int(m.group(1)))
    return html.unescape(re.sub(r"<[^>]+>", "", raw)) if raw else ""


def remove(parent: etree.Element, child: etree.Element) -> None:
    """Remove ``child``, keeping its tail text in the document."""
    if child.tail and child.tail.strip():
        siblings = list(parent)
        at = siblings.index(child)
        if at:
            siblings[at - 1].tail = (siblings[at - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def classes(el: etree.Element) -> list[str]:
    return (el.get("class") or "").split()


def add_class(el: etree.Element, name: str) -> None:
    if name not in classes(el):
        el.set("class", " ".join([*classes(el), name]))
