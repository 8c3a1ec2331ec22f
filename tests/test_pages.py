"""Generated pages (report_site/pages.py): which recommendations are shown as related, how the nav groups them."""

from __future__ import annotations

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
