"""The report's later life (report_site/edition.py): status groups, the goal, update anchors, page dates."""

from __future__ import annotations

import datetime as dt

from report_site.data.labels import Labels
from report_site.data.model import DEFAULT_STATUSES, Correction, Recommendation, Report, Status, StatusUpdate
from report_site.pages.edition import Edition, PageDates

PUBLISHED = dt.date(2024, 1, 2)


def update(day: str, status: str) -> StatusUpdate:
    return StatusUpdate(dt.date.fromisoformat(day), status, "Test fixture: a made-up note.")


def report(statuses: list[Status] | None = None) -> Report:
    recs = [
        Recommendation(
            "a",
            1,
            "A",
            ("x",),
            updates=(update("2024-02-01", "in-progress"), update("2024-06-01", "implemented")),
        ),
        Recommendation("b", 2, "B", ("x",), updates=(update("2024-03-01", "in-progress"),)),
        Recommendation("c", 3, "C", ("x",)),
    ]
    return Report("r.yaml", [], recs, statuses=statuses or list(DEFAULT_STATUSES))


def test_the_default_vocabulary_is_titled_in_the_reports_language() -> None:
    assert [s.title for s in Edition(report(), PUBLISHED).statuses] == [
        "Not started",
        "In progress",
        "Implemented",
    ]
    german = Edition(report(), PUBLISHED, labels=Labels("de"))
    assert [s.title for s in german.statuses] == ["Nicht begonnen", "In Umsetzung", "Umgesetzt"]


def test_groups_follow_the_vocabulary_and_keep_the_unrecorded_apart() -> None:
    edition = Edition(report(), PUBLISHED)
    groups = [
        (g.status.id if g.status else None, [r.id for r in g.recommendations]) for g in edition.groups()
    ]
    assert groups == [("not-started", []), ("in-progress", ["b"]), ("implemented", ["a"]), (None, ["c"])]
    assert edition.status_date == dt.date(2024, 6, 1)
    assert str(edition.goal_line("1 June 2024")) == "1 of 3 implemented as of 1 June 2024"


def test_a_vocabulary_without_implemented_counts_its_last_status() -> None:
    graded = [
        Status("in-progress", "Limited progress", 2),
        Status("implemented-partly", "Substantial progress", 4),
    ]
    data = report(graded)
    data.recommendations[0] = data.recommendations[0]._replace(
        updates=(update("2024-06-01", "implemented-partly"),)
    )
    edition = Edition(data, PUBLISHED)
    assert edition.goal.id == "implemented-partly"
    assert (
        str(edition.goal_line("1 June 2024"))
        == "Substantial progress: 1 of 3 recommendations as of 1 June 2024"
    )


def test_history_is_newest_first_with_stable_anchors_for_each_day() -> None:
    rec = Recommendation(
        "a", 1, "A", (), updates=(update("2024-02-01", "in-progress"), update("2024-02-01", "implemented"))
    )
    history = Edition(report(), PUBLISHED).history(rec)
    assert [(h.anchor, h.status.id) for h in history] == [
        ("update-2024-02-01-2", "implemented"),
        ("update-2024-02-01", "in-progress"),
    ]


def test_each_page_shows_the_dates_of_what_it_shows() -> None:
    corrections = [
        Correction("one.md", "p-x", 1, dt.date(2024, 2, 10), "Test fixture: a note."),
        Correction("two.md", "p-y", 2, dt.date(2024, 4, 1), "Test fixture: another."),
    ]
    data = report()
    edition = Edition(data, PUBLISHED, corrections)
    assert edition.page_dates("one.md") == PageDates(PUBLISHED, dt.date(2024, 2, 10))
    assert edition.page_dates("three.md") == PageDates(PUBLISHED)
    assert edition.page_dates("index.md", "home") == PageDates(PUBLISHED, dt.date(2024, 4, 1))
    assert edition.page_dates("", "recommendation", data.recommendations[0]) == PageDates(
        PUBLISHED, status_updated=dt.date(2024, 6, 1)
    )
    assert edition.page_dates("", "status").latest == dt.date(2024, 6, 1)
    assert [c.anchor for c in edition.newest_first] == ["p-y", "p-x"]
    assert edition.modified == dt.date(2024, 4, 1)
    assert Edition(data, PUBLISHED).modified == PUBLISHED
