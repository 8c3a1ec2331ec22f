"""In Chromium, a living report (the fixture with status updates and corrections, test data): its new
pages pass axe in both colour schemes, fit a phone, say each status in words, and a corrected
paragraph's note stays out of the quotation copy-a-quote puts on the clipboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ARTIFACTS, describe, visit_page
from helpers import Built

from report_site.checks.browser import OVERFLOW, SCHEMES, VIEWPORTS
from report_site.commands.preview import PreviewServer

PAGES = {
    "landing": "",
    "status": "recommendations/status/",
    "history": "recommendations/save-water/",
    "corrected": "one/",
    "corrections": "corrections/",
}
SHOTS = ARTIFACTS / "living"


@pytest.fixture(scope="module")
def living_url(living_pdf: Built) -> Iterator[str]:
    """The fixture as built without a site_url, as a local preview is (Material would fetch the absolute
    address of a published build's sitemap)."""
    with PreviewServer(living_pdf.site) as server:
        yield server.url


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_new_pages_pass_axe_and_fit_the_screen(
    browser, axe, living_url: str, scheme: str, viewport: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        visit = visit_page(browser, living_url + path, scheme=scheme, **VIEWPORTS[viewport])
        try:
            page = visit.page
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
            violations = axe(page)
            assert not violations, f"{name}: {describe(violations)}"
            overflow = page.evaluate(OVERFLOW)
            assert not overflow["page"] and not overflow["clipped"], (name, overflow)
            assert not visit.foreign() and not visit.failed, (name, visit.foreign(), visit.failed)
            page.screenshot(path=str(SHOTS / f"{name}-{scheme}-{viewport}.png"), full_page=True)
        finally:
            visit.page.context.close()


def test_a_status_reads_in_words_without_colour(browser, living_url: str) -> None:
    visit = visit_page(browser, living_url + PAGES["history"])
    try:
        page = visit.page
        current = page.locator(".report-status-current").inner_text()
        assert "Current status: Implemented, as of 15 September 2024" in " ".join(current.split())
        page.emulate_media(forced_colors="active")  # colours gone: the words remain
        assert page.locator(".report-status-current strong").inner_text() == "Implemented"
    finally:
        visit.page.context.close()


def test_copying_a_corrected_paragraph_leaves_the_correction_out(browser, living_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], service_workers="block")
    try:
        page = context.new_page()
        page.goto(living_url + PAGES["corrected"], wait_until="networkidle")
        para = page.locator("#p-dry-years-are-getting-longer")
        note = page.locator("p.report-correction")
        assert note.is_visible() and "Corrected on 10 February 2024" in note.inner_text()
        para.hover()
        para.locator("button.report-copy").click()
        page.wait_for_function("document.querySelector('.report-copy-status').textContent.includes('Copied')")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert (
            "Dry years are getting longer" in copied
            and "Corrected" not in copied
            and "Test fixture" not in copied
        )
    finally:
        context.close()
