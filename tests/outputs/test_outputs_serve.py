"""`mkdocs serve` skips the PDF (too slow for live reload) but still serves the data and citation files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_project, fetch, mkdocs_serve, wait_for


@pytest.mark.slow
def test_serve_has_no_pdf_but_has_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    with mkdocs_serve(project) as server:
        base = server.url
        assert wait_for(lambda: "Peninsula Plus" in fetch(base)[1], timeout=90), "server never came up"
        assert "peninsula-plus.pdf" not in fetch(base)[1]
        assert fetch(base + "peninsula-plus.pdf")[0] == 404
        code, data = fetch(base + "recommendations.json")
        assert code == 200 and '"recommendations"' in data
        assert fetch(base + "peninsula-plus.bib")[0] == 200
