"""Browser harness: Debian's Chromium driven by Playwright against the built site.

Fixtures for every browser test:

* ``site_url`` – base URL (ends in ``/``) of the real site, built once and served on
  loopback by ``report_site.preview`` (gzip, like a static host).
* ``open_page(path, width=1280, height=800, scheme="light")`` – a fresh page that has
  loaded ``site_url + path``; ``visit.requests`` lists every URL the browser asked for,
  ``visit.failed`` those that failed (status >= 400 or network error).
* ``axe(page, tags=WCAG_TAGS)`` – runs axe-core (npm, pinned), by default for the WCAG 2.x
  A/AA tags; returns the violations.
* ``ARTIFACTS`` – git-ignored folder for screenshots.
* ``site_pages`` – every page of the built site (``all_pages(site)``), as paths under
  ``site_url``; ``visit.foreign()`` – requests that left the local server.
* ``sweep`` – every page visited once per colour scheme × viewport, with every per-page
  check collected on that one visit (``tests/browser/sweep.py``).

Pages are opened until the ``load`` event: everything a page needs has arrived; tests that
depend on later work (search results, the worker) wait for it themselves.

A missing browser skips these tests on a workstation and fails them under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from helpers import ROOT, Built

from report_site.config import PublicationDate
from report_site.model import Published
from report_site.preview import PreviewServer

if TYPE_CHECKING:
    from sweep import Sweep

ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    exe = chromium_path()
    if exe is None:
        message = "Chromium not found: set CHROMIUM or `apt-get install chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def served(site: Built) -> Iterator[PreviewServer]:
    with PreviewServer(site.site) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(served: PreviewServer) -> str:
    return served.url


@dataclass
class Visit:
    page: object
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


@pytest.fixture
def open_page(browser, site_url: str) -> Iterator[Callable[..., Visit]]:
    contexts = []

    def _open(
        path: str = "",
        width: int = 1280,
        height: int = 800,
        scheme: str = "light",
        base: str | None = None,
        media: str = "screen",
    ) -> Visit:
        visit = visit_page(browser, (base or site_url) + path, width, height, scheme, media)
        contexts.append(visit.page.context)
        return visit

    yield _open
    for c in contexts:
        c.close()


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
    # On the context, not the page: also catches requests from workers (search).
    context.on("request", lambda r: visit.requests.append(r.url))
    context.on("response", lambda r: r.status >= 400 and visit.failed.append((r.url, r.status)))
    context.on("requestfailed", lambda r: visit.failed.append((r.url, r.failure or "failed")))
    page.goto(url, wait_until="load")
    return visit


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
        # On the context, not the page: also catches requests from workers (search).
        self.context.on("request", lambda r: self._now and self._now[0].requests.append(r.url))
        self.context.on(
            "response",
            lambda r: self._now and r.status >= 400 and self._now[0].failed.append((r.url, r.status)),
        )
        self.context.on(
            "requestfailed",
            lambda r: self._now and self._now[0].failed.append((r.url, r.failure or "failed")),
        )

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


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        message = "axe-core missing: run `npm ci` (make test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text("utf-8")


@pytest.fixture
def axe(axe_source: str) -> Callable[[object], list[dict]]:
    def run(page, tags: list[str] = WCAG_TAGS) -> list[dict]:
        if not page.evaluate("typeof window.axe === 'object'"):
            page.add_script_tag(content=axe_source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
        return result["violations"]

    return run


def describe(violations: list[dict]) -> str:
    return json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ],
        indent=1,
    )


@pytest.fixture(scope="session")
def site_pages(site: Built) -> list[str]:
    pages = all_pages(site)
    recommendations = report_facts().recommendations
    assert len(pages) > len(recommendations) and "" in pages and "404.html" in pages, pages
    return pages


@pytest.fixture(scope="session")
def facts() -> ReportFacts:
    return report_facts()


@pytest.fixture(scope="session")
def long_chapter(site: Built, site_pages: list[str], facts: ReportFacts) -> str:
    """The chapter with the most passages: where reading comfort is measured."""
    return max(facts.chapters(site_pages), key=lambda p: site.html(p + "index.html").count(' id="p-'))


@pytest.fixture(scope="session")
def annotated_chapter(site: Built, site_pages: list[str], facts: ReportFacts) -> str:
    """The chapter with the most endnote markers."""
    return max(
        facts.chapters(site_pages), key=lambda p: site.html(p + "index.html").count('class="endnote-ref')
    )


@pytest.fixture(scope="session")
def sweep(browser, site_url: str, site_pages: list[str], axe_source: str, facts: ReportFacts) -> Sweep:
    from sweep import Sweep

    return Sweep(browser, site_url, site_pages, axe_source, facts.page_types(site_pages))


def all_pages(site: Built) -> list[str]:
    """Every HTML page of the built site as a path relative to the base URL."""
    out = []
    for html in sorted(site.site.rglob("*.html")):
        rel = html.relative_to(site.site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


@dataclass(frozen=True)
class ReportFacts:
    """What the tests expect, read from the report's own data (so another report's tests pass)."""

    recommendations: list[dict]  # as in the data file, each with its ``number`` (1-based) added
    focus_areas: list[dict]
    metadata: dict  # the plugin's ``metadata`` in mkdocs.yml: title, authors, published, …
    plugin: dict = field(default_factory=dict)  # the plugin's settings (``labels``, …)
    site_name: str = ""  # mkdocs.yml's, which Material's titles name

    @property
    def published(self) -> Published:
        """The publication date as the plugin reads it (a day, a month or a year)."""
        return PublicationDate().validate(self.metadata["published"])

    def recommendation_path(self, rec: dict) -> str:
        return f"recommendations/{rec['id']}/"

    def chapters(self, site_pages: list[str]) -> list[str]:
        """Hand-written pages other than the landing page: not generated from the data."""
        return [p for p in site_pages if p not in ("", "404.html") and not p.startswith("recommendations/")]

    @property
    def search_word(self) -> str:
        """A word the search finds something for: the longest in the first recommendation's title."""
        return max(self.recommendations[0]["title"].split(), key=len).strip(".,;:")

    def page_types(self, site_pages: list[str]) -> dict[str, str]:
        """One page of each kind a reader meets, for screenshots."""
        return {
            "landing": "",
            "chapter": self.chapters(site_pages)[0],
            "recommendation": self.recommendation_path(self.recommendations[0]),
            "recommendations-index": "recommendations/",
        }


def report_facts() -> ReportFacts:
    import yaml
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    plugin = next(p["report-site"] for p in config["plugins"] if isinstance(p, dict) and "report-site" in p)
    data = yaml.safe_load(
        (ROOT / (plugin or {}).get("recommendations", "recommendations.yaml")).read_text("utf-8")
    )
    recs = [{**r, "number": n} for n, r in enumerate(data["recommendations"], 1)]
    return ReportFacts(recs, data.get("focus_areas") or [], plugin["metadata"], plugin, config["site_name"])
