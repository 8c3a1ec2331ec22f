"""Generated pages (report_site/pages.py): which recommendations are shown as related, how the nav groups them;
the status pages and corrections of a living report (the fixture's test data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, Built, resolve_link

from report_site.data.language import long_date
from report_site.data.model import Recommendation
from report_site.pages import generate as pages


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
    from report_site.data.language import list_of

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


# --- the living-report fixture: status pages, corrections (expectations from its data) ------------------


LIVING = yaml.safe_load((FIXTURES / "living-report" / "recs.yaml").read_text("utf-8"))
TITLES = {s["id"]: s["title"] for s in LIVING["statuses"]}


def _text(el) -> str:  # type: ignore[no-untyped-def]
    return " ".join(el.get_text().split())


def test_a_recommendation_page_shows_its_status_in_words_and_its_history_newest_first(living: Built) -> None:
    for rec in LIVING["recommendations"]:
        page = living.soup(f"recommendations/{rec['id']}/index.html")
        updates = rec.get("updates", [])
        current = page.select_one(".report-status-current")
        if not updates:
            assert "No update on its implementation has been recorded yet." in _text(current)
            assert not page.select(".report-status-history li")
            continue
        last = updates[-1]
        assert _text(current) == f"Current status: {TITLES[last['status']]}, as of {long_date(last['date'])}"
        entries = page.select(".report-status-history > li")
        assert [e.select_one("time")["datetime"] for e in entries] == [
            u["date"].isoformat() for u in reversed(updates)
        ]
        for entry, update in zip(entries, reversed(updates), strict=True):
            assert update["note"] in _text(entry) and TITLES[update["status"]] in _text(entry)
            sources = update.get("source", [])
            assert [a["href"] for a in entry.select("a")] == (
                [sources] if isinstance(sources, str) else sources
            )


def test_the_status_overview_counts_groups_and_crosses_focus_areas(living: Built) -> None:
    page = living.soup("recommendations/status/index.html")
    recs = LIVING["recommendations"]
    current = {r["id"]: (r.get("updates") or [{}])[-1].get("status") for r in recs}
    counts = {
        _text(li.a): int(_text(li).rsplit(": ", 1)[1]) for li in page.select(".report-status-counts li")
    }
    assert counts == {
        **{title: sum(1 for s in current.values() if s == sid) for sid, title in TITLES.items()},
        "No status recorded": sum(1 for s in current.values() if s is None),
    }
    for sid, title in [*TITLES.items(), (None, "No status recorded")]:
        heading = page.find(id=f"status-{sid}" if sid else "no-status-recorded")
        assert _text(heading) == title
        table = heading.find_next_sibling()
        ids = (
            [
                resolve_link("recommendations/status/index.html", a["href"])[0].split("/")[1]
                for a in table.select("td a")
            ]
            if table.name == "table"
            else []
        )
        assert ids == [r for r, s in current.items() if s == sid]
    matrix = page.find(id="by-focus-area").find_next_sibling("table")
    assert [_text(th) for th in matrix.select("thead th")] == [
        "Focus area",
        *TITLES.values(),
        "No status recorded",
    ]
    assert len(matrix.select("tbody tr")) == len(LIVING["focus_areas"])
    implemented = sum(1 for s in current.values() if s == "implemented")
    last = max(u["date"] for r in recs for u in r.get("updates", []))
    line = f"{implemented} of {len(recs)} implemented as of {long_date(last)}"
    assert _text(page.select_one(".report-status-goal")) == line
    assert _text(living.soup("index.html").select_one(".report-cover__status")) == line


def test_a_corrected_paragraph_carries_its_note_outside_its_own_text(living: Built) -> None:
    page = living.soup("one/index.html")
    note = page.select_one("p.report-correction")
    assert note["role"] == "note"
    assert (
        _text(note) == "Corrected on 10 February 2024: Test fixture: a made-up correction of this paragraph."
    )
    assert note.time["datetime"] == "2024-02-10"
    paragraph = note.find_previous_sibling("p", attrs={"data-paragraph": True})
    assert paragraph["id"] == "p-dry-years-are-getting-longer" and "Corrected" not in _text(paragraph)
    index = json.loads((living.site / "search" / "search_index.json").read_text("utf-8"))
    [entry] = [d for d in index["docs"] if d["location"] == "one/#p-dry-years-are-getting-longer"]
    assert "Corrected" not in entry["text"] and "Dry years are getting longer" in entry["text"]


def test_the_corrections_page_lists_every_correction_newest_first_linked_to_its_paragraph(
    living: Built,
) -> None:
    page = living.soup("corrections/index.html")
    entries = page.select("ol.report-corrections > li")
    assert [e.time["datetime"] for e in entries] == ["2024-04-01", "2024-02-10"]
    for entry in entries:
        target, fragment = resolve_link(
            "corrections/index.html", entry.select_one(".report-corrections__link a")["href"]
        )
        paragraph = living.soup(target).find(id=fragment)
        assert paragraph is not None and paragraph.find_next_sibling(class_="report-correction") is not None
    cover = living.soup("index.html").select_one(".report-cover__meta")
    assert (
        _text(cover) == "Example Institute · Published 2 January 2024 · Corrected 1 April 2024 · Version 1.1"
    )
    assert (
        resolve_link("index.html", cover.select_one("a.report-cover__corrected")["href"])[0]
        == "corrections/index.html"
    )


def test_the_nav_lists_the_overview_after_the_index_and_the_corrections_last(living: Built) -> None:
    links = [a.get("href", "") for a in living.soup("one/index.html").select("nav.md-nav--primary a")]
    under = [h for h in links if "recommendations/" in h]
    assert under[:2] == ["../recommendations/", "../recommendations/status/"]
    assert [h for h in links if "corrections" in h] == ["../corrections/"]
