"""The report's facts, written once under ``metadata:``, and everything mkdocs derives from them.

An editor starting a new report changes ``site_name``, ``metadata:`` and the nav; the
site description, author, copyright line and theme language that mkdocs and Material
read are filled in here (in ``on_config``) unless mkdocs.yml sets them on purpose, so
no copy of the old report's facts can linger in a forgotten setting.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig

from .labels import Labels
from .language import byline, material_languages, theme_language


def derive(config: MkDocsConfig, meta: dict[str, Any], words: Labels | None = None) -> dict[str, Any]:
    """``meta`` plus ``byline`` and ``full_title``; mkdocs' own settings filled from it where unset, in the
    report's language (``words``)."""
    meta["byline"] = byline(meta["authors"], meta["language"])
    meta["full_title"] = f"{meta['title']}: {meta['subtitle']}" if meta.get("subtitle") else meta["title"]
    year, publisher = meta["published"].year, meta["publisher"]
    # Material prints these three unescaped (they are usually hand-written HTML): derived text is escaped here.
    if not config.site_description:
        config.site_description = escape(
            meta.get("description")
            or (words or Labels(meta["language"])).t(
                "pdf_description",
                title=meta["full_title"],
                byline=meta["byline"],
                publisher=publisher,
                year=year,
            )
            + "."
        )
    if not config.site_author:
        config.site_author = escape(meta["byline"])
    if not config.copyright:
        config.copyright = escape(meta.get("copyright") or f"© {year} {publisher}")
    chosen = config.theme.get("language")
    if not chosen or chosen in ("en", meta["language"]) or chosen.lower() not in material_languages():
        config.theme["language"] = theme_language(meta["language"])
    return meta
