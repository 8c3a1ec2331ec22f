"""Shared fixtures: real builds of the real report (and of a tiny second report).

Each configuration of the site is built once per test run and shared by every test
that reads it — by every pytest-xdist worker too (``helpers.built_once``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import (
    EPOCH_SETTINGS,
    FIXTURES,
    ROOT,
    SITE_URL,
    Built,
    build_here,
    built_once,
    copy_project,
    run_build,
    shared_build,
    shared_tmp,
)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real report, built by build_site.py (no PDF)."""
    return shared_build(tmp_path_factory, "site", ROOT)[0]


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real report as published: SITE_URL set (absolute URLs, a sub-path) and the PDF made.

    The PDF is the slow part, so no other shared build makes it.
    """
    built, stdout = shared_build(tmp_path_factory, "published", ROOT, pdf=True, env={"SITE_URL": SITE_URL})
    assert re.search(r"\(PDF: [\w.-]+\.pdf, \d+ pages in [\d.]+ s\)", stdout), stdout
    return built


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch copy of the mini report, safe to break, as the working directory: messages
    name its files as an editor running the build there sees them (``recs.yaml:12:5``)."""
    project = Path(shutil.copytree(FIXTURES / "mini-report", tmp_path / "mini"))
    monkeypatch.chdir(project)
    return project


@pytest.fixture(scope="session")
def copy_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A copy of the frozen report outside git, built with its PDF in ``EPOCH_SETTINGS`` (once per run):
    what the reproducibility and ProperDocs tests compare their own builds with."""
    with built_once(shared_tmp(tmp_path_factory), "copy-built") as (folder, to_build):
        project, site = folder / "x" / "project", folder / "x" / "site"
        if to_build:
            shutil.rmtree(folder / "x", ignore_errors=True)
            copy_project(project)
            run_build(project, site, pdf=True, env=EPOCH_SETTINGS, check=True)
        return Built(project, site)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    with built_once(shared_tmp(tmp_path_factory), "mini") as (folder, to_build):
        project = folder / "mini-report"
        if to_build:
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(FIXTURES / "mini-report", project)
            run_build(project, project / "site", check=True)
        return Built(project, project / "site")


@pytest.fixture(scope="session")
def notes_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The generator fixture with notes, figures, tables and a box (tests/fixtures/notes-report), no PDF."""
    with built_once(shared_tmp(tmp_path_factory), "notes") as (folder, to_build):
        project = folder / "notes-report"
        if to_build:
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(FIXTURES / "notes-report", project)
            build_here(project, project / "site", check=True)
        return Built(project, project / "site")


@pytest.fixture(scope="session")
def notes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same fixture built with its PDF (slow)."""
    with built_once(shared_tmp(tmp_path_factory), "notes-pdf") as (folder, to_build):
        project = folder / "notes-report"
        if to_build:
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(FIXTURES / "notes-report", project)
            build_here(project, project / "site", pdf=True, check=True)
        return Built(project, project / "site")


@pytest.fixture(scope="session")
def gao_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A real public-domain report (tests/fixtures/gao-report: GAO-26-107841, with its notes, tables and a
    figure), built with its PDF."""
    with built_once(shared_tmp(tmp_path_factory), "gao") as (folder, to_build):
        project = folder / "gao-report"
        if to_build:
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(FIXTURES / "gao-report", project)
            build_here(project, project / "site", pdf=True, check=True)
        return Built(project, project / "site")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The report with injections for titles (tests/test_escaping.py), for the HTML and the browser tests."""
    from test_escaping import build_hostile

    with built_once(shared_tmp(tmp_path_factory), "hostile") as (folder, to_build):
        return build_hostile(folder) if to_build else Built(folder / "p", folder / "p" / "site")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that need a build with its PDF (``published``; ``second`` in test_site.py) are slow: left out of `make test-fast`."""
    for item in items:
        if {"published", "second", "notes_pdf", "gao_site"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run that collected no test is a failure to say so, not pytest's exit status 5."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
