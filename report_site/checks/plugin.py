"""pytest fixtures for a report's checks: the project, its data, its strict build, Chromium on every page.

Registered through the ``pytest11`` entry point, so any pytest in an environment with the
generator has them: ``report-site test`` (``runner.py``) runs the shipped checks with them, a
report project may add tests of its own in ``tests/`` that use them, and this repository's
tests override ``report_build`` to share the build they make anyway. Nothing is imported or
built until a test asks for a fixture.

The project is ``--report-project DIR`` (a folder with mkdocs.yml), else pytest's rootdir.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from report_site.commands.preview import PreviewServer
    from report_site.data.model import Report

    from .browser import Sweep
    from .site import Built


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("report-site").addoption(
        "--report-project",
        default=None,
        help="the report project to check: a folder with mkdocs.yml (default: the rootdir)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real Chromium against the built site")


def missing(message: str) -> None:
    """A tool the checks need is not installed: a skip on a workstation, a failure under ``CI=true``."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def report_project(request: pytest.FixtureRequest) -> Path:
    given = request.config.getoption("report_project")
    project = Path(given).resolve() if given else request.config.rootpath
    if not (project / "mkdocs.yml").is_file():
        pytest.fail(
            f"{project}: no mkdocs.yml here; run the checks in a report project or pass --report-project"
        )
    return project


@pytest.fixture(scope="session")
def report_config(report_project: Path) -> Any:
    """mkdocs' configuration of the report, validated as a build validates it."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(report_project / "mkdocs.yml"))


@pytest.fixture(scope="session")
def report_settings(report_config: Any) -> Any:
    """The ``report-site`` plugin's settings (``metadata``, ``recommendations``, ``source_text`` …)."""
    return report_config.plugins["report-site"].config


@pytest.fixture(scope="session")
def report_data(report_project: Path, report_settings: Any) -> Report:
    """The recommendations, read by the generator's own loader."""
    from report_site.data import loader

    return loader.load(report_project / report_settings.recommendations)


@pytest.fixture(scope="session")
def report_build(tmp_path_factory: pytest.TempPathFactory, report_project: Path) -> Built:
    """The report built once per run (every xdist worker shares it) as ``report-site --strict`` builds it,
    without the PDF; what it printed is on the ``Built``."""
    from .site import shared_build

    return shared_build(tmp_path_factory, "report", report_project, "--strict")[0]


@pytest.fixture(scope="session")
def report_server(report_build: Built) -> Iterator[PreviewServer]:
    """The built site served on loopback as a static host serves it (gzip, 404 page)."""
    from report_site.commands.preview import PreviewServer

    with PreviewServer(report_build.site) as server:
        yield server


@pytest.fixture(scope="session")
def report_url(report_server: PreviewServer) -> str:
    return report_server.url


@pytest.fixture(scope="session")
def report_pages(report_build: Built) -> list[str]:
    """Every page of the built site, as paths under ``report_url`` (``""`` is the landing page)."""
    from .site import all_pages

    return all_pages(report_build.site)


@pytest.fixture(scope="session")
def report_page_types(report_project: Path, report_data: Report) -> dict[str, str]:
    """One page of each kind a reader meets (for screenshots): landing, first chapter, first recommendation, index."""
    from .site import chapter_pages

    kinds = {"landing": ""}
    chapters = chapter_pages(report_project)
    if chapters:
        kinds["chapter"] = chapters[0].removesuffix("index.html")
    if report_data.recommendations:
        kinds["recommendation"] = f"recommendations/{report_data.recommendations[0].id}/"
    kinds["recommendations-index"] = "recommendations/"
    return kinds


@pytest.fixture(scope="session")
def report_artifacts(report_project: Path) -> Path:
    """Where screenshots go for a person to look at (``test-artifacts/``, git-ignored)."""
    return report_project / "test-artifacts"


@pytest.fixture(scope="session")
def report_browser() -> Iterator[Any]:
    """Debian's Chromium (``$CHROMIUM`` to name another), through Playwright; no browser download."""
    from .browser import chromium_path, launch

    executable = chromium_path()
    if executable is None:
        missing("Chromium not found: set CHROMIUM or install it (Debian: `apt-get install chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed: install the generator with its checks, `report-site[check]`")
    with sync_playwright() as playwright:
        browser = launch(playwright, executable)  # type: ignore[arg-type]
        yield browser
        browser.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def report_axe(request: pytest.FixtureRequest, report_project: Path) -> str:
    """axe-core's script, as npm installed it for the project (``$AXE_CORE`` to name another copy)."""
    from .browser import axe_path

    path = axe_path(report_project, request.config.rootpath)
    if path is None:
        missing("axe-core not found: run `npm ci` (the project's `make test` does) or set AXE_CORE")
    return path.read_text("utf-8")  # type: ignore[union-attr]


@pytest.fixture(scope="session")
def report_sweep(
    report_browser: Any,
    report_url: str,
    report_pages: list[str],
    report_axe: str,
    report_page_types: dict[str, str],
    report_artifacts: Path,
) -> Sweep:
    """Every page visited once per colour scheme × viewport, every per-page check made on that visit."""
    from .browser import Sweep

    return Sweep(report_browser, report_url, report_pages, report_axe, report_page_types, report_artifacts)
