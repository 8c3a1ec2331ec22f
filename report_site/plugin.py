"""The mkdocs plugin: wires the pipeline stages into mkdocs events, nothing more.

State is per build and reset in ``on_config``, because ``mkdocs serve`` reuses the
plugin instance across rebuilds.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page

from . import passages
from .chapters import analysis, references, scanner
from .config import ReportSiteConfig, cache_folder
from .data import dates, labels, metadata
from .data.sources import author_warnings, label_problems, metadata_problems, unreadable_files
from .errors import ReportError, shown
from .outputs import cff, search
from .outputs.publisher import Publisher
from .pages import addresses, compact, generate, history, nav, render, repository

log = get_plugin_logger(__name__)
cff_log = get_plugin_logger(cff.__name__)

ASSETS = "assets/report-site"  # where the package's assets/*.css and *.js are published (only there: not a theme folder)
REQUIRED_EXTENSIONS = scanner.REQUIRED_EXTENSIONS


class ReportSitePlugin(BasePlugin[ReportSiteConfig]):
    supports_multiple_instances = False
    outputs: Publisher | None = None
    serving = False  # set by on_startup under `mkdocs serve`: the PDF is skipped there

    def __init__(self) -> None:
        super().__init__()
        self.scans: dict[tuple[Any, ...], scanner.Chapter] = {}
        """Chapter scans kept from the last build: ``mkdocs serve`` reuses this instance, and an edit
        re-scans only the chapter it touched (``analysis.analyse``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(
        50
    )  # before Material's search plugin reads the theme's language (its stemmer, word separator)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.chapters: dict[str, scanner.Chapter] = {}
        self.ctx: generate.Context | None = None
        self.outputs: Publisher | None = None
        self.last_analysis = analysis.LastAnalysis()
        self.stylesheets = _stylesheets(needed=())
        self.data_path = Path(config.config_file_path or ".").parent / self.config.recommendations
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
                if ext in scanner.EXTENSION_DEFAULTS:  # only for an extension the plugin adds itself
                    config.mdx_configs.setdefault(ext, dict(scanner.EXTENSION_DEFAULTS[ext]))
        # One extension instance for the build; on_page_markdown tells it which page it renders.
        config.markdown_extensions[:] = [
            e for e in config.markdown_extensions if not isinstance(e, passages.PassageExtension)
        ]
        self.passage_ext = passages.PassageExtension()
        config.markdown_extensions.append(self.passage_ext)
        theme_dir = str(resources.files(__package__).joinpath("theme"))
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        for i, name in enumerate(self.stylesheets):
            if f"{ASSETS}/{name}" not in config.extra_css:
                config.extra_css.insert(i, f"{ASSETS}/{name}")
        config_file = Path(config.config_file_path or "mkdocs.yml")
        if problems := metadata_problems(dict(self.config.metadata), config_file, shown(config_file)):
            raise PluginError(str(ReportError(problems)))
        if problems := label_problems(self.config.labels, config_file, shown(config_file)):
            raise PluginError(str(ReportError(problems)))
        for warning in author_warnings(dict(self.config.metadata), config_file, shown(config_file)):
            log.warning(warning.unlabelled())
        self.labels = labels.Labels(self.config.metadata["language"], self.config.labels)
        meta = metadata.derive(config, dict(self.config.metadata), self.labels)
        self.meta = meta
        config.extra["report"] = {
            **meta,
            "authors": [a.display for a in meta["authors"]],
            "published": meta["published"].isoformat(),  # "2023-03-15", or "2023-03" or "2023"
        }  # plain data for templates
        repository.configure(config)
        self.history = history.History(
            Path(config.config_file_path or ".").parent, meta["language"], self.labels
        )
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate before mkdocs empties the site directory: a broken edit under
        ``mkdocs serve`` prints its one-line error and leaves the last good build in place."""
        if self.config.enabled:
            self._analyse(get_files(config), config)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        result = self._analyse(files, config)
        report, index, order = result.report, result.index, result.order
        for warning in index.warnings:
            log.warning(warning.unlabelled())  # mkdocs prints "WARNING -" itself
        titles = {u: c.title for u, c in self.chapters.items()}
        readable = [u for u in order if u != "index.md"] or order
        self.ctx = generate.Context(
            report,
            index,
            self.meta,
            titles,
            readable,
            self.config.search_boost,
            labels=self.labels,
            cover=dict(self.config.cover),
        )
        needed = (
            *([CONTENT_CSS] if any(c.furnished for c in self.chapters.values()) else []),
            *([LATER_LIFE_CSS] if self.ctx.living.has_status or self.ctx.living.corrections else []),
        )
        self.stylesheets = _stylesheets(needed)
        for name in needed:
            if f"{ASSETS}/{name}" not in config.extra_css:
                last = max(i for i, css in enumerate(config.extra_css) if css.startswith(f"{ASSETS}/"))
                config.extra_css.insert(last + 1, f"{ASSETS}/{name}")
        stale = cff.stale(self.meta, config.config_file_path or "mkdocs.yml", self.ctx.living.last_correction)
        if stale:
            cff_log.warning(
                stale
            )  # not the plugin's own logger: a strict build (build_site.py, --check) fails on it
        self.outputs = Publisher(
            config, self.ctx, self.chapters, self.config.pdf and not self.serving, cards=self.config.cards
        )
        generated = generate.generated_pages(self.ctx)
        planned = {
            **generate.describe_generated(self.ctx, shown(self.data_path)),
            **self.outputs.describe_files(),
            **{f"{ASSETS}/{name}": "the generator's stylesheet" for name in self.stylesheets},
            **{f"{ASSETS}/{name}": "the generator's script" for name in _scripts()},
        }
        clashes = addresses.clashes(files, config, planned, lambda f: shown(f.abs_src_path or f.src_uri))
        if clashes:
            raise PluginError(str(ReportError(clashes)))
        self.outputs.add_files(files)
        if self.config.search_passages:
            search.install(config.plugins, report.recommendations)
        for src_uri, content in generated.items():
            files.append(File.generated(config, src_uri, content=content))
        nav.nest_recommendations(
            config,
            [r.src_uri for r in report.recommendations],
            self.labels,
            status=self.ctx.living.has_status,
        )
        if self.ctx.living.corrections:
            nav.add_corrections(config, self.labels)
        repository.point_generated(files, config, report, self.data_path, generate.INDEX_URI)
        self.history.prefetch(
            [Path(f.abs_src_path) for f in files.documentation_pages() if f.abs_src_path] + [self.data_path]
        )
        for name in self.stylesheets + _scripts():
            text = resources.files(__package__).joinpath("assets", name).read_text("utf-8")
            text = compact.compact_css(text) if name.endswith(".css") else text
            files.append(File.generated(config, f"{ASSETS}/{name}", content=text))
        log.debug("%d recommendations, %d passages", len(report.recommendations), len(index.passages))
        return files

    def _analyse(self, files: Files, config: MkDocsConfig) -> analysis.Analysis:
        """The analysis of the sources (``analysis.py``), redone only when a source's bytes changed."""
        if problems := unreadable_files(files, lambda f: shown(f.abs_src_path or f.src_uri)):
            raise PluginError(str(ReportError(problems)))
        order = nav.reading_order(files, config)
        sources = analysis.fingerprint(self.data_path, files, order)
        if (result := self.last_analysis.get(sources)) is None:
            try:
                result = analysis.analyse(
                    files,
                    config,
                    order,
                    self.data_path,
                    self.config.strict_references,
                    self.scans,
                    published=self.meta["published"],
                    latest=dates.latest_allowed(),
                )
            except ReportError as exc:
                raise PluginError(str(exc)) from None
            self.last_analysis.keep(sources, result)
        self.chapters = result.chapters
        return result

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.ctx is None:
            return None
        render.literal_meta(page.meta)
        # Here, not in on_page_context: mkdocs renders the sitemap (which reads update_date) before the pages.
        self.history.annotate(
            page,
            self.ctx.page_dates(page.file.src_uri),
            Path(page.file.abs_src_path) if page.file.abs_src_path else self.data_path,
        )
        chapter = self.chapters.get(page.file.src_uri)
        self.passage_ext.active = chapter is not None
        self.passage_ext.renderer = (
            None
            if chapter is None
            else generate.ChapterRenderer(
                chapter,
                self.ctx,
                permalinks=chapter.src_uri in self.ctx.reading_order,
                files=files,
            )
        )
        return None

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.config.enabled and self.ctx is not None:
            self.passage_ext.active, self.passage_ext.renderer = False, None
            present = {
                f.src_uri: set(f.page.present_anchor_ids or ()) for f in files.documentation_pages() if f.page
            }
            missing = references.missing_fragments(
                self.ctx.index, present, {r.id: r.src_uri for r in self.ctx.report.recommendations}
            )
            if missing:
                raise PluginError(str(ReportError(missing)))
        if self.config.enabled:
            env.filters["striptags"] = render.escaped_striptags
            env.globals["report_labels"] = (
                self.labels
            )  # the theme's partials say the generator's words in the report's language
            if (
                env.bytecode_cache is None
            ):  # the theme compiled once: by this process (serve), or by any build
                disk = (
                    None
                    if self.serving or not self.config.theme_cache
                    else render.theme_cache(cache_folder(config), env)
                )
                env.bytecode_cache = disk or render.THEME_BYTECODE
        return env

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.outputs:
            self.outputs.nav(nav)
        return nav

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.outputs.page_content(html, page) if self.outputs else html

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if not self.config.enabled:
            return None
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


#: Styles only a report with status updates or corrections needs: a report without them (most, at first)
#: does not download them (the first view's weight budget, tests/browser/test_design.py).
#: Stylesheets only some reports need, each added when the analysis finds what it styles: notes with their
#: text, figures, tables and boxes (content.css); status updates and corrections (edition.css).
CONTENT_CSS, LATER_LIFE_CSS = "content.css", "edition.css"
OPTIONAL_CSS = (CONTENT_CSS, LATER_LIFE_CSS)


def _stylesheets(needed: tuple[str, ...] = OPTIONAL_CSS) -> list[str]:
    """The package's stylesheets, in name order (so concerns can live in separate files); of the optional
    ones, those ``needed``."""
    folder = resources.files(__package__).joinpath("assets")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".css"))
    return [n for n in names if n not in OPTIONAL_CSS or n in needed]


def _scripts() -> list[str]:
    """The package's scripts (loaded by the theme's partials, not on every page)."""
    folder = resources.files(__package__).joinpath("assets")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".js"))
