"""Hosting under a subpath: the site built for https://example.org/peninsula-plus/ and served
at /peninsula-plus/ loads its assets, searches, links correctly and serves a styled 404."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from conftest import Tab
from helpers import SITE_URL, Built

from report_site.commands.preview import PreviewServer

PREFIX = urlsplit(SITE_URL).path


@pytest.fixture(scope="module")
def sub_url(published: Built) -> Iterator[str]:
    """The published build (SITE_URL under PREFIX, shared with the output tests), served at PREFIX."""
    assert PREFIX in (published.site / "404.html").read_text("utf-8"), (
        "404.html was not built for the subpath"
    )
    with PreviewServer(published.site, prefix=PREFIX) as server:
        assert urlsplit(server.url).path == PREFIX
        yield server.url


def links(page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")


def test_assets_load_and_style_applies(open_page, sub_url: str) -> None:
    visit = open_page("", base=sub_url)
    assert not visit.failed, visit.failed
    assert not visit.foreign(), visit.foreign()
    css = [u for u in visit.requests if u.endswith(".css")]
    assert css and all(urlsplit(u).path.startswith(PREFIX) for u in css), css
    # Material's stylesheet is applied: the header is fixed/sticky, not in the flow.
    assert visit.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )


def test_every_link_resolves_under_the_prefix(browser, sub_url: str, site_pages: list[str]) -> None:
    """Every page, every same-site link: under /peninsula-plus/ and answered 200."""
    origin = urlsplit(sub_url)[:2]
    checked: dict[str, int] = {}
    broken = []
    tab = Tab(browser)  # one tab reads every page
    for path in site_pages:
        if path == "404.html":
            continue
        visit = tab.visit(sub_url + path)
        assert not visit.failed, (path, visit.failed)
        for href in links(visit.page):
            parts = urlsplit(href)
            if parts[:2] != origin:
                continue
            target = parts._replace(fragment="").geturl()
            if not parts.path.startswith(PREFIX):
                broken.append((path, href, "outside the prefix"))
            elif target not in checked:
                checked[target] = visit.page.request.get(target).status
            if checked.get(target, 200) != 200:
                broken.append((path, href, checked[target]))
    tab.close()
    assert len(checked) >= len(site_pages) - 1, checked
    assert not broken, broken


def test_search_works_under_the_prefix(open_page, sub_url: str, facts, long_chapter: str) -> None:
    rec = facts.recommendations[0]
    page = open_page(long_chapter, base=sub_url).page
    page.keyboard.press("/")
    page.keyboard.type(rec["title"])
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    # Results follow each keystroke; the answer to the whole word links under the prefix.
    page.wait_for_function(
        "p => { const a = document.querySelector('.md-search-result__item > a');"
        " return !!a && new URL(a.href).pathname === p; }",
        arg=PREFIX + facts.recommendation_path(rec),
    )
    first.click()
    page.wait_for_url("**" + PREFIX + facts.recommendation_path(rec) + "**")
    assert f"Recommendation {rec['number']}" in page.inner_text("h1")


@pytest.mark.parametrize("missing", ["no-such-page", "recommendations/no-such-recommendation/deeper/"])
def test_missing_page_gets_a_styled_404_with_working_links(open_page, sub_url: str, missing: str) -> None:
    visit = open_page(missing, base=sub_url)
    page = visit.page
    assert visit.failed[:1] == [(sub_url + missing, 404)], visit.failed
    assert visit.failed[1:] == [], visit.failed[1:]  # every stylesheet, script and icon loaded
    assert page.inner_text("h1") == "Page not found"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
    body_links = page.eval_on_selector_all("article a[href]", "els => els.map(a => a.href)")
    assert sub_url in body_links and sub_url + "recommendations/" in body_links, body_links
    for href in body_links + links(page):
        if href.startswith(sub_url + missing + "#"):
            continue  # the skip link, within this page
        if urlsplit(href)[:2] == urlsplit(sub_url)[:2]:
            assert page.request.get(href.split("#")[0]).status == 200, href
    page.locator("article a", has_text="Recommendations").first.click()
    page.wait_for_url(sub_url + "recommendations/")
