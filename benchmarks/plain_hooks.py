"""The plain-mkdocs baseline's hooks, so that it renders the same pages the plugin does:

- the theme overrides read the generator's words from the ``report_labels`` global, which the plugin
  sets in ``on_env``; the baseline sets the same global (a catalogue lookup, not the plugin's work);
- each page's table of contents, which mkdocs builds from the Markdown toc extension's tokens as it
  renders the page, is built from the tokens ``materialise`` captured (``toc.json``): the captured
  pages are HTML, whose headings Markdown does not read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import get_toc

from report_site.data import labels

TOC_FILE = "toc.json"
_tocs: dict[str, Any] = {}


def on_env(env: Any, config: Any, files: Any) -> Any:
    language = (config.extra.get("report") or {}).get("language", "en")
    env.globals["report_labels"] = labels.Labels(language, {})
    return env


def on_config(config: Any) -> Any:
    _tocs.clear()
    _tocs.update(json.loads((Path(config.config_file_path).parent / TOC_FILE).read_text("utf-8")))
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    page.toc = get_toc(_tocs.get(page.file.src_uri, []))
    return html
