"""The rules every date of a report's later life follows (status updates, corrections).

A reader trusts "Corrected on 2 April 2023" or "In progress since 10 January 2024" only
if the date is a real day between the report's publication and today. One rule, used by
the data loader and by the correction directive, so both say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: How a date is written: ISO 8601's calendar date, the form YAML reads as a date too.
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def latest_allowed() -> dt.date:
    """The last day that is not "in the future": tomorrow in UTC.

    The wall clock, not ``SOURCE_DATE_EPOCH`` (the last commit's date): an editor checks an
    update dated today before committing it. A day's grace covers time zones ahead of UTC,
    where today is already tomorrow for a CI runner.
    """
    return dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


def parse(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a date, or None when it is not written so or is not a real day."""
    if not ISO_DATE.match(text.strip()):
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def first_day(published: Any) -> dt.date:
    """The first day a publication date (a ``dt.date``, or a ``model.Published`` of a month or a year) covers:
    a report of "March 2023" may be corrected on 2 March."""
    return dt.date(
        published.year, getattr(published, "month", None) or 1, getattr(published, "day", None) or 1
    )


def problem(day: dt.date, published: Any, latest: dt.date | None) -> str | None:
    """What is wrong with ``day`` as a date of the report's later life, or None (``published``: a ``dt.date``
    or a ``model.Published``)."""
    if published is not None and day < first_day(published):
        return f"is before the report was published ({published.isoformat()}); check the year"
    if latest is not None and day > latest:
        return "is in the future; write the date it happened"
    return None


def not_a_day(text: str) -> str:
    """Why ``text`` is no date: the wrong form, or a day the calendar does not have."""
    if ISO_DATE.match(text.strip()):
        return f"`{text.strip()}` is not a real date; write a day that exists, as YYYY-MM-DD"
    return f"`{text.strip()}` is not a date; write it as YYYY-MM-DD, e.g. `2024-01-31`"
