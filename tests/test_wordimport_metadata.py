"""report_site/wordimport/metadata.py: the report's facts from the Word file into mkdocs.yml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from report_site.wordimport import docxml, metadata

SKELETON = Path(__file__).parent.parent / "report_site/templates/skeleton/mkdocs.yml"


def test_first_page_first_then_properties() -> None:
    word = docxml.Docx(core={"title": "From Properties", "creator": "Ada Lovelace; Example Institute"})
    facts = metadata.facts({}, word)
    assert facts["title"] == "From Properties"
    assert facts["authors"] == ["Ada Lovelace", {"name": "Example Institute"}]
    assert facts["publisher"].startswith("TODO") and facts["published"].startswith("TODO")
    front = {
        "title": ["On the Cover"],
        "author": ["Example Audit Office"],
        "date": ["Published: March 5, 2021"],
    }
    facts = metadata.facts(front, docxml.Docx(core={"company": "The Publisher"}, default_language="fr-CA"))
    assert (facts["title"], facts["authors"], facts["publisher"], facts["published"], facts["language"]) == (
        "On the Cover",
        [{"name": "Example Audit Office"}],
        "The Publisher",
        dt.date(2021, 3, 5),
        "fr-CA",
    )


def test_a_date_without_a_day_is_a_todo_that_quotes_it() -> None:
    facts = metadata.facts({"date": ["March 2026"]}, docxml.Docx())
    assert (
        facts["published"]
        == "TODO: the publication date as YYYY-MM-DD (the Word file's first page says “March 2026”)"
    )
    assert [metadata.parse_date(t) for t in ("2019-06-10", "10 June 2019", "Jun. 10, 2019")] == [
        dt.date(2019, 6, 10)
    ] * 3


def test_the_skeletons_mkdocs_yml_with_the_facts_and_its_comments() -> None:
    skeleton = SKELETON.read_text("utf-8").replace("{{ today }}", "2020-01-01")
    facts = {
        "title": "A: Title",
        "subtitle": "Sub",
        "authors": [{"name": "Org"}, "Given Family"],
        "publisher": "Org",
        "published": dt.date(2021, 2, 3),
        "language": "de",
    }
    text = metadata.mkdocs_yml(skeleton, facts, [("Home", "index.md"), ("1. One", "one.md")])
    assert "# no Google Fonts: the site makes no third-party requests" in text  # comments kept
    data = yaml.load(text.replace("!ENV", ""), Loader=yaml.SafeLoader)
    meta = data["plugins"][1]["report-site"]["metadata"]
    assert meta == {**facts, "published": dt.date(2021, 2, 3)}
    assert data["site_name"] == "A: Title" and data["nav"] == [{"Home": "index.md"}, {"1. One": "one.md"}]
    assert "sane_lists" in data["markdown_extensions"]
