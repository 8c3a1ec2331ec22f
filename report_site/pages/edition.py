"""The report's life after publication: its corrections, the implementation of its recommendations,
and the dates a reader is shown.

A report is published once, then corrected (``[[correction: …]]`` in a chapter) and implemented
(``updates:`` in the data). Every reader-facing date comes from here, so it is one the report
records (published, corrected, status updated), never a commit date. Peninsula Plus has neither
corrections nor updates: its ``Edition`` is empty, and nothing is shown for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from markupsafe import Markup

from ..data.dates import first_day
from ..data.labels import Labels
from ..data.model import Correction, Published, Recommendation, Report, Status, StatusUpdate

#: The status the landing page counts when the vocabulary has it (else the vocabulary's last).
GOAL = "implemented"


class PageDates(NamedTuple):
    """The dates a page shows under it: the report's, the page's last correction, its last status update."""

    published: dt.date | Published
    corrected: dt.date | None = None
    status_updated: dt.date | None = None

    @property
    def latest(self) -> dt.date | None:
        """The last day the page changed after publication (None: it is as published)."""
        return max((d for d in (self.corrected, self.status_updated) if d is not None), default=None)


class StatusGroup(NamedTuple):
    """The recommendations whose current status is ``status`` (None: nothing recorded yet)."""

    status: Status | None
    recommendations: list[Recommendation]


class HistoryEntry(NamedTuple):
    """An update as the page shows it. ``anchor`` (``update-2024-01-10``, ``-2`` for a second one that
    day) is stable while updates are only added, as the data asks: the feed links to it."""

    update: StatusUpdate
    status: Status
    anchor: str


@dataclass
class Edition:
    """What the report records after its publication, for pages, the feed and every output."""

    report: Report
    published: dt.date | Published
    corrections: list[Correction] = field(default_factory=list)
    """In reading order (chapters in nav order, paragraphs in document order)."""
    version: str = ""
    """``metadata.version``: the edition's label, when the report gives one."""
    labels: Labels = field(default_factory=Labels)

    # --- implementation status --------------------------------------------------------------

    @property
    def has_status(self) -> bool:
        return self.report.has_updates

    @property
    def statuses(self) -> list[Status]:
        """The vocabulary in order, titled: the report's words, or the generator's for the default one."""
        return [
            s if s.title else s._replace(title=self.labels.t(_label_key(s.id))) for s in self.report.statuses
        ]

    def status(self, status_id: str) -> Status:
        return next(s for s in self.statuses if s.id == status_id)

    @property
    def status_date(self) -> dt.date | None:
        """The latest update of any recommendation: "as of" this date."""
        days = [r.current.date for r in self.report.recommendations if r.current]
        return max(days) if days else None

    @property
    def goal(self) -> Status:
        """The status the landing page counts: ``implemented`` if the vocabulary has it, else its last."""
        return next((s for s in self.statuses if s.id == GOAL), self.statuses[-1])

    @property
    def achieved(self) -> list[Recommendation]:
        return [r for r in self.report.recommendations if r.current and r.current.status == self.goal.id]

    def goal_line(self, date: str | Markup) -> Markup:
        """ "3 of 9 implemented as of DATE" (for a vocabulary without ``implemented``, "STATUS: 3 of 9
        recommendations as of DATE"); ``date`` as the page sets it (a ``<time>`` element, or text)."""
        n, total = len(self.achieved), len(self.report.recommendations)
        if self.goal.id == GOAL:
            return self.labels.markup("n_of_m_implemented", n=n, total=total, date=date)
        return self.labels.markup("goal_n_of_m", status=self.goal.title, n=n, total=total, date=date)

    def groups(self, recommendations: list[Recommendation] | None = None) -> list[StatusGroup]:
        """Recommendations by current status, in the vocabulary's order; those without one last.
        Empty groups are kept (a count of 0 is information); "nothing recorded" only when it applies."""
        recs = self.report.recommendations if recommendations is None else recommendations
        out = [
            StatusGroup(s, [r for r in recs if r.current and r.current.status == s.id]) for s in self.statuses
        ]
        missing = [r for r in recs if r.current is None]
        return out + ([StatusGroup(None, missing)] if missing else [])

    def history(self, rec: Recommendation) -> list[HistoryEntry]:
        """A recommendation's updates, newest first, each with its status and its anchor on the page."""
        out = []
        for i, update in enumerate(rec.updates):
            same_day = sum(1 for u in rec.updates[:i] if u.date == update.date)
            anchor = f"update-{update.date.isoformat()}" + (f"-{same_day + 1}" if same_day else "")
            out.append(HistoryEntry(update, self.status(update.status), anchor))
        return out[::-1]

    # --- corrections --------------------------------------------------------------------------

    @property
    def last_correction(self) -> dt.date | None:
        return max((c.date for c in self.corrections), default=None)

    @property
    def newest_first(self) -> list[Correction]:
        """Every correction, the latest first (stable: reading order within a day)."""
        return sorted(self.corrections, key=lambda c: c.date, reverse=True)

    def corrections_of(self, src_uri: str) -> list[Correction]:
        return [c for c in self.corrections if c.src_uri == src_uri]

    @property
    def modified(self) -> dt.date:
        """The date of the text as it stands: the last correction, else the first day of publication."""
        return self.last_correction or first_day(self.published)

    # --- dates under pages ----------------------------------------------------------------------

    def page_dates(self, src_uri: str, kind: str = "chapter", rec: Recommendation | None = None) -> PageDates:
        """What a page shows under it. ``kind``: ``chapter`` (its own corrections), ``home`` (the
        report's last correction, as its cover says), ``recommendation`` (its last status update),
        ``status`` (the overview: the last update), ``corrections``, or anything else (publication)."""
        if kind == "chapter":
            corrected = max((c.date for c in self.corrections_of(src_uri)), default=None)
            return PageDates(self.published, corrected)
        if kind in ("home", "corrections"):
            return PageDates(self.published, self.last_correction)
        if kind == "recommendation" and rec is not None:
            return PageDates(self.published, status_updated=rec.current.date if rec.current else None)
        if kind == "status":
            return PageDates(self.published, status_updated=self.status_date)
        return PageDates(self.published)


def _label_key(status_id: str) -> str:
    """The label of a default status: ``in-progress`` → ``status_in_progress``."""
    return "status_" + status_id.replace("-", "_")
