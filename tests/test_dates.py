"""What a date of the report's later life may be (report_site/dates.py): a real day, after publication, not ahead."""

from __future__ import annotations

import datetime as dt

import pytest

from report_site.data import dates

PUBLISHED = dt.date(2023, 3, 15)
LATEST = dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-01-10", dt.date(2024, 1, 10)),
        (" 2024-02-29 ", dt.date(2024, 2, 29)),
        ("2023-02-29", None),  # not a leap year
        ("2024-13-01", None),
        ("2024-1-10", None),  # ISO form only: no guessing which part is the month
        ("10/01/2024", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_only_real_days_written_yyyy_mm_dd_are_dates(text: str, day: dt.date | None) -> None:
    assert dates.parse(text) == day


def test_a_date_lies_between_publication_and_today() -> None:
    assert dates.problem(PUBLISHED, PUBLISHED, LATEST) is None  # corrected the day it came out
    assert dates.problem(LATEST, PUBLISHED, LATEST) is None
    assert "before the report was published (2023-03-15)" in str(
        dates.problem(dt.date(2023, 3, 14), PUBLISHED, LATEST)
    )
    assert "in the future" in str(dates.problem(dt.date(2025, 1, 2), PUBLISHED, LATEST))
    assert dates.problem(dt.date(1900, 1, 1), None, None) is None  # no bounds known: nothing to say


def test_today_anywhere_on_earth_is_not_the_future() -> None:
    """Tomorrow (UTC) is allowed: an editor east of UTC dates an update today while CI's clock is a day behind."""
    utc_today = dt.datetime.now(dt.UTC).date()
    assert dates.latest_allowed() in (utc_today + dt.timedelta(days=1), utc_today + dt.timedelta(days=2))


def test_a_wrong_date_is_told_apart_from_no_date() -> None:
    assert (
        dates.not_a_day("2024-02-30")
        == "`2024-02-30` is not a real date; write a day that exists, as YYYY-MM-DD"
    )
    assert dates.not_a_day("soon") == "`soon` is not a date; write it as YYYY-MM-DD, e.g. `2024-01-31`"
