"""The dates under pages come from the report (published, corrected, status updated), never from git;
git's per-file dates go to the sitemap's ``lastmod`` only, with a fallback that never fails."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from helpers import Built, build_here, clean_env, commit_all, copy_project, git

from report_site.data.labels import Labels
from report_site.pages import history
from report_site.pages.edition import PageDates

SITE = "https://example.org/r/"


def shown(built: Built, rel: str) -> str:
    """The dates under a page, as a reader sees them (Material's source-file block)."""
    facts = built.soup(rel).select("aside.md-source-file .md-source-file__fact")
    assert len(facts) == 1, rel
    return " ".join(facts[0].get_text().split())


def lastmod(built: Built) -> dict[str, str]:
    """Site path → the sitemap's lastmod."""
    text = (built.site / "sitemap.xml").read_text("utf-8")
    pairs = re.findall(r"<loc>(.*?)</loc>\s*<lastmod>(.*?)</lastmod>", text)
    assert pairs, text
    return {loc.removeprefix(SITE): day for loc, day in pairs}


def html_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")


def test_the_label_names_each_date_it_has() -> None:
    h = history.History.__new__(history.History)  # no git needed to format a label
    h.language, h.labels = "en", Labels("en")
    published = dt.date(2023, 3, 15)
    assert str(h.label(PageDates(published))) == 'Published <time datetime="2023-03-15">15 March 2023</time>'
    both = str(h.label(PageDates(published, dt.date(2023, 4, 2), dt.date(2024, 1, 10))))
    assert both == (
        '<span class="report-page-dates">Published <time datetime="2023-03-15">15 March 2023</time> · '
        'Corrected <time datetime="2023-04-02">2 April 2023</time> · '
        'Status updated <time datetime="2024-01-10">10 January 2024</time></span>'
    )


def test_a_living_report_dates_each_page_by_what_it_shows(living: Built) -> None:
    """Chapters: their own last correction; the landing page and the corrections page: the report's;
    a recommendation: its last update; the status overview: the last update of any."""
    assert shown(living, "one/index.html") == "Published 2 January 2024 · Corrected 10 February 2024"
    assert shown(living, "two/index.html") == "Published 2 January 2024 · Corrected 1 April 2024"
    assert shown(living, "index.html") == "Published 2 January 2024 · Corrected 1 April 2024"
    assert shown(living, "corrections/index.html") == "Published 2 January 2024 · Corrected 1 April 2024"
    assert (
        shown(living, "recommendations/save-water/index.html")
        == "Published 2 January 2024 · Status updated 15 September 2024"
    )
    assert shown(living, "recommendations/plant-trees/index.html") == "Published 2 January 2024"
    assert (
        shown(living, "recommendations/status/index.html")
        == "Published 2 January 2024 · Status updated 15 September 2024"
    )
    assert shown(living, "recommendations/index.html") == "Published 2 January 2024"


@pytest.mark.slow
def test_outside_git_pages_show_the_report_date_and_the_sitemap_the_build_date(tmp_path: Path) -> None:
    """A copy without .git (a tarball, a download) builds, its sitemap dated SOURCE_DATE_EPOCH."""
    project = copy_project(tmp_path / "no-git")
    assert not (project / ".git").exists()
    out = tmp_path / "site"
    build_here(
        project, out, check=True, env=dict(SOURCE_DATE_EPOCH="1704067200", SITE_URL=SITE)
    )  # 2024-01-01
    built = Built(project, out)
    assert {shown(built, rel) for rel in html_pages(out)} == {"Published 15 March 2023"}
    assert set(lastmod(built).values()) == {"2024-01-01"}


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
def test_a_commit_changes_no_date_a_reader_sees_only_the_sitemap(tmp_path: Path) -> None:
    project = two_commit_repo(tmp_path / "repo")
    out = tmp_path / "site"
    build_here(project, out, check=True, env=dict(SITE_URL=SITE))
    built = Built(project, out)
    assert {shown(built, rel) for rel in html_pages(out)} == {"Published 15 March 2023"}
    dates = lastmod(built)
    assert dates["introduction/"] == "2024-06-01"
    assert dates["executive-summary/"] == "2023-03-15"
    assert dates[""] == "2023-03-15"
    # Generated from recommendations.yaml: its date.
    assert dates["recommendations/"] == "2024-06-01"
    assert dates["recommendations/threats-from-china/"] == "2024-06-01"


@pytest.mark.slow
def test_shallow_clone_builds_and_falls_back_to_the_build_date(tmp_path: Path) -> None:
    repo = two_commit_repo(tmp_path / "repo")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, env=clean_env()
    )
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    out = tmp_path / "site"
    build_here(
        clone, out, check=True, env=dict(SITE_URL=SITE)
    )  # SOURCE_DATE_EPOCH comes from the last commit
    dates = lastmod(Built(clone, out))
    # Every file's last visible commit is the cut, whose date may not be the file's: the build date is used.
    assert dates["executive-summary/"] == "2024-06-01"
    assert dates["introduction/"] == "2024-06-01"


@pytest.mark.slow
def test_uncommitted_file_gets_the_build_date(tmp_path: Path) -> None:
    project = two_commit_repo(tmp_path / "repo")
    (project / "report" / "afterword.md").write_text("# Afterword\n\nDraft.\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").rstrip("\n") + "\n  - Afterword: afterword.md\n", "utf-8")
    out = tmp_path / "site"
    build_here(
        project, out, check=True, env=dict(SOURCE_DATE_EPOCH="1735689600", SITE_URL=SITE)
    )  # 2025-01-01
    dates = lastmod(Built(project, out))
    assert dates["afterword/"] == "2025-01-01"
    assert dates["introduction/"] == "2024-06-01"
