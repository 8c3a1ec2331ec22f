"""The mkdocs plugin: wires the pipeline stages into mkdocs events, nothing more.

State is per build and reset in ``on_config``, because ``mkdocs serve`` reuses the
plugin instance across rebuilds.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from . import chapters, compact, loader, pages, references, render
from .config import ReportSiteConfig
from .errors import ReportError

log = get_plugin_logger(__name__)

ASSETS = "assets/report-site"  # where the package's theme/assets/*.css are published
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc")


class ReportSitePlugin(BasePlugin[ReportSiteConfig]):
    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.chapters: dict[str, chapters.Chapter] = {}
        self.ctx: pages.Context | None = None
        self.data_path = Path(config.config_file_path or ".").parent / self.config.recommendations
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        theme_dir = str(resources.files(__package__).joinpath("theme"))
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        for i, name in enumerate(_stylesheets()):
            if f"{ASSETS}/{name}" not in config.extra_css:
                config.extra_css.insert(i, f"{ASSETS}/{name}")
        meta = dict(self.config.metadata)
        config.extra["report"] = meta
        if not config.theme.get("language") or config.theme["language"] == "en":
            config.theme["language"] = meta["language"]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        try:
            report = loader.load(self.data_path, display=_display(self.data_path))
        except ReportError as exc:
            raise PluginError(str(exc)) from None
        order = _reading_order(files, config)
        for src_uri in order:
            file = files.get_file_from_path(src_uri)
            assert file is not None
            raw = file.content_string
            body, _meta = get_data(raw)
            offset = raw.count("\n") - body.count("\n")
            self.chapters[src_uri] = chapters.parse(body, src_uri, offset, _display(Path(file.abs_src_path or src_uri)))
        chapter_list = [self.chapters[u] for u in order]
        display = {u: _display(Path(files.get_file_from_path(u).abs_src_path or u)) for u in order}  # type: ignore[union-attr]
        index = references.build_index(chapter_list, report, display)
        fatal = index.errors + (index.warnings if self.config.strict_references else [])
        if fatal:
            raise PluginError("\n".join(str(p) for p in fatal))
        for warning in index.warnings:
            log.warning(str(warning))
        titles = {u: c.title for u, c in self.chapters.items()}
        readable = [u for u in order if u != "index.md"] or order
        self.ctx = pages.Context(report, index, dict(self.config.metadata), titles, readable, self.config.search_boost)
        for src_uri, content in pages.generated_pages(self.ctx).items():
            if files.get_file_from_path(src_uri):
                raise PluginError(f"{_display(self.data_path)}: the page `{src_uri}` is generated from the data, but `{config.docs_dir}/{src_uri}` also exists; remove the file")
            files.append(File.generated(config, src_uri, content=content))
        _nest_recommendations(config, [r.src_uri for r in report.recommendations])
        for name in _stylesheets():
            css = resources.files(__package__).joinpath("theme/assets", name).read_text("utf-8")
            files.append(File.generated(config, f"{ASSETS}/{name}", content=css))
        log.debug("%d recommendations, %d passages", len(report.recommendations), len(index.passages))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.ctx is None:
            return None
        chapter = self.chapters.get(page.file.src_uri)
        if chapter is None:
            return None
        same = markdown == chapter.source  # unchanged since on_files: reuse that parse
        reparsed = chapter if same else chapters.parse(markdown, chapter.src_uri, chapter.line_offset)
        return pages.expand_chapter(reparsed, self.ctx)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.config.enabled and env.bytecode_cache is None:
            env.bytecode_cache = render.THEME_BYTECODE  # serve rebuilds skip recompiling the theme
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str | None:
        return compact.compact_html(output) if self.config.enabled else None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            server.watch(str(self.data_path))
        return server


def _stylesheets() -> list[str]:
    """The package's stylesheets, in name order (so concerns can live in separate files)."""
    folder = resources.files(__package__).joinpath("theme/assets")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".css"))


def _reading_order(files: Files, config: MkDocsConfig) -> list[str]:
    """Hand-written Markdown pages in nav order (then the rest, sorted)."""
    docs = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
    ordered: list[str] = []

    def walk(items: Any) -> None:
        for item in items or []:
            if isinstance(item, dict):
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])
            elif isinstance(item, str) and item in docs and item not in ordered:
                ordered.append(item)

    walk(config.nav)
    return ordered + sorted(u for u in docs if u not in ordered)


def _nest_recommendations(config: MkDocsConfig, rec_uris: list[str]) -> None:
    """List the recommendation pages under the index's nav entry, in report order.

    Done on ``config.nav`` (before mkdocs builds the navigation) so mkdocs' own
    checks see every generated page as included.
    """
    if config.nav is None:
        return
    entries = pages.nav_entries(rec_uris)

    def rewrite(items: list[Any]) -> bool:
        for i, item in enumerate(items):
            title, value = (next(iter(item.items())) if isinstance(item, dict) else (None, item))
            if value == pages.INDEX_URI:
                items[i] = {title or "Recommendations": entries}
                return True
            if isinstance(value, list) and (value[:1] == [pages.INDEX_URI] or rewrite(value)):
                if value[:1] == [pages.INDEX_URI]:
                    value[:] = entries
                return True
        return False

    if not rewrite(config.nav):
        config.nav.append({"Recommendations": entries})


def _display(path: Path) -> str:
    """A path as an editor sees it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
