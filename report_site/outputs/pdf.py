"""The full report as one tagged PDF, rendered by WeasyPrint from the pages' own HTML.

The chapters are the HTML mkdocs rendered from the Markdown (collected in
``on_page_content``), so the PDF says exactly what the site says. Each chapter's
ids are prefixed to stay unique in one document, links between pages become
links inside the PDF (with page numbers), and site-only furniture (heading and
paragraph permalinks) is dropped. Pull quotes stay: they are set in print too. ``templates/pdf/report.html.j2`` lays out the cover,
contents, chapters and recommendations, and (when the report records them) the implementation
status and the corrections; ``templates/pdf/print.css`` sets pages,
running heads, page numbers and bookmarks. Output is PDF/UA-1 (tagged), with
title, authors and language in the document metadata.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from markupsafe import Markup

from ..chapters.references import Index
from ..data.labels import Labels
from ..data.language import long_date
from ..data.model import Report
from ..pages.edition import Edition

#: Elements that only make sense on the web page.
DROP = ("a.headerlink", "a.report-permalink")


@dataclass
class Chapter:
    src_uri: str
    title: str
    html: str


def chapter_id(n: int) -> str:
    return f"c{n}"


def link_map(chapters: list[Chapter], report: Report, page_path: Callable[[str], str]) -> dict[str, str]:
    """Site path of every page that is in the PDF → its id in the PDF."""
    out = {_site_path(page_path(c.src_uri)): chapter_id(i) for i, c in enumerate(chapters, 1)}
    out.update({_site_path(page_path(r.src_uri)): f"rec-{r.id}" for r in report.recommendations})
    return out


def _site_path(path: str) -> str:
    """A page's site path with any ``index.html`` left out (a link may name it or not)."""
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def prepare(chapter: Chapter, n: int, targets: dict[str, str], here: str) -> str:
    """A chapter's HTML with ids prefixed and site links turned into in-document links."""
    from bs4 import BeautifulSoup  # imported here, like WeasyPrint: only builds that make the PDF pay for it

    soup = BeautifulSoup(chapter.html, "html.parser")
    for selector in DROP:
        for el in soup.select(selector):
            el.decompose()
    _footnotes(soup)
    for img in soup.find_all("img", src=True):  # relative to the site's root, the document's base URL
        src = str(img["src"])
        if not (urlsplit(src).scheme or urlsplit(src).netloc):
            img["src"] = urlsplit(urljoin("http://site/" + here, src)).path.lstrip("/")
        img.attrs.pop("loading", None)
    prefix = chapter_id(n) + "-"
    for el in soup.find_all(id=True):
        el["id"] = prefix + str(el["id"])
    for a in soup.find_all("a", href=True):
        href = str(a["href"])
        if href.startswith("#"):
            a["href"] = "#" + prefix + href[1:]
            continue
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        target = urlsplit(urljoin("http://site/" + here, href))
        path = _site_path(target.path.lstrip("/"))
        if path in targets:
            base = targets[path]
            a["href"] = "#" + (
                f"{base}-{target.fragment}" if target.fragment and base.startswith("c") else base
            )
        else:
            a.unwrap()
    return str(soup)


def _footnotes(soup: Any) -> None:
    """Notes with their text become footnotes at the foot of the page (WeasyPrint's ``float: footnote``):
    each note's text moves to its first marker, whose number the footnote call shows (the report's,
    not a counter); a later marker of the same note links to it. The Notes section then goes."""
    section = soup.select_one("section.report-notes")
    if section is None:
        return
    first_marker: dict[str, Any] = {}
    for a in soup.select("a.footnote-ref"):
        first_marker.setdefault(str(a.get("href")), a)
    for li in section.select("ol > li[id]"):
        marker = first_marker.get(f"#{li['id']}")
        if marker is None:
            continue
        note = soup.new_tag(
            "span", attrs={"class": "pdf-footnote", "id": li["id"], "data-n": li.get("data-note", "")}
        )
        for backref in li.select(".footnote-backref"):
            backref.decompose()
        for block in li.find_all(["p", "ul", "ol", "blockquote"], recursive=False):
            block.name, block.attrs = "span", {"class": "pdf-footnote__para"}
            note.append(block)
        (marker.find_parent("sup") or marker).replace_with(note)
    section.decompose()


def document(
    meta: dict[str, Any],
    chapters: list[Chapter],
    report: Report,
    index: Index,
    citation: str,
    web_url: str,
    page_path: Callable[[str], str],
    labels: Labels | None = None,
    edition: Edition | None = None,
    notes_elsewhere: bool = True,
) -> str:
    """The whole report as one HTML document for WeasyPrint (``notes_elsewhere``: the report cites
    endnotes whose text is not on the site, and the imprint says so)."""
    labels = labels or Labels(meta.get("language", "en"))
    edition = edition or Edition(report, meta["published"], list(index.corrections), labels=labels)
    targets = link_map(chapters, report, page_path)
    numbered = {c.src_uri: i for i, c in enumerate(chapters, 1)}
    body = [
        (chapter_id(i), c.title, prepare(c, i, targets, page_path(c.src_uri)))
        for i, c in enumerate(chapters, 1)
    ]
    recs = []
    for rec in report.recommendations:
        passages = [
            (p, f"#{chapter_id(numbered[p.src_uri])}-{p.anchor}" if p.src_uri in numbered else "")
            for p in index.for_recommendation(rec.id)
        ]
        recs.append((rec, [report.area(a).title for a in rec.focus_areas], passages))
    corrections = [
        (c, f"#{chapter_id(numbered[c.src_uri])}-{c.anchor}" if c.src_uri in numbered else "")
        for c in edition.newest_first
    ]
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("report_site", "templates/pdf"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    return env.get_template("report.html.j2").render(
        meta=meta,
        chapters=body,
        recommendations=recs,
        citation=citation,
        web_url=web_url,
        web_link=Markup('<a href="{0}">{0}</a>').format(web_url),
        markup=Markup,
        L=labels,
        css_string=css_string,
        edition=edition,
        corrections=corrections,
        notes_elsewhere=notes_elsewhere,
    )


def css_string(text: str) -> Markup:
    """Text inside a CSS string in a <style> element: quotes, backslashes and "<" escaped as CSS escapes."""
    return Markup("".join(f"\\{ord(ch):x} " if ch in '"\\<>&\n' else ch for ch in text))


def stylesheet() -> str:
    return resources.files("report_site").joinpath("templates", "pdf", "print.css").read_text("utf-8")


class Unavailable(Exception):
    """WeasyPrint or the libraries it loads (Pango) cannot be imported on this machine."""


def write(html: str, target: Path, base_url: str | None = None) -> int:
    """Render ``html`` to ``target`` as tagged PDF/UA-1; returns the page count.

    A missing WeasyPrint or Pango raises ``Unavailable``; a failed write (disk full)
    stays an ``OSError``, so neither is mistaken for the other."""
    try:
        import weasyprint  # imported here: only builds that make the PDF pay for it
    except (ImportError, OSError) as exc:
        raise Unavailable(
            str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        ) from None

    doc = weasyprint.HTML(string=html, base_url=base_url).render(
        stylesheets=[weasyprint.CSS(string=stylesheet())], pdf_variant="pdf/ua-1"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.write_pdf(target, pdf_variant="pdf/ua-1")
    return len(doc.pages)
