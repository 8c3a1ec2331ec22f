"""Notes, figures, tables and boxes in Chromium (tests/fixtures/notes-report), and headings on phones.

Every page of the fixture is axe-clean in both palettes on a desktop and a phone; markers preview their
note on hover and on keyboard focus; a quotation never carries marker digits; no heading, button or
navigation word breaks inside a word at 320 or 390 px, on the fixture or on the published report.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import WCAG_TAGS, Tab, describe, visit_page
from helpers import Built

from report_site.checks.site import all_pages
from report_site.commands.preview import PreviewServer

#: A word of a heading, button, cover or navigation label that lies on more than one line.
BROKEN_WORDS = """() => {
  const out = [];
  const sel = 'article h1, article h2, article h3, .md-button, summary, .report-cover *, .md-nav__link, .md-header__topic';
  for (const el of document.querySelectorAll(sel)) {
    if (!el.getClientRects().length) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\\s\\u002D\\u2010-\\u2015\\/]{2,}/g; let m;  // a break after a hyphen or dash is fine
      while ((m = re.exec(node.data))) {
        const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (tops.size > 1) out.push(el.tagName + ': ' + m[0]);
      }
    }
  }
  return [...new Set(out)];
}"""


@pytest.fixture(scope="session")
def notes_url(notes_site: Built) -> Iterator[str]:
    with PreviewServer(notes_site.site) as server:
        yield server.url


@pytest.fixture(scope="session")
def gao_url(gao_site: Built) -> Iterator[str]:
    with PreviewServer(gao_site.site) as server:
        yield server.url


def _axe_every_page(browser, base: str, pages: list[str], axe_source: str, width: int, scheme: str) -> None:
    """axe's WCAG rules, no sideways scrolling and no third-party request, page after page in one tab."""
    tab = Tab(browser, width=width, height=800, scheme=scheme)
    try:
        tab.page.add_init_script(script=axe_source)
        for path in pages:
            visit = tab.visit(base + path)
            violations = visit.page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
                WCAG_TAGS,
            )
            assert not violations, f"{path} {width} {scheme}: {describe(violations)}"
            assert visit.page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ), f"{path} scrolls sideways at {width} px"
            assert not visit.foreign(), visit.foreign()
    finally:
        tab.close()


@pytest.mark.parametrize("width, scheme", [(1280, "light"), (390, "dark")])
def test_every_page_of_a_report_with_notes_figures_and_tables_is_axe_clean(
    browser, notes_site: Built, notes_url: str, axe_source: str, width: int, scheme: str
) -> None:
    _axe_every_page(browser, notes_url, all_pages(notes_site.site), axe_source, width, scheme)


@pytest.mark.parametrize("width, scheme", [(1280, "dark"), (390, "light")])
def test_every_page_of_the_real_gao_report_is_axe_clean(
    browser, gao_site: Built, gao_url: str, axe_source: str, width: int, scheme: str
) -> None:
    _axe_every_page(browser, gao_url, all_pages(gao_site.site), axe_source, width, scheme)


def test_a_marker_previews_its_note_on_hover_and_on_focus(browser, notes_url: str) -> None:
    visit = visit_page(browser, notes_url + "findings/")
    page = visit.page
    try:
        marker = page.locator("a.footnote-ref[href='#fn-smith']")
        marker.hover()
        tip = page.locator("#report-preview")
        tip.wait_for(state="visible", timeout=3000)
        assert "Note 4" in tip.inner_text() and "Smith, Test Methods (2022)." in tip.inner_text()
        assert marker.get_attribute("aria-describedby") == "report-preview"
        page.keyboard.press("Escape")
        tip.wait_for(state="hidden", timeout=3000)
        page.mouse.move(0, 0)
        page.locator("a.footnote-ref[href='#fn-1']").first.focus()
        tip.wait_for(state="visible", timeout=3000)
        assert "Test note one" in tip.inner_text() and "A second paragraph of note one." in tip.inner_text()
        assert "↩" not in tip.inner_text()
    finally:
        page.context.close()


def test_a_copied_quotation_leaves_the_note_markers_out(browser, notes_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], service_workers="block")
    try:
        page = context.new_page()
        page.goto(notes_url + "findings/", wait_until="networkidle")
        paragraph = page.locator("#p-farms-used-most-of-the-water")
        paragraph.hover()
        paragraph.locator("button.report-copy").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(
            "“Farms used most of the water drawn in the test year. The figures come from meter readings”"
        )
    finally:
        context.close()


def test_a_following_marker_link_lands_on_the_note_and_back(browser, notes_url: str) -> None:
    visit = visit_page(browser, notes_url + "findings/")
    page = visit.page
    try:
        page.locator("a.footnote-ref[href='#fn-2']").click()
        assert page.evaluate("location.hash") == "#fn-2"
        assert page.evaluate("document.getElementById('fn-2').getBoundingClientRect().top < innerHeight")
        page.locator("#fn-2 a.footnote-backref").click()
        assert page.evaluate("location.hash") == "#fnref-2"
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_no_word_breaks_inside_a_heading_button_or_nav_on_a_phone(
    browser, site_url: str, site_pages: list[str], gao_site: Built, gao_url: str, width: int
) -> None:
    broken = {}
    for base, pages in ((site_url, site_pages), (gao_url, all_pages(gao_site.site))):
        tab = Tab(browser, width=width, height=740)
        try:
            for path in pages:
                if found := tab.visit(base + path).page.evaluate(BROKEN_WORDS):
                    broken[base + path] = found
        finally:
            tab.close()
    assert not broken, broken
