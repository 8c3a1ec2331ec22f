"""Any BCP 47 tag (report_site/language.py): Material gets its nearest translation, dates follow CLDR."""

from __future__ import annotations

import datetime as dt

import pytest

from report_site.data import language


@pytest.mark.parametrize(
    ("tag", "theme"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh-TW", "zh-TW"),
        ("zh-CN", "zh"),
        ("ko", "ko"),
        ("pt-BR", "pt-BR"),
        ("de-CH", "de"),
        ("sr-Latn", "sr"),
        ("qaa", "en"),
        ("not a tag", "en"),
    ],
)
def test_theme_gets_the_nearest_language_material_has(tag: str, theme: str) -> None:
    assert language.theme_language(tag) == theme
    assert theme in language.material_languages().values()


@pytest.mark.parametrize(
    ("tag", "text"),
    [
        ("en", "10 June 2019"),
        ("en-US", "June 10, 2019"),
        ("en-GB", "10 June 2019"),
        ("de-CH", "10. Juni 2019"),
        ("ko", "2019년 6월 10일"),
        ("zh-Hant-TW", "2019年6月10日"),
        ("fr", "10 juin 2019"),
    ],
)
def test_dates_in_the_reports_language(tag: str, text: str) -> None:
    assert language.long_date(dt.date(2019, 6, 10), tag) == text


def test_lists_joined_as_the_language_joins_them() -> None:
    assert language.list_of(["A", "B", "C"], "de") == "A, B und C"
    assert language.list_of(["A", "B"], "fr") == "A et B"
