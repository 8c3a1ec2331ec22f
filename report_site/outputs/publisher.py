"""Wire the extra outputs to mkdocs events (the plugin delegates here, one line per event).

Per build: created in ``on_files`` once the report is loaded and indexed.
Published at the site root: ``<slug>.pdf`` (unless disabled or serving),
``<slug>.bib``, ``<slug>.ris``, ``recommendations.json``,
``recommendations.schema.json`` and ``recommendations.csv``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import permalinks
from ..chapters import Chapter, slugify
from ..model import shorten
from ..pages import INDEX_URI, Context
from . import citation, head, opendata, pdf
from .opendata import page_path

log = get_plugin_logger(__name__)

PDF_LABEL = "Download the full report (PDF)"
#: A paragraph that is only a link ("[From the Executive Summary](…)"): navigation, not a description.
_LINK_ONLY = re.compile(r"^\s*\[[^\]]*\]\([^)]*\)(\{[^}]*\})?\s*$")


class Publisher:
    def __init__(self, config: MkDocsConfig, ctx: Context, chapters: dict[str, Chapter], make_pdf: bool) -> None:
        self.config, self.ctx, self.chapters, self.make_pdf = config, ctx, chapters, make_pdf
        self.site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
        base = slugify(ctx.meta["title"]) or "report"
        self.names = {"pdf": f"{base}.pdf", "bib": f"{base}.bib", "ris": f"{base}.ris",
                      "json": opendata.JSON_NAME, "csv": opendata.CSV_NAME, "schema": opendata.SCHEMA_NAME}
        self.work = citation.Work.from_meta(ctx.meta, url=self.absolute(""))
        self.html: dict[str, str] = {}
        self.pdf_pages = 0
        self.pdf_seconds = 0.0
        ctx.outputs = {
            "names": self.names,
            "pdf": self.names["pdf"] if make_pdf else "",
            "cite": citation.formatted(self.work),
            "pdf_label": PDF_LABEL,
        }

    # --- URLs ---------------------------------------------------------------------------------

    def absolute(self, path: str) -> str:
        """``path`` (site-relative, e.g. "recommendations/x/") as a published URL, or "" without site_url."""
        return self.site_url + path if self.site_url else ""

    def _for_page(self, path: str, page: Page) -> str:
        """Absolute when possible, else relative to ``page`` (for JSON-LD, where relative URLs resolve)."""
        if self.site_url:
            return self.site_url + path
        rel = get_relative_url(path or "./", page.url or "./")
        return rel if rel.endswith("/") or not (path == "" or path.endswith("/")) else rel + "/"

    # --- events -------------------------------------------------------------------------------

    def add_files(self, files: Files) -> None:
        doc = opendata.records(self.ctx.report, self.ctx.index, self.ctx.meta, self._data_url)
        outputs = {
            self.names["json"]: opendata.to_json(doc),
            self.names["csv"]: opendata.to_csv(doc),
            self.names["schema"]: opendata.schema_text(),
            self.names["bib"]: citation.bibtex(self.work),
            self.names["ris"]: citation.ris(self.work),
        }
        if self.make_pdf:
            outputs[self.names["pdf"]] = ""  # placeholder so links validate; replaced in on_post_build
        for name, content in outputs.items():
            if files.get_file_from_path(name):
                log.warning("%s/%s is replaced by the generated %s", self.config.docs_dir, name, name)
                files.remove(files.get_file_from_path(name))  # type: ignore[arg-type]
            files.append(File.generated(self.config, name, content=content))

    def _data_url(self, path: str) -> str:
        return self.absolute(path) or path or "./"

    def nav(self, nav: Navigation) -> None:
        if self.make_pdf:
            nav.items.append(Link(PDF_LABEL, self.names["pdf"]))

    def page_content(self, html: str, page: Page) -> str:
        chapter = self.chapters.get(page.file.src_uri)
        if chapter is None or page.file.src_uri not in self.ctx.reading_order:
            return html
        self.html[page.file.src_uri] = html
        return permalinks.add(html, [b.anchor for b in chapter.blocks if b.anchor])

    def page_context(self, context: dict[str, Any], page: Page) -> None:
        src = page.file.src_uri
        is_home = page.is_homepage
        title = self.work.full_title if is_home else _plain(page.meta.get("title") or page.title or "")
        description = _plain(page.meta.get("description") or (is_home and self.ctx.meta.get("description"))
                             or self._describe(src) or (is_home and self._describe_report()) or self.config.site_description or "")
        description = " ".join(description.split())
        page.meta["description"] = escape(description)  # Material prints it unescaped
        path = page.url
        part = "" if is_home else title
        work = citation.Work.from_meta(self.ctx.meta, url=self.absolute(""), part_title=part,
                                       part_url=self.absolute(path) if part else "")
        chapters = [(self.ctx.titles.get(u) or u, self._for_page(page_path(u), page)) for u in self.ctx.reading_order] if is_home else []
        recs = [(f"Recommendation {r.shown_number}: {r.title}", self._for_page(page_path(r.src_uri), page))
                for r in self.ctx.report.recommendations] if is_home else []  # parts are listed on the home page only
        pdf_path = self.names["pdf"] if self.make_pdf else ""
        urls = {"page_abs": self.absolute(path), "pdf_abs": self.absolute(pdf_path) if pdf_path else "",
                "home": self._for_page("", page), "page": self._for_page(path, page),
                "pdf": self._for_page(pdf_path, page) if pdf_path else "", "chapters": chapters, "recommendations": recs}
        context["report_head"] = head.page_head(self.work, site_name=self.config.site_name, title=title,
                                                description=description, is_home=is_home, urls=urls)
        context["report_cite"] = {
            "part": bool(part),
            "title": title,
            "styles": citation.formatted(work),
            "downloads": [(label, get_relative_url(self.names[key], page.url or "."))
                          for key, label in (("bib", "BibTeX"), ("ris", "RIS"))],
            "pdf": get_relative_url(pdf_path, page.url or ".") if pdf_path else "",
        }

    def _describe(self, src_uri: str) -> str:
        """A chapter's description: its first paragraph of prose (never a line that is only a link), shortened."""
        chapter = self.chapters.get(src_uri)
        if chapter is None:
            return ""
        first = next((b.text for b in chapter.blocks
                      if b.kind == "paragraph" and b.text and not _LINK_ONLY.match(" ".join(b.lines))), "")
        return shorten(first, 200)

    def _describe_report(self) -> str:
        """The landing page's default description: the report's own first paragraph."""
        return next((d for u in self.ctx.reading_order if u != "index.md" and (d := self._describe(u))), "")

    def post_build(self) -> None:
        if not self.make_pdf:
            return
        started = time.perf_counter()
        chapters = [pdf.Chapter(u, self.ctx.titles.get(u) or u, self.html[u]) for u in self.ctx.reading_order if u in self.html]
        apa = citation.to_text(citation.apa(self.work))
        html = pdf.document(self.ctx.meta, chapters, self.ctx.report, self.ctx.index, apa, self.absolute(""))
        target = Path(self.config.site_dir) / self.names["pdf"]
        try:
            self.pdf_pages = pdf.write(html, target, base_url=str(self.config.site_dir))
        except (ImportError, OSError) as exc:  # WeasyPrint missing, or Pango not installed
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise PluginError(f"{self.names['pdf']}: WeasyPrint cannot render the PDF ({first}); install Pango "
                              "(apt-get install libpango-1.0-0 libpangoft2-1.0-0) or build with --no-pdf") from None
        self.pdf_seconds = time.perf_counter() - started
        log.info("PDF: %s", self.describe_pdf())

    def describe_pdf(self) -> str:
        return f"{self.names['pdf']}, {self.pdf_pages} pages in {self.pdf_seconds:.1f} s" if self.pdf_pages else ""


def _plain(value: Any) -> str:
    """Front-matter text as characters: the plugin hands it to the theme as escaped ``Markup``."""
    return value.unescape() if isinstance(value, Markup) else str(value)
