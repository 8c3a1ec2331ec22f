"""nav.py: the reading order an editor's ``nav:`` gives the chapters, and where the recommendation pages go in it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from report_site.data.labels import Labels
from report_site.pages import nav

RECS = ["recommendations/save-water.md", "recommendations/test-soil.md", "recommendations/plant-trees.md"]
ENTRIES = ["recommendations/index.md", *RECS]


def with_nav(project: Path, nav_yaml: str | None) -> MkDocsConfig:
    """The project's config with ``nav:`` as an editor wrote it (``None``: no ``nav:`` at all)."""
    config_file = project / "mkdocs.yml"
    text = config_file.read_text("utf-8").split("\nnav:\n")[0] + "\n"
    config_file.write_text(text + (f"nav:\n{nav_yaml}" if nav_yaml is not None else ""), "utf-8")
    return load_config(str(config_file))


def order(project: Path, nav_yaml: str | None) -> list[str]:
    config = with_nav(project, nav_yaml)
    return nav.reading_order(get_files(config), config)


def test_sections_and_titles_give_the_order_the_editor_wrote(mini: Path) -> None:
    nav_yaml = (
        "  - Home: index.md\n"
        "  - Part two:\n"
        "      - two.md\n"
        "      - Background:\n"
        "          - The first chapter: one.md\n"
        "  - Press: https://example.org/press\n"
        "  - recommendations/index.md\n"
    )
    assert order(mini, nav_yaml) == ["index.md", "two.md", "one.md"]


def test_a_chapter_listed_twice_is_read_once_at_its_first_place(mini: Path) -> None:
    assert order(mini, "  - two.md\n  - index.md\n  - one.md\n  - Again: two.md\n") == [
        "two.md",
        "index.md",
        "one.md",
    ]


def test_chapters_left_out_of_nav_come_after_the_listed_ones(mini: Path) -> None:
    (mini / "docs" / "annex.md").write_text("# Annex\n\nMore.\n", "utf-8")
    assert order(mini, "  - two.md\n  - one.md\n") == ["two.md", "one.md", "index.md", "annex.md"]


def test_without_nav_the_reading_order_is_the_order_of_the_sites_navigation(mini: Path) -> None:
    docs = mini / "docs"
    (docs / "annex.md").write_text("# Annex\n\nText.\n", "utf-8")
    (docs / "background").mkdir()
    (docs / "background" / "history.md").write_text("# History\n\nText.\n", "utf-8")
    (docs / "background" / "index.md").write_text("# Background\n\nText.\n", "utf-8")
    config = with_nav(mini, None)
    files = get_files(config)
    sidebar = [page.file.src_uri for page in get_navigation(files, config).pages]
    assert (
        nav.reading_order(files, config)
        == sidebar
        == ["index.md", "annex.md", "one.md", "two.md", "background/index.md", "background/history.md"]
    )


def test_recommendation_pages_go_where_the_editor_listed_the_index(mini: Path) -> None:
    config = with_nav(
        mini,
        "  - index.md\n  - Part one:\n      - one.md\n      - What we recommend: recommendations/index.md\n  - two.md\n",
    )
    nav.nest_recommendations(config, RECS)
    assert config.nav == ["index.md", {"Part one": ["one.md", {"What we recommend": ENTRIES}]}, "two.md"]


def test_an_untitled_index_entry_gets_the_reports_word_for_recommendations(mini: Path) -> None:
    config = with_nav(mini, "  - index.md\n  - recommendations/index.md\n  - one.md\n")
    nav.nest_recommendations(config, RECS, Labels("de"))
    assert config.nav == ["index.md", {"Empfehlungen": ENTRIES}, "one.md"]


def test_a_section_the_editor_started_with_the_index_gets_every_recommendation(mini: Path) -> None:
    config = with_nav(
        mini,
        "  - index.md\n  - Recommendations:\n      - recommendations/index.md\n      - recommendations/test-soil.md\n",
    )
    nav.nest_recommendations(config, RECS)
    assert config.nav == ["index.md", {"Recommendations": ENTRIES}]


def test_a_nav_without_the_index_gets_the_recommendations_at_the_end(mini: Path) -> None:
    config = with_nav(mini, "  - index.md\n  - one.md\n")
    nav.nest_recommendations(config, RECS)
    assert config.nav == ["index.md", "one.md", {"Recommendations": ENTRIES}]
    no_nav = with_nav(mini, None)
    nav.nest_recommendations(no_nav, RECS)
    assert no_nav.nav is None  # mkdocs builds the navigation from the files, generated pages included


def test_the_status_overview_follows_the_index_and_the_corrections_come_last(mini: Path) -> None:
    config = with_nav(mini, "  - index.md\n  - one.md\n  - Recommendations: recommendations/index.md\n")
    nav.nest_recommendations(config, RECS, status=True)
    nav.add_corrections(config, Labels("fr"))
    assert config.nav == [
        "index.md",
        "one.md",
        {"Recommendations": ["recommendations/index.md", "recommendations/status.md", *RECS]},
        {"Corrections": "corrections.md"},
    ]
    placed = with_nav(mini, "  - index.md\n  - Errata: corrections.md\n  - one.md\n")
    nav.add_corrections(placed)
    assert placed.nav == ["index.md", {"Errata": "corrections.md"}, "one.md"]  # where the editor put it
