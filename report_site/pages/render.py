"""Jinja rendering of the generator's templates, where text from data is escaped by default.

Pages (``templates/*.md.j2``) are Markdown that mkdocs renders (so links are validated
and search indexes the result): every ``{{ value }}`` is escaped for Markdown *and*
HTML unless a filter returned ``Markup`` (``yaml``, ``link``). Blocks a chapter's
directives stand for (``templates/blocks/*.html.j2``) are HTML, autoescaped, that the
passage engine puts into the page's tree as elements (``render_block``). Either way,
text from the data is data, never markup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from ..data.language import long_date
from ..data.model import Published

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
    text = json.dumps(
        value, ensure_ascii=False
    )  # JSON leaves U+0085/U+2028/U+2029 raw; YAML reads them as line breaks
    return Markup(text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def literal_meta(meta: MutableMapping[str, Any]) -> None:
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
    """Link from the page at ``page`` (a src_uri) to ``target`` (a src_uri[#anchor]).

    A docs-relative ``.md`` path: mkdocs turns it into the page's URL (``File.url``)
    whatever ``use_directory_urls`` says, and checks that it exists.
    """
    path, _, anchor = target.partition("#")
    rel = get_relative_url(path, page) if path else ""
    return Markup(rel + (f"#{anchor}" if anchor else ""))


def page_url(config: Any, src_uri: str) -> str:
    """The site-relative URL mkdocs gives the page ``src_uri`` ("" for the home page)."""
    url = File(src_uri, None, config.site_dir, config.use_directory_urls).url
    return "" if url == "./" else url


def html_text(value: Any) -> Markup:
    """Text from the data as HTML text: escaped once, never parsed as Markdown."""
    return Markup.escape(str(value))


def time_element(value: dt.date | Published, language: str = "en") -> Markup:
    """A date as readers read it, in a ``<time>`` that machines read: ``<time datetime="2024-01-10">10 January 2024</time>``."""
    return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), long_date(value, language))


def _environment(folder: str, **options: Any) -> jinja2.Environment:
    """The settings both template folders share: unknown names fail, block tags leave no blank lines."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("report_site", folder),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=disk_cache(),
        **options,
    )
    env.filters["long_date"] = long_date
    env.filters["time"] = time_element
    return env


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = _environment("templates", autoescape=False, finalize=_finalize, keep_trailing_newline=True)
    env.filters["yaml"] = yaml_value
    env.filters["md"] = lambda v: Markup(escape_md(v))
    env.filters["html"] = html_text
    return env


@lru_cache(maxsize=1)
def block_environment() -> jinja2.Environment:
    """HTML templates of generated blocks: autoescaped, like any HTML template."""
    return _environment("templates/blocks", autoescape=True)


def disk_cache() -> jinja2.BytecodeCache | None:
    """Jinja's per-user on-disk cache of compiled templates (checksummed against the source).

    Compiling this package's templates is a fixed cost of every build; every build after
    the first loads them instead. None where no private temporary directory can be made:
    templates are then compiled as usual.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


#: The settings of an environment that change what its templates compile to.
_COMPILE_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "autoescape",
)


def theme_cache(cache: Path, env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """A bytecode cache for the theme's environment, in the build's cache folder (``jinja/`` in
    ``config.cache_folder``).

    Jinja checks each entry against its template's source; the folder is named after the
    environment's compile settings and extensions (which other plugins may change), so a
    template is never loaded as compiled for other settings. None when it cannot be made.
    """
    settings = [jinja2.__version__, *sorted(env.extensions)]
    for name in _COMPILE_SETTINGS:
        value = getattr(env, name, None)
        settings.append(getattr(value, "__qualname__", None) or repr(value))
    folder = cache / "jinja" / hashlib.sha256("\n".join(settings).encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


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


def render_block(template: str, **context: Any) -> str:
    """HTML of a generated block (``templates/blocks/``).

    Blocks mark what search skips with ``data-search-exclude="data-search-exclude"``:
    Material removes the attribute from the page after indexing only when it has a value.
    """
    return block_environment().get_template(template).render(**context)
