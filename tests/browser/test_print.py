"""Printing a chapter: the text, without the site's navigation chrome (report_site/assets/print.css)."""

from __future__ import annotations

from helpers import ROOT

CHROME = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-search",
    ".md-top",
    ".md-skip",
    ".md-content__button",
    ".headerlink",
]


def test_chapter_prints_text_without_navigation(open_page, site, long_chapter: str) -> None:
    page = open_page(long_chapter, media="print").page
    shown = [sel for sel in CHROME for el in page.locator(sel).all() if el.is_visible()]
    assert not shown, shown
    paragraphs = page.locator("article p:not(details.report-cite p)")  # the Cite control is screen-only
    soup = site.soup(long_chapter + "index.html")
    written = [p for p in soup.select("article p") if not p.find_parent("details", class_="report-cite")]
    assert written and paragraphs.count() == len(
        written
    )  # every paragraph of the chapter, each shown in print
    assert all(paragraphs.nth(i).is_visible() for i in range(paragraphs.count()))
    assert page.locator("article h1").is_visible()
    text = page.inner_text("article")
    first = site.soup(long_chapter + "index.html").select_one("article p[id^=p-]").get_text()
    assert " ".join(first.split())[:60] in " ".join(text.split())
    # The page is not blank after the chrome is gone: the article starts near the top.
    assert page.locator("article h1").bounding_box()["y"] < 150


def test_chapter_prints_to_pdf(open_page, long_chapter: str) -> None:
    """Chromium's own print path (Save as PDF); kept under test-artifacts/ to look at."""
    page = open_page(long_chapter, media="print").page
    out = ROOT / "test-artifacts" / "print"
    out.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(out / "chapter.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
