"""Jinja rendering of Markdown templates, where text from data is escaped by default.

Templates produce Markdown that mkdocs renders (so links are validated and search
indexes the result). Every ``{{ value }}`` is escaped for Markdown *and* HTML unless
it was produced by a filter that returns ``Markup`` (``yaml``, ``link``): YAML
text is data, never markup.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from .language import long_date as language_long_date

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}!#+])")  # Markdown's own backslash escapes
_MD_OTHER = re.compile(r"[|~^=]")  # syntax of extensions (tables, marks, attr lists): entities


def escape_md(text: Any) -> str:
    """Make ``text`` literal in Markdown and HTML: entities for ``&<>"``, backslashes for syntax."""
    s = str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = _MD_OTHER.sub(lambda m: f"&#{ord(m.group(0))};", s)
    return " ".join(s.split())


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None:
        return "" if value is None else value
    return escape_md(value)


def yaml_value(value: Any) -> Markup:
    """A YAML scalar for front matter (JSON is YAML), safe from injection."""
    return Markup(json.dumps(value, ensure_ascii=False))


def literal_meta(meta: dict[str, Any]) -> None:
    """Make a page's front-matter text literal wherever a theme prints it.

    Material prints ``page.meta.title`` and ``page.meta.description`` unescaped (in
    the navigation, the header, ``<meta name="description">``), so text from the data
    would become markup there. As ``Markup`` holding escaped text it prints as the
    same characters everywhere and ``|e`` leaves it alone; ``striptags`` (which
    unescapes) is replaced in the theme by ``escaped_striptags``.
    """
    for key, value in meta.items():
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = Markup.escape(value)


def escaped_striptags(value: Any) -> Markup:
    """Jinja's ``striptags``, but its text stays escaped.

    The stock filter unescapes after removing tags, so escaped text from the data
    (``&lt;script&gt;``) comes out as markup wherever a theme prints ``x|striptags``
    (Material's ``<title>``, and any head metadata a partial adds). Installed in the
    theme's environment by the plugin, so every template is covered, not just ours.
    """
    if hasattr(value, "__html__"):
        value = value.__html__()
    return Markup.escape(Markup(str(value)).striptags())


def relative(target: str, page: str) -> Markup:
    """Relative link from the page at ``page`` (a src_uri) to ``target`` (a src_uri[#anchor])."""
    path, _, anchor = target.partition("#")
    base = posixpath.dirname(page) or "."
    rel = _relpath(path, base) if path else ""
    return Markup(rel + (f"#{anchor}" if anchor else ""))


def _relpath(path: str, base: str) -> str:
    """``posixpath.relpath`` for docs-relative paths, without its ``os.getcwd()`` per call
    (a system call, and most of the cost of the ~20 links on every generated page)."""
    p, b = posixpath.normpath(path), posixpath.normpath(base)
    if p.startswith(("/", "..")) or b.startswith(("/", "..")):
        return posixpath.relpath(path, base)
    p_parts = [] if p == "." else p.split("/")
    b_parts = [] if b == "." else b.split("/")
    common = 0
    while common < min(len(p_parts), len(b_parts)) and p_parts[common] == b_parts[common]:
        common += 1
    parts = [".."] * (len(b_parts) - common) + p_parts[common:]
    return "/".join(parts) or "."


def long_date(value: dt.date, language: str = "en") -> str:
    return language_long_date(value, language)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_disk_cache(),
    )
    env.filters["yaml"] = yaml_value
    env.filters["long_date"] = long_date
    env.filters["md"] = lambda v: Markup(escape_md(v))
    return env


def _disk_cache() -> jinja2.BytecodeCache | None:
    """Jinja's per-user on-disk cache of compiled templates (checksummed against the source).

    Compiling this package's templates is most of the generator's fixed cost per
    build; every build after the first loads them instead. None where no private
    temporary directory can be made: templates are then compiled as usual.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process.

    ``mkdocs serve`` makes a fresh theme environment for every rebuild and so
    recompiles Material's ~45 templates each time: about half of a rebuild of this
    report. Jinja checks each entry against the template source's checksum, so an
    edited template is recompiled, never served stale.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = MemoryBytecodeCache()
"""Shared by every build in this process (the plugin installs it on the theme's environment)."""


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
