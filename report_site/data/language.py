"""The report's language (any BCP 47 tag) mapped onto what the theme and Babel can do.

``<html lang>`` and the metadata keep the exact tag; Material gets the nearest of
its own translations (``partials/languages/*.html``), so ``en-GB`` or
``zh-Hant-TW`` never crash the theme; dates are formatted by Babel's CLDR data.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from .model import Author, Published


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


def long_date(value: dt.date | Published, tag: str = "en") -> str:
    """A publication date as the language writes it ("15 March 2023", "2023년 3월 15일"; "March 2023",
    "2023" when the publisher gives no day or month).

    Plain ``en`` keeps the report's day-month-year; a regional tag (``en-US``) and every
    other language get CLDR's long date for that locale."""
    published = value if isinstance(value, Published) else Published.of(value)
    day = published.date
    if published.month is None:
        return str(published.year)
    if tag == "en":
        return f"{day.day} {day:%B %Y}" if day else f"{dt.date(published.year, published.month, 1):%B %Y}"
    locale = _locale(tag)
    if locale is None:
        return published.isoformat()
    if day is None:  # the month's name only: no day is printed, so none is invented
        return format_skeleton("yMMMM", dt.date(published.year, published.month, 1), locale=locale)
    return format_date(day, format="long", locale=locale)


def list_of(items: list[str], tag: str = "en") -> str:
    """ "A, B und C": a list joined as the language joins it (CLDR)."""
    locale = _locale(tag)
    return format_list(items, locale=locale) if locale is not None else ", ".join(items)


def byline(authors: Sequence[Author], language: str = "en") -> str:
    """Names as a title page lists them, in the report's language: "A, B, and C", "A, B und C"."""
    names = [a.display for a in authors]
    if language == "en" or language.startswith("en-"):
        return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + ", and " + names[-1]
    return list_of(names, language)


def ascii_words(text: str) -> list[str]:
    """The words of ``text`` in lower-case ASCII, accents dropped by Unicode decomposition ("Économie" →
    ["economie"]); what has no ASCII form (another script) is left out. For file names and keys, which must
    stay ASCII (paragraph anchors keep every script: ``chapters.anchors.slug``)."""
    return re.findall(
        r"[a-z0-9]+", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    )
