"""Chapter scans remembered across builds, under ``.cache/report-site/scans/`` beside mkdocs.yml.

A scan (``chapters.Scanner``) is a Markdown parse of the whole chapter, the largest part of the
analysis; ``mkdocs serve`` already keeps scans between rebuilds in memory. This keeps them on
disk too, so a fresh ``mkdocs build`` (or ``make site``) re-scans only the chapters that changed
since an earlier build. An entry is found by a digest of everything the scan reads: the chapter's
text as scanned, its path and line offset, the Markdown extensions and their options, and the
code that scans (this package's modules, Python-Markdown's version, the Python version), so an
edit to any of them misses and scans afresh. Anything unreadable is a miss; a cache that cannot
be written is skipped: a build never fails for it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown

from .chapters import Chapter

#: Scans kept per project (the newest by use): every chapter of a long report, and a few versions each.
KEEP = 512


def folder(project_dir: Path) -> Path:
    return project_dir / ".cache" / "report-site" / "scans"


@lru_cache(maxsize=1)
def _code() -> str:
    """What identifies the scanning code: size and time of each of this package's modules loaded (the
    scan has loaded all it uses) and of its label files."""
    package = Path(__file__).parent
    files = {Path(m.__file__) for name, m in list(sys.modules.items())
             if (name == __package__ or name.startswith(f"{__package__}.")) and getattr(m, "__file__", None)}
    parts = [sys.version, markdown.__version__]
    for path in sorted([*files, *package.glob("labels/*.yml")]):
        stat = path.stat()
        parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def key(inputs: tuple[Any, ...]) -> str:
    """The entry for a scan of ``inputs`` (the analysis' own key: text, path, offset, extensions)."""
    return hashlib.sha256(f"{_code()}\n{inputs!r}".encode("utf-8", "surrogatepass")).hexdigest()


def load(project_dir: Path, entry: str) -> Chapter | None:
    path = folder(project_dir) / f"{entry}.pickle"
    try:
        with open(path, "rb") as fh:
            chapter = pickle.load(fh)
        os.utime(path)  # used: kept longest
    except Exception:  # missing, unreadable, or written by other code: scan again
        return None
    return chapter if isinstance(chapter, Chapter) else None


def store(project_dir: Path, entry: str, chapter: Chapter) -> None:
    where = folder(project_dir)
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=where, suffix=".tmp", delete=False) as fh:
            try:
                pickle.dump(chapter, fh, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                fh.close()
                os.unlink(fh.name)
                raise
        os.replace(fh.name, where / f"{entry}.pickle")  # atomic: a concurrent build never reads half a file
        _prune(where)
    except Exception:  # not writable, disk full, …: this build scanned anyway
        pass


def _prune(where: Path) -> None:
    entries = list(where.glob("*.pickle"))
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda p: p.stat().st_mtime_ns)
    for old in entries[: len(entries) - KEEP]:
        old.unlink(missing_ok=True)
