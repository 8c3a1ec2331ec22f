"""Remembering the last analysis of the sources, so it is not redone when nothing changed.

The plugin analyses the data file and chapters in ``on_pre_build`` (to fail before mkdocs
empties the site directory) and needs the result again in ``on_files``: the second call
gets the first one's result when the bytes of every source are the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from mkdocs.structure.files import Files

T = TypeVar("T")


def fingerprint(data_path: Path, files: Files, order: list[str]) -> tuple[bytes | None, list[tuple[str, bytes]]]:
    """The bytes the analysis reads: the data file's and each chapter's, in reading order."""
    try:
        data = data_path.read_bytes()
    except OSError:
        data = None
    return data, [(u, f.content_bytes if (f := files.get_file_from_path(u)) else b"") for u in order]


@dataclass
class LastAnalysis(Generic[T]):
    """One remembered result and the fingerprint of the sources it was made from."""

    sources: object = None
    result: T | None = None

    def get(self, sources: object) -> T | None:
        return self.result if self.result is not None and self.sources == sources else None

    def keep(self, sources: object, result: T) -> T:
        self.sources, self.result = sources, result
        return result
