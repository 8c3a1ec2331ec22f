"""Phones: at 375 px nothing scrolls sideways; screenshots of key pages in both palettes."""

from __future__ import annotations

import pytest

from helpers import ROOT

ARTIFACTS = ROOT / "test-artifacts"  # git-ignored; same folder as conftest.ARTIFACTS

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# Elements wider than the screen: the page itself, or content clipped by a container
# (Material hides overflow, so a too-wide element would be cut off rather than scroll).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const page = document.documentElement.scrollWidth > width;
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const clipped = [...document.querySelectorAll('.md-content *')].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > width + 1 || r.left < -1) && !scrolls(e); })
    .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40));
  return {page, scrollWidth: document.documentElement.scrollWidth, width, clipped: clipped.slice(0, 5)};
}"""


def test_no_page_scrolls_horizontally_on_a_phone(open_page, site_pages: list[str]) -> None:
    wide = {}
    for path in site_pages:
        page = open_page(path, **PHONE).page
        state = page.evaluate(OVERFLOW)
        if state["page"] or state["clipped"]:
            wide[path or "/"] = state
        page.context.close()
    assert not wide, wide


@pytest.mark.parametrize("path", ["", "recommendations/trilateral-cooperation/", "recommendations/"])
def test_key_pages_are_readable_on_a_phone(open_page, path: str) -> None:
    """Body text at least 16 px, the text column using most of the screen."""
    page = open_page(path, **PHONE).page
    metrics = page.evaluate("""() => {
      const p = document.querySelector('article p:not(details.report-cite p)');
      const a = document.querySelector('article').getBoundingClientRect();
      return {font: parseFloat(getComputedStyle(p).fontSize), column: a.width,
              h1: document.querySelector('article h1').getBoundingClientRect().width};
    }""")
    assert metrics["font"] >= 16, metrics
    assert metrics["column"] >= 0.85 * PHONE["width"], metrics
    assert 0 < metrics["h1"] <= PHONE["width"], metrics


SHOTS = {"landing": "", "chapter": "introduction/", "recommendation": "recommendations/trilateral-cooperation/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_screenshots(open_page, device: str, scheme: str) -> None:
    """Artifacts for people to look at (test-artifacts/screenshots/, git-ignored)."""
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    size = PHONE if device == "mobile" else DESKTOP
    for name, path in SHOTS.items():
        page = open_page(path, scheme=scheme, **size).page
        target = out / f"{name}-{device}-{scheme}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, target
        page.context.close()
