"""Errors that editors can act on: always a file, a line, and what to do.

One format everywhere (``path:line:column: message``, the convention compilers use,
so editors and terminals make it clickable), plus the GitHub Actions annotation
form of the same problem so a pull request shows it on the offending line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

#: ``path:line:column: [warning: ]message`` — how every problem is printed.
LINE = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<column>\d+): (?:(?P<warning>warning): )?(?P<message>.*)$"
)


@dataclass(frozen=True)
class Problem:
    """One problem in the sources, located precisely enough to jump to it."""

    path: str
    line: int
    message: str
    column: int = 1
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Values quoted from the sources may hold line breaks or control characters:
        # shown escaped, so a problem is always exactly one line.
        object.__setattr__(self, "message", _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], self.message))

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}"

    def unlabelled(self) -> str:
        """The line without ``warning:``, for loggers that print the level themselves."""
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def annotation(self) -> str:
        """The GitHub Actions workflow command that pins this problem to its line."""
        kind = "warning" if self.severity == "warning" else "error"
        props = f"file={_prop(self.path)},line={self.line},col={self.column}"
        return f"::{kind} {props}::{_data(self.message)}"

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.message)


def parse(text: str) -> Problem | None:
    """Read back a printed problem line (mkdocs hands plugin errors over as text)."""
    m = LINE.match(text.strip())
    if not m:
        return None
    severity: Severity = "warning" if m["warning"] else "error"
    return Problem(m["path"], int(m["line"]), m["message"], int(m["column"]), severity)


def ordered(problems: list[Problem]) -> list[Problem]:
    """Problems in file order, each once (two checks may notice the same thing)."""
    seen: dict[tuple[str, int, int, str], Problem] = {}
    for p in problems:
        seen.setdefault(p.key, p)
    return sorted(seen.values(), key=lambda p: (p.path, p.line, p.column))


class ReportError(Exception):
    """One or more problems in the report sources; the build must stop.

    Carries every problem found in a pass, so an editor fixes them all at once
    instead of one per build.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = ordered(list(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text of a source file, or a located problem saying how to fix the encoding."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        hint = "it looks like UTF-16; " if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise ReportError(
            [
                Problem(
                    name,
                    line,
                    f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); {hint}save it as UTF-8",
                    column,
                )
            ]
        ) from None
    return normalise_newlines(text.removeprefix("\ufeff"))


def normalise_newlines(text: str) -> str:
    """Every line ending as ``\n``: CRLF (Windows) and bare CR (old Mac) files get the
    same line numbers as the editor shows, and front matter is found in all three."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor counts them, whatever the line endings."""
    return normalise_newlines(text).split("\n")


def on_a_line(text: str, line: int, column: int) -> tuple[int, int]:
    """``line``/``column`` put on a line ``text`` has: YAML places a problem at the end of the stream (an
    unclosed bracket or quote) on the line after the last, which no editor can jump to; that is the end of
    the last line."""
    lines = split_lines(text)
    if lines and lines[-1] == "":
        lines.pop()  # the text ends with a line break: no line after it
    if lines and line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, column


def write_failure(exc: OSError) -> str:
    """Why writing a file failed, said for what it is, with what to do."""
    import errno

    return {
        errno.ENOSPC: "no space left on the device; free some space and build again",
        errno.EDQUOT: "disk quota exceeded; free some space and build again",
        errno.EROFS: "the file system is read-only; choose a writable --site-dir",
        errno.EACCES: "permission denied; choose a --site-dir you can write to",
        errno.EPIPE: "broken pipe",
    }.get(exc.errno or 0, exc.strerror or type(exc).__name__)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def shown(path: Path | str) -> str:
    """A path as an editor sees it in a message: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def nearest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice a misspelt ``word`` most likely meant, for "did you mean …?" (difflib is imported
    only when a message needs it: a build without problems never does)."""
    import difflib

    hint = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return hint[0] if hint else None
