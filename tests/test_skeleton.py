"""``build_site.py new DIR`` (report_site/skeleton.py): a report that builds strictly and passes its tests as created."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, report_tests


def _new(target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "new", str(target)], capture_output=True, text=True
    )


@pytest.mark.slow
def test_new_report_builds_strictly_and_passes_the_report_tests(tmp_path: Path) -> None:
    target = tmp_path / "my-report"
    created = _new(target)
    assert created.returncode == 0, created.stderr
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        ".gitignore",
        "CITATION.cff",
        "README.md",
        "mkdocs.yml",
        "recommendations.yaml",
        "report/first-chapter.md",
        "report/index.md",
        "schemas/recommendations.schema.json",
    ]
    # Editors validate the data file against the schema its modeline names, shipped with the report.
    modeline = (target / "recommendations.yaml").read_text("utf-8").split("\n", 1)[0]
    assert modeline == "# yaml-language-server: $schema=schemas/recommendations.schema.json"
    assert (target / "schemas/recommendations.schema.json").read_bytes() == (
        ROOT / "report_site/schemas/recommendations.schema.json"
    ).read_bytes()
    build = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--strict"], cwd=target, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stderr
    assert "2 recommendations" in build.stdout and not build.stderr
    tests = report_tests(target)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert (
        "9 passed, 1 skipped" in tests.stdout
    )  # the verbatim check: skipped, as the new report names no source text


def test_new_never_writes_into_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", "utf-8")
    result = _new(tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(
        "already exists and is not an empty folder; choose a new folder name"
    )
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: Mine\n"
