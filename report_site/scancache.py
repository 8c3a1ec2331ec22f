"""Chapter scans remembered across builds, under ``.cache/report-site/scans/`` beside mkdocs.yml.

A scan (``chapters.Scanner``) is a Markdown parse of the whole chapter, the largest part of the
analysis; ``mkdocs serve`` already keeps scans between rebuilds in memory. This keeps them on
disk too, so a fresh ``mkdocs build`` (or ``make site``) re-scans only the chapters that changed
since an earlier build. An entry is found by a digest of everything the scan reads: the chapter's
text as scanned, its path and line offset, the Markdown extensions and their options, and the
code that scans (the scanning modules and label files, Python-Markdown's version, the Python
version), so an edit to any of them misses and scans afresh. Only a scan that depends on nothing
else is kept: with an extension from outside Python-Markdown (whose version, or files it reads,
such as ``pymdownx.snippets``' includes, the key cannot see) or an option that is not plain data,
every build scans. Anything unreadable is a miss; a cache that cannot be written is skipped: a
build never fails for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown

from .chapters import Chapter

#: Scans kept per project (the newest by use): every chapter of a long report, and a few versions each.
KEEP = 512


def folder(project_dir: Path) -> Path:
    return project_dir / ".cache" / "report-site" / "scans"


#: The modules whose code decides what a scan finds (with the label files: messages are in the scan).
SCANNING = (
    "analysis",
    "anchors",
    "chapters",
    "dates",
    "errors",
    "labels",
    "language",
    "passages",
    "scancache",
)


@lru_cache(maxsize=1)
def _code() -> str:
    """What identifies the scanning code: size and time of each scanning module and label file."""
    package = Path(__file__).parent
    parts = [sys.version, markdown.__version__]
    for path in sorted([*(package / f"{name}.py" for name in SCANNING), *package.glob("labels/*.yml")]):
        stat = path.stat()
        parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def usable(extensions: list[Any], configs: dict[str, Any]) -> bool:
    """Whether scans made with these Markdown settings depend on nothing but the key: Python-Markdown's
    own extensions (by name) and this package's, with options that are plain data."""
    own = all(
        (isinstance(e, str) and e.removeprefix("markdown.extensions.") in _BUILT_IN)
        or type(e).__module__.startswith(f"{__package__}.")
        for e in extensions
    )
    return own and _plain(configs)


_BUILT_IN = frozenset(
    (
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "extra",
        "fenced_code",
        "footnotes",
        "legacy_attrs",
        "legacy_em",
        "md_in_html",
        "meta",
        "nl2br",
        "sane_lists",
        "smarty",
        "tables",
        "toc",
        "wikilinks",
    )
)


def _plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(map(_plain, value))
    return value is None or isinstance(value, (str, int, float, bool))


def key(inputs: tuple[Any, ...]) -> str:
    """The entry for a scan of ``inputs`` (the analysis' own key: text, path, offset, extensions)."""
    return hashlib.sha256(f"{_code()}\n{inputs!r}".encode("utf-8", "surrogatepass")).hexdigest()


def load(project_dir: Path, entry: str) -> Chapter | None:
    path = folder(project_dir) / f"{entry}.pickle"
    try:
        with open(path, "rb") as fh:
            chapter = pickle.load(fh)
    except Exception:  # missing, unreadable, or written by other code: scan again
        return None
    try:
        os.utime(path)  # used: kept longest
    except OSError:
        pass  # a read-only cache still serves
    return chapter if isinstance(chapter, Chapter) else None


def store(project_dir: Path, entry: str, chapter: Chapter) -> None:
    target = folder(project_dir) / f"{entry}.pickle"
    try:
        data = pickle.dumps(chapter, protocol=pickle.HIGHEST_PROTOCOL)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(
            target
        )  # atomic: a concurrent build never reads half a file (as cards.Renderer writes)
    except Exception:  # not picklable, not writable, disk full, …: this build scanned anyway
        pass


def prune(project_dir: Path) -> None:
    """Keep the ``KEEP`` entries used last (after a build stored new ones)."""
    entries = list(folder(project_dir).glob("*.pickle"))
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda p: p.stat().st_mtime_ns)
    for old in entries[: len(entries) - KEEP]:
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)
