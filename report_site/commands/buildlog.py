"""Collect what mkdocs logs during one build, as located one-line messages.

mkdocs reports problems through logging. A ``LogCapture`` is installed for one
build (a context manager) and removed after it, so nothing is kept in module state
and two builds in one process (tests, ``mkdocs serve``) never share messages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from types import TracebackType

from .. import errors
from .locate import Locator

PLUGIN_LOGGER = "mkdocs.plugins.report_site"


class LogCapture(logging.Handler):
    """mkdocs' warnings and errors for one build; the plugin's own warnings apart."""

    def __init__(self, locator: Locator, verbose: bool = False) -> None:
        super().__init__(logging.WARNING)
        self.locator = locator
        self.verbose = verbose
        self.errors: list[str] = []
        self.warnings: list[str] = []  # mkdocs' warnings: fatal, as the build is strict
        self.own: list[str] = []  # the plugin's located warnings: fatal only with --strict
        self._filter = _OwnWarnings(self)
        self._saved: tuple[list[logging.Handler], bool, int] | None = None

    def reset(self) -> None:
        self.errors, self.warnings, self.own = [], [], []

    @property
    def problems(self) -> list[str]:
        return self.errors + self.warnings

    def emit(self, record: logging.LogRecord) -> None:
        for line in self.locator.lines(message_text(record)):
            if record.levelno >= logging.ERROR:
                if line not in self.errors:
                    self.errors.append(line)
            elif line not in self.warnings:
                self.warnings.append(line)

    def __enter__(self) -> LogCapture:
        logger = logging.getLogger("mkdocs")
        self._saved = (list(logger.handlers), logger.propagate, logger.level)
        handlers: list[logging.Handler] = [self]
        if self.verbose:
            info = logging.StreamHandler()
            info.setLevel(logging.INFO)
            info.addFilter(lambda r: r.levelno < logging.WARNING)
            handlers.append(info)
        logger.handlers[:] = handlers
        logger.propagate = False
        logger.setLevel(logging.DEBUG if self.verbose else logging.INFO)
        logging.getLogger(PLUGIN_LOGGER + ".plugin").addFilter(self._filter)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        logger = logging.getLogger("mkdocs")
        if self._saved is not None:
            logger.handlers[:], logger.propagate, level = self._saved
            logger.setLevel(level)
        logging.getLogger(PLUGIN_LOGGER + ".plugin").removeFilter(self._filter)


class _OwnWarnings(logging.Filter):
    """Take the plugin's located warnings out of mkdocs' strict-mode count.

    ``build_site.py`` builds with mkdocs' strict mode (a broken link fails), but a
    recommendation no passage cites is only a warning unless ``--strict`` is given.
    """

    def __init__(self, capture: LogCapture) -> None:
        super().__init__()
        self.capture = capture

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            for line in message_text(record).splitlines():
                problem = errors.parse(line)
                if problem:
                    text = str(replace(problem, severity="warning"))
                    if text not in self.capture.own:
                        self.capture.own.append(text)
            return False
        return True


def message_text(record: logging.LogRecord) -> str:
    msg = record.getMessage()
    if record.name.startswith(PLUGIN_LOGGER):
        msg = re.sub(r"^report_site: ", "", msg)
    if msg.startswith("Error reading page") or msg.startswith("Error building page"):
        return ""  # mkdocs' preface to a plugin error that follows as its own record
    return msg
