""" "Last updated" dates: from git per source file, the data file's for generated pages, never a failure."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import Built, build_here, clean_env, commit_all, copy_project, git


def updated(built: Built, rel: str) -> str:
    """The machine-readable date under a page, from Material's source-file block."""
    times = built.soup(rel).select("aside.md-source-file time[datetime]")
    assert len(times) == 1, rel
    assert "Last updated" in times[0].parent.get_text(), rel
    return times[0]["datetime"]


def html_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")


@pytest.mark.slow
def test_outside_git_every_page_shows_the_build_date(tmp_path: Path) -> None:
    """A copy without .git (a tarball, a download) builds, dated SOURCE_DATE_EPOCH."""
    project = copy_project(tmp_path / "no-git")
    assert not (project / ".git").exists()
    out = tmp_path / "site"
    build_here(project, out, check=True, env=dict(SOURCE_DATE_EPOCH="1678838400"))  # 2023-03-15 00:00 UTC
    built = Built(project, out)
    assert {updated(built, rel) for rel in html_pages(out)} == {"2023-03-15"}
    assert '<time datetime="2023-03-15">15 March 2023</time>' in built.html("introduction/index.html")


def two_commit_repo(root: Path) -> Path:
    """First commit 2023-03-15; second, 2024-06-01, changes the introduction and the data file only."""
    project = copy_project(root)
    commit_all(project, "The report as published", "2023-03-15T12:00:00Z")
    intro = project / "report" / "introduction.md"
    intro.write_text(intro.read_text("utf-8") + "\n", "utf-8")
    data = project / "recommendations.yaml"
    data.write_text(data.read_text("utf-8") + "\n# reviewed\n", "utf-8")
    commit_all(project, "Copy edits", "2024-06-01T09:30:00Z")
    return project


@pytest.mark.slow
def test_each_page_has_its_own_files_date(tmp_path: Path) -> None:
    project = two_commit_repo(tmp_path / "repo")
    out = tmp_path / "site"
    build_here(project, out, check=True)
    built = Built(project, out)
    assert updated(built, "introduction/index.html") == "2024-06-01"
    assert updated(built, "executive-summary/index.html") == "2023-03-15"
    assert updated(built, "index.html") == "2023-03-15"
    # Generated from recommendations.yaml: its date.
    assert updated(built, "recommendations/index.html") == "2024-06-01"
    assert updated(built, "recommendations/threats-from-china/index.html") == "2024-06-01"


@pytest.mark.slow
def test_shallow_clone_builds_and_falls_back_to_the_build_date(tmp_path: Path) -> None:
    repo = two_commit_repo(tmp_path / "repo")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, env=clean_env()
    )
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    out = tmp_path / "site"
    build_here(clone, out, check=True)  # SOURCE_DATE_EPOCH comes from the last commit
    built = Built(clone, out)
    # Every file's last visible commit is the cut, whose date may not be the file's: the build date is used.
    assert updated(built, "executive-summary/index.html") == "2024-06-01"
    assert updated(built, "introduction/index.html") == "2024-06-01"


@pytest.mark.slow
def test_uncommitted_file_gets_the_build_date(tmp_path: Path) -> None:
    project = two_commit_repo(tmp_path / "repo")
    (project / "report" / "afterword.md").write_text("# Afterword\n\nDraft.\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").rstrip("\n") + "\n  - Afterword: afterword.md\n", "utf-8")
    out = tmp_path / "site"
    build_here(project, out, check=True, env=dict(SOURCE_DATE_EPOCH="1735689600"))  # 2025-01-01
    built = Built(project, out)
    assert updated(built, "afterword/index.html") == "2025-01-01"
    assert updated(built, "introduction/index.html") == "2024-06-01"
