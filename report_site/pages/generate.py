"""Generate the pages the report does not write by hand, and the blocks chapter directives stand for.

Pages are Markdown rendered from ``templates/``; mkdocs then validates their links
and indexes them for search like any chapter. ``ChapterRenderer`` answers the passage
extension (``passages.py``) while mkdocs renders a chapter: a directive's block is HTML
from ``templates/blocks/`` (its links name ``.md`` files, which mkdocs resolves and checks
in the chapter's tree as it does the chapter's own links).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import posixpath
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup
from mkdocs.structure.files import Files

from ..chapters.references import Index
from ..chapters.scanner import Chapter
from ..data.labels import Labels
from ..data.language import list_of
from ..data.model import Recommendation, Report
from ..passages import DirectiveName, PageNumbers
from . import addresses
from .edition import Edition, PageDates
from .render import relative, render, render_block

INDEX_URI = "recommendations/index.md"
#: The implementation status of every recommendation (only when the data records updates).
STATUS_URI = "recommendations/status.md"
#: Every correction since publication (only when a chapter has one).
CORRECTIONS_URI = "corrections.md"
#: At most this many "Related recommendations" per page (the nearest in report order
#: sharing a focus area): a full list would grow every page with the report, making
#: the site quadratic in recommendations; the focus-area links lead to the full lists.
MAX_RELATED = 8
#: Above this many recommendations the nav groups them ("Recommendations 1–32"), so
#: that, with ``navigation.prune``, a page carries one group's links, not all of them.
NAV_GROUP_ABOVE = 40


@dataclass
class Context:
    """What every template may use: the data, the backlinks and the site's shape."""

    report: Report
    index: Index
    meta: dict[str, Any]
    titles: dict[str, str]
    reading_order: list[str]
    search_boost: float = 2.0
    outputs: dict[str, Any] = field(default_factory=dict)
    """Published extras (PDF, citation files, open data) from ``outputs.publisher``."""
    labels: Labels = field(default_factory=Labels)
    """The generator's own words in the report's language (``labels.py``)."""
    cover: dict[str, str] = field(default_factory=dict)
    """The cover's ornament: ``mark`` (characters) or ``mark_image`` (a file under the docs directory)."""
    edition: Edition | None = None
    """Corrections, status updates and the dates readers see (``edition.py``); made from the rest when not given."""

    def __post_init__(self) -> None:
        if self.edition is None:
            self.edition = Edition(
                self.report,
                self.meta["published"],
                list(self.index.corrections),
                self.meta.get("version") or "",
                self.labels,
            )

    @property
    def living(self) -> Edition:
        """The edition, typed as always present (``__post_init__`` makes it)."""
        assert self.edition is not None
        return self.edition

    def page_dates(self, src_uri: str) -> PageDates:
        """The dates the page ``src_uri`` shows under it (``Edition.page_dates``), by what the page is."""
        rec = self.report.get(src_uri.removeprefix("recommendations/").removesuffix(".md"))
        if src_uri == "index.md":
            kind = "home"
        elif src_uri == STATUS_URI:
            kind = "status"
        elif src_uri == CORRECTIONS_URI:
            kind = "corrections"
        elif src_uri in self.titles:
            kind = "chapter"
        elif rec is not None and rec.src_uri == src_uri:
            kind = "recommendation"
        else:
            kind = "page"
        return self.living.page_dates(src_uri, kind, rec)

    def link(self, target: str, page: str) -> Markup:
        return relative(target, page)


def recommendation_page(
    rec: Recommendation,
    ctx: Context,
    position: int | None = None,
    related: list[Recommendation] | None = None,
) -> str:
    recs = ctx.report.recommendations
    i = recs.index(rec) if position is None else position
    if related is None:
        related = related_recommendations(recs, area_members(recs), i)
    return render(
        "recommendation.md.j2",
        rec=rec,
        ctx=ctx,
        page=rec.src_uri,
        areas=[ctx.report.area(a) for a in rec.focus_areas],
        passages=ctx.index.for_recommendation(rec.id),
        related=related,
        status=Markup(render_block("status_history.html.j2", rec=rec, ctx=ctx, edition=ctx.living))
        if ctx.living.has_status
        else "",
    )


def area_members(recs: list[Recommendation]) -> dict[str, list[int]]:
    """Focus area id → positions of its recommendations, ascending (one pass)."""
    members: dict[str, list[int]] = {}
    for i, r in enumerate(recs):
        for a in r.focus_areas:
            members.setdefault(a, []).append(i)
    return members


def related_recommendations(
    recs: list[Recommendation], members: dict[str, list[int]], i: int, limit: int = MAX_RELATED
) -> list[Recommendation]:
    """The ``limit`` recommendations nearest to ``recs[i]`` in report order that share a focus area.

    Looks only at ``limit`` neighbours on each side within each area, so the cost per
    page is constant, not proportional to the number of recommendations.
    """
    candidates: set[int] = set()
    for a in recs[i].focus_areas:
        positions = members.get(a, [])
        at = bisect.bisect_left(positions, i)
        candidates.update(positions[max(0, at - limit) : at + limit + 1])
    candidates.discard(i)
    nearest = sorted(candidates, key=lambda j: (abs(j - i), j))[:limit]
    return [recs[j] for j in sorted(nearest)]


def nav_entries(rec_uris: list[str], labels: Labels | None = None, status: bool = False) -> list[Any]:
    """The nav under "Recommendations": the index (and the status overview, when there is one), then
    the pages (in groups when there are many).

    Groups hold about √n pages each, so with ``navigation.prune`` a page's nav grows
    with √n rather than n.
    """
    head = [INDEX_URI, STATUS_URI] if status else [INDEX_URI]
    if len(rec_uris) <= NAV_GROUP_ABOVE:
        return [*head, *rec_uris]
    size = max(10, math.isqrt(len(rec_uris) - 1) + 1)
    groups: list[Any] = list(head)
    for start in range(0, len(rec_uris), size):
        chunk = rec_uris[start : start + size]
        groups.append(
            {(labels or Labels()).t("recommendations_range", first=start + 1, last=start + len(chunk)): chunk}
        )
    return groups


def recommendations_index(ctx: Context) -> str:
    groups = [(area, ctx.report.in_area(area.id)) for area in ctx.report.focus_areas]
    return render("recommendations_index.md.j2", ctx=ctx, page=INDEX_URI, groups=groups)


def status_page(ctx: Context) -> str:
    """Every recommendation's current status: counts, groups by status, and focus areas by status."""
    edition = ctx.living
    areas = [
        (
            area,
            {
                g.status.id if g.status else None: g.recommendations
                for g in edition.groups(ctx.report.in_area(area.id))
            },
        )
        for area in ctx.report.focus_areas
    ]
    return render(
        "status.md.j2", ctx=ctx, page=STATUS_URI, edition=edition, groups=edition.groups(), areas=areas
    )


def corrections_page(ctx: Context) -> str:
    """Every correction since publication, the latest first, each linked to its paragraph."""
    return render("corrections.md.j2", ctx=ctx, page=CORRECTIONS_URI, edition=ctx.living)


def generated_pages(ctx: Context) -> dict[str, str]:
    """src_uri → Markdown for every page the plugin adds to the site."""
    pages = {INDEX_URI: recommendations_index(ctx)}
    if ctx.living.has_status:
        pages[STATUS_URI] = status_page(ctx)
    if ctx.living.corrections:
        pages[CORRECTIONS_URI] = corrections_page(ctx)
    recs = ctx.report.recommendations
    members = area_members(recs)
    for i, rec in enumerate(recs):
        pages[rec.src_uri] = recommendation_page(rec, ctx, i, related_recommendations(recs, members, i))
    return pages


def number_ranges(numbers: list[str]) -> list[str]:
    """Note numbers as a reader lists them: in order, runs of three or more joined ("1–3"); labels that
    are not numbers as written, after them."""
    values = sorted({int(n) for n in numbers if n.isdigit()})
    runs: list[list[int]] = []
    for v in values:
        if runs and v == runs[-1][-1] + 1:
            runs[-1].append(v)
        else:
            runs.append([v])
    out = [f"{r[0]}–{r[-1]}" if len(r) > 2 else str(v) for r in runs for v in (r[:1] if len(r) > 2 else r)]
    return [*out, *dict.fromkeys(n for n in numbers if not n.isdigit())]


def describe_generated(ctx: Context, data: str) -> dict[str, str]:
    """src_uri → what each generated page is, for messages about its address."""
    out = {INDEX_URI: f"the recommendations index generated from {data}"}
    if ctx.living.has_status:
        out[STATUS_URI] = f"the implementation status generated from {data}"
    if ctx.living.corrections:
        out[CORRECTIONS_URI] = "the list of corrections generated from the chapters' `[[correction]]` lines"
    for rec in ctx.report.recommendations:
        out[rec.src_uri] = f"the page of recommendation `{rec.id}` generated from {data}"
    return out


BLOCKS = {
    DirectiveName.COVER: "cover.html.j2",
    DirectiveName.FOCUS_AREAS: "focus_areas.html.j2",
    DirectiveName.RECOMMENDATIONS: "recommendation_list.html.j2",
    DirectiveName.CITE: "cite.html.j2",
}


class ChapterRenderer:
    """What the passage extension asks while mkdocs renders one chapter: generated blocks, links,
    aliases, the report's numbers, image sizes, table downloads."""

    def __init__(
        self,
        chapter: Chapter,
        ctx: Context,
        permalinks: bool,
        files: Files | None = None,
    ) -> None:
        self.chapter, self.ctx, self.permalinks = chapter, ctx, permalinks
        self.page = chapter.src_uri
        self.labels = ctx.labels
        self.numbers = ctx.index.numbers.get(chapter.src_uri) or PageNumbers({}, [], [])
        records = ctx.index.paragraphs.get(chapter.src_uri, [])
        self._aliases = {p.anchor: list(p.aliases) for p in records}
        self._anchors = {p.number: p.anchor for p in records}
        self._files = files

    def generated(self, name: DirectiveName, ids: tuple[str, ...]) -> str:
        if name is DirectiveName.SUPPORTS:
            recs = [r for r in (self.ctx.report.get(i) for i in dict.fromkeys(ids)) if r]
            return render_block("supports.html.j2", recs=recs, ctx=self.ctx, page=self.page)
        if name is DirectiveName.CORRECTION:
            day, note = ids
            return render_block(
                "correction.html.j2", day=dt.date.fromisoformat(day), note=note, ctx=self.ctx, page=self.page
            )
        has_cite = DirectiveName.CITE in self.chapter.directives
        return render_block(BLOCKS[name], ctx=self.ctx, page=self.page, has_cite=has_cite)

    def endnotes(self, labels: list[str]) -> str:
        shown = [self.numbers.notes.get(label, label) for label in labels]
        listed = list_of(number_ranges(shown), self.ctx.meta.get("language", "en"))
        return render_block("endnotes.html.j2", count=len(shown), listed=listed, ctx=self.ctx, page=self.page)

    def rec_href(self, rec_id: str) -> str | None:
        rec = self.ctx.report.get(rec_id)
        return str(relative(rec.src_uri, self.page)) if rec else None

    def anchor(self, number: int, scanned: str) -> str:
        return self._anchors.get(number, scanned)

    def aliases(self, anchor: str) -> list[str]:
        return self._aliases.get(anchor, [])

    def image_size(self, src: str) -> tuple[int, int] | None:
        """The pixel size of a raster image the page links to (read from the file's header only)."""
        path = self._linked_file(src)
        if not path or path.lower().endswith(".svg"):
            return None
        from PIL import Image, UnidentifiedImageError  # only pages with figures pay for the import

        try:
            with Image.open(path) as image:
                return image.size
        except (OSError, UnidentifiedImageError):
            return None

    def _linked_file(self, src: str) -> str | None:
        """The file on disk a relative link of the page names (None for a URL, or a file mkdocs does not have)."""
        parts = urlsplit(src)
        if self._files is None or not src or parts.scheme or src.startswith(("/", "#")):
            return None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), unquote(parts.path)))
        file = self._files.get_file_from_path(target)
        return file.abs_src_path if file is not None else None

    def table_csv(self, index: int) -> str | None:
        if index >= len(self.numbers.tables):
            return None
        return str(relative(addresses.table_csv(self.page, self.numbers.tables[index]), self.page))
