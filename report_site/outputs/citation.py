"""Citations of the report (and of one of its pages) in APA 7, Chicago and MLA 9, plus BibTeX and RIS.

Authors are ``model.Author``: people (given/family, particles, suffixes, family-first
names) and organisations (cited by their name, never split). Each style lists them by
its own rule:

* APA 7 (§9.8): up to 20 names, "&" before the last; 21 or more: the first 19,
  ". . ." and the last. ``Family, I. I., Jr.``; an organisation as written.
* Chicago 18 bibliography (§13.76): up to ten names, the first inverted; more than
  ten: the first seven and "et al."; notes: one or two names, three or more → the
  first "et al.".
* MLA 9: one or two names (the first inverted); three or more → the first "et al.".
* BibTeX: every name, "and"-joined, ``{von Last}, Jr, First``; an organisation in
  double braces so BibTeX never splits it. RIS: one ``AU`` per author.

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

A corrected report (``[[correction: …]]`` in a chapter) is cited as it now stands, each
style recording the revision its own way, and the ``version`` of the metadata where given:

* APA 7: the date of the most recent change, in full: ``(2023, April 2)`` (for content that
  is updated APA cites the latest date); the version in parentheses after the title,
  ``*Title* (Version 1.1)``. The in-text year follows the reference.
* Chicago 18: the publication year stays; ``last modified April 2, 2023`` before the URL
  (its element for revised online content); ``version 1.1`` after the title.
* MLA 9: the date of the version consulted (the last correction) as the date element;
  ``Version 1.1,`` (its version element) after the title.
* BibTeX: ``version``, and ``note = {Corrected 2023-04-02}``. RIS: ``ET`` (edition) for the
  version, ``N1`` for the correction. Publication year and date stay in both.

Citations are lists of ``Run`` (text, italic) so the same data renders as escaped
HTML and as plain text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from ..data.language import ascii_words
from ..data.model import Author, Published

#: Words Chicago and MLA keep lower case in headline-style titles (unless first or last).
_MINOR = set(
    [
        "a",
        "an",
        "the",
        "and",
        "but",
        "or",
        "nor",
        "for",
        "so",
        "yet",
        "as",
        "at",
        "by",
        "in",
        "of",
        "off",
        "on",
        "per",
        "to",
        "up",
        "via",
        "vs",
        "from",
        "into",
        "onto",
        "over",
        "with",
        "than",
        "upon",
        "within",
        "without",
        "among",
        "between",
        "about",
        "across",
        "after",
        "against",
        "along",
        "around",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "beyond",
        "down",
        "during",
        "except",
        "inside",
        "like",
        "near",
        "outside",
        "past",
        "since",
        "through",
        "toward",
        "towards",
        "under",
        "until",
    ]
)


class Run(NamedTuple):
    text: str
    italic: bool = False


class Work(NamedTuple):
    """What a citation needs, from the report metadata (plus the page for a part)."""

    title: str
    subtitle: str
    authors: tuple[Author, ...]
    publisher: str
    published: Published
    language: str = "en"
    url: str = ""
    sentence_case_title: str = ""
    part_title: str = ""
    part_url: str = ""
    corrected: dt.date | None = None
    """The date of the last correction: the text as it now stands."""
    version: str = ""
    """The edition's label (``metadata.version``)."""

    @classmethod
    def from_meta(
        cls,
        meta: dict[str, Any],
        url: str = "",
        part_title: str = "",
        part_url: str = "",
        corrected: dt.date | None = None,
    ) -> Work:
        return cls(
            title=meta["title"],
            subtitle=meta.get("subtitle") or "",
            authors=tuple(a if isinstance(a, Author) else Author.parse(a) for a in meta["authors"]),
            publisher=meta["publisher"],
            published=_published(meta["published"]),
            language=meta.get("language") or "en",
            url=url,
            sentence_case_title=meta.get("sentence_case_title") or "",
            part_title=part_title,
            part_url=part_url,
            corrected=corrected,
            version=meta.get("version") or "",
        )

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def apa_title(self) -> str:
        """APA wants sentence case; proper nouns cannot be detected, so the metadata may spell it out."""
        return self.sentence_case_title or self.full_title

    @property
    def publisher_is_author(self) -> bool:
        """A sole organisation author that is also the publisher (APA and MLA then name it once)."""
        return (
            len(self.authors) == 1
            and self.authors[0].is_organisation
            and self.authors[0].name == self.publisher
        )

    @property
    def link(self) -> str:
        return self.part_url or self.url

    @property
    def apa_date(self) -> str:
        """APA's date element: the year; for a corrected work the full date of the last change."""
        day = self.corrected
        return f"{day.year}, {day.strftime('%B')} {day.day}" if day else str(self.published.year)

    @property
    def apa_year(self) -> int:
        """The year of APA's date element (the in-text citation repeats it)."""
        return (self.corrected or self.published).year


def initials(given: str) -> str:
    """APA initials: "Jacob" → "J.", "Mary-Ann" → "M.-A.", "J. Robert" → "J. R."."""
    return " ".join("-".join(p[0] + "." for p in word.split("-") if p) for word in given.split())


def apa_name(a: Author) -> str:
    """``Family, I. I., Jr.``; an organisation or a single name as written."""
    if a.is_organisation or not a.given:
        return a.display
    if a.particle_dropping:  # "Beauvoir, S. de", as CSL's APA style writes a dropping particle
        return ", ".join(p for p in (a.family, f"{initials(a.given)} {a.particle}", a.suffix) if p)
    return ", ".join(p for p in (a.family_full, initials(a.given), a.suffix) if p)


def apa_authors(authors: tuple[Author, ...]) -> str:
    names = [apa_name(a) for a in authors]
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", . . . " + names[-1]


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
            lower_ok = (
                bare.lower() in _MINOR
                and not (i == 0 and first_of_word)
                and not after_colon
                and not (last and j == len(pieces) - 1)
            )
            if bare != bare.lower() or not bare:
                fixed.append(piece)  # already has capitals (proper noun, acronym)
            elif lower_ok:
                fixed.append(piece)
            else:
                k = piece.index(bare[0])
                fixed.append(piece[:k] + piece[k].upper() + piece[k + 1 :])
        out.append("".join(fixed))
    return " ".join(out)


def _headline(work: Work, text: str) -> str:
    """Headline style is an English convention: titles in other languages keep the capitals they have (CMOS 11.28)."""
    return headline_case(text) if work.language.split("-")[0] == "en" else text


def _no_scheme(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def apa(work: Work) -> list[Run]:
    runs = [Run(f"{_end(apa_authors(work.authors))} ({work.apa_date}). ")]
    version = f" (Version {work.version})" if work.version else ""
    if work.part_title:
        runs += [Run(f"{_end(work.part_title)} In "), Run(work.apa_title, True), Run(f"{version}. ")]
    else:
        runs += [Run(work.apa_title, True), Run(f"{version}. ")]
    if not work.publisher_is_author:  # APA 7 §9.24: a group author that is also the publisher is not repeated
        runs.append(Run(_end(work.publisher)))
    elif runs[-1].text == ". ":
        runs[-1] = Run(".")
    if work.link:
        runs.append(Run(f" {work.link}"))
    return runs


def _inverted_list(authors: tuple[Author, ...] | list[Author], et_al: bool = False) -> str:
    """The first name inverted, the rest as written, "and" before the last (or ", et al." when cut)."""
    names = [authors[0].inverted] + [a.display for a in authors[1:]]
    if et_al:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def chicago_bibliography_authors(authors: tuple[Author, ...]) -> str:
    """Chicago 18 §13.76: up to ten names; more than ten, the first seven and "et al."."""
    return _inverted_list(authors[:7], et_al=True) if len(authors) > 10 else _inverted_list(authors)


def chicago_note_authors(authors: tuple[Author, ...]) -> str:
    """Chicago 18 notes: one or two names; three or more, the first followed by "et al."."""
    if len(authors) >= 3:
        return f"{authors[0].display} et al."
    return " and ".join(a.display for a in authors)


def mla_authors(authors: tuple[Author, ...]) -> str:
    """MLA 9: one name inverted; two, "and"; three or more, the first and "et al."."""
    if len(authors) >= 3:
        return f"{authors[0].inverted}, et al."
    return _inverted_list(authors)


def chicago_note(work: Work) -> list[Run]:
    title = _headline(work, work.full_title)
    runs = [Run(f"{chicago_note_authors(work.authors)}, ")]
    if work.part_title:
        runs += [Run(f"“{_headline(work, work.part_title)},” in "), Run(title, True)]
    else:
        runs.append(Run(title, True))
    if work.version:
        runs.append(Run(f", version {work.version}"))
    runs.append(Run(f" ({work.publisher}, {work.published.year})"))
    if work.corrected:
        runs.append(Run(f", last modified {chicago_date(work.corrected)}"))
    runs.append(Run(f", {work.link}." if work.link else "."))
    return runs


def chicago_bibliography(work: Work) -> list[Run]:
    title = _headline(work, work.full_title)
    runs = [Run(f"{_end(chicago_bibliography_authors(work.authors))} ")]
    if work.part_title:
        runs += [Run(f"“{_end(_headline(work, work.part_title))}” In "), Run(title, True), Run(". ")]
    else:
        runs += [Run(title, True), Run(". ")]
    if work.version:
        runs.append(Run(f"Version {work.version}. "))
    runs.append(Run(f"{work.publisher}, {work.published.year}."))
    if work.corrected:
        runs.append(Run(f" Last modified {chicago_date(work.corrected)}."))
    if work.link:
        runs.append(Run(f" {work.link}."))
    return runs


def chicago_date(date: dt.date) -> str:
    return f"{date.strftime('%B')} {date.day}, {date.year}"


def _published(value: dt.date | Published) -> Published:
    return value if isinstance(value, Published) else Published.of(value)


def mla_date(date: dt.date | Published) -> str:
    """MLA 9's "15 Mar. 2023", or "Mar. 2023" and "2023" when the publisher gives no day or month."""
    date = _published(date)
    if date.month is None:
        return str(date.year)
    month = dt.date(2000, date.month, 1).strftime("%B")
    short = month if len(month) <= 4 else (month[:4] + "." if month == "September" else month[:3] + ".")
    return f"{date.day} {short} {date.year}" if date.day else f"{short} {date.year}"


def mla(work: Work) -> list[Run]:
    """MLA 9: an organisation that is both author and publisher is given once, as publisher (the entry opens with the title)."""
    title = _headline(work, work.full_title)
    runs = [] if work.publisher_is_author else [Run(f"{_end(mla_authors(work.authors))} ")]
    if work.part_title:
        runs += [Run(f"“{_end(_headline(work, work.part_title))}” "), Run(title, True), Run(", ")]
    else:
        runs += [Run(title, True), Run(". ")]
    if work.version:
        runs.append(Run(f"{'version' if work.part_title else 'Version'} {work.version}, "))
    runs.append(Run(f"{work.publisher}, {mla_date(work.corrected or work.published)}"))
    runs.append(Run(f", {_no_scheme(work.link)}." if work.link else "."))
    return runs


STYLES = (
    ("APA", "APA (7th edition)", apa),
    ("Chicago", "Chicago (notes and bibliography): note", chicago_note),
    ("Chicago bibliography", "Chicago (notes and bibliography): bibliography", chicago_bibliography),
    ("MLA", "MLA (9th edition)", mla),
)


def to_html(runs: list[Run]) -> Markup:
    return Markup("").join(Markup("<i>%s</i>") % r.text if r.italic else escape(r.text) for r in runs)


def to_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def formatted(work: Work) -> list[dict[str, Any]]:
    """Every text style, for templates: key, label, html (escaped Markup), text."""
    out = []
    for key, label, fn in STYLES:
        runs = fn(work)  # each style formatted once, for both forms
        out.append({"key": key, "label": label, "html": to_html(runs), "text": to_text(runs)})
    return out


def in_text(work: Work) -> list[dict[str, str]]:
    """The author-date part of a parenthetical citation in each style, for copied quotations.

    The reader tools add the section and paragraph: APA 7 §8.28 (unpaginated: section and
    "para."), Chicago author-date 18 (same, no comma before the year), MLA 9 ("par.", no
    year). Author lists shorten as each style says: APA from 3 names, Chicago from 4,
    MLA from 3 ("et al.").
    """
    # an organisation by its name; a dropping particle is left out ("Beauvoir 2023")
    family = [
        a.name or (a.family if a.particle_dropping else a.family_full) or a.display for a in work.authors
    ]
    year = (
        work.published.year
    )  # Chicago author-date: the year of publication (the revision is in the reference)

    def names(limit: int, amp: bool) -> str:
        if len(family) >= limit:
            return f"{family[0]} et al."
        joiner = " & " if amp else " and "
        if len(family) <= 2:
            return joiner.join(family)
        return ", ".join(family[:-1]) + "," + joiner + family[-1]

    return [
        {"key": "apa", "label": "APA 7", "lead": f"{names(3, True)}, {work.apa_year}", "para": "para."},
        {
            "key": "chicago",
            "label": "Chicago (author-date)",
            "lead": f"{names(4, False)} {year}",
            "para": "para.",
        },
        {"key": "mla", "label": "MLA 9", "lead": names(3, False), "para": "par."},
    ]


# --- machine formats ---------------------------------------------------------------------------

# BibTeX counts braces without regard to backslashes, so ``\}`` would unbalance a field:
# literal braces are written as commands whose own braces pair up.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
#: BibTeX's month macros (``month = mar``: styles print the month in their own language and form).
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_TEXT = {"–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''"}


def bibtex_escape(text: str) -> str:
    """Text as a BibTeX field value: TeX specials escaped, braces balanced, one line."""
    text = "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)
    for uni, tex in _BIBTEX_TEXT.items():
        text = text.replace(uni, tex)
    return " ".join(text.split())


def _ascii_word(text: str) -> str:
    return "".join(ascii_words(text))


def bibtex_key(work: Work) -> str:
    """``family + year + first title word``; an organisation contributes its first significant word."""
    first = work.authors[0] if work.authors else None
    if first is None:
        who = ""
    elif first.is_organisation:
        who = next(
            (_ascii_word(w) for w in first.name.split() if w.lower() not in _MINOR and _ascii_word(w)), ""
        )
    else:
        who = _ascii_word(first.family)
    words = [w for w in work.title.split() if w.lower() not in ("a", "an", "the")] or work.title.split()
    word = _ascii_word(words[0]) if words else ""
    return f"{who or 'report'}{work.published.year}{word}"


def bibtex_name(a: Author) -> str:
    """BibTeX's ``von Last, Jr, First``; an organisation braced so it stays one name."""
    if a.is_organisation:
        return "{" + bibtex_escape(a.name) + "}"
    parts = [bibtex_escape(a.family_full)] + ([bibtex_escape(a.suffix)] if a.suffix else [])
    return ", ".join(parts + ([bibtex_escape(a.given)] if a.given else []))


def bibtex(work: Work) -> str:
    """A ``@techreport`` entry; the title is double-braced so BibTeX styles keep its capitals."""
    fields = [
        ("author", " and ".join(bibtex_name(a) for a in work.authors)),
        ("title", "{" + bibtex_escape(work.full_title) + "}"),
        ("institution", "{" + bibtex_escape(work.publisher) + "}"),
        ("year", str(work.published.year)),
        *([("month", _BIBTEX_MONTHS[work.published.month - 1])] if work.published.month else []),
        ("date", work.published.isoformat()),
        ("type", "Report"),
    ]
    if work.version:
        fields.append(("version", bibtex_escape(work.version)))
    if work.corrected:
        fields.append(("note", f"Corrected {work.corrected.isoformat()}"))
    if work.url:
        fields.append(("url", work.url.replace("%", r"\%").replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(
        f"  {name:<11} = {value}" if name == "month" else f"  {name:<11} = {{{value}}}"
        for name, value in fields
    )
    return f"@techreport{{{bibtex_key(work)},\n{body}\n}}\n"


def _ris_date(date: Published) -> str:
    """RIS ``DA``: ``YYYY/MM/DD``; the unknown parts left empty between their slashes (``2023/03//``)."""
    if date.date:
        return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
    return f"{date.year:04d}/" + (f"{date.month:02d}//" if date.month else "//")


def ris_name(a: Author) -> str:
    """RIS ``AU``: "Last, First, Suffix"; an organisation (or a single name) as written."""
    if a.is_organisation or not a.given:
        return a.display
    return ", ".join(p for p in (a.family_full, a.given, a.suffix) if p)


def ris(work: Work) -> str:
    """An RIS record (type RPRT); lines end CRLF as the format's specification asks."""
    lines = [("TY", "RPRT")]
    lines += [("AU", ris_name(a)) for a in work.authors]
    lines += [
        ("TI", work.full_title),
        ("PY", str(work.published.year)),
        ("DA", _ris_date(work.published)),
        ("PB", work.publisher),
        ("LA", work.language),
    ]
    if work.version:
        lines.append(("ET", work.version))
    if work.corrected:
        lines.append(("N1", f"Corrected {work.corrected.isoformat()}"))
    if work.url:
        lines.append(("UR", work.url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
