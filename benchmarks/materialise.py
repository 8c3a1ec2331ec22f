"""Turn a report-site project into a plain mkdocs project with the same output.

The baseline of the overhead benchmark: every page's content exactly as the plugin
hands it to mkdocs (chapters rendered, generated pages written out with their front
matter), the plugin's stylesheets as files, its theme overrides as ``custom_dir``, its
nav and ``extra`` copied into ``mkdocs.yml`` — and the plugin removed. Same theme,
features, extensions and search plugin, so the difference between the two builds is
the generator alone. A page's table of contents is kept too (``toc.json``, set by
``plain_hooks``): its headings are inside the captured HTML, where mkdocs' Markdown
would not find them, and Material renders the contents on every page (sidebar, nav).

    python -m benchmarks.materialise CONFIG DEST     # writes DEST/mkdocs.yml and DEST/docs/
"""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks import plain_hooks

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

PLUGIN = "report-site"


def materialise(config_file: Path, dest: Path) -> Path:
    """Build ``config_file`` once, capturing what the plugin produced; return the plain config's path."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin
    from mkdocs.utils.yaml import yaml_load

    dest = Path(dest)
    docs = dest / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    captured: dict[str, Any] = {"toc": {}}

    class Capture(BasePlugin):
        """Registered after report-site, so it sees each event's result."""

        def on_config(self, config):
            captured["extra_css"] = list(config.extra_css)
            captured["extra_javascript"] = [str(s) for s in config.extra_javascript]
            captured["extra"] = copy.deepcopy(dict(config.extra))
            captured["theme_dirs"] = list(config.theme.dirs)
            captured["language"] = config.theme.get("language")
            captured["markdown_extensions"] = list(config.markdown_extensions)
            return config

        def on_files(self, files, config):
            docs_dir = os.path.abspath(config.docs_dir)
            for f in files:
                from_docs = f.abs_src_path and os.path.abspath(f.abs_src_path).startswith(docs_dir + os.sep)
                if f.is_documentation_page() or not (f.generated_by or from_docs):
                    continue  # pages are captured as rendered Markdown; theme files come with the theme
                target = docs / f.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                if f.generated_by:
                    target.write_bytes(f.content_bytes)
                elif f.abs_src_path:
                    shutil.copyfile(f.abs_src_path, target)
            return files

        def on_nav(self, nav, config, files):
            captured["nav"] = copy.deepcopy(config.nav)
            return nav

        def on_page_content(self, html, page, config, files):
            # The plugin works inside Markdown's parse (report_site/passages.py), so what it hands
            # mkdocs is the page's HTML: written out as the page (raw HTML passes through Markdown).
            target = docs / page.file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            front = (
                f"---\n{yaml.safe_dump(_plain_meta(page.meta), allow_unicode=True, sort_keys=False)}---\n\n"
                if page.meta
                else ""
            )
            target.write_text(front + html, "utf-8")
            captured["toc"][page.file.src_uri] = _tokens(page.toc)
            return html

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(config_file), site_dir=str(dest / "_capture-site"))
    config.plugins[
        "report-site"
    ].config.pdf = False  # as the benchmark driver builds it: the site without the PDF
    config.plugins["bench-capture"] = Capture()
    build(config)
    shutil.rmtree(dest / "_capture-site", ignore_errors=True)

    with open(config_file, encoding="utf-8") as fh:
        plain = yaml_load(fh)
    plain["plugins"] = [
        p for p in plain.get("plugins", []) if (next(iter(p)) if isinstance(p, dict) else p) != PLUGIN
    ]
    plain["docs_dir"] = "docs"
    plain.pop("site_dir", None)
    plain["hooks"] = [str(Path(__file__).with_name("plain_hooks.py"))]  # the theme's `report_labels` global
    theme = plain.setdefault("theme", {})
    package_theme = next(
        (d for d in captured["theme_dirs"] if d.replace(os.sep, "/").endswith("report_site/theme")), None
    )
    if package_theme and not theme.get("custom_dir"):
        theme["custom_dir"] = package_theme
    if captured["language"]:
        theme["language"] = captured["language"]
    plain["extra_css"] = captured["extra_css"]
    plain["extra_javascript"] = captured["extra_javascript"]
    plain["extra"] = captured["extra"]
    plain["nav"] = captured["nav"]
    (dest / plain_hooks.TOC_FILE).write_text(json.dumps(captured["toc"], ensure_ascii=False), "utf-8")
    out = dest / "mkdocs.yml"
    out.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), "utf-8")
    return out


def _tokens(toc: Any) -> list[dict[str, Any]]:
    """A page's table of contents as the Markdown toc extension's tokens (what mkdocs builds it from)."""
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _tokens(a.children)} for a in toc]


def _plain_meta(meta: dict) -> dict:
    """Front matter as the author wrote it: the plugin hands text to the theme as escaped Markup."""
    from markupsafe import Markup

    return {k: (v.unescape() if isinstance(v, Markup) else v) for k, v in meta.items()}


if __name__ == "__main__":
    print(materialise(Path(sys.argv[1]), Path(sys.argv[2])))
