"""Reproducible builds: the same sources and SOURCE_DATE_EPOCH give the same bytes, wherever they are built."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path

import pytest
from helpers import EPOCH_SETTINGS, Built, clean_env, commit_all, copy_project, every_file, git, run_build

from report_site.commands import build


def assert_identical(a: Path, b: Path) -> int:
    left, right = every_file(a), every_file(b)
    assert sorted(left) == sorted(right), set(left) ^ set(right)
    different = [name for name in left if left[name] != right[name]]
    assert different == [], f"{len(different)} of {len(left)} files differ: {different[:10]}"
    for required in ("index.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"):
        assert required in left, required
    return len(left)


@pytest.mark.slow
def test_two_checkouts_of_one_commit_build_identical_bytes(tmp_path: Path) -> None:
    """No SOURCE_DATE_EPOCH given: build_site.py takes the commit's time, so both builds agree."""
    first = copy_project(tmp_path / "a" / "peninsula")
    commit_all(first, "The report", "2023-03-15T12:00:00Z")
    second = tmp_path / "somewhere" / "else" / "clone"
    subprocess.run(["git", "clone", "-q", str(first), str(second)], check=True, env=clean_env())
    # Edit links, last-updated dates and a subpath site_url (canonical links, sitemap) all in play.
    env = {"REPO_URL": "https://github.com/o/r", "SITE_URL": "https://o.github.io/r/"}
    run_build(first, tmp_path / "out-1", pdf=True, env=env, check=True)
    run_build(second, tmp_path / "elsewhere" / "out-2", pdf=True, env=env, check=True)
    count = assert_identical(tmp_path / "out-1", tmp_path / "elsewhere" / "out-2")
    assert count > 50
    sitemap = (tmp_path / "out-1" / "sitemap.xml").read_text("utf-8")
    assert "<lastmod>2023-03-15</lastmod>" in sitemap  # the commit's date, not today's
    with gzip.open(tmp_path / "out-1" / "sitemap.xml.gz") as gz:
        assert gz.read().decode("utf-8") == sitemap


@pytest.mark.slow
def test_copies_without_git_agree_given_source_date_epoch(copy_built: Built, tmp_path: Path) -> None:
    """Two copies in different folders, built in different processes: the shared ``copy_built`` and one here."""
    project = copy_project(tmp_path / "y" / "z" / "project")
    run_build(project, tmp_path / "y" / "z" / "site", pdf=True, env=EPOCH_SETTINGS, check=True)
    count = assert_identical(copy_built.site, tmp_path / "y" / "z" / "site")
    pdfs = [p for p in copy_built.site.rglob("*.pdf")]
    assert count > 50 and pdfs and all(p.stat().st_size > 0 for p in pdfs)


def test_source_date_epoch_comes_from_the_last_commit_unless_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "f").write_text("x")
    commit_all(repo, "one", "2023-03-15T12:00:00Z")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build.ensure_source_date_epoch(repo) == "1678881600"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1678881600"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert build.ensure_source_date_epoch(repo) == "86400"
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400"
    assert git(repo, "log", "-1", "--format=%ct") == "1678881600"


def test_outside_git_source_date_epoch_stays_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build.ensure_source_date_epoch(tmp_path) is None
    assert "SOURCE_DATE_EPOCH" not in os.environ
