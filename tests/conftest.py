"""Shared fixtures: real builds of the real report (and of a tiny second report).

Each configuration of the site is built once per test run and shared by every test
that reads it — by every pytest-xdist worker too (``helpers.built_once``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import (
    EPOCH_SETTINGS,
    FIXTURES,
    LIVING_URL,
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
def report_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real report, built by ``build_site.py --strict`` (no PDF): the build the report checks read
    (``report_site/checks/plugin.py``), shared with every test of this repository that reads the site."""
    return shared_build(tmp_path_factory, "site", ROOT, "--strict")[0]


@pytest.fixture(scope="session")
def site(report_build: Built) -> Built:
    """The real report, built (``report_build``)."""
    return report_build


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


def fixture_site(
    factory: pytest.TempPathFactory, name: str, pdf: bool = False, env: dict[str, str] | None = None
) -> Built:
    """A copy of ``tests/fixtures/<name>`` built once per run (``pdf``: with its PDF, slow; ``env``: variables
    the build sees, such as ``SITE_URL``)."""
    key = name + ("-pdf" if pdf else "") + "".join(f"-{k.lower()}" for k in sorted(env or {}))
    with built_once(shared_tmp(factory), key) as (folder, to_build):
        project = folder / name
        if to_build:
            shutil.rmtree(project, ignore_errors=True)
            shutil.copytree(FIXTURES / name, project)
            build_here(project, project / "site", pdf=pdf, env=env, check=True)
        return Built(project, project / "site")


@pytest.fixture(scope="session")
def living(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture report with status updates and corrections (test data: tests/fixtures/living-report),
    built for ``LIVING_URL``, no PDF."""
    return fixture_site(tmp_path_factory, "living-report", env={"SITE_URL": LIVING_URL})


@pytest.fixture(scope="session")
def living_pdf(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same, built without a site_url and with its PDF (slow)."""
    return fixture_site(tmp_path_factory, "living-report", pdf=True)


@pytest.fixture(scope="session")
def notes_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The generator fixture with notes, figures, tables and a box (tests/fixtures/notes-report), no PDF."""
    return fixture_site(tmp_path_factory, "notes-report")


@pytest.fixture(scope="session")
def notes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The same fixture built with its PDF (slow)."""
    return fixture_site(tmp_path_factory, "notes-report", pdf=True)


@pytest.fixture(scope="session")
def gao_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A real public-domain report (tests/fixtures/gao-report: GAO-26-107841, with its notes, tables and a
    figure), built with its PDF."""
    return fixture_site(tmp_path_factory, "gao-report", pdf=True)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The report with injections for titles (tests/test_escaping.py), for the HTML and the browser tests."""
    from test_escaping import build_hostile

    with built_once(shared_tmp(tmp_path_factory), "hostile") as (folder, to_build):
        return build_hostile(folder) if to_build else Built(folder / "p", folder / "p" / "site")


@pytest.fixture(scope="session")
def generator_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator as a wheel, built once per run (pip, with build isolation) from a copy of its sources, so
    nothing is built inside the checkout: what a report project installs (test_packaging, test_skeleton)."""
    with built_once(shared_tmp(tmp_path_factory), "wheel") as (folder, to_build):
        if to_build:
            shutil.rmtree(folder / "src", ignore_errors=True)
            src = folder / "src"
            src.mkdir()
            for name in ("pyproject.toml", "README.md"):
                shutil.copy2(ROOT / name, src / name)
            shutil.copytree(
                ROOT / "report_site",
                src / "report_site",
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            )
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "wheel",
                    "--quiet",
                    "--no-deps",
                    "--disable-pip-version-check",
                    "-w",
                    str(folder / "dist"),
                    str(src),
                ],
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert result.returncode == 0, result.stderr[-3000:]
        [built] = (folder / "dist").glob("report_site-*.whl")
        return built


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that need a build with its PDF (``published``, ``notes_pdf``, ``gao_site``, ``living_pdf``; ``second``
    in test_site.py) are slow: left out of `make test-fast`."""
    for item in items:
        if {"published", "second", "notes_pdf", "gao_site", "living_pdf"} & set(
            getattr(item, "fixturenames", ())
        ):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run that collected no test is a failure to say so, not pytest's exit status 5."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
