"""The written blocks split into chapters at the top heading level, with their notes, file names and nav.

A chapter is a top-level heading and everything up to the next one; what comes before the first (the
cover's title, subtitle, authors and date go to the metadata) opens the landing page. Each note's
definition goes to the end of the chapter that marks it (CONTRIBUTING.md: "by convention at its end").
Table captions Word sets below a table move above it, where the report's Markdown form has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data.language import ascii_words
from .markdown import Block, Written

FRONT_KINDS = ("title", "subtitle", "author", "date")
_TABLE_CAPTION = re.compile(r"^\s*(?:\*\*)?Table\s", re.IGNORECASE)


@dataclass
class Chapter:
    title: str  # the heading's words (the nav's title)
    slug: str  # file name without .md
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # note keys, in order of first marker

    def text(self, written: Written) -> str:
        parts = [b.markdown for b in self.blocks]
        parts += [
            f"[^{written.note_labels.get(k, k)}]: {written.notes[k]}"
            for k in self.notes
            if k in written.notes
        ]
        return "\n\n".join(parts) + "\n"

    def lines(self) -> dict[int, int]:
        """Word paragraph → line of the chapter file that holds it."""
        out: dict[int, int] = {}
        line = 1
        for block in self.blocks:
            for p in block.paragraphs:
                out.setdefault(p, line)
            line += block.markdown.count("\n") + 2
        return out


@dataclass
class Split:
    front: list[Block]  # before the first chapter: cover facts and text for the landing page
    chapters: list[Chapter]


def split(written: Written) -> Split:
    blocks = _captions_above_tables(written.blocks)
    levels = [b.level for b in blocks if b.kind == "heading"]
    top = min(levels) if levels else 1
    front: list[Block] = []
    chapters: list[Chapter] = []
    used: set[str] = set()
    for block in blocks:
        if block.kind == "heading":
            shift = block.level - top + 1
            block = block._replace(level=shift, markdown="#" * shift + block.markdown[block.level :])
        if block.kind == "heading" and block.level == 1:
            chapters.append(Chapter(block.text, _unique(_file_slug(block.text), used), [block]))
        elif chapters:
            chapters[-1].blocks.append(block)
        else:
            front.append(block)
    for chapter in chapters:
        for block in chapter.blocks:
            for key in block.notes:
                if key not in chapter.notes:
                    chapter.notes.append(key)
    return Split(front, chapters)


def slug(text: str, words: int) -> str:
    """Its first ``words`` words in lower-case ASCII joined by ``-`` (accents dropped): file names and ids."""
    return "-".join(ascii_words(re.sub(r"[’']", "", text))[:words])


def _file_slug(title: str) -> str:
    """``2. The Way Forward`` → ``the-way-forward``: words only, the chapter's number left to its heading."""
    words = re.sub(r"^\s*(?:[\dIVXLC]+[.:)]|\d+(?:\.\d+)*)\s+", "", title)
    return slug(words, 6) or "chapter"


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used or candidate in ("index", "recommendations"):
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def _captions_above_tables(blocks: list[Block]) -> list[Block]:
    out = list(blocks)
    for i in range(1, len(out)):
        below = out[i]
        if (
            below.kind == "caption"
            and _TABLE_CAPTION.match(below.markdown)
            and out[i - 1].kind == "table"
            and not (i >= 2 and out[i - 2].kind == "caption" and _TABLE_CAPTION.match(out[i - 2].markdown))
        ):
            out[i - 1], out[i] = below, out[i - 1]
    return out
