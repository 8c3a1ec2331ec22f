"""Phones: key pages readable at 375 px (sideways overflow and screenshots: test_every_page.py)."""

from __future__ import annotations

import pytest

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("kind", ["landing", "chapter", "recommendation", "recommendations-index"])
def test_key_pages_are_readable_on_a_phone(open_page, facts, site_pages: list[str], kind: str) -> None:
    """Body text at least 16 px, the text column using most of the screen."""
    page = open_page(facts.page_types(site_pages)[kind], **PHONE).page
    metrics = page.evaluate("""() => {
      const p = document.querySelector('article p:not(details.report-cite p)');
      const a = document.querySelector('article').getBoundingClientRect();
      return {font: parseFloat(getComputedStyle(p).fontSize), column: a.width,
              h1: document.querySelector('article h1').getBoundingClientRect().width};
    }""")
    assert metrics["font"] >= 16, metrics
    assert metrics["column"] >= 0.85 * PHONE["width"], metrics
    assert 0 < metrics["h1"] <= PHONE["width"], metrics
