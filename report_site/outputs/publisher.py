"""Wire the extra outputs to mkdocs events (the plugin delegates here, one line per event).

Per build: created in ``on_files`` once the report is loaded and indexed.
Published at the site root: ``<slug>.pdf`` (unless disabled or serving),
``<slug>.bib``, ``<slug>.ris``, ``recommendations.json``,
``recommendations.schema.json``, ``recommendations.csv`` and, when the report has status
updates or corrections, ``feed.xml``.
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

from .. import errors
from ..chapters.scanner import Chapter
from ..config import cache_folder
from ..data import language
from ..data.model import shorten
from ..pages.generate import INDEX_URI, Context
from ..pages.render import page_url
from . import cards as social
from . import citation, feed, fonts, head, opendata, reader, tables

log = get_plugin_logger(__name__)
#: The plugin's own logger: its located warnings are the report's, which do not fail a build (buildlog.py).
notice = get_plugin_logger("report_site.plugin")

#: Citation style (``citation.STYLES``, ``citation.in_text``) → the end of its label key.
STYLE_KEYS = {
    "APA": "apa",
    "Chicago": "chicago_note",
    "Chicago bibliography": "chicago_bibliography",
    "MLA": "mla",
}


class Publisher:
    def __init__(
        self,
        config: MkDocsConfig,
        ctx: Context,
        chapters: dict[str, Chapter],
        make_pdf: bool,
        cards: bool = False,
    ) -> None:
        self.config, self.ctx, self.chapters = config, ctx, chapters
        self.language = ctx.meta.get("language") or "en"
        self.make_pdf = make_pdf and self._printable()
        self.site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
        base = download_slug(ctx.meta)
        self.names = {
            "pdf": f"{base}.pdf",
            "bib": f"{base}.bib",
            "ris": f"{base}.ris",
            "json": opendata.JSON_NAME,
            "csv": opendata.CSV_NAME,
            "schema": opendata.SCHEMA_NAME,
            "feed": feed.FEED_NAME,
        }
        self.edition = ctx.living
        self.has_feed = bool(self.edition.has_status or self.edition.corrections)
        self.work = citation.Work.from_meta(
            ctx.meta, url=self.absolute(""), corrected=self.edition.last_correction
        )
        self.html: dict[str, str] = {}
        self._paths: dict[str, str] = {}
        self.pdf_pages = 0
        self.pdf_seconds = 0.0
        self.card_painter = social.Painter(cache_folder(config) / "cards") if cards else None
        self.cards: dict[str, tuple[str, str]] = {}  # src_uri -> (site path of its card, alt text)
        self.labels = ctx.labels
        self.previews = reader.Previews(ctx.report, ctx.index, ctx.titles, self.page_path, self.labels)
        self.page_previews: dict[str, dict[str, Any]] = {}
        ctx.outputs = {
            "names": self.names,
            "pdf": self.names["pdf"] if self.make_pdf else "",
            "cite": self._styles(citation.formatted(self.work)),
            "pdf_label": self.labels.t("download_pdf"),
        }

    # --- fonts ------------------------------------------------------------------------------

    def _printable(self) -> bool:
        """Whether the PDF can show every script of the report; if not, it is left out with a warning (empty
        boxes in a PDF are worse than none)."""
        meta = self.ctx.meta
        text = " ".join(
            [meta["title"], meta.get("subtitle") or "", meta["byline"], meta["publisher"]]
            + [
                " ".join([c.title, *(p.text for p in c.paragraphs)])
                for u in self.ctx.reading_order
                if (c := self.chapters.get(u))
            ]
            + [r.title for r in self.ctx.report.recommendations]
        )
        gaps = fonts.missing(text, None, self.language)
        if gaps:
            notice.warning(
                f"{self._where(next(iter(gaps.values())))}: the PDF is left out: no installed font draws "
                + fonts.advice(gaps)
            )
        return not gaps

    def _where(self, char: str) -> str:
        """``path:line:col`` of the first use of ``char`` in the chapters, the data or mkdocs.yml."""
        docs = Path(self.config.docs_dir)
        config_file = Path(self.config.config_file_path or "mkdocs.yml")
        sources = [docs / u for u in self.ctx.reading_order] + [Path(self.ctx.report.path), config_file]
        for path in sources:
            try:
                lines = errors.split_lines(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(lines, 1):
                if char in line:
                    return f"{errors.shown(path)}:{number}:{line.index(char) + 1}"
        return f"{errors.shown(config_file)}:1:1"

    # --- URLs ---------------------------------------------------------------------------------

    def absolute(self, path: str) -> str:
        """``path`` (site-relative, e.g. "recommendations/x/") as a published URL, or "" without site_url."""
        return self.site_url + path if self.site_url else ""

    def page_path(self, src_uri: str) -> str:
        """The site path mkdocs publishes ``src_uri`` at (``File.url``; asked for every link of every page, so kept)."""
        if src_uri not in self._paths:
            self._paths[src_uri] = page_url(self.config, src_uri)
        return self._paths[src_uri]

    def _for_page(self, path: str, page: Page) -> str:
        """Absolute when possible, else relative to ``page`` (for JSON-LD, where relative URLs resolve)."""
        if self.site_url:
            return self.site_url + path
        rel = get_relative_url(path or "./", page.url or "./")
        return rel if rel.endswith("/") or not (path == "" or path.endswith("/")) else rel + "/"

    # --- events -------------------------------------------------------------------------------

    def add_files(self, files: Files) -> None:
        doc = opendata.records(
            self.ctx.report, self.ctx.index, self.ctx.meta, self._data_url, self.page_path, self.edition
        )
        outputs = {
            self.names["json"]: opendata.to_json(doc),
            self.names["csv"]: opendata.to_csv(doc),
            self.names["schema"]: opendata.schema_text(),
            self.names["bib"]: citation.bibtex(self.work),
            self.names["ris"]: citation.ris(self.work),
        }
        if self.has_feed:
            outputs[self.names["feed"]] = feed.document(
                self.edition, self.ctx.meta, self.site_url, self.page_path
            )
        outputs.update(tables.files(self.chapters, self.ctx.index.numbers))
        if self.make_pdf:
            outputs[self.names["pdf"]] = ""  # placeholder so links validate; replaced in on_post_build
        for name, content in outputs.items():
            files.append(File.generated(self.config, name, content=content))
        if self.card_painter:
            self._add_cards(files)

    def _add_cards(self, files: Files) -> None:
        """One card for the report (home page, chapters, recommendations index: its title and
        authors) and one per recommendation (its number and title)."""
        work = self.work
        byline = language.byline(work.authors, self.ctx.meta.get("language", "en"))
        site = self.site_url.split("://", 1)[-1].rstrip("/") if self.site_url else self.config.site_name
        report = social.Card(
            "", work.full_title, f"{byline} · {work.publisher} · {work.published.year}", site, self.language
        )
        made = {social.REPORT_CARD: report}
        for u in [*self.ctx.titles, INDEX_URI]:
            self.cards[u] = (
                social.REPORT_CARD,
                self.labels.t("work_by", title=work.full_title, byline=byline),
            )
        for r in self.ctx.report.recommendations:
            card = social.Card(
                self.labels.t("recommendation_number", number=r.shown_number),
                r.title,
                f"{self.ctx.meta['title']} · {byline}",
                site,
                self.language,
            )
            made[social.card_path(r.src_uri)] = card
            self.cards[r.src_uri] = (social.card_path(r.src_uri), f"{card.kicker}: {r.title}")
        assert self.card_painter is not None
        gaps: dict[str, str] = {}
        for path, card in list(made.items()):
            if missing := social.unprintable(card):  # boxes in a link preview are worse than no image
                gaps |= missing
                del made[path]
        if gaps:
            left_out = [u for u, (path, _) in self.cards.items() if path not in made]
            self.cards = {u: c for u, c in self.cards.items() if c[0] in made}
            notice.warning(
                f"{self._where(next(iter(gaps.values())))}: the social cards of {len(left_out)} page(s) are "
                "left out: no installed font draws " + fonts.advice(gaps)
            )
        for path, card in made.items():
            files.append(File.generated(self.config, path, content=self.card_painter.png(card)))
        log.debug("social cards: %d drawn, %d from cache", self.card_painter.drawn, self.card_painter.cached)

    def describe_files(self) -> dict[str, str]:
        """Site path → what each generated download is, for messages about its address."""
        names = self.names
        out = {
            names["json"]: f"the generated open data ({names['json']})",
            names["csv"]: f"the generated open data ({names['csv']})",
            names["schema"]: f"the generated JSON Schema ({names['schema']})",
            names["bib"]: f"the generated BibTeX citation ({names['bib']})",
            names["ris"]: f"the generated RIS citation ({names['ris']})",
            names["pdf"]: f"the generated PDF ({names['pdf']})",
        }  # reserved even when a build skips the PDF
        if self.has_feed:
            out[names["feed"]] = (
                f"the generated Atom feed of status updates and corrections ({names['feed']})"
            )
        for path in tables.published(self.chapters, self.ctx.index.numbers):
            out[path] = f"a table of the report as CSV ({path})"
        return out

    def _data_url(self, path: str) -> str:
        return self.absolute(path) or path or "./"

    def nav(self, nav: Navigation) -> None:
        if self.make_pdf:
            nav.items.append(Link(self.labels.t("download_pdf"), self.names["pdf"]))

    def page_content(self, html: str, page: Page) -> str:
        self.page_previews[page.file.src_uri] = self.previews.for_page(html, page.url)
        chapter = self.chapters.get(page.file.src_uri)
        if chapter is None or page.file.src_uri not in self.ctx.reading_order:
            return html
        self.html[page.file.src_uri] = html
        return html

    def page_context(self, context: dict[str, Any], page: Page) -> None:
        src = page.file.src_uri
        is_home = page.is_homepage
        title = self.work.full_title if is_home else _plain(page.meta.get("title") or page.title or "")
        description = _plain(
            page.meta.get("description")
            or (is_home and self.ctx.meta.get("description"))
            or (is_home and self._describe_report())
            or self._describe(src)
            or self.config.site_description
            or ""
        )
        description = " ".join(description.split())
        page.meta["description"] = escape(description)  # Material prints it unescaped
        path = page.url
        rec = next((r for r in self.ctx.report.recommendations if r.src_uri == src), None)
        # a recommendation is cited by its whole title (its page title and nav entry may be shortened)
        part = (
            ""
            if is_home
            else self.labels.t("recommendation_title", number=rec.shown_number, title=rec.title)
            if rec
            else title
        )
        work = citation.Work.from_meta(
            self.ctx.meta,
            url=self.absolute(""),
            part_title=part,
            part_url=self.absolute(path) if part else "",
            corrected=self.edition.last_correction,
        )
        chapters = (
            [
                (self.ctx.titles.get(u) or u, self._for_page(self.page_path(u), page))
                for u in self.ctx.reading_order
            ]
            if is_home
            else []
        )
        recs = (
            [
                (
                    self.labels.t("recommendation_title", number=r.shown_number, title=r.title),
                    self._for_page(self.page_path(r.src_uri), page),
                )
                for r in self.ctx.report.recommendations
            ]
            if is_home
            else []
        )  # parts are listed on the home page only
        pdf_path = self.names["pdf"] if self.make_pdf else ""
        urls = {
            "page_abs": self.absolute(path),
            "pdf_abs": self.absolute(pdf_path) if pdf_path else "",
            "home": self._for_page("", page),
            "page": self._for_page(path, page),
            "pdf": self._for_page(pdf_path, page) if pdf_path else "",
            "chapters": chapters,
            "recommendations": recs,
            "feed": {
                "href": self.absolute(self.names["feed"])
                or get_relative_url(self.names["feed"], path or "."),
                "title": self.labels.t("feed_title", report=self.ctx.meta["title"]),
            }
            if self.has_feed
            else None,
        }
        corrections = self.edition.corrections if is_home else self.edition.corrections_of(src)
        context["report_head"] = head.page_head(
            self.work,
            site_name=self.config.site_name,
            title=title,
            description=description,
            is_home=is_home,
            urls=urls,
            modified=self.ctx.page_dates(src).latest,
            corrections=[
                head.correction_comment(
                    c.note, c.date, self._for_page(self.page_path(c.src_uri), page) + "#" + c.anchor
                )
                for c in corrections
            ],
        )
        self._reader_tools(context, page, title, src)
        context["report_cite"] = {
            "part": bool(part),
            "title": title,
            "styles": self._styles(citation.formatted(work)),
            "downloads": [
                (label, get_relative_url(self.names[key], page.url or "."))
                for key, label in (("bib", "BibTeX"), ("ris", "RIS"))
            ],
            "pdf": get_relative_url(pdf_path, page.url or ".") if pdf_path else "",
        }

    def _reader_tools(self, context: dict[str, Any], page: Page, title: str, src: str) -> None:
        """The social card's head tags and the inline data of the reader tools (reader.js)."""
        if src in self.cards:
            path, alt = self.cards[src]
            url = self.absolute(path) or get_relative_url(path, page.url or ".")
            og, tw = social.head_tags(url, alt)
            head_ = context["report_head"]
            head_["og"] = head_["og"] + og
            head_["twitter"] = [
                (k, "summary_large_image" if k == "twitter:card" else v) for k, v in head_["twitter"]
            ] + tw
        data: dict[str, Any] = {"previews": self.page_previews.get(src, {})}
        if src in self.ctx.reading_order and src in self.chapters:
            data["quote"] = reader.quote_data(
                title, self.absolute(page.url), self._styles(citation.in_text(self.work), "in_text_")
            )
        if (data["previews"] or "quote" in data) and (words := self.labels.script()):
            data["labels"] = words  # only where they differ from reader.js's own English
        context["report_reader"] = data if data["previews"] or "quote" in data else None

    def _styles(self, styles: list[dict[str, Any]], prefix: str = "style_") -> list[dict[str, Any]]:
        """Citation styles named in the report's language: label key ``style_apa``, ``in_text_mla``, …"""
        return [{**s, "label": self.labels.t(prefix + STYLE_KEYS.get(s["key"], s["key"]))} for s in styles]

    def _describe(self, src_uri: str) -> str:
        """A chapter's description: its first paragraph of prose, shortened."""
        chapter = self.chapters.get(src_uri)
        if chapter is None:
            return ""
        first = next((p.text for p in chapter.paragraphs if p.element == "p"), "")
        return shorten(first, 200)

    def _describe_report(self) -> str:
        """The landing page's default description: the report's own first paragraph."""
        return next((d for u in self.ctx.reading_order if u != "index.md" and (d := self._describe(u))), "")

    def post_build(self) -> None:
        if not self.make_pdf:
            return
        from . import pdf  # only builds that make the PDF load its module (and, through it, WeasyPrint)

        started = time.perf_counter()
        chapters = [
            pdf.Chapter(u, self.ctx.titles.get(u) or u, self.html[u])
            for u in self.ctx.reading_order
            if u in self.html
        ]
        apa = citation.to_text(citation.apa(self.work))
        html = pdf.document(
            self.ctx.meta,
            chapters,
            self.ctx.report,
            self.ctx.index,
            apa,
            self.absolute(""),
            self.page_path,
            self.labels,
            self.edition,
            notes_elsewhere=any(c.endnotes for c in self.chapters.values()),
        )
        target = Path(self.config.site_dir) / self.names["pdf"]
        try:
            self.pdf_pages = pdf.write(html, target, base_url=str(self.config.site_dir))
        except pdf.Unavailable as exc:  # WeasyPrint missing, or Pango not installed
            raise PluginError(
                f"{self.names['pdf']}: WeasyPrint cannot render the PDF ({exc}); install Pango "
                "(apt-get install libpango-1.0-0 libpangoft2-1.0-0) or build with --no-pdf"
            ) from None
        except OSError as exc:  # the disk filled up, or the folder is not writable
            raise PluginError(pdf_write_failure(self.names["pdf"], exc)) from None
        self.pdf_seconds = time.perf_counter() - started
        log.info("PDF: %s", self.describe_pdf())

    def describe_pdf(self) -> str:
        return (
            f"{self.names['pdf']}, {self.pdf_pages} pages in {self.pdf_seconds:.1f} s"
            if self.pdf_pages
            else ""
        )


#: What a configured ``metadata.slug`` must look like (the data ids' rule).
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def download_slug(meta: dict[str, Any], longest: int = 60) -> str:
    """The downloads' base name: ``metadata.slug``, else the title in ASCII ("Économie" → "economie").

    Accents are dropped by Unicode decomposition; a title with no Latin letters at all
    (or an empty one) gives "report", never a placeholder such as "paragraph".
    """
    if meta.get("slug"):
        return str(meta["slug"])
    words = language.ascii_words(str(meta.get("title") or ""))
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > longest and out:
            break
        out = f"{out}-{word}" if out else word[:longest]
    return out or "report"


def pdf_write_failure(name: str, exc: OSError) -> str:
    return f"{name}: cannot write the PDF: {errors.write_failure(exc)} (or build with --no-pdf)"


def _plain(value: Any) -> str:
    """Front-matter text as characters: the plugin hands it to the theme as escaped ``Markup``."""
    return value.unescape() if isinstance(value, Markup) else str(value)
