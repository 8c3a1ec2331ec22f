"""The report's later life as an Atom feed (RFC 4287): one entry per status update and per correction.

Published as ``feed.xml`` at the site root, and announced on every page with
``<link rel="alternate" type="application/atom+xml">``, only when the report has an update or a
correction (a report without either has no feed, as it has no status or corrections page).

Ids are ``tag:`` URIs (RFC 4151), which readers use to tell entries apart for good, so they
name what an entry is about, never where the site is served from or how an entry is worded:
``tag:<host>,<published>:<path>status/<recommendation id>/update-<date>[-n]`` and
``tag:<host>,<published>:<path>correction/<chapter>/<date>[-n]`` (``-n`` for the n-th of a day),
stable while updates and corrections are only added, as the format asks. ``<host>`` and
``<path>`` come from ``site_url``. Without one (a local build) the feed is still written, for
previews and tests: its links are relative to the feed (RFC 4287 §4.2.7 allows references that
resolve against the feed's own address) and its ids use ``localhost``; set ``site_url`` before
anyone subscribes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from ..data.model import Published
from ..pages.edition import Edition

FEED_NAME = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"


class Entry(NamedTuple):
    id: str
    title: str
    day: dt.date
    link: str
    """Site path and fragment of what the entry is about (a recommendation's update, a paragraph)."""
    summary: str
    related: tuple[str, ...] = ()
    """Evidence URLs (``rel="related"``)."""
    category: tuple[str, str] | None = None
    """(term, label): a status update's status."""


def tag_base(site_url: str, published: dt.date | Published) -> str:
    """``tag:host,date:path/``: the prefix of every id of the report's feed."""
    parts = urlsplit(site_url) if site_url else None
    host = (parts.hostname or "localhost") if parts else "localhost"
    path = (parts.path if parts else "").strip("/")
    return f"tag:{host},{published.isoformat()}:{path + '/' if path else ''}"


def entries(edition: Edition, page_path: Callable[[str], str], base: str) -> list[Entry]:
    """Every update and correction, newest first (within a day: updates in report order, then corrections)."""
    labels = edition.labels
    out: list[Entry] = []
    for rec in edition.report.recommendations:
        for item in reversed(edition.history(rec)):
            out.append(
                Entry(
                    f"{base}status/{rec.id}/{item.anchor}",
                    labels.t(
                        "feed_status_entry", recommendation=labels.rec_label(rec), status=item.status.title
                    ),
                    item.update.date,
                    f"{page_path(rec.src_uri)}#{item.anchor}",
                    item.update.note,
                    item.update.sources,
                    (item.status.id, item.status.title),
                )
            )
    seen: dict[tuple[str, dt.date], int] = {}
    for c in edition.corrections:
        n = seen[(c.src_uri, c.date)] = seen.get((c.src_uri, c.date), 0) + 1
        chapter = c.src_uri.removesuffix(".md")
        out.append(
            Entry(
                f"{base}correction/{chapter}/{c.date.isoformat()}" + (f"-{n}" if n > 1 else ""),
                labels.t("feed_correction_entry", chapter=c.chapter_title, number=c.number),
                c.date,
                f"{page_path(c.src_uri)}#{c.anchor}",
                c.note,
            )
        )
    return sorted(out, key=lambda e: e.day, reverse=True)


def _stamp(day: dt.date) -> str:
    """RFC 3339 date-time (Atom's dates): the start of the day in UTC, the report gives no time."""
    return f"{day.isoformat()}T00:00:00Z"


def document(edition: Edition, meta: dict[str, Any], site_url: str, page_path: Callable[[str], str]) -> str:
    """The feed as XML text (serialised by ElementTree: well-formed whatever the notes say)."""
    labels = edition.labels
    base = tag_base(site_url, edition.published)
    items = entries(edition, page_path, base)
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    def url(path: str) -> str:
        path = "./" + path if path.startswith("#") or not path else path  # the home page's own address
        return site_url.rstrip("/") + "/" + path.removeprefix("./") if site_url else path

    feed = ET.Element(
        f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": meta.get("language") or "en"}
    )
    sub(feed, "id", f"{base}feed")
    sub(feed, "title", labels.t("feed_title", report=meta["title"]))
    sub(feed, "subtitle", labels.t("feed_subtitle", report=meta["title"]))
    sub(feed, "updated", _stamp(max(e.day for e in items)))
    author = sub(feed, "author")
    sub(author, "name", meta["publisher"])
    sub(feed, "link", rel="self", type=MEDIA_TYPE, href=url(FEED_NAME))
    sub(feed, "link", rel="alternate", type="text/html", href=url(""))
    for item in items:
        entry = sub(feed, "entry")
        sub(entry, "id", item.id)
        sub(entry, "title", item.title)
        sub(entry, "published", _stamp(item.day))
        sub(entry, "updated", _stamp(item.day))
        sub(entry, "link", rel="alternate", type="text/html", href=url(item.link))
        for related in item.related:
            sub(entry, "link", rel="related", href=related)
        if item.category:
            sub(entry, "category", term=item.category[0], label=item.category[1])
        sub(entry, "summary", item.summary, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
