"""When WeasyPrint cannot run (no Pango on the machine), the build says so in one line and keeps site/."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import PENINSULA, ROOT, run_build

from report_site.commands import sitedir


@pytest.mark.slow
def test_missing_pango_is_one_line_and_keeps_the_previous_site(tmp_path: Path) -> None:
    # A stand-in for WeasyPrint on a machine without Pango: importing it fails the way the real one does.
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "weasyprint.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\")\n",
        "utf-8",
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build", "utf-8")
    (site / "index.html").write_text("<!doctype html><title>previous build</title>", "utf-8")
    sitedir.write_marker(site)  # a site this tool built (the guard refuses any other folder)
    result = run_build(PENINSULA, site, pdf=True, env={"PYTHONPATH": f"{fake}:{ROOT}"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if "WeasyPrint cannot render" in ln]
    assert len(errors) == 1 and "libpango" in errors[0] and "--no-pdf" in errors[0]
    assert (site / "keep.txt").read_text("utf-8") == "previous build"
