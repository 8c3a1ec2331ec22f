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
* ``report_sweep`` – every page visited once per colour scheme × viewport, with every per-page
  check collected on that one visit (``report_site/checks/browser.py``).

The browser, the server, axe-core and the sweep are the report checks' own fixtures
(``report_site/checks/plugin.py``: ``report_browser``, ``report_server``, ``report_axe``),
named here as these tests know them.

Pages are opened until the ``load`` event: everything a page needs has arrived; tests that
depend on later work (search results, the worker) wait for it themselves.

A missing browser skips these tests on a workstation and fails them under ``CI=true``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from helpers import ROOT, Built

from report_site.checks.browser import WCAG_TAGS, Tab, Visit, visit_page  # noqa: F401 - browser tests import them from here
from report_site.commands.preview import PreviewServer
from report_site.config import PublicationDate
from report_site.data.model import Published

ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(report_browser: object) -> object:
    return report_browser


@pytest.fixture(scope="session")
def served(report_server: PreviewServer) -> PreviewServer:
    return report_server


@pytest.fixture(scope="session")
def site_url(served: PreviewServer) -> str:
    return served.url


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


@pytest.fixture(scope="session")
def axe_source(report_axe: str) -> str:
    return report_axe


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
def site_pages(report_pages: list[str]) -> list[str]:
    pages = report_pages
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
