"""Errors that editors can act on: always a file, a line, and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in the sources, located precisely enough to jump to it."""

    path: str
    line: int
    message: str
    column: int = 1
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ReportError(Exception):
    """One or more problems in the report sources; the build must stop.

    Carries every problem found in a pass, so an editor fixes them all at once
    instead of one per build.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
