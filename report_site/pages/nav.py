"""The site's navigation: which hand-written pages are chapters, in what order, and where the
generated recommendation pages go.

Both work on ``config.nav`` as the author wrote it in mkdocs.yml, before mkdocs builds its
navigation, so mkdocs' own checks see every generated page as included.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..data.labels import Labels
from . import generate


def reading_order(files: Files, config: MkDocsConfig) -> list[str]:
    """Hand-written Markdown pages in nav order, then the rest in mkdocs' file order (index first in
    each folder, folders after files): without ``nav:``, the order of the site's own navigation."""
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
    listed = set(ordered)
    return ordered + [u for u in docs if u not in listed]


def nest_recommendations(
    config: MkDocsConfig, rec_uris: list[str], labels: Labels | None = None, status: bool = False
) -> None:
    """List the recommendation pages under the index's nav entry, in report order (after the status
    overview, when the report has one)."""
    if config.nav is None:
        return
    labels = labels or Labels()
    entries = generate.nav_entries(rec_uris, labels, status=status)

    def rewrite(items: list[Any]) -> bool:
        for i, item in enumerate(items):
            title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if value == generate.INDEX_URI:
                items[i] = {title or labels.t("recommendations"): entries}
                return True
            if isinstance(value, list) and (value[:1] == [generate.INDEX_URI] or rewrite(value)):
                if value[:1] == [generate.INDEX_URI]:
                    value[:] = entries
                return True
        return False

    if not rewrite(config.nav):
        config.nav.append({labels.t("recommendations"): entries})


def add_corrections(config: MkDocsConfig, labels: Labels | None = None) -> None:
    """The corrections page at the end of the nav (a report with corrections only), unless the nav names it."""
    if config.nav is None:
        return  # mkdocs lists every page itself

    def named(items: Any) -> bool:
        for item in items or []:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if value == generate.CORRECTIONS_URI or (isinstance(value, list) and named(value)):
                return True
        return False

    if not named(config.nav):
        config.nav.append({(labels or Labels()).t("corrections"): generate.CORRECTIONS_URI})
