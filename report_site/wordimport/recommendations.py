"""A numbered list under a heading that names recommendations → a draft recommendations.yaml.

Each top-level item's exact words become a title and its first words an id; the chapter keeps its list.
Audit offices also set each recommendation as a paragraph ending with its number in parentheses (GAO:
"… from the SMART program. (Recommendation 1)"): under such a heading, that paragraph is one too, its
words before the parenthesis the title and the number its label. The same are counted again from Word's
own paragraphs (``count_in_docx``) for the summary.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from . import docxml
from .chapters import slug
from .markdown import Block

#: Word stems that name recommendations, in the languages reports are written in (a heading containing
#: one, in any case, introduces them).
STEMS = (
    "recommend", "recommand", "recomend", "raccomand", "empfehl", "aanbevel", "anbefal", "rekommend",
    "rekomend", "zalec", "suosit", "doporuč", "javasl", "tavsiy", "권고", "권장", "提言", "建议", "勧告",
)  # fmt: skip

ID_WORDS = 6
ID_MAX = 64


class Recommendation(NamedTuple):
    id: str
    title: str
    paragraph: int  # the Word paragraph of its list item
    label: str = ""  # the number the report gives it in its own words ("(Recommendation 1)")


#: "(Recommendation 1)" at a paragraph's end: a word naming recommendations, then the number.
_LABELLED = re.compile(r"^(?P<title>.+?)\s*\((?P<word>[^\W\d_]+)\s+(?P<label>\d+[\w.]*)\)\s*$", re.DOTALL)


def labelled(text: str) -> tuple[str, str] | None:
    """(title, label) of a paragraph that ends "(Recommendation N)", else None."""
    m = _LABELLED.match(text.strip())
    return (m.group("title"), m.group("label")) if m and names_recommendations(m.group("word")) else None


def names_recommendations(heading: str) -> bool:
    folded = heading.casefold()
    return any(stem in folded for stem in STEMS)


def from_blocks(blocks: list[Block]) -> list[Recommendation]:
    """The top-level items of every ordered list in a section whose heading names recommendations."""
    sections: list[tuple[int, bool]] = []  # open headings: (level, names recommendations)
    out: list[Recommendation] = []
    used: set[str] = set()
    for block in blocks:
        if block.kind == "heading":
            while sections and sections[-1][0] >= block.level:
                sections.pop()
            sections.append((block.level, names_recommendations(block.text)))
        elif block.kind == "list" and block.ordered and any(flag for _, flag in sections):
            for words, paragraph in block.items:
                if words:
                    out.append(Recommendation(_unique(_id(words), used), words, paragraph))
        elif block.kind == "para" and any(flag for _, flag in sections) and (found := labelled(block.text)):
            title, label = found
            out.append(Recommendation(_unique(_id(title), used), title, block.paragraphs[0], label))
    return out


def count_in_docx(docx: docxml.Docx) -> int:
    """The same count from Word's paragraphs: level-0 numbered items under a heading naming recommendations."""
    sections: list[tuple[int, bool]] = []
    count = 0
    for p in docx.paragraphs:
        level = heading_level(p.style_name)
        if level:
            while sections and sections[-1][0] >= level:
                sections.pop()
            sections.append((level, names_recommendations(p.text)))
        elif not p.in_table and p.text.strip() and any(flag for _, flag in sections):
            listed = bool(p.number and p.number.ordered and p.number.level == 0)
            count += listed or (not p.number and labelled(p.text) is not None)
    return count


def heading_level(style_name: str) -> int:
    m = re.fullmatch(r"heading ([1-6])", style_name.strip().casefold())
    return int(m.group(1)) if m else 0


def _id(words: str) -> str:
    return slug(words, ID_WORDS)[:ID_MAX].strip("-") or "recommendation"


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        suffix = f"-{n}"
        candidate, n = base[: ID_MAX - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def yaml_text(skeleton_text: str, recommendations: list[Recommendation]) -> str:
    """The skeleton's recommendations.yaml with its comments, holding these recommendations instead."""
    head = skeleton_text.split("\nrecommendations:", 1)[0].rstrip("\n") + "\n"
    if not recommendations:
        return (
            head + "# TODO: the import found no numbered list under a heading that names recommendations;\n"
            "# list the report's recommendations here (id, title), then mark the passages that support them.\n"
            "recommendations: []\n"
        )
    lines = [
        head.rstrip("\n"),
        "# Drafted from the Word file by `build_site.py import`: review each id (it becomes the page's",
        "# address and must not change once published), then add `[[supports: id]]` lines to the chapters.",
        "recommendations:",
    ]
    for rec in recommendations:
        lines += [f"  - id: {rec.id}", f"    title: {json.dumps(rec.title, ensure_ascii=False)}"]
        if rec.label:
            lines.append(f"    label: {json.dumps(rec.label)}")
    return "\n".join(lines) + "\n"
