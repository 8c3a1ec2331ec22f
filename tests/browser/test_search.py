"""Search as readers use it: typing into Material's search box in Chromium.

Every query and its expected result come from the published report itself, so another
report's tests pass without editing this file (``benchmarks/search_queries.py`` makes them):

* phrases: five words of a chapter paragraph whose words occur together in no other passage,
  taken from the built chapter pages (every chapter, up to eight paragraphs each) -> that
  paragraph (``chapter/#p-…``), shown in one of the first three results;
* topics: the two rarest words of a recommendation's title -> its page in the first three;
  its whole title -> its page first;
* numbers: "recommendation N", "rec N" and "N" (N its label if the data gives one, else its
  position) -> its page first.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import visit_page
from helpers import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import search_queries as queries
from benchmarks.search_queries import Phrase, words

RECS = yaml.safe_load((ROOT / "recommendations.yaml").read_text("utf-8"))["recommendations"]
TITLES = [r["title"] for r in RECS]
SCHEMES = {"light": "default", "dark": "slate"}
PER_CHAPTER = 8


def describe(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations)


def rec(rec_id: str) -> str:
    return f"recommendations/{rec_id}/"


def shown_number(position: int, item: dict) -> str:
    return str(item.get("label") or position)


def phrases(site_dir: str) -> list[Phrase]:
    return queries.phrases(site_dir, shown_titles(site_dir), PER_CHAPTER)


def shown_titles(site_dir: str) -> list[str]:
    """The recommendations' titles as their pages (and the search index) give them: with their number."""
    out = []
    for r in RECS:
        soup = BeautifulSoup((Path(site_dir) / rec(r["id"]) / "index.html").read_text("utf-8"), "html.parser")
        out.append(" ".join(soup.select_one("article h1").get_text(" ").split()))
    return out


def topic(title: str) -> str:
    return queries.topic(title, TITLES)


# --- driving the search box -----------------------------------------------------------------


#: Notes, on the page, when Material next writes the result count (on every answer from the worker).
WATCH_ANSWER = """meta => { window.__searchAnswered = false;
    new MutationObserver((_, seen) => { window.__searchAnswered = true; seen.disconnect(); })
        .observe(meta, {childList: true, characterData: true, subtree: true}); }"""
ANSWERED = (
    "q => document.querySelector('.md-search__input').value === q && "
    "/matching|No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
)


def search(page, query: str, base: str, keystrokes: bool = False) -> list[list[str]]:
    """Put ``query`` into the search box; the results, best first, each as its visible links
    (the page, then the passages Material shows under it, not those folded into "more").

    Material searches when a key is released, so by default the query is pasted but for its last
    character, which is typed: one search, for the whole query, as when a reader pastes and
    presses a key; the results are read once the worker's answer is shown. ``keystrokes`` types
    every character, as a reader types: a search per keystroke, the answers racing.
    """
    box = page.locator(".md-search__input")
    if not box.is_visible():
        page.keyboard.press("/")
    if keystrokes:
        box.fill("")
        box.press_sequentially(query)
        page.wait_for_function(ANSWERED, arg=query)
        settle = (
            300  # the worker answers every keystroke: wait until the list stops changing (the last answer)
        )
    else:
        # Material does not search again for the query it last searched for (its results are shown).
        again = page.evaluate("q => window.__searchQuery === q", query)
        page.eval_on_selector(".md-search-result__meta", WATCH_ANSWER)
        box.fill(query[:-1])
        box.press_sequentially(query[-1:])
        page.wait_for_function(
            ANSWERED if again else f"q => window.__searchAnswered && ({ANSWERED})(q)", arg=query
        )
        settle = 100  # one answer: the list is drawn with it; checked unchanged all the same
    page.evaluate("q => { window.__searchQuery = q; }", query)
    items, previous = None, None
    for _ in range(40):
        items = page.eval_on_selector_all(
            ".md-search-result__item",
            "els => els.map(li => [...li.querySelectorAll(':scope > a.md-search-result__link')].map(a => a.href))",
        )
        if items == previous:
            break
        previous = items
        page.wait_for_timeout(settle)
    base_path = urlsplit(base).path
    return [[_path(href, base_path) for href in links] for links in items or []]


def _path(href: str, base_path: str) -> str:
    parts = urlsplit(href)
    return parts.path[len(base_path) :] + (f"#{parts.fragment}" if parts.fragment else "")


def in_top_three(results: list[list[str]], target: str) -> bool:
    return any(target in links for links in results[:3])


@pytest.fixture(scope="module")
def search_page(browser, site_url: str):
    """The landing page, shared by this module's query tests: each query replaces the last, and the
    index is loaded once (``test_index_is_fetched_when_search_is_first_used`` has a page of its own)."""
    visit = visit_page(browser, site_url)
    yield visit.page
    visit.page.context.close()


@pytest.fixture(scope="module")
def report_phrases(site) -> list[Phrase]:
    found = phrases(str(site.site))
    chapters = set(queries.passages(str(site.site)))
    assert chapters and {p.chapter for p in found} == chapters, "every chapter needs a phrase"
    return found


# --- phrases land on their paragraph ---------------------------------------------------------


def test_phrase_from_every_chapter_lands_on_its_paragraph(
    search_page, site_url: str, report_phrases: list[Phrase]
) -> None:
    misses = {}
    for phrase in report_phrases:
        results = search(search_page, phrase.query, site_url)
        if not in_top_three(results, phrase.target):
            misses[phrase.query] = (phrase.target, results[:3])
    assert not misses, misses


def test_quoted_passages_never_outrank_the_passage(
    search_page, site, site_url: str, report_phrases: list[Phrase]
) -> None:
    """Recommendation pages quote the passages that argue for them (not indexed): a phrase from
    such a passage finds the passage before the page quoting it."""
    quoted = {}
    for r in RECS:
        soup = BeautifulSoup((site.site / rec(r["id"]) / "index.html").read_text("utf-8"), "html.parser")
        for a in soup.select("figure a[href*='#p-']"):
            quoted.setdefault(urlsplit(a["href"]).fragment, set()).add(rec(r["id"]))
    checked = by_title = 0
    titles = dict(zip((rec(r["id"]) for r in RECS), shown_titles(str(site.site)), strict=True))
    for phrase in report_phrases:
        if phrase.anchor not in quoted:
            continue
        key = queries.content(words(phrase.query))
        if any(key <= queries.content(words(titles[p])) for p in quoted[phrase.anchor]):
            by_title += 1  # a phrase of the recommendation's own title finds it by its title, rightly first
            continue
        results = search(search_page, phrase.query, site_url)
        order = [links[0] for links in results]
        at = next(i for i, links in enumerate(results) if phrase.target in links)
        assert all(order.index(p) > at for p in quoted[phrase.anchor] if p in order), (phrase, results[:4])
        checked += 1
    if by_title and not checked:
        pytest.skip(
            "every quoted passage's phrase is in its recommendation's own title (the report's own words)"
        )
    assert checked, "no quoted passage among the phrases"


def test_clicking_a_result_opens_the_paragraph_marked_and_highlighted(
    open_page, site_url: str, axe, report_phrases: list[Phrase]
) -> None:
    phrase = report_phrases[0]
    # words of six letters or more are marked (a shorter one may be a stop word, which search never marks)
    marked = min(2, len({w.lower() for w in words(phrase.query) if len(w) > 5}))
    for scheme in SCHEMES:
        page = open_page("", scheme=scheme).page
        search(page, phrase.query, site_url, keystrokes=True)  # as a reader types it
        link = page.locator(
            f".md-search-result__item > a.md-search-result__link[href*='/{phrase.chapter}?']"
            f"[href$='#{phrase.anchor}']"
        )
        with page.expect_navigation():
            link.click()
        page.wait_for_selector(
            f"[id='{phrase.anchor}'] mark[data-md-highlight]"
        )  # the page's first mark may be in hidden text
        state = page.evaluate("""() => {
            const t = document.querySelector(':target');
            const r = t.getBoundingClientRect();
            return {id: t.id, marks: t.querySelectorAll('mark[data-md-highlight]').length,
                    bg: getComputedStyle(t).backgroundColor, top: r.top, bottom: r.bottom,
                    height: innerHeight, h: new URL(location.href).searchParams.get('h')}; }""")
        assert state["id"] == phrase.anchor, state
        assert state["marks"] >= max(marked, 1) and state["h"], state  # the searched words, highlighted
        assert state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), state  # visibly the target
        assert 0 <= state["top"] < state["height"], state  # scrolled into view, below nothing
        violations = axe(page)
        assert not violations, describe(violations)
        page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_clean_with_passage_results_open(
    open_page, axe, site_url: str, scheme: str, report_phrases: list[Phrase]
) -> None:
    page = open_page("", scheme=scheme).page
    results = search(page, report_phrases[-1].query, site_url)
    assert any("#" in link for links in results for link in links), results
    violations = axe(page)
    assert not violations, describe(violations)


def test_index_is_fetched_when_search_is_first_used(open_page, site_url: str) -> None:
    """Not with the page (first-view budget): on focusing the search box."""
    visit = open_page("")
    assert not [u for u in visit.requests if u.endswith("search_index.json")]
    results = search(visit.page, words(RECS[0]["title"])[-1], site_url)
    assert results and [u for u in visit.requests if u.endswith("search_index.json")]


def test_chapter_titles_find_their_chapter_first(search_page, site, site_url: str) -> None:
    """A chapter is still found as a whole by its title (its passages are found by their words)."""
    misses = {}
    for chapter in queries.passages(str(site.site)):
        h1 = BeautifulSoup((site.site / chapter / "index.html").read_text("utf-8"), "html.parser").select_one(
            "article h1"
        )
        title = " ".join(s for s in h1.find_all(string=True, recursive=False)).strip() if h1 else ""
        assert title, chapter
        results = search(search_page, title, site_url)
        if not results or results[0][0] != chapter:
            misses[title] = results[:2]
    assert not misses, misses


# --- recommendations by topic, title and number ----------------------------------------------


def test_topic_words_find_their_recommendation(search_page, site_url: str) -> None:
    misses = {}
    for item in RECS:
        query = topic(item["title"])
        results = search(search_page, query, site_url)
        if not in_top_three(results, rec(item["id"])):
            misses[query] = results[:3]
    assert not misses, misses


def test_every_recommendation_is_found_first_by_its_title(search_page, site_url: str) -> None:
    misses = {}
    for item in RECS:
        results = search(search_page, item["title"], site_url)
        if not results or results[0][0] != rec(item["id"]):
            misses[item["id"]] = results[:3]
    assert not misses, misses


def test_recommendation_result_shows_number_and_title(search_page, site_url: str) -> None:
    position, item = 1, RECS[0]
    search(search_page, topic(item["title"]), site_url)
    titles = search_page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link",
        "els => els.map(a => [a.href, a.querySelector('h1, h2').innerText.trim()])",
    )
    title = next(t for href, t in titles if urlsplit(href).path.endswith(rec(item["id"])))
    assert title == f"Recommendation {shown_number(position, item)}: {item['title']}"


def test_recommendations_are_found_first_by_number(search_page, site_url: str) -> None:
    misses = {}
    for position, item in enumerate(RECS, 1):
        n = shown_number(position, item)
        for query in (f"recommendation {n}", f"rec {n}", n):
            results = search(search_page, query, site_url)
            if not results or results[0][0] != rec(item["id"]):
                misses[query] = results[:2]
    assert not misses, misses
