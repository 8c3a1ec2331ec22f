"""Tests of the published report, whatever report it is: every expectation comes from its data.

The project under test is this repository's report, or the folder named by
``REPORT_PROJECT`` (a folder with mkdocs.yml): ``REPORT_PROJECT=../my-report pytest
tests/test_report.py`` checks another report, and a report made by ``build_site.py new``
passes as created (``tests/test_skeleton.py`` runs this file against one). Counts, ids,
labels and pages are read through the generator's own loader and mkdocs' config; the
verbatim-text check reads the source text named once, by ``source_text:`` in mkdocs.yml.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from helpers import ROOT, Built, chapter_pages, normalise, resolve_link, run_build, shared_build, visible_text
from mkdocs.config import load_config

from report_site import loader
from report_site.model import Report

PROJECT = Path(os.environ.get("REPORT_PROJECT") or ROOT).resolve()


@pytest.fixture(scope="module")
def config() -> object:
    return load_config(str(PROJECT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def plugin(config: object) -> object:
    return config.plugins["report-site"].config  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def data(plugin: object) -> Report:
    return loader.load(PROJECT / plugin.recommendations)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, str]:
    """The report built by build_site.py; for the repository's own report, the one build the ``site`` fixture shares.

    Another report (REPORT_PROJECT, as test_skeleton.py runs this file in a pytest of its own) is built here.
    """
    if ROOT.resolve() == PROJECT:
        return shared_build(tmp_path_factory, "site", PROJECT)
    out = tmp_path_factory.mktemp("report") / "site"
    result = run_build(PROJECT, out)
    assert result.returncode == 0, result.stderr
    return Built(PROJECT, out), result.stdout


def test_build_summary_counts_the_data(built: tuple[Built, str], data: Report) -> None:
    _, stdout = built
    n = len(data.recommendations)
    assert re.search(rf"Built \d+ pages, {n} recommendations?, \d+ cross-references?", stdout), stdout
    assert (f"{n} recommendation," if n == 1 else f"{n} recommendations,") in stdout


def test_one_page_per_recommendation_numbered_as_the_report_numbers_it(
    built: tuple[Built, str], data: Report
) -> None:
    site, _ = built
    for rec in data.recommendations:
        h1 = normalise(site.soup(f"recommendations/{rec.id}/index.html").select_one("article h1").get_text())
        assert h1.startswith(f"Recommendation {rec.shown_number}: {rec.title}"), h1


def test_recommendations_index_groups_as_the_data_does(built: tuple[Built, str], data: Report) -> None:
    site, _ = built
    page = site.soup("recommendations/index.html")
    if not data.focus_areas:
        assert not page.select("h2.report-area-heading")  # no empty grouping
        links = [
            resolve_link("recommendations/index.html", a["href"])[0]
            for a in page.select("li.report-rec-card .report-card__title a")
        ]
        assert links == [f"recommendations/{r.id}/index.html" for r in data.recommendations]
        return
    for area in data.focus_areas:
        heading = page.select_one(f"h2#{area.id}")
        assert heading is not None and area.title in heading.get_text()
        expected = [r.id for r in data.in_area(area.id)]
        links = []
        for sib in heading.find_next_siblings():
            if sib.name == "h2":
                break
            links += [a["href"] for a in sib.select(".report-card__title a")]
        assert [h.strip("./").split("/")[-1] for h in links] == expected


def test_landing_cards_follow_the_data(built: tuple[Built, str], data: Report) -> None:
    site, _ = built
    soup = site.soup("index.html")
    cards = soup.select("ol.report-cards > li.report-rec-card")
    assert len(cards) == len(data.recommendations)
    titles = {a.id: a.title for a in data.focus_areas}
    for card, rec in zip(cards, data.recommendations, strict=False):
        assert (
            card.select_one(".report-rec-card__number").get_text(" ", strip=True)
            == f"Recommendation {rec.shown_number}"
        )
        assert normalise(card.select_one(".report-card__title a").get_text()) == rec.title
        assert [s.get_text() for s in card.select(".report-area-label")] == [
            titles[a] for a in rec.focus_areas
        ]


def test_passages_and_recommendations_link_both_ways(built: tuple[Built, str], data: Report) -> None:
    site, _ = built
    for rec in data.recommendations:
        rel = f"recommendations/{rec.id}/index.html"
        for a in site.soup(rel).select("figure.report-passage figcaption a"):
            target, fragment = resolve_link(rel, a["href"])
            para = site.soup(target).find(id=fragment)
            assert fragment.startswith("p-") and para is not None, f"{a['href']} from {rel} lands nowhere"
            back = para.find_next_sibling("p", class_="report-supports")
            assert back is not None and rel in [resolve_link(target, b["href"])[0] for b in back.select("a")]


def test_every_chapter_reference_lands_on_its_recommendation(
    built: tuple[Built, str], config: object, data: Report
) -> None:
    site, _ = built
    by_label = {r.shown_number: r for r in data.recommendations}
    for chapter in chapter_pages(PROJECT):
        for a in site.soup(chapter).select("p.report-supports a"):
            target, _ = resolve_link(chapter, a["href"])
            number = re.search(r"Recommendation (\S+?):", a.get_text()).group(1)
            assert target == f"recommendations/{by_label[number].id}/index.html"
            para = a.find_parent("p").find_previous_sibling(["p", "ol", "ul"])
            back = site.soup(target).select("figure.report-passage figcaption a")
            assert (
                any(resolve_link(target, b["href"]) == (chapter, para.get("id")) for b in back)
                or para.name != "p"
            )


def test_open_data_matches_the_data(built: tuple[Built, str], data: Report) -> None:
    site, _ = built
    doc = json.loads((site.site / "recommendations.json").read_text("utf-8"))
    assert [(r["id"], r["number"], r["label"], r["title"]) for r in doc["recommendations"]] == [
        (r.id, r.number, r.shown_number, r.title) for r in data.recommendations
    ]


def test_home_page_describes_the_report_in_its_own_words(built: tuple[Built, str], plugin: object) -> None:
    site, _ = built
    soup = site.soup("index.html")
    description = soup.find("meta", attrs={"name": "description"})["content"]
    links = {normalise(a.get_text()) for a in soup.select("article a")}
    assert description and normalise(description) not in links  # the report's words, never a link line
    meta = plugin.metadata  # type: ignore[attr-defined]
    assert soup.find("html")["lang"] == meta.language
    cover = soup.select_one("header.report-cover h1").get_text(" ", strip=True)
    assert cover.startswith(meta.title) and (":" in cover) == bool(meta.subtitle)


def test_every_source_paragraph_is_published_verbatim(
    built: tuple[Built, str], config: object, plugin: object
) -> None:
    """The report's words, as published, are on its pages (whitespace aside: line breaks and list layout differ)."""
    if not plugin.source_text:  # type: ignore[attr-defined]
        pytest.skip(
            "no `source_text:` under report-site in mkdocs.yml: this report names no published text to compare with"
        )
    source = (PROJECT / plugin.source_text).read_text("utf-8")  # type: ignore[attr-defined]
    skip = set(plugin.source_text_skip)  # type: ignore[attr-defined]
    paragraphs = [p.strip() for p in source.split("\n\n") if p.strip() and p.strip() not in skip]
    site, _ = built
    pages = ["index.html", *chapter_pages(PROJECT)]
    text = "".join(re.sub(r"\s+", "", visible_text(site.soup(p))) for p in pages)
    assert paragraphs
    missing = [p for p in paragraphs if re.sub(r"\s+", "", p) not in text]
    if len(missing) * 2 > len(paragraphs):  # most of it: not this report's text at all
        pytest.fail(
            f"{len(missing)} of the {len(paragraphs)} paragraphs of {plugin.source_text} are not on the site "  # type: ignore[attr-defined]
            f"(the first: {missing[0][:70]!r}): does `source_text:` under report-site in mkdocs.yml name another "
            "report's text? Name this report's published text there, or remove the setting"
        )
    assert not missing, f"missing or altered: {missing[0][:70]!r}" + (
        f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    )


def test_nothing_is_written_outside_the_site(built: tuple[Built, str], config: object) -> None:
    docs = Path(config.docs_dir)  # type: ignore[attr-defined]
    assert not list(docs.rglob("*.html")) and not (docs / "recommendations").exists()
