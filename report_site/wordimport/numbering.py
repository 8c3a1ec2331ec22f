"""List and heading numbers as Word shows them, which mammoth does not report (it says only "ordered").

Word keeps numbers out of the text: a paragraph names a list (``w:numId``) and a level, the list names an
abstract definition with each level's start, format and pattern (``%1.%2``), and a list may restart a level
(``w:startOverride``). Counting follows Word's rules: paragraphs of lists that share an abstract definition
continue one count unless a list restarts it; a level restarts after any higher level.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from xml.etree import ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


class Label(NamedTuple):
    text: str  # as Word shows it: "3.", "2.1", "a)", "•"
    value: int  # this level's counter (3 for "3."): the start of a Markdown list
    ordered: bool
    level: int
    fmt: str = "decimal"  # Word's format of this level: decimal, lowerLetter, upperRoman …


class _Level(NamedTuple):
    start: int
    fmt: str
    pattern: str


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    """a … z, then aa, bb (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def formatted(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _int(el: ET.Element | None, default: int) -> int:
    try:
        return int(el.get(w("val"), default)) if el is not None else default
    except ValueError:
        return default


class Counter:
    """Give it the document's paragraphs in order; it returns each one's number."""

    def __init__(self, numbering: ET.Element | None, styles: ET.Element | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._links: dict[str, str] = {}  # abstract id → numbering style it takes its levels from
        self._nums: dict[
            str, tuple[str, dict[int, int]]
        ] = {}  # numId → (abstract id, level → start override)
        self._style_num: dict[str, tuple[str, int]] = {}  # paragraph or numbering style → (numId, level)
        self._based_on: dict[str, str] = {}
        self._counts: dict[str, list[int | None]] = {}
        self._used: set[tuple[str, int]] = set()
        for style in styles.iter(w("style")) if styles is not None else []:
            sid = style.get(w("styleId"), "")
            if (based := style.find(w("basedOn"))) is not None:
                self._based_on[sid] = based.get(w("val"), "")
            num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
            if num_pr is not None and (num_id := num_pr.find(w("numId"))) is not None:
                self._style_num[sid] = (num_id.get(w("val"), ""), _int(num_pr.find(w("ilvl")), 0))
        if numbering is None:
            return
        for abstract in numbering.iter(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"), "")
            self._abstract[aid] = {_int_attr(lvl, "ilvl"): _level(lvl) for lvl in abstract.iter(w("lvl"))}
            if (link := abstract.find(w("numStyleLink"))) is not None:
                self._links[aid] = link.get(w("val"), "")
        for num in numbering.iter(w("num")):
            aid_el = num.find(w("abstractNumId"))
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                level = _int_attr(override, "ilvl")
                if (start := override.find(w("startOverride"))) is not None:
                    overrides[level] = _int(start, 1)
                elif (lvl := override.find(w("lvl"))) is not None and lvl.find(w("start")) is not None:
                    overrides[level] = _int(lvl.find(w("start")), 1)
            self._nums[num.get(w("numId"), "")] = (
                aid_el.get(w("val"), "") if aid_el is not None else "",
                overrides,
            )

    def _levels(self, aid: str, seen: frozenset[str] = frozenset()) -> tuple[str, dict[int, _Level]]:
        """An abstract definition's levels, following a link to a numbering style."""
        if aid in self._links and aid not in seen:
            style = self._links[aid]
            if style in self._style_num and (num := self._nums.get(self._style_num[style][0])):
                return self._levels(num[0], seen | {aid})
        return aid, self._abstract.get(aid, {})

    def _numbering_of(self, paragraph: ET.Element, style_id: str) -> tuple[str, int] | None:
        num_pr = paragraph.find(f"{w('pPr')}/{w('numPr')}")
        if num_pr is not None and (num_id := num_pr.find(w("numId"))) is not None:
            level = num_pr.find(w("ilvl"))
            if level is None:  # the level comes from the style
                inherited = self._style_chain_num(style_id)
                return num_id.get(w("val"), ""), inherited[1] if inherited else 0
            return num_id.get(w("val"), ""), _int(level, 0)
        return self._style_chain_num(style_id)

    def _style_chain_num(self, style_id: str) -> tuple[str, int] | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self._style_num:
                return self._style_num[style_id]
            style_id = self._based_on.get(style_id, "")
        return None

    def label(self, paragraph: ET.Element, style_id: str) -> Label | None:
        found = self._numbering_of(paragraph, style_id)
        if not found or found[0] in ("", "0") or found[0] not in self._nums:
            return None
        num_id, level = found
        aid, overrides = self._nums[num_id]
        key, levels = self._levels(aid)
        spec = levels.get(level)
        if spec is None:
            return None
        counts = self._counts.setdefault(key, [None] * 9)
        if level in overrides and (num_id, level) not in self._used:
            counts[level] = overrides[level]
        else:
            current = counts[level] if level < len(counts) else None
            counts[level] = spec.start if current is None else current + 1
        self._used.add((num_id, level))
        for deeper in range(level + 1, len(counts)):
            counts[deeper] = None
        value = counts[level] or 0

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k > level or k not in levels:
                return ""
            n = counts[k] if counts[k] is not None else levels[k].start
            return formatted(n or 0, "decimal" if k < level and levels[k].fmt == "bullet" else levels[k].fmt)

        text = re.sub(r"%([1-9])", fill, spec.pattern) if spec.fmt != "bullet" else spec.pattern
        return Label(text, value, spec.fmt not in ("bullet", "none"), level, spec.fmt)


def _int_attr(el: ET.Element, name: str) -> int:
    try:
        return int(el.get(w(name), "0"))
    except ValueError:
        return 0


def _level(lvl: ET.Element) -> _Level:
    fmt = lvl.find(w("numFmt"))
    text = lvl.find(w("lvlText"))
    return _Level(
        _int(lvl.find(w("start")), 0),
        fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
        text.get(w("val"), "") if text is not None else "",
    )
