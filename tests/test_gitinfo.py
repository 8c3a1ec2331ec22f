"""gitinfo.py: small questions to git that answer ``None`` instead of failing (tarballs, shallow CI clones,
machines without git), and that git's environment variables cannot redirect."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from report_site.pages import gitinfo


def run_git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        [
            "git",
            "-c",
            "user.name=Ed Itor",
            "-c",
            "user.email=ed@example.org",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    ).stdout.strip()


def repository(path: Path, commits: int = 1) -> Path:
    path.mkdir(parents=True)
    run_git(path, "init", "-q")
    (path / "docs").mkdir()
    for n in range(commits):
        (path / "docs" / "one.md").write_text(f"# One\n\nEdit {n}.\n", "utf-8")
        run_git(path, "add", "-A")
        run_git(path, "commit", "-q", "-m", f"edit {n}")
    return path


def test_a_copy_without_git_gets_no_answers(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    assert gitinfo.git(tmp_path / "report", "rev-parse", "HEAD") is None
    assert gitinfo.toplevel(tmp_path / "report") is None
    assert gitinfo.shallow_boundaries(tmp_path / "report") == frozenset()


def test_the_work_tree_is_found_from_a_file_deep_inside_it(tmp_path: Path) -> None:
    root = repository(tmp_path / "project")
    assert gitinfo.toplevel(root / "docs" / "one.md") == root.resolve()
    assert gitinfo.git(root / "docs", "log", "-1", "--format=%s") == "edit 0"
    assert gitinfo.git(root, "log", "-1", "--", "docs/missing.md") == ""  # a question with an empty answer
    assert gitinfo.git(root, "rev-parse", "no-such-branch") is None  # a question git refuses


def test_gits_environment_cannot_point_the_questions_at_another_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = repository(tmp_path / "project")
    other = repository(tmp_path / "other", commits=2)
    # as inside a git hook or `git rebase --exec`, which export GIT_DIR for their own repository
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    assert gitinfo.git(project, "rev-list", "--count", "HEAD") == "1"
    assert gitinfo.toplevel(project / "docs") == project.resolve()


def test_a_machine_without_git_gets_no_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = repository(tmp_path / "project")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert gitinfo.git(project, "rev-parse", "HEAD") is None


def test_a_shallow_clone_names_the_commit_at_its_cut(tmp_path: Path) -> None:
    full = repository(tmp_path / "full", commits=3)
    assert gitinfo.shallow_boundaries(full) == frozenset()
    run_git(tmp_path, "clone", "-q", "--depth", "1", full.resolve().as_uri(), "shallow")
    shallow = tmp_path / "shallow"
    assert gitinfo.shallow_boundaries(shallow) == frozenset({run_git(full, "rev-parse", "HEAD")})
