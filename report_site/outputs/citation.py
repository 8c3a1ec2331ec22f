"""Citations of the report (and of one of its pages) in APA 7, Chicago and MLA 9, plus BibTeX and RIS.

The formats follow the style guides' patterns for a report by named authors
published by an institution, with no report number or DOI (none is invented):

* APA 7 (report by individual authors at an organisation, Publication Manual §10.4):
  ``Freid, D., & Polyakova, A. (2018). *Title in sentence case*. Atlantic Council. URL``
* Chicago 18, notes and bibliography (a report is cited like a book; the place of
  publication is optional since the 18th edition and is not in our sources, so it
  is left out): note ``First Last and First Last, *Title* (Publisher, Year), URL.``
  and bibliography ``Last, First, and First Last. *Title*. Publisher, Year. URL.``
* MLA 9: ``Last, First, and First Last. *Title*. Publisher, Day Mon. Year, URL``
  (MLA drops ``https://`` from URLs).

A page of the site (a chapter or a recommendation) is cited as a part of the
report: its title in quotation marks (APA: plain, in sentence case as written)
followed by the report as container.

Citations are lists of ``Run`` (text, italic) so the same data renders as escaped
HTML and as plain text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

#: Words Chicago and MLA keep lower case in headline-style titles (unless first or last).
_MINOR = set(
    "a an the and but or nor for so yet as at by in of off on per to up via vs from into onto over with "
    "than upon within without among between about across after against along around before behind below "
    "beneath beside beyond down during except inside like near outside past since through toward towards "
    "under until".split()
)


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False


@dataclass(frozen=True)
class Work:
    """What a citation needs, from the report metadata (plus the page for a part)."""

    title: str
    subtitle: str
    authors: tuple[str, ...]
    publisher: str
    published: dt.date
    language: str = "en"
    url: str = ""
    sentence_case_title: str = ""
    part_title: str = ""
    part_url: str = ""

    @classmethod
    def from_meta(cls, meta: dict[str, Any], url: str = "", part_title: str = "", part_url: str = "") -> "Work":
        return cls(
            title=meta["title"], subtitle=meta.get("subtitle") or "", authors=tuple(meta["authors"]),
            publisher=meta["publisher"], published=meta["published"], language=meta.get("language") or "en",
            url=url, sentence_case_title=meta.get("sentence_case_title") or "",
            part_title=part_title, part_url=part_url,
        )

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def apa_title(self) -> str:
        """APA wants sentence case; proper nouns cannot be detected, so the metadata may spell it out."""
        return self.sentence_case_title or self.full_title

    @property
    def link(self) -> str:
        return self.part_url or self.url


def split_name(name: str) -> tuple[str, str]:
    """("Given names", "Family") from "Given Family" (the metadata's byline form)."""
    parts = name.split()
    return (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else ("", name)


def initials(given: str) -> str:
    """APA initials: "Jacob" → "J.", "Mary-Ann" → "M.-A.", "J. Robert" → "J. R."."""
    return " ".join("-".join(p[0] + "." for p in word.split("-") if p) for word in given.split())


def _end(text: str, mark: str = ".") -> str:
    """Add closing punctuation unless the text already ends with some."""
    return text if re.search(r"[.?!]$", text) else text + mark


@lru_cache(maxsize=256)
def headline_case(text: str) -> str:
    """Chicago/MLA headline style: capitalise major words, keep acronyms and existing capitals.

    Cached: the report's title is set in every page's citations (a dozen times a page)."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        after_colon = i > 0 and words[i - 1].endswith(":")
        last = i == len(words) - 1
        pieces = re.split(r"([-–—])", word)
        fixed = []
        for j, piece in enumerate(pieces):
            if piece in ("-", "–", "—"):
                fixed.append(piece)
                continue
            bare = piece.strip("“”\"'‘’(),;:")
            first_of_word = j == 0
            lower_ok = bare.lower() in _MINOR and not (i == 0 and first_of_word) and not after_colon and not (last and j == len(pieces) - 1)
            if bare != bare.lower() or not bare:
                fixed.append(piece)  # already has capitals (proper noun, acronym)
            elif lower_ok:
                fixed.append(piece)
            else:
                k = piece.index(bare[0])
                fixed.append(piece[:k] + piece[k].upper() + piece[k + 1:])
        out.append("".join(fixed))
    return " ".join(out)


def _no_scheme(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def apa(work: Work) -> list[Run]:
    names = [f"{split_name(a)[1]}, {initials(split_name(a)[0])}".rstrip(", ") for a in work.authors]
    if len(names) == 1:
        authors = names[0]
    else:
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    runs = [Run(f"{_end(authors)} ({work.published.year}). ")]
    if work.part_title:
        runs += [Run(f"{_end(work.part_title)} In "), Run(work.apa_title, True), Run(". ")]
    else:
        runs += [Run(work.apa_title, True), Run(". ")]
    runs.append(Run(_end(work.publisher)))
    if work.link:
        runs.append(Run(f" {work.link}"))
    return runs


def _names_inverted_first(authors: tuple[str, ...]) -> str:
    given, family = split_name(authors[0])
    first = f"{family}, {given}" if given else family
    rest = list(authors[1:])
    if not rest:
        return first
    if len(rest) == 1:
        return f"{first}, and {rest[0]}"
    return f"{first}, " + ", ".join(rest[:-1]) + f", and {rest[-1]}"


def _names_natural(authors: tuple[str, ...]) -> str:
    if len(authors) <= 2:
        return " and ".join(authors)
    return ", ".join(authors[:-1]) + ", and " + authors[-1]


def chicago_note(work: Work) -> list[Run]:
    title = headline_case(work.full_title)
    runs = [Run(f"{_names_natural(work.authors)}, ")]
    if work.part_title:
        runs += [Run(f"“{headline_case(work.part_title)},” in "), Run(title, True)]
    else:
        runs.append(Run(title, True))
    runs.append(Run(f" ({work.publisher}, {work.published.year})"))
    runs.append(Run(f", {work.link}." if work.link else "."))
    return runs


def chicago_bibliography(work: Work) -> list[Run]:
    title = headline_case(work.full_title)
    runs = [Run(f"{_end(_names_inverted_first(work.authors))} ")]
    if work.part_title:
        runs += [Run(f"“{_end(headline_case(work.part_title))}” In "), Run(title, True), Run(". ")]
    else:
        runs += [Run(title, True), Run(". ")]
    runs.append(Run(f"{work.publisher}, {work.published.year}."))
    if work.link:
        runs.append(Run(f" {work.link}."))
    return runs


def mla_date(date: dt.date) -> str:
    month = date.strftime("%B")
    short = month if len(month) <= 4 else (month[:4] + "." if month == "September" else month[:3] + ".")
    return f"{date.day} {short} {date.year}"


def mla(work: Work) -> list[Run]:
    title = headline_case(work.full_title)
    runs = [Run(f"{_end(_names_inverted_first(work.authors))} ")]
    if work.part_title:
        runs += [Run(f"“{_end(headline_case(work.part_title))}” "), Run(title, True), Run(", ")]
    else:
        runs += [Run(title, True), Run(". ")]
    runs.append(Run(f"{work.publisher}, {mla_date(work.published)}"))
    runs.append(Run(f", {_no_scheme(work.link)}." if work.link else "."))
    return runs


STYLES = (("APA", "APA (7th edition)", apa), ("Chicago", "Chicago (notes and bibliography): note", chicago_note),
          ("Chicago bibliography", "Chicago (notes and bibliography): bibliography", chicago_bibliography),
          ("MLA", "MLA (9th edition)", mla))


def to_html(runs: list[Run]) -> Markup:
    return Markup("").join(Markup("<i>%s</i>") % r.text if r.italic else escape(r.text) for r in runs)


def to_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def formatted(work: Work) -> list[dict[str, Any]]:
    """Every text style, for templates: key, label, html (escaped Markup), text."""
    return [{"key": key, "label": label, "html": to_html(fn(work)), "text": to_text(fn(work))} for key, label, fn in STYLES]


def in_text(work: Work) -> list[dict[str, str]]:
    """The author-date part of a parenthetical citation in each style, for copied quotations.

    The reader tools add the section and paragraph: APA 7 §8.28 (unpaginated: section and
    "para."), Chicago author-date 18 (same, no comma before the year), MLA 9 ("par.", no
    year). Author lists shorten as each style says: APA from 3 names, Chicago from 4,
    MLA from 3 ("et al.").
    """
    family = [split_name(a)[1] for a in work.authors]
    year = work.published.year

    def names(limit: int, amp: bool) -> str:
        if len(family) >= limit:
            return f"{family[0]} et al."
        joiner = " & " if amp else " and "
        if len(family) <= 2:
            return joiner.join(family)
        return ", ".join(family[:-1]) + "," + joiner + family[-1]

    return [
        {"key": "apa", "label": "APA 7", "lead": f"{names(3, True)}, {year}", "para": "para."},
        {"key": "chicago", "label": "Chicago (author-date)", "lead": f"{names(4, False)} {year}", "para": "para."},
        {"key": "mla", "label": "MLA 9", "lead": names(3, False), "para": "par."},
    ]


# --- machine formats ---------------------------------------------------------------------------

# BibTeX counts braces without regard to backslashes, so ``\}`` would unbalance a field:
# literal braces are written as commands whose own braces pair up.
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_TEXT = {"–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''"}


def bibtex_escape(text: str) -> str:
    """Text as a BibTeX field value: TeX specials escaped, braces balanced, one line."""
    text = "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)
    for uni, tex in _BIBTEX_TEXT.items():
        text = text.replace(uni, tex)
    return " ".join(text.split())


def bibtex_key(work: Work) -> str:
    family = re.sub(r"[^a-z]", "", split_name(work.authors[0])[1].lower()) or "report"
    word = re.sub(r"[^a-z0-9]", "", work.title.split()[0].lower()) if work.title.split() else ""
    return f"{family}{work.published.year}{word}"


def bibtex(work: Work) -> str:
    """A ``@techreport`` entry; the title is double-braced so BibTeX styles keep its capitals."""
    authors = " and ".join(f"{split_name(a)[1]}, {split_name(a)[0]}".rstrip(", ") for a in work.authors)
    fields = [
        ("author", bibtex_escape(authors)),
        ("title", "{" + bibtex_escape(work.full_title) + "}"),
        ("institution", "{" + bibtex_escape(work.publisher) + "}"),
        ("year", str(work.published.year)),
        ("month", work.published.strftime("%b").lower()),
        ("date", work.published.isoformat()),
        ("type", "Report"),
    ]
    if work.url:
        fields.append(("url", work.url.replace("%", r"\%").replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name:<11} = {value}" if name == "month" else f"  {name:<11} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{bibtex_key(work)},\n{body}\n}}\n"


def ris(work: Work) -> str:
    """An RIS record (type RPRT); lines end CRLF as the format's specification asks."""
    lines = [("TY", "RPRT")]
    lines += [("AU", f"{split_name(a)[1]}, {split_name(a)[0]}".rstrip(", ")) for a in work.authors]
    lines += [("TI", work.full_title), ("PY", str(work.published.year)), ("DA", work.published.strftime("%Y/%m/%d")),
              ("PB", work.publisher), ("LA", work.language)]
    if work.url:
        lines.append(("UR", work.url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
