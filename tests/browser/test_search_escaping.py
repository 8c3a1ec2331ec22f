"""Search results show hostile titles as text in a real browser (Material renders them as HTML)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import Built
from test_escaping import ATTRIBUTE, SCRIPT

from report_site.commands.preview import PreviewServer


@pytest.fixture(scope="module")
def hostile_url(hostile: Built) -> Iterator[str]:
    with PreviewServer(hostile.site) as server:
        yield server.url


def test_search_results_show_hostile_titles_literally(browser, hostile_url: str) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(hostile_url, wait_until="load")
        search = page.locator("input.md-search__input")
        for query, title in (("Recommendation 7", SCRIPT), ("Recommendation 8", ATTRIBUTE)):
            search.click()
            search.fill("")
            page.keyboard.type(query, delay=20)
            first = page.locator(".md-search-result__article h1").first
            first.wait_for(timeout=30_000)
            page.wait_for_function(
                "t => document.querySelector('.md-search-result__article h1').textContent.includes(t)",
                arg=title,
                timeout=30_000,
            )
            assert first.inner_text().strip() == f"{query}: {title}"
            assert page.locator(".md-search-result img").count() == 0
            assert page.locator(".md-search-result script").count() == 0
        for rec in (
            "cyber-and-space",
            "reciprocal-defense-procurement",
        ):  # the pages themselves, with scripts running
            page.goto(f"{hostile_url}recommendations/{rec}/", wait_until="load")
            assert page.locator("img[src='x']").count() == 0
        assert dialogs == []
    finally:
        context.close()
