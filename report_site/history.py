""" "Last updated" dates for pages, from git history, with a fallback that never fails.

A chapter's date is the last commit that touched its Markdown file; a page generated
from the data (a recommendation, the recommendations index) takes the data file's date.
Without a trustworthy answer from git — outside a repository, an uncommitted file, or
a shallow clone whose cut hides the real last change — the page gets the build date,
which honours ``SOURCE_DATE_EPOCH`` (so it is the last commit's date under build_site.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_build_datetime

from .gitinfo import git, shallow_boundaries, toplevel
from .labels import Labels
from .language import long_date

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
            log.debug("not a git work tree: pages show the build date (%s) as last updated", self.fallback)
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

    def label(self, day: dt.date) -> Markup:
        """What the page footer shows: readable text, machine-readable ``<time>``."""
        text = long_date(day, self.language)
        return Markup('{} <time datetime="{}">{}</time>').format(
            self.labels.t("last_updated"), day.isoformat(), escape(text)
        )

    def annotate(self, meta: dict[str, object], source: Path | None) -> None:
        """Set the page's date unless its front matter already gives one."""
        if source is not None and META_KEY not in meta:
            meta[META_KEY] = self.label(self.last_updated(source))
