"""The generator's own words (report_site/labels.py): the nearest language, plurals, overrides, errors."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from helpers import ROOT, build_here, copy_project, normalise, visible_text

from report_site.data import labels
from report_site.data.labels import PLURAL_FORMS, Labels, chain, shipped, shipped_languages

ENGLISH = shipped("en")


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(
    ("tag", "files"),
    [
        ("en", ["en"]),
        ("en-GB", ["en"]),
        ("de", ["en", "de"]),
        ("de-CH", ["en", "de", "de-CH"]),
        ("de-AT", ["en", "de"]),
        ("fr-CA", ["en", "fr"]),
        ("qaa", ["en"]),
        ("not a tag", ["en"]),
    ],
)
def test_the_nearest_shipped_language_then_english(tag: str, files: list[str]) -> None:
    assert chain(tag) == files


@pytest.mark.parametrize("name", sorted(shipped_languages().values()))
def test_every_language_file_uses_the_english_keys_and_placeholders(name: str) -> None:
    for key, message in shipped(name).items():
        assert key in ENGLISH, f"{name}.yml: `{key}` is not in en.yml"
        english = ENGLISH[key]
        if isinstance(english, dict):
            assert isinstance(message, dict) and "other" in message and set(message) <= set(PLURAL_FORMS), (
                name,
                key,
            )
            forms = message.values()
            allowed = set().union(*(_names(v) for v in english.values()))
        else:
            assert isinstance(message, str), (name, key)
            forms, allowed = [message], _names(english)
        for form in forms:
            assert _names(form) <= allowed, (name, key, form)


def test_plural_forms_follow_cldr() -> None:
    en, de = Labels("en"), Labels("de-CH")
    assert [en.n("n_recommendations", n) for n in (1, 2, 0)] == [
        "1 recommendation",
        "2 recommendations",
        "0 recommendations",
    ]
    assert [de.n("n_recommendations", n) for n in (1, 3)] == ["1 Empfehlung", "3 Empfehlungen"]
    assert (
        de.t("part_of_report", title="X") == "«X» ist Teil des Berichts; zitieren Sie so:"
    )  # de-CH.yml over de.yml
    assert Labels("de-AT").t("part_of_report", title="X") == "„X“ ist Teil des Berichts; zitieren Sie so:"
    assert Labels("de").t("notes") == "Anmerkungen" and Labels("de").t("pdf_page") == "S."


def test_overrides_win_and_english_fills_gaps() -> None:
    words = Labels("qaa", {"notes": "Endnotes", "n_recommendations": {"one": "{n} rec", "other": "{n} recs"}})
    assert words.t("notes") == "Endnotes" and words.n("n_recommendations", 2) == "2 recs"
    assert words.t("read_in_context") == "Read in context"


def test_reader_script_carries_only_what_differs_from_its_english() -> None:
    """reader.js keeps the English words itself (so English pages carry no extra data); they must be en.yml's."""
    script = (ROOT / "report_site/assets/reader.js").read_text("utf-8")
    for key in labels.SCRIPT_KEYS:
        value = ENGLISH[key]
        forms = value.values() if isinstance(value, dict) else [value]
        line = next(line for line in script.splitlines() if line.strip().startswith(f"{key}:"))
        for form in forms:
            assert json.dumps(form, ensure_ascii=False) in line, (key, form)
    assert Labels("en").script() == {}
    assert set(Labels("de").script()) == set(labels.SCRIPT_KEYS)


def _with_labels(project: Path, block: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    anchor = "      recommendations: recommendations.yaml\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + block, 1), "utf-8")


def test_an_override_in_mkdocs_yml_changes_the_label(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _with_labels(
        project,
        "      labels:\n        read_in_context: See it in the report\n"
        "        recommendation_number: Proposal {number}\n",
    )
    build_here(project, tmp_path / "site", check=True)
    from bs4 import BeautifulSoup

    page = next((tmp_path / "site" / "recommendations").glob("*/index.html"))
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    captions = [normalise(f.get_text()) for f in soup.select("figure.report-passage figcaption")]
    assert captions and all(c.endswith("· See it in the report") for c in captions), captions
    assert "Read in context" not in visible_text(soup)
    assert normalise(soup.select_one("h1 .report-rec-title__kicker").get_text()).startswith(
        "Recommendation "
    )  # other keys keep English
    reader = (
        json.loads(soup.select_one("#report-reader-data").string)
        if soup.select_one("#report-reader-data")
        else {}
    )
    kickers = [p["kicker"] for p in reader.get("previews", {}).values() if p["kind"] == "recommendation"]
    assert all(re.fullmatch(r"Proposal \S+", k) for k in kickers), kickers


def test_an_unknown_key_fails_the_build_on_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _with_labels(project, "      labels:\n        read_in_contxt: See it in the report\n")
    result = build_here(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(
        i
        for i, text in enumerate((project / "mkdocs.yml").read_text("utf-8").splitlines(), 1)
        if "read_in_contxt" in text
    )
    errors = [e for e in result.stderr.splitlines() if "read_in_contxt" in e]
    assert len(errors) == 1 and errors[0].startswith(
        f"mkdocs.yml:{line}:9: `labels.read_in_contxt` is not a label; did you mean `read_in_context`?"
    ), result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
