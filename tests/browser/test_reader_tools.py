"""Reader tools in Chromium: previews of cross-references and copy-a-quotation (issue 15).

Expectations come from the built site's own data (recommendations.json, the pages'
citation metadata), so another report passes without editing this file. Self-contained:
it uses only the session fixtures ``browser``, ``site``, ``site_url`` and ``axe_source``.
Screenshots go to ``test-artifacts/reader-tools/``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import pytest
from conftest import ARTIFACTS, describe

SHOTS = ARTIFACTS / "reader-tools"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def data(site) -> dict[str, Any]:
    return json.loads((site.site / "recommendations.json").read_text("utf-8"))


@pytest.fixture
def opener(browser, site_url: str) -> Iterator[Any]:
    contexts = []

    def open_(path: str, scheme: str = "light", width: int = 1280, height: int = 800):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            reduced_motion="reduce",
            service_workers="block",
            permissions=["clipboard-read", "clipboard-write"],
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.wait_for_function("document.readyState === 'complete'")
        return page

    yield open_
    for c in contexts:
        c.close()


def _supports_link(site, data) -> tuple[str, str, dict[str, Any]]:
    """A chapter with an "Argues for" link: (chapter path, the link's href, the recommendation)."""
    by_url = {r["url"]: r for r in data["recommendations"]}
    for rec in data["recommendations"]:
        for passage in rec["passages"]:
            chapter = passage["chapter_url"]
            soup = site.soup(chapter + "index.html")
            for a in soup.select("p.report-supports a[href]"):
                target = urljoin("/" + chapter, a["href"])[1:]
                if target in by_url:
                    return chapter, a["href"], by_url[target]
    pytest.fail("no chapter carries an 'Argues for' link")


def _visible_preview(page) -> dict[str, Any]:
    tip = page.locator("#report-preview")
    tip.wait_for(state="visible", timeout=3000)
    return {"text": words(tip.inner_text()), "box": tip.bounding_box()}


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_hover_and_focus_show_the_full_title_and_escape_hides_it(opener, site, data) -> None:
    chapter, href, rec = _supports_link(site, data)
    page = opener(chapter)
    link = page.locator(f'p.report-supports a[href="{href}"]').first
    link.scroll_into_view_if_needed()
    before = page.evaluate("document.documentElement.scrollHeight")
    para_top = page.evaluate(
        "(h) => document.querySelector(`p.report-supports a[href=\"${h}\"]`).closest('p').getBoundingClientRect().top",
        href,
    )
    link.hover()
    shown = _visible_preview(page)
    assert words(rec["title"]) in shown["text"], shown["text"]
    assert f"{rec['number']}" in shown["text"]
    for area in rec.get("focus_areas", []):
        assert words(area["title"]) in shown["text"]
    assert not _overlaps(shown["box"], link.bounding_box()), "the preview covers its link"
    assert page.evaluate("document.documentElement.scrollHeight") == before, "layout shifted"
    assert (
        page.evaluate(
            "(h) => document.querySelector(`p.report-supports a[href=\"${h}\"]`).closest('p').getBoundingClientRect().top",
            href,
        )
        == para_top
    )
    assert link.get_attribute("aria-describedby") == "report-preview"
    assert page.locator("#report-preview").get_attribute("role") == "tooltip"
    # Hoverable: moving onto the card keeps it open (WCAG 1.4.13).
    box = shown["box"]
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.wait_for_timeout(400)
    assert page.locator("#report-preview").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "preview-hover.png"))
    page.keyboard.press("Escape")
    page.locator("#report-preview").wait_for(state="hidden", timeout=2000)
    # Moving away also hides it.
    link.hover()
    _visible_preview(page)
    page.mouse.move(5, 5)
    page.locator("#report-preview").wait_for(state="hidden", timeout=2000)
    # Keyboard focus.
    link.focus()
    assert words(rec["title"]) in _visible_preview(page)["text"]
    page.keyboard.press("Escape")
    page.locator("#report-preview").wait_for(state="hidden", timeout=2000)
    assert link.get_attribute("aria-describedby") is None


def test_a_passage_link_on_a_recommendation_page_previews_the_paragraph(opener, site, data) -> None:
    rec = next(r for r in data["recommendations"] if r["passages"])
    page = opener(rec["url"])
    passage = rec["passages"][0]
    link = page.locator(f'figure.report-passage figcaption a[href$="#{passage["anchor"]}"]').first
    chapter = site.soup(passage["chapter_url"] + "index.html")
    para = chapter.find(id=passage["anchor"])
    expected = words(para.get_text(" "))
    link.hover()
    shown = _visible_preview(page)
    assert expected[:60] in shown["text"], (expected, shown)
    assert f"paragraph {para['data-paragraph']}" in shown["text"]
    assert not _overlaps(shown["box"], link.bounding_box())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean_with_a_preview_open(opener, site, data, axe_source, scheme) -> None:
    chapter, href, _rec = _supports_link(site, data)
    page = opener(chapter, scheme=scheme)
    link = page.locator(f'p.report-supports a[href="{href}"]').first
    link.focus()
    _visible_preview(page)
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)[
        "violations"
    ]
    assert violations == [], describe(violations)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"preview-focus-{scheme}.png"))


def _citation_facts(page) -> tuple[list[str], str]:
    """Family names and year from the page's own Highwire metadata."""
    authors = page.eval_on_selector_all('meta[name="citation_author"]', "els => els.map(e => e.content)")
    date = page.get_attribute('meta[name="citation_publication_date"]', "content")
    return [a.split()[-1] for a in authors], date[:4]


def test_copy_puts_the_quotation_citation_and_anchor_on_the_clipboard(opener, site, data) -> None:
    passage = data["recommendations"][0]["passages"][0]
    chapter, section = passage["chapter_url"], words(passage["chapter"])
    page = opener(chapter)
    families, year = _citation_facts(page)
    paras = page.locator("p[data-paragraph][id]:has(a.report-permalink)")
    para = paras.nth(min(2, paras.count() - 1))  # the third, or the last of a shorter chapter
    pid, number = para.get_attribute("id"), para.get_attribute("data-paragraph")
    body = words(
        page.evaluate(
            """(id) => { const c = document.getElementById(id).cloneNode(true);
        c.querySelectorAll('a.report-permalink, button, sup').forEach(n => n.remove()); return c.textContent; }""",
            pid,
        )
    )
    para.hover()
    button = para.locator("button.report-copy")
    assert button.is_visible()
    assert button.evaluate("b => b.tagName") == "BUTTON" and button.get_attribute("aria-label")
    SHOTS.mkdir(parents=True, exist_ok=True)
    para.screenshot(path=str(SHOTS / "copy-control.png"))
    # Keyboard: focus the button and press Enter.
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.report-copy-status').textContent.includes('Copied')")
    copied = {"default": page.evaluate("navigator.clipboard.readText()")}
    page.screenshot(path=str(SHOTS / "copy-status.png"))
    styles = page.eval_on_selector_all("#report-quote-style option", "os => os.map(o => o.value)")
    assert len(styles) >= 3
    for style in styles:
        page.locator("summary", has_text="Cite").first.click()
        page.select_option("#report-quote-style", style)
        page.locator("summary", has_text="Cite").first.click()
        page.evaluate(
            "() => { const s = document.querySelector('.report-copy-status'); s.textContent = ''; }"
        )
        para.hover()
        button.click()
        page.wait_for_function("document.querySelector('.report-copy-status').textContent.includes('Copied')")
        copied[style] = page.evaluate("navigator.clipboard.readText()")
    (SHOTS / "copied.json").write_text(json.dumps(copied, indent=1, ensure_ascii=False), "utf-8")
    start = body[:80].replace("“", "‘").replace("”", "’")
    for style, text in copied.items():
        assert text.startswith("“") and start in text, (style, text)
        assert re.search(rf"\b{re.escape(section)}, par(a)?\. {number}\)\. ", text), (style, text)
        assert text.endswith(f"/{chapter}#{pid}") and text.split()[-1].startswith("http"), (style, text)
        assert families[0] in text
    assert f"{families[0]}" in copied["apa"] and f", {year}," in copied["apa"] and "para." in copied["apa"]
    assert f" {year}," in copied["chicago"] and f", {year}" not in copied["chicago"]
    assert year not in copied["mla"].split("(")[-1].split(")")[0] and "par. " in copied["mla"]
    # The choice is remembered (localStorage), and no cookie is set.
    page.reload(wait_until="networkidle")
    assert page.eval_on_selector("#report-quote-style", "s => s.value") == styles[-1]
    assert page.context.cookies() == []


def test_copy_control_hidden_in_print(opener, data) -> None:
    chapter = data["recommendations"][0]["passages"][0]["chapter_url"]
    page = opener(chapter)
    page.emulate_media(media="print")
    assert page.locator("button.report-copy").first.evaluate("b => getComputedStyle(b).display") == "none"


def test_touch_follows_the_link_without_a_preview(browser, site_url: str, site, data) -> None:
    chapter, href, rec = _supports_link(site, data)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, service_workers="block"
    )
    try:
        page = context.new_page()
        page.goto(site_url + chapter, wait_until="networkidle")
        page.evaluate("""() => new MutationObserver(() => { if (!document.getElementById('report-preview').hidden)
                          sessionStorage.setItem('preview-shown', '1'); })
                          .observe(document.getElementById('report-preview'), {attributes: true})""")
        link = page.locator(f'p.report-supports a[href="{href}"]').first
        link.scroll_into_view_if_needed()
        link.tap()
        page.wait_for_url("**/" + rec["url"])
        assert page.evaluate("sessionStorage.getItem('preview-shown')") is None
    finally:
        context.close()
