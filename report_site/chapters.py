"""Parse a chapter's Markdown into blocks, anchors and ``[[...]]`` directives.

Pure text processing with exact line numbers, so the same parse serves the
reference index (which needs every passage before any page renders) and the
rewrite that mkdocs renders. Authors' words are never altered: directives live
on lines of their own, and the rewrite only adds attribute lists and links.

Directive syntax (each alone on its line, so GitHub's preview shows it as a
separate, readable note)::

    [[supports: recommendation-id, other-id]]   after a paragraph: it argues for these
    [[pull-quote]]                              before a ``>`` quote: decorative restatement
    [[cover]] [[focus-areas]] [[recommendations]] [[cite]]   generated blocks (landing page)
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

import yaml

from .errors import Problem

BLOCK_DIRECTIVES = ("cover", "focus-areas", "recommendations", "cite")
DIRECTIVES = ("supports", "pull-quote", *BLOCK_DIRECTIVES)

_DIRECTIVE = re.compile(r"^\s*\[\[\s*([A-Za-z][\w-]*)\s*(?::(.*?))?\]\]\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+")
_ATTR_LIST = re.compile(r"^\s*\{:?\s*([^}]*)\}\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([\w-]+)")
ENDNOTE = re.compile(r"\[\^(\d+)\](?!:)")
_ENDNOTE_DEF = re.compile(r"^\s{0,3}\[\^(\d+)\]:", re.M)
REC_LINK = re.compile(r"\]\(rec:([^)\s]*)\)")


@dataclass
class Directive:
    name: str
    args: tuple[str, ...]
    line: int
    column: int = 1


@dataclass
class Block:
    """A run of non-blank lines: a paragraph, list item, heading, quote, code or directive."""

    kind: str
    start: int
    lines: list[str]
    anchor: str = ""
    supports: list[Directive] = field(default_factory=list)
    directive: Directive | None = None
    pull_quote: bool = False

    @property
    def text(self) -> str:
        return plain_text("\n".join(self.lines), list_marker=self.kind == "list-item")


@dataclass
class Chapter:
    src_uri: str
    title: str
    blocks: list[Block]
    problems: list[Problem]
    line_offset: int = 0
    endnote_definitions: set[str] = field(default_factory=set)
    source: str = ""
    """The Markdown this was parsed from: a later stage can reuse the parse if it is unchanged."""

    @property
    def passages(self) -> list[Block]:
        return [b for b in self.blocks if b.supports]


def parse(markdown: str, src_uri: str, line_offset: int = 0, display_path: str | None = None) -> Chapter:
    """Split ``markdown`` (a page body, front matter removed) into blocks.

    ``line_offset`` is the number of front-matter lines mkdocs removed, so every
    reported line matches the file an editor opens.
    """
    path = display_path or src_uri
    blocks: list[Block] = []
    current: Block | None = None
    fence: str | None = None
    problems: list[Problem] = []
    for i, line in enumerate(markdown.split("\n")):
        number = i + 1 + line_offset
        if fence is not None:
            current.lines.append(line)  # type: ignore[union-attr]
            if line.strip().startswith(fence):
                fence, current = None, None
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)[0] * 3
            current = Block("code", number, [line])
            blocks.append(current)
            continue
        if not line.strip():
            current = None
            continue
        d = _DIRECTIVE.match(line)
        if d:
            args = tuple(a.strip() for a in re.split(r"[,\s]+", d.group(2) or "") if a.strip())
            directive = Directive(d.group(1).lower(), args, number, line.index("[[") + 1)
            current = None
            blocks.append(Block("directive", number, [line], directive=directive))
            continue
        if current is not None and current.kind in ("paragraph", "list-item") and _SETEXT.match(line) and len(current.lines) == 1:
            current.kind = "heading"
            current.lines.append(line)
            continue
        if current is not None and not (_LIST_ITEM.match(line) and current.kind != "code"):
            current.lines.append(line)
            continue
        current = Block(_kind(line, blocks), number, [line])
        blocks.append(current)
    chapter = Chapter(src_uri, _title(blocks), blocks, problems, line_offset, source=markdown)
    chapter.endnote_definitions = set(_ENDNOTE_DEF.findall(markdown))
    _attach(chapter, path)
    _assign_anchors(chapter)
    return chapter


_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_problems(raw: str, path: str) -> list[Problem]:
    """A chapter's ``---`` front matter that is not a YAML mapping.

    mkdocs silently renders broken front matter as page text; an editor should hear
    about it instead, at the line.
    """
    m = _FRONT_MATTER.match(raw)
    if not m:
        return []
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        what = " ".join((exc.problem or "invalid YAML").split())
        return [Problem(path, line, f"the front matter is not valid YAML ({what}); fix it, or quote the value", col)]
    except yaml.YAMLError as exc:
        return [Problem(path, 2, f"the front matter is not valid YAML ({' '.join(str(exc).split())})")]
    if data is not None and not isinstance(data, dict):
        return [Problem(path, 2, "the front matter must be `key: value` lines")]
    return []


def _kind(line: str, previous: list[Block]) -> str:
    if _HEADING.match(line):
        return "heading"
    if line.lstrip().startswith(">"):
        return "quote"
    if _LIST_ITEM.match(line):
        return "list-item"
    if line.startswith(("    ", "\t")):
        return "list-continuation" if previous and previous[-1].kind in ("list-item", "list-continuation") else "code"
    if line.lstrip().startswith("<"):
        return "html"
    if line.lstrip().startswith("|"):
        return "table"
    if _ATTR_LIST.match(line):
        return "attributes"
    return "paragraph"


def _title(blocks: list[Block]) -> str:
    for b in blocks:
        if b.kind == "heading" and b.lines[0].lstrip().startswith("# "):
            return plain_text(b.lines[0].lstrip()[2:], list_marker=False)  # "# 2. Leaving No One Behind" keeps its number
    return ""


def _attach(chapter: Chapter, path: str) -> None:
    """Tie each directive to the block it describes, or record why it cannot be."""
    blocks = chapter.blocks
    for i, block in enumerate(blocks):
        d = block.directive
        if d is None:
            continue
        if d.name not in DIRECTIVES:
            hint = difflib.get_close_matches(d.name, DIRECTIVES, n=1)
            fix = f"did you mean `[[{hint[0]}]]`?" if hint else f"use one of: {', '.join(DIRECTIVES)}"
            chapter.problems.append(Problem(path, d.line, f"unknown directive `[[{d.name}]]`; {fix}", d.column))
        elif d.name == "supports":
            target = next((b for b in reversed(blocks[:i]) if b.kind != "directive"), None)
            if target is None or target.kind not in ("paragraph", "list-item", "list-continuation"):
                chapter.problems.append(Problem(path, d.line, "`[[supports: …]]` must come right after the paragraph it marks", d.column))
            elif not d.args:
                chapter.problems.append(Problem(path, d.line, "`[[supports: …]]` needs at least one recommendation id, e.g. `[[supports: my-recommendation]]`", d.column))
            else:
                target.supports.append(d)
        elif d.name == "pull-quote":
            target = blocks[i + 1] if i + 1 < len(blocks) else None
            if target is None or target.kind != "quote":
                chapter.problems.append(Problem(path, d.line, "`[[pull-quote]]` must be followed by a `>` quote on the next line", d.column))
            else:
                target.pull_quote = True


def _assign_anchors(chapter: Chapter) -> None:
    """Give every paragraph and list item an id derived from its opening words.

    Content-derived ids survive edits elsewhere in the chapter (positions would
    not); an explicit ``{: #id }`` wins, and repeats get ``-2``, ``-3``.
    """
    used: set[str] = set()
    for block in chapter.blocks:
        if block.kind not in ("paragraph", "list-item"):
            continue
        m = _ATTR_LIST.match(block.lines[-1])
        explicit = _ATTR_ID.search(m.group(1)) if m else None
        base = explicit.group(1) if explicit else "p-" + slugify(block.text, words=6)
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        block.anchor = anchor


def slugify(text: str, words: int | None = None) -> str:
    if words:
        # Only the first words are kept: slug growing prefixes (cut at whitespace, which
        # every step below treats as a separator, so the result is the same) instead of
        # the whole paragraph; anchors are made for every paragraph of every chapter.
        chunk = 4 * words
        head = text.split(None, chunk)  # the first tokens, and the rest unsplit
        parts = _slug_parts(" ".join(head[:chunk]))
        if len(parts) < words and len(head) > chunk:
            tokens = head[chunk].split()
            for start in range(0, len(tokens), chunk):
                parts += _slug_parts(" ".join(tokens[start:start + chunk]))
                if len(parts) >= words:
                    break
        return "-".join(parts[:words]) or "paragraph"
    return "-".join(_slug_parts(text)) or "paragraph"


def _slug_parts(text: str) -> list[str]:
    spaced = re.sub(r"[^\w]+", " ", re.sub(r"[’']", "", text))  # dashes separate words: "States–Republic"
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def plain_text(markdown: str, list_marker: bool = True) -> str:
    """The words a reader sees, for anchors and excerpts (not a full renderer).

    Each substitution runs only when its trigger character occurs: most paragraphs
    have no emphasis, links or HTML, and this runs for every paragraph.
    ``list_marker``: drop a leading "1. " (a list item's marker); off for headings and
    paragraphs, whose "2. Leaving No One Behind" or "2019." is part of the words.
    """
    text = _LIST_ITEM.sub("", markdown, count=1) if list_marker else markdown
    if "{" in text:
        text = "\n".join(l for l in text.split("\n") if not _ATTR_LIST.match(l))
    if ">" in text:
        text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    if "[^" in text:
        text = ENDNOTE.sub("", text)
    if "[" in text:
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    if "<" in text:
        text = re.sub(r"<[^>]+>", "", text)
    if "*" in text or "_" in text:
        text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    if "\\" in text:
        text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text)
    return " ".join(text.split())


Expand = Callable[[str, Block], str]


def rewrite(chapter: Chapter, expand: Expand) -> str:
    """Return the Markdown mkdocs should render for ``chapter``.

    ``expand(kind, block)`` supplies generated Markdown: ``"supports"`` (links
    after a passage), ``"pull-quote"``, ``"endnotes"`` and the block directives.
    Links written ``[words](rec:id)`` become relative links to the page.
    """
    out: list[str] = []
    endnotes: list[str] = []
    seen_refs: set[str] = set()
    for block in chapter.blocks:
        if block.kind == "directive":
            d = block.directive
            if d and d.name in BLOCK_DIRECTIVES:
                out.append(expand(d.name, block))
            continue
        lines = list(block.lines)
        if block.kind != "code":
            lines = [expand("rec-links", Block("line", 0, [l])) if "](rec:" in l else l for l in lines]
            if any("[^" in l for l in lines):  # most blocks have no endnote marker: skip both passes
                for n in ENDNOTE.findall("\n".join(lines)):
                    if n not in chapter.endnote_definitions and n not in endnotes:
                        endnotes.append(n)
                lines = [ENDNOTE.sub(lambda m: _endnote(m, chapter, seen_refs), l) for l in lines]
        if block.pull_quote:
            out.append(expand("pull-quote", block))
            continue
        if block.anchor:
            m = _ATTR_LIST.match(lines[-1])
            if m and not _ATTR_ID.search(m.group(1)):
                lines[-1] = "{: #%s %s}" % (block.anchor, m.group(1))
            elif not m:
                indent = "    " if block.kind == "list-item" else ""
                lines.append(f"{indent}{{: #{block.anchor} }}")
        out.append("\n".join(lines))
        if block.supports:
            out.append(expand("supports", block))
    if endnotes:
        out.append(expand("endnotes", Block("endnotes", 0, endnotes)))
    return "\n\n".join(x for x in out if x) + "\n"


def _endnote(m: re.Match[str], chapter: Chapter, seen: set[str]) -> str:
    """An endnote marker whose note is not on the site: link it to the Notes section."""
    n = m.group(1)
    if n in chapter.endnote_definitions:
        return m.group(0)
    ident = "" if n in seen else f' id="endnote-ref-{n}"'
    seen.add(n)
    return f'<sup class="endnote-ref"{ident}><a href="#endnotes" aria-label="Endnote {n}">{n}</a></sup>'
