"""Generate the pages the report does not write by hand, and expand chapter directives.

All output is Markdown rendered from ``templates/``; mkdocs then validates its links
and indexes it for search like any chapter.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from . import chapters
from .chapters import Block, Chapter
from .model import Recommendation, Report
from .references import Index
from .render import relative, render

INDEX_URI = "recommendations/index.md"
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
    search_boost: float = 3.0
    outputs: dict[str, Any] = field(default_factory=dict)
    """Published extras (PDF, citation files, open data) from ``outputs.publisher``."""

    def link(self, target: str, page: str) -> Markup:
        return relative(target, page)


def recommendation_page(rec: Recommendation, ctx: Context, position: int | None = None,
                        related: list[Recommendation] | None = None) -> str:
    recs = ctx.report.recommendations
    i = recs.index(rec) if position is None else position
    if related is None:
        related = related_recommendations(recs, _area_members(recs), i)
    return render(
        "recommendation.md.j2", rec=rec, ctx=ctx, page=rec.src_uri,
        areas=[ctx.report.area(a) for a in rec.focus_areas],
        passages=ctx.index.for_recommendation(rec.id),
        related=related,
    )


def _area_members(recs: list[Recommendation]) -> dict[str, list[int]]:
    """Focus area id → positions of its recommendations, ascending (one pass)."""
    members: dict[str, list[int]] = {}
    for i, r in enumerate(recs):
        for a in r.focus_areas:
            members.setdefault(a, []).append(i)
    return members


def related_recommendations(recs: list[Recommendation], members: dict[str, list[int]], i: int,
                            limit: int = MAX_RELATED) -> list[Recommendation]:
    """The ``limit`` recommendations nearest to ``recs[i]`` in report order that share a focus area.

    Looks only at ``limit`` neighbours on each side within each area, so the cost per
    page is constant, not proportional to the number of recommendations.
    """
    candidates: set[int] = set()
    for a in recs[i].focus_areas:
        positions = members.get(a, [])
        at = bisect.bisect_left(positions, i)
        candidates.update(positions[max(0, at - limit):at + limit + 1])
    candidates.discard(i)
    nearest = sorted(candidates, key=lambda j: (abs(j - i), j))[:limit]
    return [recs[j] for j in sorted(nearest)]


def nav_entries(rec_uris: list[str]) -> list[Any]:
    """The nav under "Recommendations": the index, then the pages (in groups when there are many).

    Groups hold about √n pages each, so with ``navigation.prune`` a page's nav grows
    with √n rather than n.
    """
    if len(rec_uris) <= NAV_GROUP_ABOVE:
        return [INDEX_URI, *rec_uris]
    size = max(10, math.isqrt(len(rec_uris) - 1) + 1)
    groups: list[Any] = [INDEX_URI]
    for start in range(0, len(rec_uris), size):
        chunk = rec_uris[start:start + size]
        groups.append({f"Recommendations {start + 1}–{start + len(chunk)}": chunk})
    return groups


def recommendations_index(ctx: Context) -> str:
    groups = [(area, ctx.report.in_area(area.id)) for area in ctx.report.focus_areas]
    return render("recommendations_index.md.j2", ctx=ctx, page=INDEX_URI, groups=groups)


def generated_pages(ctx: Context) -> dict[str, str]:
    """src_uri → Markdown for every page the plugin adds to the site."""
    pages = {INDEX_URI: recommendations_index(ctx)}
    recs = ctx.report.recommendations
    members = _area_members(recs)
    for i, rec in enumerate(recs):
        pages[rec.src_uri] = recommendation_page(rec, ctx, i, related_recommendations(recs, members, i))
    return pages


def expand_chapter(chapter: Chapter, ctx: Context) -> str:
    """The Markdown mkdocs renders for a hand-written page, directives expanded."""
    page = chapter.src_uri
    has_cite = any(b.directive is not None and b.directive.name == "cite" for b in chapter.blocks)

    def expand(kind: str, block: Block) -> str:
        if kind == "rec-links":
            return chapters.REC_LINK.sub(lambda m: "](%s)" % relative(f"recommendations/{m.group(1)}.md", page), block.lines[0])
        if kind == "supports":
            recs = [ctx.report.get(a) for d in block.supports for a in d.args]
            return render("supports.md.j2", recs=[r for r in dict.fromkeys(recs) if r], ctx=ctx, page=page)
        if kind == "pull-quote":
            return render("pull_quote.md.j2", text=Markup("\n".join(l.lstrip()[1:].strip() for l in block.lines)))
        if kind == "endnotes":
            return render("endnotes.md.j2", numbers=block.lines, ctx=ctx, page=page)
        template = {"cover": "cover.md.j2", "focus-areas": "focus_areas.md.j2", "recommendations": "recommendation_list.md.j2", "cite": "cite.md.j2"}[kind]
        return render(template, ctx=ctx, page=page, has_cite=has_cite)

    return chapters.rewrite(chapter, expand)
