"""The report's data model: passive records with small queries, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FocusArea:
    id: str
    title: str
    line: int = 0


@dataclass(frozen=True)
class Recommendation:
    id: str
    number: int
    title: str
    focus_areas: tuple[str, ...]
    summary: str = ""
    short_title: str = ""
    line: int = 0
    column: int = 1

    @property
    def label(self) -> str:
        """Short link text: the number plus a title short enough for a link."""
        return f"Recommendation {self.number}: {self.short_title or shorten(self.title)}"

    @property
    def src_uri(self) -> str:
        """Where the generated page pretends to live in the docs dir."""
        return f"recommendations/{self.id}.md"


@dataclass(frozen=True)
class Passage:
    """A paragraph of a chapter that argues for one or more recommendations."""

    src_uri: str
    line: int
    anchor: str
    text: str
    chapter_title: str
    recommendation_ids: tuple[str, ...]
    number: int = 0
    """Its position among the chapter's citable paragraphs (``data-paragraph``); 0 when unknown."""

    @property
    def excerpt(self) -> str:
        return shorten(self.text, 240)


@dataclass
class Report:
    """Everything loaded from the data file, in the report's order."""

    path: str
    focus_areas: list[FocusArea]
    recommendations: list[Recommendation]
    _by_id: dict[str, Recommendation] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {r.id: r for r in self.recommendations}

    def get(self, rec_id: str) -> Recommendation | None:
        return self._by_id.get(rec_id)

    def area(self, area_id: str) -> FocusArea:
        return next(a for a in self.focus_areas if a.id == area_id)

    def in_area(self, area_id: str) -> list[Recommendation]:
        return [r for r in self.recommendations if area_id in r.focus_areas]


def shorten(text: str, width: int = 72) -> str:
    """Cut at a word boundary and mark the cut, so labels never end mid-word."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"
