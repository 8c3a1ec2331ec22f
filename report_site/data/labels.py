"""The generator's own words (headings, buttons, captions), in the report's language.

Why a catalogue: the report's text is the editor's, but "Recommendation", "Notes" or
"Read in context" are the generator's, and a German report must not say them in
English. ``labels/<tag>.yml`` hold them; a report's tag is matched to the nearest
file (``de-CH`` reads ``de-CH.yml`` over ``de.yml``), then English fills any gap, so a
partial translation still builds. ``labels:`` in the plugin's config overrides any
key, for a commission's own wording or a language not shipped here (checked by
``sources.label_problems``). A theme renders the generator's words with this module (and the
language and model helpers it uses), nothing else of the plugin.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from babel import Locale
from markupsafe import Markup

from .language import _locale
from .model import shorten

#: The plural categories CLDR uses (a form given per number, ``{n}`` filled in).
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
#: Keys the reader tools (assets/reader.js) need; sent in the page's inline data.
SCRIPT_KEYS = (
    "focus_area_label",
    "copy_quotation",
    "copy_quotation_in",
    "quotation_style",
    "copied",
    "copy_failed",
)

Message = str | dict[str, str]


def _folder() -> Any:
    return resources.files("report_site").joinpath("labels")


@cache
def shipped(name: str) -> dict[str, Message]:
    """One shipped file (``en``, ``de``, ``de-CH``); {} when there is none."""
    path = _folder().joinpath(f"{name}.yml")
    if not path.is_file():
        return {}
    return (
        yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    )  # libyaml if built


@lru_cache(maxsize=1)
def shipped_languages() -> dict[str, str]:
    """Lower-cased tag → file stem of every language shipped."""
    return {p.name[:-4].lower(): p.name[:-4] for p in _folder().iterdir() if p.name.endswith(".yml")}


def chain(tag: str) -> list[str]:
    """The shipped files for ``tag``, most general first: ``zh-Hant-TW`` → ["en", "zh", "zh-Hant", "zh-Hant-TW"].

    Like the theme's language (``language.theme_language``): the tag as given, its
    language-script and language-region, the language; English underneath all.
    """
    available = shipped_languages()
    parts = tag.replace("_", "-").split("-")
    candidates = ["-".join(parts[:i]) for i in range(1, len(parts) + 1)]
    locale = _locale(tag)
    if locale is not None:
        lang, script, region = locale.language, locale.script, locale.territory
        candidates += [
            lang,
            *([f"{lang}-{script}"] if script else []),
            *([f"{lang}-{region}"] if region else []),
            *([f"{lang}-{script}-{region}"] if script and region else []),
        ]
    out = ["en"]
    for cand in sorted(dict.fromkeys(candidates), key=lambda c: c.count("-")):
        stem = available.get(cand.lower())
        if stem and stem not in out:
            out.append(stem)
    return out


class Labels:
    """The messages for one report: ``t(key, **values)``, ``n(key, count, **values)``."""

    def __init__(self, tag: str = "en", overrides: Mapping[str, Message] | None = None) -> None:
        self.tag = tag
        self.messages: dict[str, Message] = {}
        for name in chain(tag):
            self.messages.update(shipped(name))
        self.messages.update(overrides or {})
        locale = _locale(tag)
        self._plural = (
            locale.plural_form if isinstance(locale, Locale) else (lambda n: "one" if n == 1 else "other")
        )

    def _form(self, key: str, count: int | None = None) -> str:
        msg = self.messages[key]
        if isinstance(msg, dict):
            form = self._plural(count if count is not None else 2)
            return msg.get(form) or msg.get("other") or next(iter(msg.values()))
        return msg

    def t(self, key: str, **values: Any) -> str:
        """The message ``key`` with ``{name}`` filled in (plain text: the template escapes it)."""
        return self._form(key).format(**values) if values else self._form(key)

    def n(self, key: str, count: int, **values: Any) -> str:
        """The form of ``key`` for the number ``count`` (CLDR plural rules), ``{n}`` filled in."""
        return self._form(key, count).format(n=count, **values)

    def markup(self, key: str, **values: Any) -> Markup:
        """For autoescaped HTML: the message escaped, ``Markup`` values (a link) kept as markup."""
        return Markup.escape(self._form(key)).format(**values)

    def script(self) -> dict[str, Message]:
        """What the reader tools need that differs from their built-in English (none for English)."""
        english = shipped("en")
        return {k: self.messages[k] for k in SCRIPT_KEYS if self.messages[k] != english[k]}

    def rec_label(self, rec: Any) -> str:
        """A recommendation as link text: "Recommendation 4: <short title>"."""
        return self.t(
            "recommendation_title", number=rec.shown_number, title=rec.short_title or shorten(rec.title)
        )


@lru_cache(maxsize=1)
def english() -> Labels:
    """The shipped English, for code that runs without a report (scanning, unit tests)."""
    return Labels("en")
