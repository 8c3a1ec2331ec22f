"""Run mkdocs for ``build_site.py``: validate, build atomically, summarise.

Kept out of the plugin: this is the command-line face (one-line errors, exit codes,
the swap that keeps the previous site/ when a build fails), while the plugin stays
usable from plain ``mkdocs build`` and ``mkdocs serve``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

PLUGIN = "report-site"


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
    pdf: str = ""  # e.g. "peninsula-plus.pdf, 13 pages in 4.1 s" when the build made the PDF

    def describe(self) -> str:
        return f"{self.pages} pages, {self.recommendations} recommendations, {self.references} cross-references"


class _Collector(logging.Handler):
    """Print mkdocs' warnings and errors as plain lines, and remember the errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.errors.extend(l for l in msg.splitlines() if l.strip())
        else:
            for line in msg.splitlines():
                print(f"warning: {line}" if ":" not in line.split(" ")[0] else line, file=__import__("sys").stderr)


_collector = _Collector()


def configure_logging(verbose: bool = False) -> None:
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [_collector]
    logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    if verbose:
        info = logging.StreamHandler()
        info.setLevel(logging.INFO)
        info.addFilter(lambda r: r.levelno < logging.WARNING)
        logger.addHandler(info)


def _load(config_file: Path, strict: bool, pdf: bool = True, **overrides: object) -> MkDocsConfig:
    if not config_file.is_file():
        raise BuildFailed([f"{config_file}:1:1: configuration file not found"], "nothing built")
    try:
        config = load_config(str(config_file), strict=True, **overrides)  # type: ignore[arg-type]
    except exceptions.ConfigurationError as exc:
        raise BuildFailed([f"{config_file}:1:1: {line}" for line in str(exc).splitlines() if line.strip()] or [f"{config_file}:1:1: invalid configuration"], "configuration error; nothing built") from None
    if strict and PLUGIN in config.plugins:
        config.plugins[PLUGIN].config.strict_references = True
    if not pdf and PLUGIN in config.plugins:
        config.plugins[PLUGIN].config.pdf = False
    return config


def _summary(config: MkDocsConfig, pages: int) -> Summary:
    plugin = config.plugins[PLUGIN] if PLUGIN in config.plugins else None
    ctx = getattr(plugin, "ctx", None)
    if ctx is None:
        return Summary(pages, 0, 0)
    refs = sum(len(p.recommendation_ids) for p in ctx.index.passages)
    outputs = getattr(plugin, "outputs", None)
    return Summary(pages, len(ctx.report.recommendations), refs, pdf=outputs.describe_pdf() if outputs else "")


def check(config_file: Path, strict: bool = False) -> Summary:
    """Everything a build validates up to rendering: config, data, chapters, references."""
    config = _load(config_file, strict, pdf=False)
    try:
        config = config.plugins.on_config(config)
        files = get_files(config)
        files = config.plugins.on_files(files, config=config)
    except exceptions.MkDocsException as exc:
        raise BuildFailed(_lines(exc), "check failed") from None
    return _summary(config, len(files.documentation_pages()))


def build(config_file: Path, site_dir: str | None = None, strict: bool = False, pdf: bool = True) -> Summary:
    """Build into a sibling temporary directory and swap it in only on success."""
    config = _load(config_file, strict)
    target = Path(site_dir) if site_dir else Path(config.site_dir)
    target = target if target.is_absolute() else (config_file.parent / target)
    target = target.resolve()
    refuse_dangerous(target, config_file.resolve().parent, Path(config.docs_dir).resolve())
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        config = _load(config_file, strict, pdf, site_dir=str(staging))
        _collector.errors.clear()
        try:
            mkdocs_build.build(config)
        except (exceptions.MkDocsException, SystemExit) as exc:
            raise BuildFailed(_collector.errors or _lines(exc), f"build failed; {_rel(target)}/ left unchanged") from None
        pages = sum(1 for _ in staging.rglob("*.html"))
        _swap(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    summary = _summary(config, pages)
    summary.site_dir = _rel(target) + "/"
    return summary


def refuse_dangerous(target: Path, project: Path, docs: Path) -> None:
    """Never let the output directory (which is replaced whole) swallow sources."""
    home = Path.home().resolve()
    forbidden = {project: "the project root", docs: "the docs directory", home: "the home directory", Path(target.anchor): "the filesystem root"}
    for path, what in forbidden.items():
        if target == path or target in path.parents:
            raise BuildFailed([f"site_dir {target}: refusing to build into {what} ({path}); choose a directory such as site/"], "nothing built")
    if docs in target.parents:
        raise BuildFailed([f"site_dir {target}: refusing to build inside the docs directory ({docs})"], "nothing built")


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rename(target, old / "site")
    os.rename(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _lines(exc: BaseException) -> list[str]:
    text = str(exc).strip()
    return [l for l in text.splitlines() if l.strip()] or [type(exc).__name__]


def _rel(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
