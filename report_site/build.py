"""Run mkdocs for ``build_site.py``: validate, build atomically, summarise.

Kept out of the plugin: this is the command-line face (one-line errors, exit codes,
the swap that keeps the previous site/ when a build fails), while the plugin stays
usable from plain ``mkdocs build`` and ``mkdocs serve``. mkdocs reports problems
through logging, so a handler collects them and every message is turned into one
``path:line:column: message`` line, located in the file an editor has to open.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import difflib
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from mkdocs import exceptions
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from . import errors

PLUGIN = "report-site"
PLUGIN_LOGGER = "mkdocs.plugins.report_site"


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
    pdf: str = ""  # e.g. "peninsula-plus.pdf, 13 pages in 4.1 s" when the build made the PDF

    def describe(self) -> str:
        return f"{self.pages} pages, {self.recommendations} recommendations, {self.references} cross-references"


# --- collecting what mkdocs logs ------------------------------------------------------


class _Collector(logging.Handler):
    """Remember mkdocs' warnings and errors as located one-line messages."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.config_file: Path | None = None
        self.docs_dir: Path | None = None
        self.reset()

    def reset(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []  # mkdocs' warnings: fatal, as the build is strict
        self.own: list[str] = []  # the plugin's located warnings: fatal only with --strict

    def emit(self, record: logging.LogRecord) -> None:
        for line in _message_lines(record):
            located = locate(line, self.config_file, self.docs_dir)
            if record.levelno >= logging.ERROR:
                self.errors.append(located)
            elif located not in self.warnings:
                self.warnings.append(located)


def _message_lines(record: logging.LogRecord) -> list[str]:
    msg = record.getMessage()
    if record.name.startswith(PLUGIN_LOGGER):
        msg = re.sub(r"^report_site: ", "", msg)
    if msg.startswith("Error reading page") or msg.startswith("Error building page"):
        return []  # mkdocs' preface to a plugin error that follows as its own record
    return [l.strip() for l in msg.splitlines() if l.strip()]


class _OwnWarnings(logging.Filter):
    """Take the plugin's located warnings out of mkdocs' strict-mode count.

    ``build_site.py`` builds with mkdocs' strict mode (a broken link fails), but a
    recommendation no passage cites is only a warning unless ``--strict`` is given.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            for line in _message_lines(record):
                problem = errors.parse(line)
                if problem and str(replace(problem, severity="warning")) not in _collector.own:
                    _collector.own.append(str(replace(problem, severity="warning")))
            return False
        return True


_collector = _Collector()
_own_warnings = _OwnWarnings()


def configure_logging(verbose: bool = False) -> None:
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [_collector]
    logger.propagate = False
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    plugin_logger = logging.getLogger(PLUGIN_LOGGER + ".plugin")
    if _own_warnings not in plugin_logger.filters:
        plugin_logger.addFilter(_own_warnings)
    if verbose:
        info = logging.StreamHandler()
        info.setLevel(logging.INFO)
        info.addFilter(lambda r: r.levelno < logging.WARNING)
        logger.addHandler(info)


# --- putting mkdocs' messages on a line -----------------------------------------------

_DOC_LINK = re.compile(r"^Doc file '(?P<file>[^']+)' contains .*?link '(?P<link>[^']*)'")
_NAV_REF = re.compile(r"^A reference to '(?P<target>[^']+)' is included in the 'nav' configuration")
_CONFIG = re.compile(r"^Config value '(?P<key>[^']+)': (?P<rest>.*)$")
_PLUGIN_OPTION = re.compile(r"^Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<rest>.*)$")
_SUB_OPTION = re.compile(r"^Sub-option '(?P<option>[^']+)': (?P<rest>.*)$")


def locate(message: str, config_file: Path | None, docs_dir: Path | None) -> str:
    """``path:line:column: message`` for a message mkdocs logs without a position."""
    problem = errors.parse(message)
    if problem:
        if config_file is not None and "recommendations file does not exist" in problem.message:
            line, col = config_position(config_file, ["plugins", PLUGIN, "recommendations"])
            return f"{_rel(config_file)}:{line}:{col}: the recommendations file `{problem.path}` does not exist; create it or correct this setting"
        return message
    m = _DOC_LINK.match(message)
    if m and docs_dir is not None:
        where = _find_text(docs_dir / m["file"], [f"({m['link']}", f"]({m['link']}", m["link"]])
        if where:
            return f"{_rel(docs_dir / m['file'])}:{where[0]}:{where[1]}: {message}"
    m = _NAV_REF.match(message)
    if m and config_file is not None:
        where = _find_text(config_file, [m["target"]])
        if where:
            return f"{_rel(config_file)}:{where[0]}:{where[1]}: {message}"
    m = _CONFIG.match(message)
    if m and config_file is not None:
        return _locate_config(m["key"], m["rest"], config_file)
    return message


def _locate_config(key: str, rest: str, config_file: Path) -> str:
    path: list[str] = [key]
    m = _PLUGIN_OPTION.match(rest)
    if m:
        path += [m["plugin"], m["option"]]
        rest = m["rest"]
        s = _SUB_OPTION.match(rest)
        if s:
            path.append(s["option"])
            rest = s["rest"]
    elif (p := re.match(r'^The "(?P<plugin>[^"]+)" plugin is not installed', rest)):
        path.append(p["plugin"])
    line, col = config_position(config_file, path)
    label = ".".join(path)
    rest = re.sub(r"<class '([\w.]+)'>", lambda c: c.group(1).rsplit(".", 1)[-1], rest)
    if "Unrecognised configuration name" in rest:
        hint = difflib.get_close_matches(path[-1], _plugin_options(path), n=1)
        rest += f"; did you mean `{hint[0]}`?" if hint else "; check the spelling against the plugin's documentation"
    elif "Expected type: date" in rest:
        rest += "; write the date as YYYY-MM-DD"
    return f"{_rel(config_file)}:{line}:{col}: `{label}`: {rest}"


def _plugin_options(path: list[str]) -> list[str]:
    """Option names a plugin declares, for a "did you mean" on a misspelt one."""
    if len(path) != 3 or path[0] != "plugins":
        return []
    try:
        from mkdocs.plugins import get_plugins

        plugin_class = get_plugins()[path[1]].load()
        return [name for name, _ in plugin_class.config_class._schema]
    except Exception:  # noqa: BLE001 - a suggestion is a nicety; never fail on it
        return []


class _AnyTagLoader(yaml.SafeLoader):
    """Composes mkdocs.yml with its custom tags (``!ENV``, ``!relative``) left unresolved."""


def config_position(config_file: Path, path: list[str]) -> tuple[int, int]:
    """Line and column of the deepest key of ``path`` found in ``config_file``."""
    try:
        node = yaml.compose(config_file.read_text("utf-8"), Loader=_AnyTagLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1, 1
    best = (1, 1)
    for part in path:
        found = _child(node, part)
        if found is None:
            break
        key_node, node = found
        best = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return best


def _child(node: Any, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == name:
                return k, v
    if isinstance(node, yaml.SequenceNode):  # plugins: a list of names or one-key mappings
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == name:
                return item, item
            if isinstance(item, yaml.MappingNode) and (hit := _child(item, name)):
                return hit
    return None


def _find_text(path: Path, needles: list[str]) -> tuple[int, int] | None:
    try:
        lines = path.read_text("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    for needle in needles:
        for i, line in enumerate(lines):
            if needle and needle in line:
                return i + 1, line.index(needle) + needle.index(needles[-1]) + 1
    return None


# --- loading, checking, building ------------------------------------------------------


def _load(config_file: Path, strict: bool, pdf: bool = True, **overrides: object) -> MkDocsConfig:
    if not config_file.is_file():
        raise BuildFailed([f"{_rel(config_file)}:1:1: configuration file not found; pass the right one with --config"], "nothing built")
    _collector.config_file = config_file.resolve()
    _collector.reset()
    try:
        config = load_config(str(config_file), strict=True, **overrides)  # type: ignore[arg-type]
    except exceptions.ConfigurationError as exc:
        raise BuildFailed([_config_syntax(str(exc), config_file)], "configuration error; nothing built") from None
    except exceptions.Abort:
        raise BuildFailed(_collector.errors or _collector.warnings or [f"{_rel(config_file)}:1:1: invalid configuration"], "configuration error; nothing built") from None
    _collector.docs_dir = Path(config.docs_dir)
    if strict and PLUGIN in config.plugins:
        config.plugins[PLUGIN].config.strict_references = True
    if not pdf and PLUGIN in config.plugins:
        config.plugins[PLUGIN].config.pdf = False
    return config


def _config_syntax(text: str, config_file: Path) -> str:
    """mkdocs' multi-line YAML error about mkdocs.yml, as one located line."""
    marks = re.findall(r'line (\d+), column (\d+)', text)
    body = [l.strip() for l in text.splitlines() if l.strip() and not l.strip().startswith("in ")]
    body = [re.sub(r"^MkDocs encountered an error parsing the configuration file: ", "", l) for l in body]
    line, col = marks[-1] if marks else ("1", "1")
    what = "; ".join(body[-1:] or ["invalid YAML"])
    return f"{_rel(config_file)}:{line}:{col}: YAML syntax error: {what}; check the indentation and quoting"


def _summary(config: MkDocsConfig, pages: int) -> Summary:
    plugin = config.plugins[PLUGIN] if PLUGIN in config.plugins else None
    ctx = getattr(plugin, "ctx", None)
    if ctx is None:
        return Summary(pages, 0, 0, warnings=list(_collector.own))
    refs = sum(len(p.recommendation_ids) for p in ctx.index.passages)
    outputs = getattr(plugin, "outputs", None)
    return Summary(pages, len(ctx.report.recommendations), refs, warnings=list(_collector.own),
                   pdf=outputs.describe_pdf() if outputs else "")


def check(config_file: Path, strict: bool = False) -> Summary:
    """Everything a build validates up to rendering: config, data, chapters, references."""
    config = _load(config_file, strict, pdf=False)
    try:
        config = config.plugins.on_config(config)
        files = get_files(config)
        files = config.plugins.on_files(files, config=config)
        get_navigation(files, config)  # nav entries that name missing pages
    except exceptions.MkDocsException as exc:
        raise BuildFailed(_lines(exc), "check failed") from None
    if _collector.errors or _collector.warnings:
        raise BuildFailed(_collector.errors + _collector.warnings, "check failed")
    return _summary(config, len(files.documentation_pages()))


def build(config_file: Path, site_dir: str | None = None, strict: bool = False, pdf: bool = True) -> Summary:
    """Build into a sibling temporary directory and swap it in only on success."""
    config = _load(config_file, strict)
    target = Path(site_dir) if site_dir else Path(config.site_dir)
    target = target if target.is_absolute() else (config_file.parent / target)
    target = Path(os.path.abspath(target)).resolve()
    refuse_dangerous(target, config_file.resolve().parent, Path(config.docs_dir).resolve())
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX.format(name=target.name)}{os.getpid()}-", dir=target.parent))
    try:
        config = _load(config_file, strict, pdf, site_dir=str(staging))
        try:
            mkdocs_build.build(config)
        except (exceptions.MkDocsException, SystemExit) as exc:
            raise BuildFailed(_collector.errors or _collector.warnings or _lines(exc), f"build failed; {_rel(target)}/ left unchanged") from None
        pages = sum(1 for _ in staging.rglob("*.html"))
        swap(staging, target)
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
            where = "is" if target == path else "contains"
            raise BuildFailed([f"{_rel(target)}: refusing to build there: the site directory is replaced whole, and it {where} {what} ({path}); choose a directory such as site/"], "nothing built")
    if docs in target.parents:
        raise BuildFailed([f"{_rel(target)}: refusing to build inside the docs directory ({docs}); choose a directory such as site/"], "nothing built")
    if target.exists() and not target.is_dir():
        raise BuildFailed([f"{_rel(target)}: refusing to build there: it is a file, not a directory"], "nothing built")
    if target.is_dir() and any(target.iterdir()) and not any((target / n).exists() for n in ("index.html", "404.html", "sitemap.xml")):
        raise BuildFailed([f"{_rel(target)}: refusing to replace a directory that does not look like a built site (no index.html); empty it or choose another directory"], "nothing built")


#: Staging directories are named after the site directory and the building process.
STAGING_PREFIX = ".{name}-building-"


def remove_stale_staging(target: Path) -> None:
    """Delete staging directories left by builds that were killed (their process is gone)."""
    prefix = STAGING_PREFIX.format(name=target.name)
    for path in target.parent.glob(prefix + "*"):
        m = re.match(re.escape(prefix) + r"(\d+)-", path.name)
        if m and not _alive(int(m.group(1))) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != 0


_RENAME_EXCHANGE = 2


def swap(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target`` in one step; the old site ends up in ``staging``.

    Linux exchanges the two directories atomically (renameat2), so no moment exists
    at which ``site/`` is missing or half-written; elsewhere, two renames.
    """
    if target.exists() and _exchange(staging, target):
        return
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.rename(target, old / "site")
    os.rename(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _lines(exc: BaseException) -> list[str]:
    collected = _collector.errors or _collector.warnings
    if collected:
        return list(collected)
    text = str(exc).strip()
    lines = [l.strip() for l in text.splitlines() if l.strip()] or [type(exc).__name__]
    return [locate(l, _collector.config_file, _collector.docs_dir) for l in lines]


def _rel(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("../../") else rel
