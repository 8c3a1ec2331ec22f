"""build_site.py as editors meet it: one line per problem, exit 1, site/ kept."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, copy_project, run_build


def tree_digest(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.rglob("*")) if p.is_file()}


def test_help_documents_the_command() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "build_site.py"), "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    for flag in ("--check", "--site-dir", "--strict", "--config"):
        assert flag in out.stdout


def test_unknown_id_in_a_chapter_fails_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    chapter = project / "report" / "introduction.md"
    lines = chapter.read_text("utf-8").split("\n")
    n = lines.index("[[supports: threats-from-china]]")
    lines[n] = "[[supports: threats-from-chna]]"
    chapter.write_text("\n".join(lines), "utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"report/introduction.md:{n + 1}:13: unknown recommendation id `threats-from-chna`; did you mean `threats-from-china`?" in result.stderr
    assert not site.exists()


def test_failed_build_leaves_previous_site_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    before = tree_digest(site)
    data = project / "recommendations.yaml"
    data.write_text(data.read_text("utf-8").replace("focus_areas: [china]", "focus_areas: [chine]"), "utf-8")
    result = run_build(project, site)
    assert result.returncode == 1, result.stdout
    assert "recommendations.yaml:" in result.stderr and "unknown focus area `chine`" in result.stderr
    assert tree_digest(site) == before


def test_check_validates_without_building(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    result = subprocess.run([sys.executable, str(ROOT / "build_site.py"), "--check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "9 recommendations" in result.stdout
    assert not (project / "site").exists()


def test_refuses_to_build_over_the_sources(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    for target in (project, project / "report", tmp_path):
        result = run_build(project, target)
        assert result.returncode == 1
        assert "refusing to build" in result.stderr
    assert (project / "report" / "introduction.md").is_file()
