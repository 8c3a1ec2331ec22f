"""Every table of the report as CSV, published beside its chapter (``addresses.table_csv``).

Reuse is the point of a published table, and no anchor gives a reader the numbers: the cells as the
page shows them (line breaks kept, note markers left out), spreadsheet-safe as the open data is.
"""

from __future__ import annotations

import csv
import io

from ..chapters.scanner import Chapter
from ..pages import addresses
from ..passages import PageNumbers, Table
from .opendata import neutralise


def to_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(neutralise(cell) for cell in row)
    return out.getvalue()


def published(chapters: dict[str, Chapter], numbers: dict[str, PageNumbers]) -> dict[str, Table]:
    """Site path → every table of the report, chapter by chapter."""
    out = {}
    for src_uri, chapter in chapters.items():
        shown = numbers.get(src_uri)
        for table, number in zip(chapter.tables, shown.tables if shown else [], strict=False):
            out[addresses.table_csv(src_uri, number)] = table
    return out


def files(chapters: dict[str, Chapter], numbers: dict[str, PageNumbers]) -> dict[str, str]:
    """Site path → CSV text of every table."""
    return {path: to_csv(table.rows) for path, table in published(chapters, numbers).items()}
