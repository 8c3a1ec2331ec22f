"""Cite control and paragraph permalinks in Chromium: keyboard operable, named, visible on focus,
and free of axe-core (WCAG 2.2 A/AA) violations."""

from __future__ import annotations

import pytest
from conftest import describe


def _axe_in(page, axe_source: str, selectors: list[str]) -> list[dict]:
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        "([sel, tags]) => axe.run({include: sel.map(s => [s])}, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
        [selectors, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]],
    )


def test_permalink_appears_on_focus_and_hover_with_a_name(
    open_page, axe_source: str, long_chapter: str
) -> None:
    page = open_page(long_chapter).page
    links = page.get_by_role("link", name="Link to this paragraph")
    count = page.locator("article p[id^=p-]").count()
    assert count >= 2 and links.count() == count  # two: the first is focused, the second hovered
    first = page.locator("a.report-permalink").first
    opacity = lambda: page.evaluate("e => getComputedStyle(e).opacity", first.element_handle())  # noqa: E731
    assert opacity() == "0"
    page.keyboard.press("Tab")
    first.focus()
    page.wait_for_timeout(300)
    assert opacity() == "1"
    first.blur()
    page.locator("article p[id^=p-]").nth(1).hover()
    page.wait_for_timeout(300)
    second = page.locator("a.report-permalink").nth(1)
    assert page.evaluate("e => getComputedStyle(e).opacity", second.element_handle()) == "1"
    first.focus()
    violations = _axe_in(page, axe_source, ["a.report-permalink"])
    assert not violations, describe(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cite_control_opens_from_the_keyboard(open_page, axe_source: str, facts, scheme: str) -> None:
    rec = facts.recommendations[len(facts.recommendations) // 2]  # one from the middle of the report's list
    page = open_page(facts.recommendation_path(rec), scheme=scheme).page
    details = page.locator("details.report-cite")
    assert details.count() == 1
    assert not details.evaluate("d => d.open")
    summary = details.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    # The APA reference of this recommendation (its exact author list is tested on the fixtures, tests/outputs).
    year = facts.published.year
    assert page.get_by_text(f"({year}). Recommendation {rec['number']}:").is_visible()
    violations = _axe_in(page, axe_source, ["details.report-cite"])
    assert not violations, describe(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_landing_page_cite_block_is_accessible(open_page, axe_source: str, scheme: str) -> None:
    page = open_page("", scheme=scheme).page
    assert page.get_by_role("heading", name="Download and cite").is_visible()
    violations = _axe_in(page, axe_source, ["section.report-cite-block"])
    assert not violations, describe(violations)
