"""'Edit this page' links: derived from the environment or git, never invented; absent when unknown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import Built, build_here, commit_all, copy_project, git

from report_site.pages.repository import detect_branch, from_remote

DATA = "recommendations.yaml"


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")


def edit_links(built: Built, rel: str) -> list[str]:
    return [a["href"] for a in built.soup(rel).select('a[rel="edit"]')]


def expected_source(rel: str, project: Path) -> str:
    """The file (and line) a page's edit link must open, relative to the repository root."""
    if rel == "recommendations/index.html":
        return DATA
    m = re.fullmatch(r"recommendations/([^/]+)/index\.html", rel)
    if m:
        lines = (project / DATA).read_text("utf-8").splitlines()
        line = lines.index(f"  - id: {m.group(1)}") + 1
        return f"{DATA}#L{line}"
    return "report/" + ("index.md" if rel == "index.html" else rel.removesuffix("/index.html") + ".md")


@pytest.mark.slow
def test_every_page_edits_its_own_source(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    out = tmp_path / "site"
    build_here(project, out, check=True, env=dict(REPO_URL="https://github.com/example-org/peninsula-plus"))
    built = Built(project, out)
    rels = pages(out)
    assert len(rels) >= 13  # 3 chapters, the recommendations index and 9 recommendations
    for rel in rels:
        assert edit_links(built, rel) == [
            f"https://github.com/example-org/peninsula-plus/edit/main/{expected_source(rel, project)}"
        ], rel
        assert built.soup(rel).select_one('a[rel="edit"]')["title"] == "Edit this page"
    # Material's repository widget would ask api.github.com for stars: ours is a plain link.
    header = built.soup("index.html").select_one("a.md-source")
    assert (
        header["href"] == "https://github.com/example-org/peninsula-plus"
        and "data-md-component" not in header.attrs
    )
    assert "example-org/peninsula-plus" in header.get_text()


@pytest.mark.slow
def test_line_anchors_follow_the_data_file(tmp_path: Path) -> None:
    """Reordering recommendations moves their edit links to the new lines; their addresses stay."""
    project = copy_project(tmp_path / "p")
    data = yaml.safe_load((project / DATA).read_text("utf-8"))
    text = (project / DATA).read_text("utf-8")
    first, last = data["recommendations"][0]["id"], data["recommendations"][-1]["id"]
    blocks = re.split(r"(?m)^(?=  - id: )", text.split("recommendations:\n", 1)[1])
    blocks = [b.rstrip("\n") + "\n\n" for b in blocks if b.strip()]
    blocks[0], blocks[-1] = blocks[-1], blocks[0]
    (project / DATA).write_text(
        text.split("recommendations:\n", 1)[0] + "recommendations:\n" + "".join(blocks), "utf-8"
    )
    out = tmp_path / "site"
    build_here(project, out, check=True, env=dict(REPO_URL="https://github.com/o/r"))
    built = Built(project, out)
    for rec in (first, last):
        rel = f"recommendations/{rec}/index.html"
        assert edit_links(built, rel) == [f"https://github.com/o/r/edit/main/{expected_source(rel, project)}"]


@pytest.mark.slow
def test_github_actions_variables_name_the_repository_and_branch(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    out = tmp_path / "site"
    build_here(
        project,
        out,
        check=True,
        env=dict(
            GITHUB_SERVER_URL="https://github.com",
            GITHUB_REPOSITORY="acme/report",
            GITHUB_BASE_REF="drafts",
            GITHUB_REF_NAME="42/merge",
        ),
    )
    assert edit_links(Built(project, out), "introduction/index.html") == [
        "https://github.com/acme/report/edit/drafts/report/introduction.md"
    ]


@pytest.mark.slow
def test_git_remote_names_the_repository_with_paths_from_its_root(tmp_path: Path) -> None:
    """A report kept in a sub-folder of a repository links to sub-folder/report/…"""
    repo = tmp_path / "repo"
    project = copy_project(repo / "site-src")
    commit_all(repo, "report", "2023-03-15T12:00:00Z")
    git(repo, "remote", "add", "origin", "git@github.com:acme/peninsula.git")
    out = tmp_path / "site"
    build_here(project, out, check=True)
    built = Built(project, out)
    assert edit_links(built, "introduction/index.html") == [
        "https://github.com/acme/peninsula/edit/main/site-src/report/introduction.md"
    ]
    assert edit_links(built, "recommendations/index.html") == [
        "https://github.com/acme/peninsula/edit/main/site-src/recommendations.yaml"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("remote", [None, "https://gitlab.example.org/acme/peninsula.git"])
def test_no_known_repository_means_no_edit_links(tmp_path: Path, remote: str | None) -> None:
    project = copy_project(tmp_path / "p")
    if remote:
        commit_all(project, "report", "2023-03-15T12:00:00Z")
        git(project, "remote", "add", "origin", remote)
    out = tmp_path / "site"
    build_here(project, out, check=True)
    built = Built(project, out)
    for rel in pages(out):
        assert edit_links(built, rel) == [], rel
    assert built.soup("index.html").select_one(".md-source") is None


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://github.com/acme/peninsula.git", "https://github.com/acme/peninsula"),
        ("https://github.com/acme/peninsula", "https://github.com/acme/peninsula"),
        ("git@github.com:acme/peninsula.git", "https://github.com/acme/peninsula"),
        ("ssh://git@github.com/acme/peninsula.git", "https://github.com/acme/peninsula"),
        ("https://token@github.com/acme/peninsula.git", "https://github.com/acme/peninsula"),
        ("https://gitlab.com/acme/peninsula.git", None),
        ("/srv/git/peninsula.git", None),
        ("https://github.com/acme", None),
    ],
)
def test_remotes_in_every_notation(remote: str, expected: str | None) -> None:
    assert from_remote(remote, {"github.com"}) == expected


def test_edit_branch() -> None:
    assert detect_branch({}) == "main"
    assert detect_branch({"EDIT_BRANCH": "drafts", "GITHUB_BASE_REF": "main"}) == "drafts"
    assert (
        detect_branch({"GITHUB_BASE_REF": "", "GITHUB_REF_TYPE": "branch", "GITHUB_REF_NAME": "release"})
        == "release"
    )
    assert detect_branch({"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "v1"}) == "main"
