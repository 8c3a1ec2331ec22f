"""One published build for the output tests: SITE_URL set (absolute URLs) and the PDF made.

Built once per session; the PDF is the slow part, so no other test builds it.
"""

from __future__ import annotations

import re

import pytest

from helpers import PENINSULA, Built, run_build

SITE_URL = "https://example.org/peninsula-plus/"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Overrides tests/conftest.py's build of the repository's report: the output tests are generator
    tests, so they build the frozen first report (the repository may publish another one)."""
    out = tmp_path_factory.mktemp("peninsula") / "site"
    result = run_build(PENINSULA, out)
    assert result.returncode == 0, result.stderr
    return Built(PENINSULA, out)


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("published") / "site"
    result = run_build(PENINSULA, out, pdf=True, env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    assert re.search(r"\(PDF: peninsula-plus\.pdf, \d+ pages in [\d.]+ s\)", result.stdout), result.stdout
    return Built(PENINSULA, out)
