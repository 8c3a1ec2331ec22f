"""Shared fixtures: real builds of the real report (and of a tiny second report)."""

from __future__ import annotations

import shutil

import pytest

from helpers import FIXTURES, ROOT, Built, run_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real report, built once per session by build_site.py into a temp dir."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return Built(ROOT, out)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = tmp_path_factory.mktemp("mini") / "mini-report"
    shutil.copytree(FIXTURES / "mini-report", project)
    out = project / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    return Built(project, out)
