"""build_site.py as editors meet it: one line per problem, exit 1, site/ kept."""

from __future__ import annotations

import hashlib
import signal
import time
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


def test_broken_link_fails_the_build_with_the_chapter_line_and_keeps_site(tmp_path: Path) -> None:
    """An mkdocs-level failure (strict mode) is reported like ours and keeps the old site."""
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    before = tree_digest(site)
    chapter = project / "report" / "introduction.md"
    lines = chapter.read_text("utf-8").split("\n")
    lines.insert(4, "See [the annex](annex.md).")
    lines.insert(5, "")
    chapter.write_text("\n".join(lines), "utf-8")
    result = run_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "report/introduction.md:5:17: Doc file 'introduction.md' contains a link 'annex.md', but the target is not found among documentation files." in result.stderr
    assert result.stderr.strip().endswith("left unchanged")
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site-building-*"))


def test_interrupted_build_leaves_site_and_no_staging(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    before = tree_digest(site)
    # SIGTERM while the staging directory exists: cleaned up, site untouched
    proc = subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "--config", str(project / "mkdocs.yml"), "--site-dir", str(site)],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".site-building-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 130), err  # 0 only if the build won the race
    assert "Traceback" not in err
    if proc.returncode == 130:
        assert "interrupted; site/ left unchanged" in err
        assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site-*"))
    # SIGKILL cannot be cleaned up by the build itself: the next build removes the leftover
    proc = subprocess.Popen([sys.executable, str(ROOT / "build_site.py"), "--config", str(project / "mkdocs.yml"), "--site-dir", str(site)],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while not list(tmp_path.glob(".site-building-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.kill()
    proc.communicate(timeout=60)
    assert run_build(project, site).returncode == 0
    assert not list(tmp_path.glob(".site-*"))
    assert (site / "index.html").is_file()


def test_refuses_every_directory_that_holds_sources(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "keep.txt").write_text("mine", "utf-8")
    for target in (project, project / "report", project / "report" / "out", tmp_path, Path.home(), Path("/"), notes):
        result = run_build(project, target)
        assert result.returncode == 1, target
        assert "refusing to" in result.stderr and "Traceback" not in result.stderr
    assert (notes / "keep.txt").read_text("utf-8") == "mine"
    assert (project / "report" / "introduction.md").is_file()


def test_pre_commit_hook_runs_the_check() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["entry"] == "python build_site.py --check" and hook["pass_filenames"] is False
