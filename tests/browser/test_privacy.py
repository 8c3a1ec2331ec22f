"""Privacy: reading the site asks nothing of any server but the one serving it."""

from __future__ import annotations


def test_no_page_requests_another_origin(open_page, site_pages: list[str]) -> None:
    foreign, total = {}, 0
    for path in site_pages:
        visit = open_page(path)
        total += len(visit.requests)
        if visit.foreign():
            foreign[path or "/"] = visit.foreign()
        visit.page.context.close()
    assert total >= 3 * len(site_pages), "too few requests recorded to trust this check"
    assert not foreign, foreign


def test_search_and_dark_palette_stay_local(open_page) -> None:
    """Searching loads a worker and the index; the dark palette, its own CSS: all local."""
    visit = open_page("introduction/", scheme="dark")
    visit.page.keyboard.press("/")
    visit.page.keyboard.type("alliance")
    visit.page.wait_for_selector(".md-search-result__item")
    visit.page.wait_for_load_state("networkidle")
    assert any(u.endswith("search/search_index.json") for u in visit.requests), visit.requests
    assert not visit.foreign(), visit.foreign()
