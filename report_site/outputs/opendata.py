"""The recommendations as open data: ``recommendations.json`` (with its JSON Schema) and ``recommendations.csv``.

One record per recommendation, in the report's order, with the passages that
argue for it and, when the report records any, its implementation history (``status``,
``updates``; the vocabulary as ``statuses``; in the CSV, the ``STATUS_COLUMNS``). A report
without status data publishes neither, rather than empty fields. URLs are absolute when
``site_url`` is set, otherwise relative to the site root (where these files are published,
so they still resolve).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from ..chapters.references import Index
from ..data.model import Report
from ..pages.edition import Edition

JSON_NAME = "recommendations.json"
CSV_NAME = "recommendations.csv"
SCHEMA_NAME = "recommendations.schema.json"
#: Separator of several values inside one CSV cell (focus areas, passages).
CSV_SEPARATOR = "\n"
CSV_COLUMNS = (
    "id",
    "number",
    "label",
    "title",
    "focus_area_ids",
    "focus_areas",
    "url",
    "passage_count",
    "passage_chapters",
    "passage_urls",
    "passage_excerpts",
)
#: Added when the report records implementation updates; several updates in a cell are separated
#: like passages (oldest first), several sources of one update by a space.
STATUS_COLUMNS = (
    "status",
    "status_title",
    "status_date",
    "update_dates",
    "update_statuses",
    "update_notes",
    "update_sources",
)


def schema_text() -> str:
    """The published JSON Schema (kept as a file so editors and tests read the same text)."""
    return (
        resources.files("report_site")
        .joinpath("schemas", "recommendations-data.schema.json")
        .read_text("utf-8")
    )


def records(
    report: Report,
    index: Index,
    meta: dict[str, Any],
    url: Callable[[str], str],
    page_path: Callable[[str], str],
    edition: Edition | None = None,
) -> dict[str, Any]:
    """The JSON document. ``page_path(src_uri)`` is the site path mkdocs gives a page (``File.url``);
    ``url(path)`` turns a site path ("recommendations/x/") into a published URL."""
    status = edition if edition is not None and edition.has_status else None
    recs = []
    for rec in report.recommendations:
        passages = index.for_recommendation(rec.id)
        recs.append(
            {
                "id": rec.id,
                "number": rec.number,
                "label": rec.shown_number,
                "title": rec.title,
                "focus_areas": [{"id": a, "title": report.area(a).title} for a in rec.focus_areas],
                "url": url(page_path(rec.src_uri)),
                "passages": [
                    {
                        "chapter": p.chapter_title,
                        "chapter_url": url(page_path(p.src_uri)),
                        "anchor": p.anchor,
                        "url": url(page_path(p.src_uri)) + "#" + p.anchor,
                        "excerpt": p.excerpt,
                    }
                    for p in passages
                ],
            }
        )
        if status is not None:
            current = rec.current
            recs[-1]["status"] = (
                {
                    "id": current.status,
                    "title": status.status(current.status).title,
                    "date": current.date.isoformat(),
                }
                if current
                else None
            )
            recs[-1]["updates"] = [
                {"date": u.date.isoformat(), "status": u.status, "note": u.note, "sources": list(u.sources)}
                for u in rec.updates
            ]
    document: dict[str, Any] = {
        "$schema": url(SCHEMA_NAME),
        "report": {
            "title": meta["title"],
            "subtitle": meta.get("subtitle") or "",
            "authors": [a.display for a in meta["authors"]],
            "publisher": meta["publisher"],
            "published": meta["published"].isoformat(),
            "language": meta.get("language") or "en",
            "url": url(""),
        },
        "focus_areas": [{"id": a.id, "title": a.title} for a in report.focus_areas],
    }
    if status is not None:
        document["statuses"] = [{"id": s.id, "title": s.title} for s in status.statuses]
    document["recommendations"] = recs
    return document


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


#: Cell openings a spreadsheet reads as a formula (OWASP "CSV injection"; tab and CR too).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'`` (OWASP's rule)."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell


def to_csv(document: dict[str, Any]) -> str:
    """One row per recommendation; several values in a cell are separated by a line break."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    with_status = "statuses" in document
    writer.writerow(CSV_COLUMNS + (STATUS_COLUMNS if with_status else ()))
    for rec in document["recommendations"]:
        ps = rec["passages"]
        status = rec.get("status") or {}
        updates = rec.get("updates", [])
        extra = (
            [
                status.get("id", ""),
                status.get("title", ""),
                status.get("date", ""),
                CSV_SEPARATOR.join(u["date"] for u in updates),
                CSV_SEPARATOR.join(u["status"] for u in updates),
                CSV_SEPARATOR.join(u["note"] for u in updates),
                CSV_SEPARATOR.join(" ".join(u["sources"]) for u in updates),
            ]
            if with_status
            else []
        )
        writer.writerow(
            neutralise(cell)
            for cell in [
                rec["id"],
                rec["number"],
                rec["label"],
                rec["title"],
                CSV_SEPARATOR.join(a["id"] for a in rec["focus_areas"]),
                CSV_SEPARATOR.join(a["title"] for a in rec["focus_areas"]),
                rec["url"],
                len(ps),
                CSV_SEPARATOR.join(p["chapter"] for p in ps),
                CSV_SEPARATOR.join(p["url"] for p in ps),
                CSV_SEPARATOR.join(p["excerpt"] for p in ps),
                *extra,
            ]
        )
    return out.getvalue()
