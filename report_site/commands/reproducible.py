"""Make builds reproducible: pin the build's notion of "now" to the last commit.

mkdocs (sitemap dates, the gzip header of sitemap.xml.gz), the "Last updated" fallback
and WeasyPrint all read ``SOURCE_DATE_EPOCH``. When the user has not set it, the time of
the last commit is the natural choice: two checkouts of one commit build the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..pages.gitinfo import git

VARIABLE = "SOURCE_DATE_EPOCH"


def last_commit_epoch(project: Path) -> str | None:
    """Committer time of HEAD (seconds since the epoch), or ``None`` outside git."""
    out = git(project, "log", "-1", "--format=%ct")
    return out if out and out.isdigit() else None


def ensure_source_date_epoch(project: Path) -> str | None:
    """Set ``SOURCE_DATE_EPOCH`` from the last commit unless the user set it; return the value in force."""
    current = os.environ.get(VARIABLE, "").strip()
    if current:
        return current
    epoch = last_commit_epoch(project)
    if epoch:
        os.environ[VARIABLE] = epoch
    return epoch
