"""Run mkdocs for ``build_site.py``: validate, build atomically, summarise.

Kept out of the plugin: this is the command-line face (one-line errors, exit codes,
the swap that keeps the previous site/ when a build fails), while the plugin stays
usable from plain ``mkdocs build`` and ``mkdocs serve``. The rooms it uses:
``buildlog`` (what mkdocs logs, per build), ``locate`` (messages put on a line) and
``sitedir`` (which folder may be replaced, and the swap).

``--check`` and the build share one validation path: a check is a full build (without
the PDF) into a throw-away folder, so whatever the build rejects, the check rejects.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .. import errors
from ..config import WRITE_DATE
from ..data.positions import PLUGIN, bad_timestamp
from ..errors import ReportError
from ..pages.gitinfo import git
from . import sitedir
from .buildlog import LogCapture
from .locate import Locator, config_syntax, rel


class BuildFailed(Exception):
    def __init__(self, lines: list[str], summary: str):
        self.lines, self.summary = lines, summary
        super().__init__("\n".join([*lines, summary]))


@dataclass
class Summary:
    pages: int
    recommendations: int
    references: int
    site_dir: str = ""
    warnings: list[str] = field(default_factory=list)
    wrote: list[str] = field(default_factory=list)
    """Source files the build brought up to date (``CITATION.cff``), each with why."""
    pdf: str = ""  # e.g. "peninsula-plus.pdf, 13 pages in 4.1 s" when the build made the PDF

    def describe(self) -> str:
        def n(count: int, noun: str) -> str:
            return f"{count} {noun}" + ("" if count == 1 else "s")

        return (
            f"{n(self.pages, 'page')}, {n(self.recommendations, 'recommendation')}, "
            f"{n(self.references, 'cross-reference')}"
        )


def _load(
    config_file: Path,
    log: LogCapture,
    strict: bool | None,
    pdf: bool = True,
    **overrides: object,
) -> MkDocsConfig:
    """The configuration, loaded strictly. ``strict``: True fails on the report's warnings too, None as
    mkdocs.yml says (``strict_references``), False never (``--update-anchors``, whose warnings it resolves)."""
    if not config_file.is_file():
        raise BuildFailed(
            [f"{rel(config_file)}:1:1: configuration file not found; pass the right one with --config"],
            "nothing built",
        )
    log.locator.config_file = config_file.resolve()
    log.reset()
    try:
        config = load_config(str(config_file), strict=True, **overrides)  # type: ignore[arg-type]
    except exceptions.ConfigurationError as exc:
        raise BuildFailed(
            [config_syntax(str(exc), config_file)], "configuration error; nothing built"
        ) from None
    except exceptions.Abort:
        raise BuildFailed(
            log.problems or [f"{rel(config_file)}:1:1: invalid configuration"],
            "configuration error; nothing built",
        ) from None
    except ValueError:  # PyYAML's date constructor, for a date that is none (2023-02-30)
        located = bad_timestamp(config_file.read_text("utf-8", "replace"))
        if located is None:
            raise
        line, col, value, reason = located
        raise BuildFailed(
            [f"{rel(config_file)}:{line}:{col}: `{value}` is not a date ({reason}); {WRITE_DATE}"],
            "configuration error; nothing built",
        ) from None
    except RecursionError:
        from ..data.loader import MAX_DEPTH, too_deep

        line, col = too_deep(config_file.read_text("utf-8", "replace")) or (1, 1)
        raise BuildFailed(
            [
                f"{rel(config_file)}:{line}:{col}: the configuration is nested more than {MAX_DEPTH} levels deep here; check the brackets and indentation"
            ],
            "configuration error; nothing built",
        ) from None
    log.locator.docs_dir = Path(config.docs_dir)
    if (
        strict is not None
        and PLUGIN in config.plugins
        and (strict or config.plugins[PLUGIN].config.strict_references)
    ):
        config.plugins[PLUGIN].config.strict_references = strict
    if not pdf and PLUGIN in config.plugins:
        config.plugins[PLUGIN].config.pdf = False
    return config


def load(config_file: Path) -> MkDocsConfig:
    """mkdocs.yml loaded and validated as a build loads it, for the commands that only read it
    (``make citation``): each problem a located line (``BuildFailed``), never a traceback."""
    with LogCapture(Locator(), False) as log:
        return _load(config_file, log, None)


def _summary(config: MkDocsConfig, pages: int, log: LogCapture) -> Summary:
    plugin = config.plugins.get(PLUGIN, None)
    ctx = getattr(plugin, "ctx", None)
    if ctx is None:
        return Summary(pages, 0, 0, warnings=list(log.own))
    refs = sum(len(p.recommendation_ids) for p in ctx.index.passages)
    outputs = getattr(plugin, "outputs", None)
    return Summary(
        pages,
        len(ctx.report.recommendations),
        refs,
        warnings=list(log.own),
        pdf=outputs.describe_pdf() if outputs else "",
    )


def _run(
    config_file: Path, log: LogCapture, strict: bool | None, pdf: bool, into: Path, failed: str, shown: str
) -> tuple[MkDocsConfig, int]:
    """The one validation path: load the config and build every page into ``into`` (``shown`` names it in messages)."""
    config = _load(config_file, log, strict, pdf, site_dir=str(into))
    try:
        mkdocs_build.build(config)
    except (exceptions.MkDocsException, SystemExit) as exc:
        raise BuildFailed(log.problems or _lines(exc, log), failed) from None
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EIO):
            raise BuildFailed([write_failure(exc, shown)], failed) from None
        raise
    if log.problems:  # mkdocs counts warnings only in strict mode; an error logged is still an error
        raise BuildFailed(log.problems, failed)
    return config, sum(1 for _ in into.rglob("*.html"))


def write_failure(exc: OSError, shown: str) -> str:
    """A write that failed for lack of space (or permission), said as such, at the site folder
    (the file being written sits in a staging folder the editor never sees)."""
    return f"{shown}: cannot write the site: {errors.write_failure(exc)}"


def check(
    config_file: Path,
    strict: bool | None = None,
    verbose: bool = False,
    site_dir: str | None = None,
    guard: bool = True,
) -> Summary:
    """Everything the build validates (it is the build, without the PDF, into a throw-away folder), and,
    with ``guard``, the site folder the build would replace (``site_dir``, else mkdocs.yml's); ``strict``
    as ``_load`` takes it."""
    with LogCapture(Locator(), verbose) as log:
        if guard:
            _guarded(config_file, log, strict, site_dir, "check failed")
        scratch = Path(tempfile.mkdtemp(prefix="report-site-check-"))
        try:
            config, pages = _run(
                config_file,
                log,
                strict,
                False,
                scratch,
                "check failed",
                f"{scratch} (the check's scratch folder)",
            )
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return _summary(config, pages, log)


def build(
    config_file: Path,
    site_dir: str | None = None,
    strict: bool | None = None,
    pdf: bool = True,
    verbose: bool = False,
) -> Summary:
    """Build into a sibling staging folder and swap it in only on success."""
    with LogCapture(Locator(), verbose) as log:
        config, target, shown = _guarded(config_file, log, strict, site_dir, "nothing built")
        unchanged = f"build failed; {shown}/ left unchanged"
        wrote = _refresh_citation(config, config_file)
        try:  # entered before the staging folder exists: an interrupt (SIGTERM, Ctrl-C) at any point removes it
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                sitedir.remove_leftovers(target)
                staging = sitedir.make_staging(target)
            except OSError as exc:
                raise BuildFailed([write_failure(exc, rel(target.parent))], unchanged) from None
            config, pages = _run(config_file, log, strict, pdf, staging, unchanged, shown)
            try:
                sitedir.write_marker(staging)
                sitedir.swap(staging, target)
            except OSError as exc:
                raise BuildFailed([write_failure(exc, shown)], unchanged) from None
        finally:
            sitedir.remove_own_staging(
                target
            )  # found by name: an interrupt may land before `staging` is assigned
        summary = _summary(config, pages, log)
        summary.site_dir = shown + "/"
        summary.wrote = wrote
        return summary


def _guarded(
    config_file: Path, log: LogCapture, strict: bool | None, site_dir: str | None, failed: str
) -> tuple[MkDocsConfig, Path, str]:
    """The configuration and the site folder a build replaces (``--site-dir``, else mkdocs.yml's
    ``site_dir``; as shown), once ``sitedir.guard`` allows replacing it (else ``BuildFailed``)."""
    config = _load(config_file, log, strict)
    target = Path(site_dir) if site_dir else Path(config.site_dir)
    target = target if target.is_absolute() else (config_file.parent / target)
    target = Path(os.path.abspath(target)).resolve()
    try:
        sitedir.guard(target, config_file.resolve().parent, Path(config.docs_dir).resolve(), rel(target))
    except sitedir.Refused as exc:
        raise BuildFailed([str(exc)], failed) from None
    return config, target, rel(target)


def _refresh_citation(config: MkDocsConfig, config_file: Path) -> list[str]:
    """The build keeps ``CITATION.cff`` as the metadata says (it is derived from mkdocs.yml, and a stale one
    misleads whoever cites the repository): rewritten and said, before the plugin would call it stale. Not
    under CI (``CI`` set): there a stale committed file fails the build, as it fails ``--check`` anywhere."""
    if PLUGIN not in config.plugins or os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return []
    from ..data.sources import metadata_problems
    from ..outputs import cff

    meta = dict(config.plugins[PLUGIN].config.metadata)
    if metadata_problems(meta, config_file, rel(config_file)):
        return []  # the build reports bad metadata itself
    try:  # the file carries the date of the last correction (the report's edition)
        corrected = cff.last_correction(config)
    except (exceptions.MkDocsException, ReportError):
        return []  # the build reports the report's problems itself
    if not cff.stale(meta, config_file, corrected):
        return []
    path = config_file.parent / cff.FILENAME
    try:
        path.write_text(cff.render(meta, corrected), "utf-8")
    except OSError:
        return []  # then the plugin's warning stops the build, naming the command
    why = f" and the last correction ({corrected.isoformat()})" if corrected else ""
    return [f"wrote {rel(path)}: it was out of date with the metadata in {rel(config_file)}{why}; commit it"]


def _lines(exc: BaseException, log: LogCapture) -> list[str]:
    text = str(exc).strip()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()] or [type(exc).__name__]
    return [line for ln in lines for line in log.locator.lines(ln)]


# --- reproducible builds: the build's notion of "now" pinned to the last commit ---------------------------
# mkdocs (sitemap dates, the gzip header of sitemap.xml.gz) and WeasyPrint read ``SOURCE_DATE_EPOCH``. When
# the user has not set it, the time of the last commit is the natural choice: two checkouts of one commit
# build the same bytes.

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
