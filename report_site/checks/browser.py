"""Chromium against a built report: the browser harness and the sweep of every page.

The browser is Debian's Chromium driven by Playwright (``executable_path``: no browser
download). ``Tab`` goes from page to page as a reader does; ``Visit`` records what a page
asked for. ``Sweep`` makes one visit per page × colour scheme × viewport, collecting every
per-page check at once.

Loading a page in Chromium is the expensive part of a browser test, so the checks every
page must pass (axe-core's WCAG and best-practice rules in one run, the palette, sideways
overflow, the skip link, where requests went, screenshots of each kind of page) are made
on a single visit and kept; the checks in ``test_pages.py`` then assert on them.

One sweep (a colour scheme at a viewport) is one fresh browser context whose one tab goes
from page to page, as a reader does: the browser's cache is warm after the first page (every
request is still seen and recorded), and axe-core is handed to the tab once (an init script,
so each page has it without a copy being sent per page). Between two pages the tab goes to
about:blank, so nothing the last page left in flight is counted against the next.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


#: axe-core as npm installs it (the report's package.json pins it; `make test` runs `npm ci`).
AXE_IN_PROJECT = Path("node_modules") / "axe-core" / "axe.min.js"


def axe_path(*projects: Path) -> Path | None:
    """axe-core's script: ``$AXE_CORE``, else the first project folder that has it installed by npm."""
    candidates = [Path(os.environ["AXE_CORE"])] if os.environ.get("AXE_CORE") else []
    candidates += [project / AXE_IN_PROJECT for project in projects]
    return next((c for c in candidates if c.is_file()), None)


def launch(playwright: object, executable: str) -> object:
    """Chromium, headless, with nothing of its own that reaches the network."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)  # type: ignore[attr-defined]


@dataclass
class Visit:
    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    #: URLs that failed to load (status >= 400 or a network error), with the status.
    failed: list[tuple[str, int | str]] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests to any origin other than the server visited (data: and blob: are local)."""
        origin = urlsplit(self.url)[:2]
        return [
            u for u in self.requests if not u.startswith(("data:", "blob:")) and urlsplit(u)[:2] != origin
        ]


def visit_page(
    browser, url: str, width: int = 1280, height: int = 800, scheme: str = "light", media: str = "screen"
) -> Visit:
    """A fresh browser context (no cache, no cookies) that has loaded ``url``; the caller closes it."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        reduced_motion="reduce",
        service_workers="block",
    )
    page = context.new_page()
    page.emulate_media(media=media)
    visit = Visit(page, url)
    _record(context, lambda: visit)
    page.goto(url, wait_until="load")
    return visit


def _record(context: Any, current: Callable[[], Visit | None]) -> None:
    """Every request and failure of ``context`` onto the visit being made (``current()``; None between
    visits). On the context, not the page: it also sees the requests of workers (search)."""

    def request(r: Any) -> None:
        if (visit := current()) is not None:
            visit.requests.append(r.url)

    def response(r: Any) -> None:
        if (visit := current()) is not None and r.status >= 400:
            visit.failed.append((r.url, r.status))

    def failed(r: Any) -> None:
        if (visit := current()) is not None:
            visit.failed.append((r.url, r.failure or "failed"))

    context.on("request", request)
    context.on("response", response)
    context.on("requestfailed", failed)


class Tab:
    """One tab of a fresh browser context that goes from page to page as a reader does (the cache
    warms up; every request is still seen). Each ``visit`` records only its own page's requests:
    the tab goes to about:blank in between, so nothing left in flight counts against the next page."""

    def __init__(
        self, browser, width: int = 1280, height: int = 800, scheme: str = "light", media: str = "screen"
    ) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            reduced_motion="reduce",
            service_workers="block",
        )
        self.page = self.context.new_page()
        self.page.emulate_media(media=media)
        self._now: list[Visit] = []  # the visit being made; empty between two pages
        _record(self.context, lambda: self._now[0] if self._now else None)

    def visit(self, url: str) -> Visit:
        """``url`` loaded (until the ``load`` event); its requests recorded until the next visit."""
        self._now.clear()
        self.page.goto("about:blank")
        visit = Visit(self.page, url)
        self._now.append(visit)
        self.page.goto(url, wait_until="load")
        return visit

    def close(self) -> None:
        self._now.clear()
        self.context.close()


def summary(found: dict[str, list[dict]]) -> str:
    """axe-core's violations per page, short enough to read in a failed check (three nodes each)."""
    return json.dumps(
        {
            page: [
                {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
                for v in violations
            ]
            for page, violations in found.items()
        },
        indent=1,
    )


#: Colour scheme as the browser asks for it → Material's palette name.
SCHEMES = {"light": "default", "dark": "slate"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}

# Elements wider than the screen: the page itself, or content clipped by a container
# (Material hides overflow, so a too-wide element would be cut off rather than scroll).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const page = document.documentElement.scrollWidth > width;
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const clipped = [...document.querySelectorAll('.md-content *')].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > width + 1 || r.left < -1) && !scrolls(e); })
    .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40));
  return {page, scrollWidth: document.documentElement.scrollWidth, width, clipped: clipped.slice(0, 5)};
}"""

FOCUSED = """() => { const a = document.activeElement; const r = a.getBoundingClientRect();
    return {cls: String(a.className), href: a.getAttribute('href'), text: a.textContent.trim(),
            visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight}; }"""


@dataclass
class PageCheck:
    """What one visit of one page found."""

    path: str
    palette: str | None = None
    wcag: list[dict] = field(default_factory=list)
    best_practice: list[dict] = field(default_factory=list)
    overflow: dict | None = None  # set when something is wider than the screen
    skip_link: object = None  # set to the problem when the skip link does not work
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[tuple[str, int | str]] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)


class Sweep:
    """The results per (scheme, viewport), each made on first use and kept for the session."""

    def __init__(
        self,
        browser,
        site_url: str,
        pages: list[str],
        axe_source: str,
        page_types: dict[str, str],
        artifacts: Path,
    ) -> None:
        self.browser, self.site_url, self.pages, self.axe_source = browser, site_url, pages, axe_source
        self.screenshot_names = {path: name for name, path in page_types.items()}
        self.artifacts = artifacts
        self._done: dict[tuple[str, str], dict[str, PageCheck]] = {}

    def __call__(self, scheme: str, viewport: str) -> dict[str, PageCheck]:
        if (scheme, viewport) not in self._done:
            self._done[scheme, viewport] = self._sweep(scheme, viewport)
        return self._done[scheme, viewport]

    def _sweep(self, scheme: str, viewport: str) -> dict[str, PageCheck]:
        """Every page in turn in one tab of a fresh context (no cookies, an empty cache to begin with)."""
        size = VIEWPORTS[viewport]
        tab = Tab(self.browser, size["width"], size["height"], scheme=scheme)
        try:
            tab.page.add_init_script(script=self.axe_source)
            return {
                path: self._inspect(tab.visit(self.site_url + path), path, scheme, viewport)
                for path in self.pages
            }
        finally:
            tab.close()

    def _inspect(self, visit: Visit, path: str, scheme: str, viewport: str) -> PageCheck:
        page = visit.page
        found = PageCheck(path, palette=page.get_attribute("body", "data-md-color-scheme"))
        violations = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
            [*WCAG_TAGS, "best-practice"],
        )
        found.wcag = [v for v in violations if set(v["tags"]) & set(WCAG_TAGS)]
        found.best_practice = [v for v in violations if "best-practice" in v["tags"]]
        state = page.evaluate(OVERFLOW)
        if state["page"] or state["clipped"]:
            found.overflow = state
        if path in self.screenshot_names:
            found.screenshots = self._screenshots(
                page, self.artifacts / "design", self.screenshot_names[path], scheme, viewport
            )
        found.skip_link = self._skip_link_problem(page)
        found.requests, found.foreign, found.failed = (
            list(visit.requests),
            visit.foreign(),
            list(visit.failed),
        )
        return found

    @staticmethod
    def _screenshots(page, out: Path, name: str, scheme: str, viewport: str) -> list[Path]:
        """The first screen and the whole page, for a person to look at (test-artifacts/, git-ignored)."""
        out.mkdir(parents=True, exist_ok=True)
        shots = [out / f"{name}-{viewport}-{scheme}.png", out / f"{name}-{viewport}-{scheme}-full.png"]
        page.screenshot(path=str(shots[0]))
        page.screenshot(path=str(shots[1]), full_page=True)
        return shots

    @staticmethod
    def _skip_link_problem(page) -> object:
        """None when the first Tab stop is a visible "Skip to content" link whose Enter reaches its target."""
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if "md-skip" not in focused["cls"] or not focused["visible"] or focused["text"] != "Skip to content":
            return focused
        target = focused["href"].split("#", 1)[1]
        if not page.evaluate("id => !!document.getElementById(id)", target):
            return "no element #" + target
        page.keyboard.press("Enter")
        page.wait_for_function("id => location.hash === '#' + id", arg=target)
        return None
