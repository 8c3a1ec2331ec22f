"""The report's data model: passive records with small queries, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

#: Lower-case words that open a family name ("van Gogh", "de Beauvoir"): CSL's non-dropping particles.
PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "das",
        "dos",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "te",
        "al",
        "bin",
        "ibn",
    ]
)
SUFFIXES = frozenset(["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "V"])
#: Scripts whose names are written family name first (CSL citeproc's rule for "static ordering").
#: Hangul Jamo, kana, CJK ideographs, Hangul syllables. Ranges, not a regex: a character class
#: this wide costs about 10 ms to compile, in every build (benchmarks/bench_overhead.py).
_FAMILY_FIRST_RANGES = (
    (0x1100, 0x11FF),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
)


def _family_first_script(text: str) -> bool:
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _FAMILY_FIRST_RANGES)


class Author(NamedTuple):
    """A person or an organisation, as CSL and CFF model them.

    Metadata forms: "Given Family" (a person), "Family, Given" (a person, inverted),
    ``{given, family, particle, suffix, family_first}`` (a person spelled out), ``{name}``
    (an organisation, never split into names).
    """

    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    name: str = ""
    family_first: bool = False
    particle_dropping: bool = False
    """The particle goes with the given name when the name is inverted: "Beauvoir, Simone de" (CSL's
    dropping particle), not "de Beauvoir, Simone"."""

    @property
    def is_organisation(self) -> bool:
        return bool(self.name)

    @property
    def family_full(self) -> str:
        """The family name with its particle: "van Gogh"."""
        return f"{self.particle} {self.family}".strip()

    @property
    def display(self) -> str:
        """The name as a byline prints it: "Martin Luther King Jr.", "Yoon Suk Yeol", the organisation."""
        if self.name:
            return self.name
        if self.family_first:
            return " ".join(p for p in (self.family_full, self.given) if p)
        core = " ".join(p for p in (self.given, self.family_full) if p)
        return f"{core} {self.suffix}" if self.suffix else core

    @property
    def inverted(self) -> str:
        """Family first for sorted lists (Chicago, MLA): "King, Martin Luther, Jr."; family-first names stay as written."""
        if self.name or self.family_first or not self.given:
            return self.display
        if self.particle_dropping:
            return ", ".join(p for p in (self.family, f"{self.given} {self.particle}", self.suffix) if p)
        return ", ".join(p for p in (self.family_full, self.given, self.suffix) if p)

    @classmethod
    def parse(cls, value: Any) -> Author:
        """An author from the metadata; raises ValueError with what to write instead."""
        if isinstance(value, str):
            return cls._from_string(value)
        if isinstance(value, dict):
            unknown = set(value) - {"given", "family", "particle", "suffix", "name", "family_first"}
            if unknown:
                raise ValueError(
                    f"unknown author key `{sorted(unknown)[0]}` (use given, family, particle, suffix, family_first, or name for an organisation)"
                )
            if any(not isinstance(v, str) for k, v in value.items() if k != "family_first"):
                raise ValueError("author names must be text (quote them)")
            if "name" in value:
                if len(value) > 1:
                    raise ValueError(
                        "an organisation author has only `name:`; a person has `given:` and `family:`"
                    )
                if not value["name"].strip():
                    raise ValueError("an organisation author needs a non-empty `name:`")
                return cls(name=" ".join(value["name"].split()))
            if not str(value.get("family", "")).strip():
                raise ValueError("a person author needs `family:` (or write `name:` for an organisation)")
            family, given = value["family"].strip(), value.get("given", "").strip()
            family_first = value.get("family_first")
            if family_first is None:
                family_first = _family_first_script(family + given)
            return cls(
                family=family,
                given=given,
                particle=value.get("particle", "").strip(),
                suffix=value.get("suffix", "").strip(),
                family_first=bool(family_first),
            )
        raise ValueError('an author is text ("Given Family") or a mapping ({given:, family:} or {name:})')

    @classmethod
    def _from_string(cls, text: str) -> Author:
        text = " ".join(text.split())
        if not text:
            raise ValueError("an author name is empty")
        if "," in text:
            parts = [p.strip() for p in text.split(",")]
            if len(parts) == 2 and parts[1] in SUFFIXES:  # "Martin Luther King, Jr."
                person = cls._from_string(parts[0])
                return cls(person.family, person.given, person.particle, parts[1])
            family, given = parts[0], parts[1]
            suffix = parts[2] if len(parts) > 2 else ""
            words = family.split()
            particle = " ".join(w for w in words[:-1] if w in PARTICLES) if len(words) > 1 else ""
            if not particle:  # "Beauvoir, Simone de": the particle written after the given name
                given_words = given.split()
                k = len(given_words)
                while k > 1 and given_words[k - 1] in PARTICLES:
                    k -= 1
                if k < len(given_words):
                    return cls(
                        family=family,
                        given=" ".join(given_words[:k]),
                        particle=" ".join(given_words[k:]),
                        suffix=suffix,
                        particle_dropping=True,
                    )
            return cls(
                family=" ".join(words[len(particle.split()) :]) if particle else family,
                given=given,
                particle=particle,
                suffix=suffix,
            )
        words = text.split()
        suffix = ""
        if len(words) > 1 and words[-1] in SUFFIXES:  # "Martin Luther King Jr.", "Smith Jr."
            suffix, words = words[-1], words[:-1]
        if len(words) == 1:
            return cls(family=words[0], suffix=suffix, family_first=_family_first_script(words[0]))
        i = len(words) - 1
        while i > 1 and words[i - 1] in PARTICLES:
            i -= 1
        return cls(family=words[-1], given=" ".join(words[:i]), particle=" ".join(words[i:-1]), suffix=suffix)


class Published(NamedTuple):
    """A publication date as precise as the publisher gives it: a day, a month or only a year.

    No output invents what is not known: a report of "March 2023" is cited as 2023 (APA), March 2023
    (MLA), ``2023-03`` (ISO 8601, BibTeX's ``date``, schema.org), never as the first of the month.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, value: dt.date) -> Published:
        return cls(value.year, value.month, value.day)

    @property
    def date(self) -> dt.date | None:
        """The day, when the publisher gives one."""
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None

    def isoformat(self) -> str:
        """``2023-03-15``, ``2023-03`` or ``2023`` (ISO 8601 reduced precision)."""
        return "-".join([f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n])

    def slashed(self) -> str:
        """``2023/03/15``, ``2023/03`` or ``2023`` (Highwire's ``citation_publication_date``)."""
        return self.isoformat().replace("-", "/")


class FocusArea(NamedTuple):
    id: str
    title: str
    line: int = 0


class Status(NamedTuple):
    """A step of the report's own implementation vocabulary (``statuses:``), in order."""

    id: str
    title: str
    """The report's words; "" for the default vocabulary, whose titles are the generator's (labels)."""
    line: int = 0


#: The vocabulary when ``recommendations.yaml`` declares none (titles: labels ``status_<id>``).
DEFAULT_STATUSES = (Status("not-started", ""), Status("in-progress", ""), Status("implemented", ""))


class StatusUpdate(NamedTuple):
    """One dated entry of a recommendation's implementation history (``updates:``)."""

    date: dt.date
    status: str
    """An id of ``Report.statuses``."""
    note: str
    sources: tuple[str, ...] = ()
    """Evidence: the URLs of ``source:``."""
    line: int = 0
    column: int = 1


class Correction(NamedTuple):
    """A ``[[correction: DATE: note]]`` after a paragraph of a chapter: the report corrected after publication."""

    src_uri: str
    anchor: str
    """The corrected paragraph's id."""
    number: int
    """Its ``data-paragraph`` number."""
    date: dt.date
    note: str
    chapter_title: str = ""
    line: int = 0
    column: int = 1
    aliases: tuple[str, ...] = ()
    """Older anchors of the paragraph (``anchors.lock``): the first one names the correction for good."""


class Recommendation(NamedTuple):
    id: str
    number: int
    title: str
    focus_areas: tuple[str, ...]
    summary: str = ""
    short_title: str = ""
    line: int = 0
    column: int = 1
    number_label: str = ""
    """The report's own label (``1A``, ``5.2``) when it has one; otherwise the position is shown."""
    updates: tuple[StatusUpdate, ...] = ()
    """Its implementation history, oldest first (``updates:``)."""

    @property
    def current(self) -> StatusUpdate | None:
        """The latest update: where implementation stands (None: nothing recorded)."""
        return self.updates[-1] if self.updates else None

    @property
    def shown_number(self) -> str:
        """What the report calls it wherever a number shows: its label, else its position."""
        return self.number_label or str(self.number)

    @property
    def src_uri(self) -> str:
        """Where the generated page pretends to live in the docs dir."""
        return f"recommendations/{self.id}.md"


class Passage(NamedTuple):
    """A paragraph of a chapter that argues for one or more recommendations."""

    src_uri: str
    line: int
    anchor: str
    text: str
    chapter_title: str
    recommendation_ids: tuple[str, ...]
    number: int = 0
    """The paragraph's ``data-paragraph`` number in its chapter."""
    aliases: tuple[str, ...] = ()
    """Old anchors (``anchors.lock``) that still land on this paragraph."""

    @property
    def excerpt(self) -> str:
        return shorten(self.text, 240)


@dataclass
class Report:
    """Everything loaded from the data file, in the report's order."""

    path: str
    focus_areas: list[FocusArea]
    recommendations: list[Recommendation]
    statuses: list[Status] = field(default_factory=lambda: list(DEFAULT_STATUSES))
    """The implementation vocabulary, in order: the data's ``statuses:`` or ``DEFAULT_STATUSES``."""
    _by_id: dict[str, Recommendation] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {r.id: r for r in self.recommendations}

    def get(self, rec_id: str) -> Recommendation | None:
        return self._by_id.get(rec_id)

    def area(self, area_id: str) -> FocusArea:
        return next(a for a in self.focus_areas if a.id == area_id)

    def in_area(self, area_id: str) -> list[Recommendation]:
        return [r for r in self.recommendations if area_id in r.focus_areas]

    @property
    def has_updates(self) -> bool:
        """Whether any recommendation has an implementation history (the status pages exist only then)."""
        return any(r.updates for r in self.recommendations)


def shorten(text: str, width: int = 72) -> str:
    """Cut at a word boundary and mark the cut, so labels never end mid-word."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"
