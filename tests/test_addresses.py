"""addresses.py: every published address has one owner; a clash is reported at the hand-written file.

Addresses are mkdocs' own, so they follow ``use_directory_urls`` (the corpus in test_broken_inputs has
the clashes with each kind of generated file, through a whole check).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from report_site.errors import shown
from report_site.pages import addresses

INDEX = {"recommendations/index.md": "the recommendations index generated from recs.yaml"}


def add(project: Path, *src_uris: str) -> None:
    for uri in src_uris:
        path = project / "docs" / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# A page\n\nText.\n", "utf-8")


def clashes(project: Path, planned: dict[str, str] = INDEX, **settings: object) -> list[str]:
    config = load_config(str(project / "mkdocs.yml"), **settings)
    config.plugins.on_startup(
        command="build", dirty=False
    )  # as mkdocs does first: generated files can be made
    files = get_files(config)
    return [
        str(p)
        for p in addresses.clashes(files, config, planned, lambda f: shown(f.abs_src_path or f.src_uri))
    ]


def test_two_hand_written_pages_at_one_address_are_reported_at_the_second(mini: Path) -> None:
    add(mini, "one/index.md")
    assert clashes(mini) == [
        "docs/one/index.md:1:1: this file is published at `/one/`, like docs/one.md; rename or move one of them"
    ]


def test_a_page_at_a_generated_address_is_reported_with_what_is_published_there(mini: Path) -> None:
    add(mini, "recommendations.md")
    assert clashes(mini) == [
        "docs/recommendations.md:1:1: this file is published at `/recommendations/`, "
        "the address of the recommendations index generated from recs.yaml; rename or move it"
    ]


def test_a_folder_readme_is_published_as_the_folders_index(mini: Path) -> None:
    add(mini, "recommendations/README.md")  # a README written for GitHub's folder view
    assert clashes(mini) == [
        "docs/recommendations/README.md:1:1: this file is published at `/recommendations/`, "
        "the address of the recommendations index generated from recs.yaml; rename or move it"
    ]


def test_without_directory_urls_the_same_files_do_not_clash(mini: Path) -> None:
    add(mini, "one/index.md", "recommendations.md")
    assert len(clashes(mini)) == 2
    assert clashes(mini, use_directory_urls=False) == []  # one.html, one/index.html, recommendations.html


def test_a_file_excluded_from_the_site_owns_no_address(mini: Path) -> None:
    add(mini, "recommendations.md", "drafts/one.md")
    assert (
        clashes(
            mini, {**INDEX, "drafts/one.md": "a generated page"}, exclude_docs="recommendations.md\ndrafts/\n"
        )
        == []
    )
