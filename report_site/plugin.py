"""The mkdocs plugin: wires the pipeline stages into mkdocs events, nothing more.

State is per build and reset in ``on_config``, because ``mkdocs serve`` reuses the
plugin instance across rebuilds.
"""

from __future__ import annotations

import os
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from . import chapters, compact, history, loader, metadata, pages, references, render, repository
from .config import ReportSiteConfig
from .errors import Problem, ReportError, decode
from .model import Report
from .outputs import cff
from .outputs.publisher import Publisher

log = get_plugin_logger(__name__)
cff_log = get_plugin_logger(cff.__name__)

ASSETS = "assets/report-site"  # where the package's theme/assets/*.css are published
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc")


class ReportSitePlugin(BasePlugin[ReportSiteConfig]):
    supports_multiple_instances = False
    outputs: Publisher | None = None
    serving = False  # set by on_startup under `mkdocs serve`: the PDF is skipped there

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.chapters: dict[str, chapters.Chapter] = {}
        self.ctx: pages.Context | None = None
        self.outputs: Publisher | None = None
        self._analysed = None  # (sources, result) of the last _analyse in this build
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
        meta = metadata.derive(config, dict(self.config.metadata))
        self.meta = meta
        config.extra["report"] = {**meta, "authors": [a.display for a in meta["authors"]]}  # plain data for templates
        repository.configure(config)
        self.history = history.History(Path(config.config_file_path or ".").parent, meta["language"])
        stale = cff.stale(meta, config.config_file_path or "mkdocs.yml")
        if stale:
            cff_log.warning(stale)  # not the plugin's own logger: a strict build (build_site.py, --check) fails on it
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate before mkdocs empties the site directory: a broken edit under
        ``mkdocs serve`` prints its one-line error and leaves the last good build in place."""
        if self.config.enabled:
            self._analyse(get_files(config), config)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        report, index, order = self._analyse(files, config)
        for warning in index.warnings:
            log.warning(warning.unlabelled())  # mkdocs prints "WARNING -" itself
        titles = {u: c.title for u, c in self.chapters.items()}
        readable = [u for u in order if u != "index.md"] or order
        self.ctx = pages.Context(report, index, self.meta, titles, readable, self.config.search_boost)
        self.outputs = Publisher(config, self.ctx, self.chapters, self.config.pdf and not self.serving)
        self.outputs.add_files(files)
        for src_uri, content in pages.generated_pages(self.ctx).items():
            if files.get_file_from_path(src_uri):
                clash = _display(Path(config.docs_dir) / src_uri)
                raise PluginError(f"{clash}:1:1: this file takes the address of a page generated from {_display(self.data_path)}; rename or remove it")
            files.append(File.generated(config, src_uri, content=content))
        _nest_recommendations(config, [r.src_uri for r in report.recommendations])
        repository.point_generated(files, config, report, self.data_path, pages.INDEX_URI)
        for name in _stylesheets():
            css = resources.files(__package__).joinpath("theme/assets", name).read_text("utf-8")
            files.append(File.generated(config, f"{ASSETS}/{name}", content=css))
        log.debug("%d recommendations, %d passages", len(report.recommendations), len(index.passages))
        return files

    def _analyse(self, files: Files, config: MkDocsConfig) -> tuple[Report, references.Index, list[str]]:
        """Load the data and every chapter, resolve references; raise every problem at once.

        Runs in ``on_pre_build`` (to fail before mkdocs empties the site) and again in
        ``on_files``; the second run reuses the first when no source changed in between.
        """
        order = _reading_order(files, config)
        try:
            data = self.data_path.read_bytes()
        except OSError:
            data = None
        sources = [(u, f.content_bytes if (f := files.get_file_from_path(u)) else b"") for u in order]
        fingerprint = (data, sources)
        cached = getattr(self, "_analysed", None)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        result = self._analyse_sources(files, config, order)
        self._analysed = (fingerprint, result)
        return result

    def _analyse_sources(self, files: Files, config: MkDocsConfig, order: list[str]) -> tuple[Report, references.Index, list[str]]:
        problems: list[Problem] = []
        report: Report | None = None
        try:
            report = loader.load(self.data_path, display=_display(self.data_path))
        except ReportError as exc:
            problems += exc.problems
        self.chapters = {}
        display: dict[str, str] = {}
        for src_uri in order:
            file = files.get_file_from_path(src_uri)
            assert file is not None
            display[src_uri] = _display(Path(file.abs_src_path or src_uri))
            try:
                raw = decode(file.content_bytes, display[src_uri])
            except ReportError as exc:
                problems += exc.problems
                continue
            problems += chapters.front_matter_problems(raw, display[src_uri])
            body, _meta = get_data(raw)
            offset = raw.count("\n") - body.count("\n")
            self.chapters[src_uri] = chapters.parse(body, src_uri, offset, display[src_uri])
        chapter_list = [self.chapters[u] for u in order if u in self.chapters]
        if report is None or problems:
            problems += [p for c in chapter_list for p in c.problems]
            raise PluginError(str(ReportError(problems)))
        index = references.build_index(chapter_list, report, display)
        strict = [replace(w, severity="error", message=w.message + " (an error under --strict)") for w in index.warnings]
        fatal = index.errors + (strict if self.config.strict_references else [])
        if fatal:
            raise PluginError(str(ReportError(fatal)))
        return report, index, order

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.ctx is None:
            return None
        render.literal_meta(page.meta)
        chapter = self.chapters.get(page.file.src_uri)
        if chapter is None:
            return None
        same = markdown == chapter.source  # unchanged since on_files: reuse that parse
        reparsed = chapter if same else chapters.parse(markdown, chapter.src_uri, chapter.line_offset)
        return pages.expand_chapter(reparsed, self.ctx)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.config.enabled:
            env.filters["striptags"] = render.escaped_striptags
            if env.bytecode_cache is None:
                env.bytecode_cache = render.THEME_BYTECODE  # serve rebuilds skip recompiling the theme
        return env

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.outputs:
            self.outputs.nav(nav)
        return nav

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.outputs.page_content(html, page) if self.outputs else None

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if not self.config.enabled:
            return None
        self.history.annotate(page.meta, Path(page.file.abs_src_path) if page.file.abs_src_path else self.data_path)
        if self.outputs:
            self.outputs.page_context(context, page)
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.outputs:
            self.outputs.post_build()

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
