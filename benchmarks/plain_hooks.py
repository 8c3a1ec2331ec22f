"""The plain-mkdocs baseline's one hook: the theme overrides read the generator's words from the
``report_labels`` global, which the plugin sets in ``on_env``; the baseline sets the same global so the
same templates render (a catalogue lookup, not the plugin's work)."""

from __future__ import annotations

from typing import Any

from report_site import labels


def on_env(env: Any, config: Any, files: Any) -> Any:
    language = (config.extra.get("report") or {}).get("language", "en")
    env.globals["report_labels"] = labels.Labels(language, {})
    return env
