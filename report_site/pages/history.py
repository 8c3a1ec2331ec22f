"""The dates under each page: the report's own for readers, git's for the sitemap.

Readers see dates the report records (``edition.PageDates``): "Published 15 March 2023",
and where they apply "Corrected …" (the page's last correction) and "Status updated …"
(a recommendation's last update). A commit date under a 2023 report would read like a
revision nobody made, so git's dates go only where machines read them: the sitemap's
``lastmod`` (``page.update_date``). There, a chapter's date is the last commit that touched
its Markdown file; a page generated from the data takes the data file's date. Without a
trustworthy answer from git — outside a repository, an uncommitted file, or a shallow
clone whose cut hides the real last change — it is the build date, which honours
``SOURCE_DATE_EPOCH`` (so it is the last commit's date under build_site.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_build_datetime

from ..data.labels import Labels
from .edition import PageDates
from .gitinfo import git, shallow_boundaries, toplevel
from .render import time_element

log = get_plugin_logger(__name__)

#: page.meta key Material's ``partials/source-file.html`` shows under the page.
META_KEY = "revision_date"


@dataclass
class History:
    """Per-build cache of last-change dates, keyed by source path."""

    project: Path
    language: str = "en"
    labels: Labels = field(default_factory=Labels)
    _dates: dict[Path, dt.date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.root = toplevel(self.project.resolve())
        self.boundaries = shallow_boundaries(self.project.resolve()) if self.root else frozenset()
        self.fallback = get_build_datetime().astimezone(dt.UTC).date()
        if self.root is None:
            log.debug("not a git work tree: the sitemap gives the build date (%s) as lastmod", self.fallback)
        elif self.boundaries:
            log.info(
                "shallow clone: files last changed before its cut show the build date; fetch the full history for exact dates"
            )

    def last_updated(self, path: Path) -> dt.date:
        """The date ``path`` last changed in git, or the build date when git cannot say."""
        path = path.resolve()
        if path not in self._dates:
            self._dates[path] = self._from_git(path) or self.fallback
        return self._dates[path]

    def prefetch(self, paths: list[Path]) -> None:
        """Learn the dates of many files from one ``git log`` instead of one per file.

        Each file's date is that of the newest commit listing it (merges: only where it differs
        from every parent, as ``git log -1 -- file`` sees it). A file this cannot answer for
        is asked about on its own later.
        """
        if self.root is None or not paths:
            return
        wanted = {p.resolve() for p in paths}
        out = git(
            self.root,
            "-c",
            "core.quotePath=false",
            "log",
            "--format=%x00%H %ct",
            "--name-only",
            "--no-renames",
            "--diff-merges=dense-combined",
            "--",
            *sorted(str(p) for p in wanted),
        )
        for record in (out or "").split("\0")[1:]:
            header, _, names = record.partition("\n")
            commit, _, epoch = header.partition(" ")
            for name in names.split("\n"):
                path = (self.root / name).resolve() if name else None
                if path in wanted and path not in self._dates:
                    self._dates[path] = self._date(commit, epoch) or self.fallback

    def _date(self, commit: str, epoch: str) -> dt.date | None:
        if commit in self.boundaries:
            return None  # the cut of a shallow clone: the file may have changed long before
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()

    def _from_git(self, path: Path) -> dt.date | None:
        if self.root is None or not path.is_file():
            return None
        out = git(self.root, "log", "-1", "--format=%H %ct", "--", str(path))
        if not out:
            return None  # untracked or never committed
        commit, _, epoch = out.partition(" ")
        return self._date(commit, epoch)

    def label(self, dates: PageDates) -> Markup:
        """What the page footer shows: "Published …", then "Corrected …" and "Status updated …" where
        they apply; readable text, machine-readable ``<time>``."""
        shown = [("published", dates.published)]
        shown += [("corrected", dates.corrected)] if dates.corrected else []
        shown += [("status_updated", dates.status_updated)] if dates.status_updated else []
        dates_ = Markup(" · ").join(
            self.labels.markup(key, date=time_element(day, self.language)) for key, day in shown
        )
        if len(shown) == 1:
            return dates_
        # One item of Material's flex row, or each date would take a column of its own on a phone.
        return Markup('<span class="report-page-dates">{}</span>').format(dates_)

    def annotate(self, page: Any, dates: PageDates, source: Path | None) -> None:
        """The page's dates under it (unless its front matter gives its own) and, from git, the
        sitemap's ``lastmod``."""
        if META_KEY not in page.meta:
            page.meta[META_KEY] = self.label(dates)
        if source is not None:
            page.update_date = self.last_updated(source).isoformat()
