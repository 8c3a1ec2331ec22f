"""Generated pages (report_site/pages.py): which recommendations are shown as related, how the nav groups them."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_site import pages
from report_site.model import Recommendation


def test_related_recommendations_are_the_nearest_sharing_an_area() -> None:
    recs = [Recommendation(f"r{i}", i + 1, f"T{i}", ("a",) if i % 2 else ("a", "b")) for i in range(30)]
    members = pages.area_members(recs)
    related = pages.related_recommendations(recs, members, 15)
    assert len(related) == pages.MAX_RELATED
    assert [r.number for r in related] == [12, 13, 14, 15, 17, 18, 19, 20]
    few = recs[:4]
    assert [r.id for r in pages.related_recommendations(few, pages.area_members(few), 0)] == [
        "r1",
        "r2",
        "r3",
    ]


def test_nav_groups_only_when_many() -> None:
    uris = [f"recommendations/r{i}.md" for i in range(9)]
    assert pages.nav_entries(uris) == [pages.INDEX_URI, *uris]
    many = [f"recommendations/r{i}.md" for i in range(1000)]
    entries = pages.nav_entries(many)
    assert entries[0] == pages.INDEX_URI
    flat = [u for group in entries[1:] for u in next(iter(group.values()))]
    assert flat == many
    assert len(entries) - 1 == 32 and next(iter(entries[1])) == "Recommendations 1–32"


@pytest.mark.parametrize(
    "numbers, listed",
    [
        (["1", "2", "3", "4", "5", "6", "7", "8"], "1–8"),
        (["1", "5", "12"], "1, 5, and 12"),  # three notes are not "1–12"
        (["2", "1"], "1 and 2"),  # in order, never "2–1"
        (["1", "2", "3", "7"], "1–3 and 7"),
    ],
)
def test_endnote_numbers_are_listed_as_a_reader_would(numbers: list[str], listed: str) -> None:
    from report_site.language import list_of

    assert list_of(pages.number_ranges(numbers)) == listed


@pytest.mark.slow
def test_the_cover_ornament_is_the_reports_own(tmp_path) -> None:
    """No ornament unless the report sets one: characters (hidden from screen readers) or a picture under the
    docs directory (alt="", its address resolved by mkdocs from the landing page, so a wrong path fails)."""
    import shutil

    from bs4 import BeautifulSoup
    from helpers import FIXTURES, build_here

    project = Path(shutil.copytree(FIXTURES / "mini-report", tmp_path / "p"))
    config = project / "mkdocs.yml"
    plain = config.read_text("utf-8")

    def cover(setting: str) -> BeautifulSoup:
        config.write_text(
            plain.replace("      metadata:\n", f"      cover: {setting}\n      metadata:\n", 1), "utf-8"
        )
        build_here(project, project / "site", check=True)
        html = (project / "site" / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser").select_one("header.report-cover")

    assert not cover("{}").select(".report-cover__mark")
    mark = cover('{mark: "§"}').select_one("span.report-cover__mark")
    assert mark.get_text() == "§" and mark["aria-hidden"] == "true"
    (project / "docs" / "art").mkdir()
    (project / "docs" / "art" / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    image = cover("{mark_image: art/mark.svg}").select_one("img.report-cover__mark")
    assert image["src"] == "art/mark.svg" and image["alt"] == ""
    assert (project / "site" / "art" / "mark.svg").is_file()
