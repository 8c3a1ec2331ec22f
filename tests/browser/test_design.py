"""The publication design, measured in Chromium: cover, reading comfort, cards, palettes.

Screenshots of every page type at desktop and phone size in both palettes are taken by the
every-page sweep (test_every_page.py); the assertions here cover what can be measured.
Expectations come from the report's data (``facts``), not from this report's text.
"""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS

from report_site.data.labels import Labels
from report_site.data.language import long_date

SIZES = {"desktop": (1280, 800), "phone": (375, 667)}

# The longest passage of a page (the one that shows line length best), optionally one holding `inner`.
LONGEST_PASSAGE = """(inner) => { const ps = [...document.querySelectorAll('article p[id^=p-]')]
    .filter(p => !inner || p.querySelector(inner));
  ps.sort((a, b) => b.textContent.length - a.textContent.length);
  return ps.length ? '#' + CSS.escape(ps[0].id) : null; }"""

# Characters per line of a chapter paragraph, from its rendered line boxes.
LINE_STATS = """(sel) => {
  const p = document.querySelector(sel);
  const range = document.createRange();
  range.selectNodeContents(p);
  const tops = new Map();
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    if (node.parentElement.closest('sup')) continue;
    for (let i = 0; i < node.length; i++) {
      const r = document.createRange();
      r.setStart(node, i); r.setEnd(node, i + 1);
      const rect = r.getClientRects()[0];
      if (!rect) continue;
      const key = Math.round(rect.top + rect.height / 2);
      const line = [...tops.keys()].find(k => Math.abs(k - key) < rect.height / 2);
      tops.set(line ?? key, (tops.get(line ?? key) || 0) + 1);
    }
  }
  const counts = [...tops.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1]);
  const style = getComputedStyle(p);
  return {counts, fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight),
          fontFamily: style.fontFamily};
}"""


def _in_first_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                             && r.bottom <= innerHeight && r.right <= innerWidth; }""",
        selector,
    )


@pytest.mark.parametrize("size", SIZES)
def test_cover_fits_the_first_viewport(open_page, facts, size: str) -> None:
    width, height = SIZES[size]
    page = open_page("", width=width, height=height).page
    subtitle = (
        (".report-cover__subtitle",) if facts.metadata.get("subtitle") else ()
    )  # only when the report has one
    for selector in (
        ".report-cover__name",
        *subtitle,
        ".report-cover__byline",
        ".report-cover__meta time",
        ".report-cover__actions a:first-child",
        ".report-cover__actions a:last-child",
    ):
        assert _in_first_viewport(page, selector), f"{selector} is below the fold at {width}×{height}"
    from report_site.data.model import Author

    authors = [
        Author.parse(a).display for a in facts.metadata["authors"]
    ]  # "Given Family" or {name: …} as written
    byline = (
        authors[0]
        if len(authors) == 1
        else " and ".join(authors)
        if len(authors) == 2
        else ", ".join(authors[:-1]) + ", and " + authors[-1]
    )
    assert page.inner_text(".report-cover__byline").strip() == byline
    assert page.inner_text(".report-cover__meta time") == long_date(
        facts.published, facts.metadata.get("language", "en")
    )
    actions = [a.strip() for a in page.locator(".report-cover__actions a").all_inner_texts()]
    words = Labels(facts.metadata.get("language", "en"), facts.plugin.get("labels"))
    assert actions[:2] == [
        words.t("read_the_report"),
        words.n("the_n_recommendations", len(facts.recommendations)),
    ]
    # Room for the actions this build left out (the PDF, the citation): each is one more button.
    page.evaluate(
        """() => { const box = document.querySelector('.report-cover__actions');
                   const missing = [['Download the PDF', 'a[type="application/pdf"]'], ['Cite', 'a[href="#cite-this-report"]']]
                     .filter(([, selector]) => !box.querySelector(selector));
                   for (const [label] of missing) {
                     const a = box.lastElementChild.cloneNode(true);
                     a.textContent = label; a.classList.remove('md-button--primary');
                     a.removeAttribute('type'); a.setAttribute('href', '#');
                     box.append(' ', a); } }"""
    )
    assert page.locator(".report-cover__actions a").count() == 4
    assert _in_first_viewport(page, ".report-cover__actions a:last-child"), (
        "the fourth action would fall below the fold"
    )
    # The title is the page's only h1 and is set larger than anything else on the cover.
    assert page.locator("h1").count() == 1
    title_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.report-cover__name')).fontSize)"
    )
    body_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article')).fontSize)")
    assert title_size >= 2.2 * body_size


@pytest.mark.parametrize("width", [1024, 1200, 1280, 1600])
def test_chapter_body_text_is_comfortable(open_page, site, long_chapter: str, width: int) -> None:
    words = max(
        (
            len(p.get_text().split())
            for p in site.soup(long_chapter + "index.html").select("article p[id^=p-]")
        ),
        default=0,
    )
    if words < 80:  # read from the report's text, not the rendering, so a broken layout still fails
        pytest.skip(
            f"the longest paragraph of {long_chapter or 'any chapter'} has {words} words; "
            "line length is measured on one of at least 80 (five full lines and more)"
        )
    page = open_page(long_chapter, width=width, height=800).page
    stats = page.evaluate(LINE_STATS, page.evaluate(LONGEST_PASSAGE, None))
    assert 17 <= stats["fontSize"] <= 20, stats
    assert stats["lineHeight"] / stats["fontSize"] >= 1.5, stats
    full_lines = stats["counts"][:-1]  # the last line of a paragraph is short by nature
    assert len(full_lines) >= 5, stats
    average = sum(full_lines) / len(full_lines)
    assert 60 <= average <= 80, f"{average:.1f} characters per line ({stats})"
    assert min(full_lines) >= 50 and max(full_lines) <= 90, stats
    assert "serif" in stats["fontFamily"].split(",")[-1], stats


def test_chapter_text_size_on_a_phone(open_page, long_chapter: str) -> None:
    page = open_page(long_chapter, width=375, height=667).page
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('article p:not(details.report-cite p)')).fontSize)"
    )
    assert 17 <= size <= 20


def test_endnote_markers_do_not_open_up_the_line(open_page, site, annotated_chapter: str) -> None:
    if 'class="endnote-ref' not in site.html(annotated_chapter + "index.html"):
        pytest.skip("the report has no endnote markers ([^n]) in any chapter")
    page = open_page(annotated_chapter, width=1280, height=800).page
    passage = page.evaluate(LONGEST_PASSAGE, "sup.endnote-ref")
    assert passage, "no passage with an endnote marker"
    stats = page.evaluate(LINE_STATS, passage)
    # Line boxes of a paragraph with a marker are as tall as those without one.
    heights = page.evaluate(
        """(sel) => { const p = document.querySelector(sel);
                   const sup = p.querySelector('sup.endnote-ref');
                   const r = document.createRange(); r.selectNodeContents(p);
                   const lines = p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight);
                   return {lines, supTop: sup.getBoundingClientRect().top,
                           supLh: getComputedStyle(sup).lineHeight}; }""",
        passage,
    )
    assert abs(heights["lines"] - round(heights["lines"])) < 0.05, heights
    assert round(heights["lines"]) == len(stats["counts"]), (heights, stats)


def test_headings_have_a_clear_hierarchy(open_page, facts) -> None:
    page = open_page(facts.recommendation_path(facts.recommendations[0]), width=1280, height=800).page
    sizes = page.evaluate(
        """() => ['article h1 .report-rec-title__words', 'article h2', 'article p:not(details.report-cite p)'].map(
             s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"""
    )
    h1, h2, body = sizes
    assert h1 > h2 * 1.05 > body * 1.2, sizes


def test_every_card_names_its_focus_areas_in_text(open_page, facts) -> None:
    page = open_page("", width=1280, height=800).page
    titles = {a["id"]: a["title"] for a in facts.focus_areas}
    cards = page.locator(".report-rec-card")
    assert cards.count() == len(facts.recommendations)
    for i, rec in enumerate(facts.recommendations):
        card = cards.nth(i)
        assert card.locator(".report-rec-card__number").inner_text().split()[-1] == str(i + 1)
        assert rec["title"] in card.inner_text()
        labels = [t.strip() for t in card.locator(".report-area-label").all_inner_texts()]
        assert labels == [titles[a] for a in rec.get("focus_areas", [])]
        if labels:
            assert card.locator(".report-area-label").first.is_visible()
    area_cards = page.locator(".report-cards--areas > li")
    assert [t.strip() for t in area_cards.locator(".report-card__title").all_inner_texts()] == list(
        titles.values()
    )


def test_recommendation_page_sets_the_number_large(open_page, facts) -> None:
    rec = max(facts.recommendations, key=lambda r: len(r.get("focus_areas", [])))  # the most labels to check
    page = open_page(facts.recommendation_path(rec), width=1280, height=800).page
    number, words = page.evaluate(
        """() => ['.report-rec-title__number', '.report-rec-title__words'].map(
             s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"""
    )
    assert number >= 2 * words
    assert page.locator(".report-rec-title__number").inner_text() == str(rec["number"])
    labels = [t.strip() for t in page.locator(".report-rec-areas .report-area-label").all_inner_texts()]
    titles = {a["id"]: a["title"] for a in facts.focus_areas}
    assert labels == [titles[a] for a in rec.get("focus_areas", [])]
    assert page.locator("figure.report-passage blockquote").count() >= 1
    assert (
        page.locator("figure.report-passage figcaption a").count()
        == page.locator("figure.report-passage").count()
    )


def test_palettes_differ_by_design(open_page) -> None:
    """Dark is its own palette: page, text and accent all change, and not by inversion."""

    def colours(scheme: str) -> dict:
        page = open_page("", width=1280, height=800, scheme=scheme).page
        return page.evaluate(
            """() => { const s = getComputedStyle(document.body);
                       const n = getComputedStyle(document.querySelector('.report-rec-card__number'));
                       return {bg: s.backgroundColor, fg: s.color, accent: n.color}; }"""
        )

    light, dark = colours("light"), colours("dark")
    assert all(light[k] != dark[k] for k in light), (light, dark)

    def rgb(c: str) -> tuple[int, ...]:
        return tuple(int(x) for x in c[c.index("(") + 1 : c.index(")")].split(",")[:3])

    inverted = tuple(255 - v for v in rgb(light["accent"]))
    assert rgb(dark["accent"]) != inverted


def test_print_looks_like_the_report(open_page, long_chapter: str) -> None:
    page = open_page("", width=1280, height=800, media="print").page
    cover = page.evaluate(
        """() => { const c = getComputedStyle(document.querySelector('.report-cover'));
                   const a = getComputedStyle(document.querySelector('.report-cover__actions'));
                   const t = getComputedStyle(document.querySelector('.report-cover__name'));
                   return {breakAfter: c.breakAfter, bg: c.backgroundImage + c.backgroundColor,
                           actions: a.display, color: t.color}; }"""
    )
    assert cover["breakAfter"] == "page" and cover["actions"] == "none", cover
    assert cover["color"] == "rgb(0, 0, 0)", cover
    chapter = open_page(long_chapter, width=1280, height=800, media="print").page
    family = chapter.evaluate(
        "getComputedStyle(document.querySelector('article p:not(details.report-cite p)')).fontFamily"
    )
    assert "serif" in family.split(",")[-1]
    out = ARTIFACTS / "design"
    out.mkdir(parents=True, exist_ok=True)
    for name, p in (("landing", page), ("chapter", chapter)):
        p.pdf(path=str(out / f"{name}-print.pdf"), format="Letter", print_background=True)


def test_landing_first_view_weighs_at_most_100_kb(browser, site_url: str) -> None:
    """Everything the landing page loads (HTML, CSS, JS, search index, icon), as sent gzipped."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    try:
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda r: responses.append(r))
        page.goto(site_url, wait_until="networkidle")
        sizes = {}
        for r in responses:
            length = int(r.response().headers.get("content-length") or 0) if r.response() else 0
            sizes[r.url] = max(r.sizes()["responseBodySize"], length) + r.sizes()["responseHeadersSize"]
    finally:
        context.close()
    total = sum(sizes.values())
    assert total <= 100_000, f"{total} bytes: {sizes}"
    assert any(u.endswith("report.css") for u in sizes)
