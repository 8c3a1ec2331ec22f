"""The report's language (any BCP 47 tag) mapped onto what the theme and Babel can do.

``<html lang>`` and the metadata keep the exact tag; Material gets the nearest of
its own translations (``partials/languages/*.html``), so ``en-GB`` or
``zh-Hant-TW`` never crash the theme; dates are formatted by Babel's CLDR data.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list


@lru_cache(maxsize=1)
def material_languages() -> dict[str, str]:
    """Lower-cased tag → Material's file stem ("zh-hant" → "zh-Hant")."""
    folder = resources.files("material").joinpath("templates/partials/languages")
    return {p.name[:-5].lower(): p.name[:-5] for p in folder.iterdir() if p.name.endswith(".html")}


def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        try:
            return Locale.parse(tag.split("-")[0])
        except (ValueError, UnknownLocaleError):
            return None


def theme_language(tag: str) -> str:
    """The nearest language Material translates: exact tag, then language-script, language-region, language; else English."""
    available = material_languages()
    parts = tag.replace("_", "-").split("-")
    candidates = ["-".join(parts)]
    locale = _locale(tag)
    if locale is not None:
        lang, script, region = locale.language, locale.script, locale.territory
        if script is None and region is not None:  # "zh-TW" implies Traditional script
            likely = Locale.parse(f"{lang}_{region}") if region else None
            script = getattr(likely, "script", None)
        candidates += [f"{lang}-{script}-{region}", f"{lang}-{script}", f"{lang}-{region}", lang]
    candidates.append(parts[0])
    for cand in candidates:
        if "None" not in cand and cand.lower() in available:
            return available[cand.lower()]
    return "en"


def long_date(value: dt.date, tag: str = "en") -> str:
    """A publication date as the language writes it ("15 March 2023", "2023년 3월 15일").

    Plain ``en`` keeps the report's day-month-year; a regional tag (``en-US``) and every
    other language get CLDR's long date for that locale."""
    if tag == "en":
        return f"{value.day} {value:%B %Y}"
    locale = _locale(tag)
    return format_date(value, format="long", locale=locale) if locale is not None else value.isoformat()


def list_of(items: list[str], tag: str = "en") -> str:
    """ "A, B und C": a list joined as the language joins it (CLDR)."""
    locale = _locale(tag)
    return format_list(items, locale=locale) if locale is not None else ", ".join(items)
