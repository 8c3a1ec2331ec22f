"""In Chromium: the edit button, the repository link and "Last updated" make no third-party
request and add no accessibility violation (axe-core, WCAG 2.2 AA)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from helpers import copy_project, run_build

from report_site.commands.preview import PreviewServer

OURS = (".md-content__button", ".md-source", ".md-source-file")


@pytest.fixture(scope="module")
def with_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("with-repo")
    project = copy_project(root / "project")
    run_build(
        project,
        root / "site",
        check=True,
        env=dict(REPO_URL="https://github.com/example-org/peninsula-plus", SOURCE_DATE_EPOCH="1678838400"),
    )
    with PreviewServer(root / "site") as server:
        yield server.url


@pytest.mark.parametrize("path", ["", "introduction/", "recommendations/threats-from-china/"])
def test_edit_and_last_updated_are_local_and_accessible(open_page, axe, with_repo: str, path: str) -> None:
    visit = open_page(path, base=with_repo)
    page = visit.page
    origin = urlparse(with_repo).netloc
    assert all(urlparse(u).netloc == origin or u.startswith(("data:", "blob:")) for u in visit.requests), (
        visit.requests
    )
    edit = page.locator('a[rel="edit"]')
    assert edit.count() == 1 and edit.first.is_visible()
    assert page.get_by_role("link", name="Edit this page").count() == 1
    assert page.locator("aside.md-source-file time").first.inner_text() == "15 March 2023"
    ours = [
        v
        for v in axe(page)
        if any(
            any(sel in " ".join(map(str, n["target"])) or sel.strip(".") in n.get("html", "") for sel in OURS)
            for n in v["nodes"]
        )
    ]
    assert ours == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in ours]
