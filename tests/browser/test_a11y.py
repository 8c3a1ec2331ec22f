"""Accessibility in Chromium beyond the every-page sweep (test_every_page.py): the search dialog,
the palette toggle, and the keyboard.

axe runs with the WCAG 2.0/2.1/2.2 A and AA tags and no rule disabled.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from report_site.checks.browser import SCHEMES, summary


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_search_dialog_with_results(open_page, axe, facts, scheme: str) -> None:
    """The open search dialog and its result list (hidden until used) pass too."""
    page = open_page("", scheme=scheme).page
    page.keyboard.press("/")
    page.keyboard.type(facts.search_word)
    page.wait_for_selector(".md-search-result__item")
    assert page.is_visible(".md-search__output")
    violations = axe(page)
    assert not violations, summary({"search": violations})


def test_palette_toggle_switches_and_stays_clean(open_page, axe, long_chapter: str) -> None:
    page = open_page(long_chapter).page
    page.click("label[for='__palette_1']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert not axe(page)


# Results follow each keystroke: wait for the answer to the whole query, not a stale one.
FIRST_RESULT_IS = """path => { const a = document.querySelector('.md-search-result__item > .md-search-result__link');
    return !!a && new URL(a.href).pathname.endsWith('/' + path); }"""

FOCUS_STYLE = """() => { const a = document.activeElement; const s = getComputedStyle(a);
    return {tag: a.tagName, cls: String(a.className), text: (a.textContent || a.value || '').trim().slice(0, 40),
            outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
            shadow: s.boxShadow !== 'none'}; }"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_focus_is_visible(open_page, long_chapter: str, scheme: str) -> None:
    """Tab through the first stops of a chapter: each focused element draws an indicator."""
    page = open_page(long_chapter, scheme=scheme).page
    seen, invisible = [], []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["tag"] == "BODY":
            break
        seen.append(state)
        if not (state["outline"] or state["shadow"]):
            invisible.append(state)
    # Twenty stops, or every stop of a short page (Tab came back round to the body).
    assert len(seen) >= 20 or (state["tag"] == "BODY" and len(seen) >= 10), seen
    assert not invisible, invisible


def test_search_from_the_keyboard(open_page, site_url: str, facts, long_chapter: str) -> None:
    """Tab reaches the search box; typing, arrow keys and Enter open a result."""
    rec = facts.recommendations[-1]
    page = open_page(long_chapter).page
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input')"):
            break
    else:
        pytest.fail("the search box is not reachable with Tab")
    page.keyboard.type(rec["title"])
    page.wait_for_function(FIRST_RESULT_IS, arg=facts.recommendation_path(rec))
    # Under load Material may still re-render the list for a late keystroke after the first ArrowDown, which puts
    # focus back in the box: press again only then (from the box, ArrowDown always goes to the first result).
    for _ in range(5):
        page.keyboard.press("ArrowDown")
        try:
            page.wait_for_function("document.activeElement.matches('.md-search-result__link')", timeout=2000)
            break
        except PlaywrightTimeoutError:
            assert page.evaluate("document.activeElement.matches('.md-search__input')"), (
                "focus left the search box"
            )
    else:
        pytest.fail("ArrowDown never reached the first result")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(site_url + facts.recommendation_path(rec))))
    assert f"Recommendation {rec['number']}" in page.inner_text("h1")


def test_search_shortcut_opens_search_on_a_phone(open_page, facts) -> None:
    page = open_page("", width=375, height=740).page
    assert not page.is_checked("#__search")  # Material's search toggle: closed
    page.keyboard.press("/")
    page.wait_for_function("document.getElementById('__search').checked")
    page.wait_for_selector(".md-search__input", state="visible")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type(facts.search_word)
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")


@pytest.mark.parametrize("path", ["", "recommendations/"])
def test_every_recommendation_link_is_reachable_by_tab(open_page, facts, path: str) -> None:
    page = open_page(path).page
    wanted = set(
        page.eval_on_selector_all(
            "article a[href]",
            "els => els.map(e => e.href).filter(h => /recommendations\\/[a-z0-9-]+\\/$/.test(h))",
        )
    )
    assert len(wanted) >= len(facts.recommendations), wanted
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.href || ''")
        if href in wanted:
            reached.add(href)
        if reached == wanted:
            break
    assert reached == wanted, sorted(wanted - reached)


PHONE = {"width": 375, "height": 740}
FOCUSED_BOX = """() => { let a = document.activeElement;
    if (a.matches('.md-option')) a = a.nextElementSibling;  // the palette's radio draws on its label
    const r = a.getBoundingClientRect();
    return {tag: a.tagName, cls: String(a.className), text: (a.textContent || '').trim().slice(0, 40),
            aria: a.getAttribute('aria-label'), inside: r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth,
            drawer: document.getElementById('__drawer').checked, search: document.getElementById('__search').checked}; }"""


def tab_until(page, predicate, limit: int = 30) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED_BOX)
        if predicate(state):
            return state
    pytest.fail("not reached by Tab")


@pytest.mark.parametrize("kind", ["landing", "chapter", "recommendation"])
def test_phone_tab_order_has_no_hidden_stops(open_page, facts, site_pages: list[str], kind: str) -> None:
    """On a phone the closed drawer and search overlay hold no tab stops nobody can see."""
    page = open_page(facts.page_types(site_pages)[kind], **PHONE).page
    hidden = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED_BOX)
        if state["tag"] == "BODY":
            break
        if not state["inside"]:
            hidden.append(state)
    assert not hidden, hidden


def test_phone_navigation_drawer_opens_from_the_keyboard(open_page, long_chapter: str) -> None:
    page = open_page(long_chapter, **PHONE).page
    state = tab_until(page, lambda s: s["aria"] == "Navigation")
    assert state["tag"] == "BUTTON" and state["inside"] and not state["drawer"]
    button = ".md-header label[for='__drawer'] button"
    assert page.get_attribute(button, "aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('__drawer').checked")
    assert page.get_attribute(button, "aria-expanded") == "true"
    page.wait_for_timeout(400)  # the drawer slides in
    link = tab_until(page, lambda s: "md-nav__link" in s["cls"] and s["text"] == "Recommendations")
    assert link["inside"], link
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__drawer').checked")
    assert page.evaluate(FOCUSED_BOX)["aria"] == "Navigation"
    page.click(".md-header label[for='__drawer']")  # a tap still opens it, once
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('__drawer').checked")


def test_phone_search_button_opens_search_from_the_keyboard(open_page, facts, long_chapter: str) -> None:
    rec = facts.recommendations[0]
    page = open_page(long_chapter, **PHONE).page
    assert tab_until(page, lambda s: s["aria"] == "Search")["tag"] == "BUTTON"
    page.keyboard.press(" ")
    page.wait_for_function("document.getElementById('__search').checked")
    page.wait_for_function("document.activeElement.matches('.md-search__input')")
    page.keyboard.type(rec["title"])
    page.wait_for_function(FIRST_RESULT_IS, arg=facts.recommendation_path(rec))
