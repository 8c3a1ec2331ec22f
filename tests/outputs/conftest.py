"""The output tests are generator tests: they build the frozen first report (tests/fixtures/peninsula-plus),
not whichever report the repository publishes, so they pass whatever report the repository holds."""

from __future__ import annotations

import re

import pytest
from helpers import PENINSULA, SITE_URL, Built, shared_build


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Overrides tests/conftest.py's build of the repository's report."""
    return shared_build(tmp_path_factory, "peninsula-site", PENINSULA)[0]


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The frozen report as published: SITE_URL set and the PDF made."""
    built, stdout = shared_build(
        tmp_path_factory, "peninsula-published", PENINSULA, pdf=True, env={"SITE_URL": SITE_URL}
    )
    assert re.search(r"\(PDF: peninsula-plus\.pdf, \d+ pages in [\d.]+ s\)", stdout), stdout
    return built
