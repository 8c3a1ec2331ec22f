"""Search as readers use it: typing into Material's search box in Chromium.

Expected pages are decided from the report text: a recommendation's own words find
its page; a phrase the chapters use finds the chapters that use it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from helpers import ROOT

RECS = yaml.safe_load((ROOT / "recommendations.yaml").read_text("utf-8"))["recommendations"]
NUMBER = {r["id"]: n for n, r in enumerate(RECS, 1)}


def rec(rec_id: str) -> str:
    return f"recommendations/{rec_id}/"


def search(page, query: str, base: str) -> list[tuple[str, str]]:
    """Type ``query`` into the search box; the results as (path under base, title), best first."""
    box = page.locator(".md-search__input")
    if not box.is_visible():
        page.keyboard.press("/")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q && "
        "/matching/.test(document.querySelector('.md-search-result__meta').textContent)", arg=query)
    # The worker answers every keystroke; wait until the list stops changing (the last answer).
    items, previous = None, None
    for _ in range(40):
        items = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link",
            "els => els.map(a => [a.href, a.querySelector('h1, h2').innerText.trim()])")
        if items == previous:
            break
        previous = items
        page.wait_for_timeout(400)
    base_path = urlsplit(base).path
    return [(urlsplit(href).path[len(base_path):], title) for href, title in items]


QUERIES = [
    ("trilateral", [rec("trilateral-cooperation")]),
    ("cyber space", [rec("cyber-and-space")]),
    ("reciprocal defense procurement", [rec("reciprocal-defense-procurement")]),
    ("nuclear deterrence", [rec("nuclear-deterrence")]),
    # Yoon's phrase, quoted in both chapters; no recommendation uses it.
    ("global pivotal state", ["executive-summary/", "introduction/"]),
    # Recommendation 1's own words (the chapters mention the strategies too).
    ("Indo-Pacific Strategies", [rec("indo-pacific-strategies")]),
    # Chapter phrases found in one chapter only.
    ("dynamic moment", ["introduction/"]),
    ("muscular foreign policy", ["executive-summary/"]),
]


@pytest.fixture
def search_page(open_page):
    return open_page("").page


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_expected_pages_in_top_three(search_page, site_url: str, query: str, expected: list[str]) -> None:
    results = search(search_page, query, site_url)
    top = [path for path, _ in results[:3]]
    assert all(e in top for e in expected), results


def test_recommendation_result_shows_number_and_title(search_page, site_url: str) -> None:
    results = dict(search(search_page, "trilateral", site_url))
    item = next(r for r in RECS if r["id"] == "trilateral-cooperation")
    assert results[rec(item["id"])] == f"Recommendation {NUMBER[item['id']]}: {item['title']}"


def test_quoted_passages_on_recommendation_pages_are_not_indexed(search_page, site_url: str) -> None:
    """A chapter paragraph is found in its chapter, not again on the recommendation pages quoting it."""
    results = search(search_page, "dynamic moment", site_url)
    assert [p for p, _ in results] == ["introduction/"], results


def test_every_recommendation_is_found_by_its_title(search_page, site_url: str) -> None:
    misses = {}
    for item in RECS:
        results = search(search_page, item["title"], site_url)
        if rec(item["id"]) != (results[0][0] if results else None):
            misses[item["id"]] = results[:3]
    assert not misses, misses
