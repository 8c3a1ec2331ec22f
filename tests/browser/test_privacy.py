"""Privacy: reading the site asks nothing of any server but the one serving it (every page: test_every_page.py)."""

from __future__ import annotations


def test_search_and_dark_palette_stay_local(open_page, facts, long_chapter: str) -> None:
    """Searching loads a worker and the index; the dark palette, its own CSS: all local."""
    visit = open_page(long_chapter, scheme="dark")
    visit.page.keyboard.press("/")
    visit.page.keyboard.type(facts.search_word)
    visit.page.wait_for_selector(".md-search-result__item")
    visit.page.wait_for_load_state("networkidle")
    assert any(u.endswith("search/search_index.json") for u in visit.requests), visit.requests
    assert not visit.foreign(), visit.foreign()
