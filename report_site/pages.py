"""Generate the pages the report does not write by hand, and expand chapter directives.

All output is Markdown rendered from ``templates/``; mkdocs then validates its links
and indexes it for search like any chapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from . import chapters
from .chapters import Block, Chapter
from .model import Recommendation, Report
from .references import Index
from .render import relative, render

INDEX_URI = "recommendations/index.md"


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


def recommendation_page(rec: Recommendation, ctx: Context) -> str:
    recs = ctx.report.recommendations
    i = recs.index(rec)
    related = [r for r in recs if r is not rec and set(r.focus_areas) & set(rec.focus_areas)]
    return render(
        "recommendation.md.j2", rec=rec, ctx=ctx, page=rec.src_uri,
        areas=[ctx.report.area(a) for a in rec.focus_areas],
        passages=ctx.index.for_recommendation(rec.id),
        related=related,
        previous=recs[i - 1] if i > 0 else None,
        next=recs[i + 1] if i + 1 < len(recs) else None,
    )


def recommendations_index(ctx: Context) -> str:
    groups = [(area, ctx.report.in_area(area.id)) for area in ctx.report.focus_areas]
    return render("recommendations_index.md.j2", ctx=ctx, page=INDEX_URI, groups=groups)


def generated_pages(ctx: Context) -> dict[str, str]:
    """src_uri → Markdown for every page the plugin adds to the site."""
    pages = {INDEX_URI: recommendations_index(ctx)}
    for rec in ctx.report.recommendations:
        pages[rec.src_uri] = recommendation_page(rec, ctx)
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
