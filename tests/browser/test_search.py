"""Search as readers use it: typing into Material's search box in Chromium.

Every query and its expected result come from the published report itself, so another
report's tests pass without editing this file:

* phrases: five words of a chapter paragraph whose words occur together in no other passage,
  taken from the built chapter pages (every chapter, up to eight paragraphs each) -> that
  paragraph (``chapter/#p-…``), shown in one of the first three results;
* topics: the two rarest words of a recommendation's title -> its page in the first three;
  its whole title -> its page first;
* numbers: "recommendation N", "rec N" and "N" (N its label if the data gives one, else its
  position) -> its page first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT

RECS = yaml.safe_load((ROOT / "recommendations.yaml").read_text("utf-8"))["recommendations"]
SCHEMES = {"light": "default", "dark": "slate"}
PHRASE_WORDS = 5
PER_CHAPTER = 8
PUNCT = ".,;:!?’'‘“”\"()[]—–-…"


def describe(violations: list[dict]) -> str:
    return "; ".join(f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations)


def rec(rec_id: str) -> str:
    return f"recommendations/{rec_id}/"


def shown_number(position: int, item: dict) -> str:
    return str(item.get("label") or position)


def words(text: str) -> list[str]:
    """Words as a reader types them: no surrounding punctuation."""
    return [w for w in (w.strip(PUNCT) for w in text.split()) if w]


def content(ws: list[str]) -> frozenset[str]:
    """The words that carry meaning (a cheap, language-neutral stand-in for a stop-word list)."""
    return frozenset(w.lower() for w in ws if len(w) > 3)


@dataclass(frozen=True)
class Phrase:
    chapter: str  # page path, e.g. "introduction/"
    anchor: str
    query: str

    @property
    def target(self) -> str:
        return f"{self.chapter}#{self.anchor}"


@lru_cache(maxsize=None)
def _passages(site_dir: str) -> dict[str, list[tuple[str, list[str]]]]:
    """Chapter path -> [(anchor, words)] for every citable paragraph of every chapter page."""
    from pathlib import Path

    out: dict[str, list[tuple[str, list[str]]]] = {}
    root = Path(site_dir)
    for html in sorted(root.rglob("index.html")):
        path = html.parent.relative_to(root).as_posix() + "/"
        if path == "./":
            continue  # the cover page: no chapter
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for el in soup.select("article [data-paragraph][id]"):
            for sup in el.select("sup"):
                sup.decompose()  # endnote markers: nobody types them
            out.setdefault(path, []).append((el["id"], words(el.get_text(" "))))
    return out


def phrases(site_dir: str) -> list[Phrase]:
    """One distinctive phrase per paragraph (up to PER_CHAPTER paragraphs per chapter, spread evenly)."""
    passages = _passages(site_dir)
    bags = [(c, a, set(w.lower() for w in ws)) for c, items in passages.items() for a, ws in items]
    titles = [set(w.lower() for w in words(r["title"])) for r in RECS]
    out = []
    for chapter, items in passages.items():
        found = []
        for anchor, ws in items:
            windows = [ws[i:i + PHRASE_WORDS] for i in range(max(1, len(ws) - PHRASE_WORDS + 1))]
            start = len(windows) // 3  # from a third in: openings repeat across paragraphs more often
            windows = windows[start:] + windows[:start]

            def distinctive(window: list[str], allow_titles: bool) -> bool:
                key = content(window)
                if len(key) < 2 or any(key <= bag for c, a, bag in bags if (c, a) != (chapter, anchor)):
                    return False
                return allow_titles or not any(key <= t for t in titles)

            best = next((w for w in windows if distinctive(w, False)), None) or next(
                (w for w in windows if distinctive(w, True)), None)
            if best:
                found.append(Phrase(chapter, anchor, " ".join(best)))
        step = max(1, len(found) / PER_CHAPTER)
        out += [found[int(i * step)] for i in range(min(PER_CHAPTER, len(found)))]
    return out


def topic(title: str) -> str:
    """The two words of a title found in fewest other recommendations' titles (in title order)."""
    others = [content(words(r["title"])) for r in RECS if r["title"] != title]
    ws = [w for w in words(title) if len(w) > 3]
    rarest = sorted(range(len(ws)), key=lambda i: sum(ws[i].lower() in o for o in others))[:2]
    return " ".join(ws[i] for i in sorted(rarest))


# --- driving the search box -----------------------------------------------------------------


def search(page, query: str, base: str) -> list[list[str]]:
    """Type ``query`` into the search box; the results, best first, each as its visible links
    (the page, then the passages Material shows under it, not those folded into "more")."""
    box = page.locator(".md-search__input")
    if not box.is_visible():
        page.keyboard.press("/")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q && "
        "/matching|No matching/.test(document.querySelector('.md-search-result__meta').textContent)", arg=query)
    # The worker answers every keystroke; wait until the list stops changing (the last answer).
    items, previous = None, None
    for _ in range(40):
        items = page.eval_on_selector_all(
            ".md-search-result__item",
            "els => els.map(li => [...li.querySelectorAll(':scope > a.md-search-result__link')].map(a => a.href))")
        if items == previous:
            break
        previous = items
        page.wait_for_timeout(300)
    base_path = urlsplit(base).path
    return [[_path(href, base_path) for href in links] for links in items or []]


def _path(href: str, base_path: str) -> str:
    parts = urlsplit(href)
    return parts.path[len(base_path):] + (f"#{parts.fragment}" if parts.fragment else "")


def in_top_three(results: list[list[str]], target: str) -> bool:
    return any(target in links for links in results[:3])


@pytest.fixture
def search_page(open_page):
    return open_page("").page


@pytest.fixture(scope="module")
def report_phrases(site) -> list[Phrase]:
    found = phrases(str(site.site))
    chapters = set(_passages(str(site.site)))
    assert chapters and {p.chapter for p in found} == chapters, "every chapter needs a phrase"
    return found


# --- phrases land on their paragraph ---------------------------------------------------------


def test_phrase_from_every_chapter_lands_on_its_paragraph(search_page, site_url: str, report_phrases: list[Phrase]) -> None:
    misses = {}
    for phrase in report_phrases:
        results = search(search_page, phrase.query, site_url)
        if not in_top_three(results, phrase.target):
            misses[phrase.query] = (phrase.target, results[:3])
    assert not misses, misses


def test_quoted_passages_never_outrank_the_passage(search_page, site, site_url: str, report_phrases: list[Phrase]) -> None:
    """Recommendation pages quote the passages that argue for them (not indexed): a phrase from
    such a passage finds the passage before the page quoting it."""
    quoted = {}
    for r in RECS:
        soup = BeautifulSoup((site.site / rec(r["id"]) / "index.html").read_text("utf-8"), "html.parser")
        for a in soup.select("figure a[href*='#p-']"):
            quoted.setdefault(urlsplit(a["href"]).fragment, set()).add(rec(r["id"]))
    checked = 0
    for phrase in report_phrases:
        if phrase.anchor not in quoted:
            continue
        results = search(search_page, phrase.query, site_url)
        order = [links[0] for links in results]
        at = next(i for i, links in enumerate(results) if phrase.target in links)
        assert all(order.index(p) > at for p in quoted[phrase.anchor] if p in order), (phrase, results[:4])
        checked += 1
    assert checked, "no quoted passage among the phrases"


def test_clicking_a_result_opens_the_paragraph_marked_and_highlighted(open_page, site_url: str, axe,
                                                                       report_phrases: list[Phrase]) -> None:
    phrase = report_phrases[0]
    for scheme in SCHEMES:
        page = open_page("", scheme=scheme).page
        search(page, phrase.query, site_url)
        link = page.locator(f".md-search-result__item > a.md-search-result__link[href*='/{phrase.chapter}?']"
                            f"[href$='#{phrase.anchor}']")
        with page.expect_navigation():
            link.click()
        page.wait_for_selector("[data-md-highlight]")
        state = page.evaluate("""() => {
            const t = document.querySelector(':target');
            const r = t.getBoundingClientRect();
            return {id: t.id, marks: t.querySelectorAll('mark[data-md-highlight]').length,
                    bg: getComputedStyle(t).backgroundColor, top: r.top, bottom: r.bottom,
                    height: innerHeight, h: new URL(location.href).searchParams.get('h')}; }""")
        assert state["id"] == phrase.anchor, state
        assert state["marks"] >= 2 and state["h"], state  # the searched words, highlighted in the paragraph
        assert state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), state  # visibly the target
        assert 0 <= state["top"] < state["height"], state  # scrolled into view, below nothing
        violations = axe(page)
        assert not violations, describe(violations)
        page.context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_clean_with_passage_results_open(open_page, axe, site_url: str, scheme: str, report_phrases: list[Phrase]) -> None:
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
    for chapter in _passages(str(site.site)):
        h1 = BeautifulSoup((site.site / chapter / "index.html").read_text("utf-8"), "html.parser").select_one("article h1")
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
        ".md-search-result__item > a.md-search-result__link", "els => els.map(a => [a.href, a.querySelector('h1, h2').innerText.trim()])")
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


def test_generated_queries_follow_the_text(site) -> None:
    """The phrases really are the report's words, one per paragraph, each pointing at its own paragraph."""
    found = phrases(str(site.site))
    for p in found:
        text = " ".join(next(ws for a, ws in _passages(str(site.site))[p.chapter] if a == p.anchor))
        assert p.query in text and len(p.query.split()) == PHRASE_WORDS, p
    assert len({p.target for p in found}) == len(found)
    assert all(re.fullmatch(r"\S+ \S+", topic(r["title"])) for r in RECS)
