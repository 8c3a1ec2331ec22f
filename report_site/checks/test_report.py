"""The report-level checks: what every report must pass, whatever report it is (``report-site test``).

Every expectation comes from the report's own data, read through the generator's loader
and mkdocs' config (counts, ids, labels, pages), so a new report passes without a line of
Python; the verbatim-text check reads the source text named by ``source_text:`` in
mkdocs.yml. The fixtures are in ``plugin.py``; the build is ``report-site --strict``.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from report_site.chapters.anchors import LOCK_NAME
from report_site.data.model import Report

from .site import Built, chapter_pages, normalise, resolve_link, run_build, visible_text


def test_the_strict_build_warns_about_nothing(report_build: Built) -> None:
    """Every page built with mkdocs' strict mode and the generator's (a recommendation no passage argues
    for fails it); a warning left (a stale lock, a stale CITATION.cff) is something to fix before publishing."""
    assert not report_build.stderr.strip(), report_build.stderr


def test_build_summary_counts_the_data(report_build: Built, report_data: Report) -> None:
    stdout = report_build.stdout
    n = len(report_data.recommendations)
    assert re.search(rf"Built \d+ pages, {n} recommendations?, \d+ cross-references?", stdout), stdout
    assert (f"{n} recommendation," if n == 1 else f"{n} recommendations,") in stdout


def test_one_page_per_recommendation_numbered_as_the_report_numbers_it(
    report_build: Built, report_data: Report
) -> None:
    site = report_build
    for rec in report_data.recommendations:
        h1 = normalise(site.soup(f"recommendations/{rec.id}/index.html").select_one("article h1").get_text())
        assert h1.startswith(f"Recommendation {rec.shown_number}: {rec.title}"), h1


def test_recommendations_index_groups_as_the_data_does(report_build: Built, report_data: Report) -> None:
    site = report_build
    page = site.soup("recommendations/index.html")
    if not report_data.focus_areas:
        assert not page.select("h2.report-area-heading")  # no empty grouping
        links = [
            resolve_link("recommendations/index.html", a["href"])[0]
            for a in page.select("li.report-rec-card .report-card__title a")
        ]
        assert links == [f"recommendations/{r.id}/index.html" for r in report_data.recommendations]
        return
    for area in report_data.focus_areas:
        heading = page.select_one(f"h2#{area.id}")
        assert heading is not None and area.title in heading.get_text()
        expected = [r.id for r in report_data.in_area(area.id)]
        links = []
        for sib in heading.find_next_siblings():
            if sib.name == "h2":
                break
            links += [a["href"] for a in sib.select(".report-card__title a")]
        assert [h.strip("./").split("/")[-1] for h in links] == expected


def test_landing_cards_follow_the_data(report_build: Built, report_data: Report) -> None:
    site = report_build
    soup = site.soup("index.html")
    cards = soup.select("ol.report-cards > li.report-rec-card")
    assert len(cards) == len(report_data.recommendations)
    titles = {a.id: a.title for a in report_data.focus_areas}
    for card, rec in zip(cards, report_data.recommendations, strict=False):
        assert (
            card.select_one(".report-rec-card__number").get_text(" ", strip=True)
            == f"Recommendation {rec.shown_number}"
        )
        assert normalise(card.select_one(".report-card__title a").get_text()) == rec.title
        assert [s.get_text() for s in card.select(".report-area-label")] == [
            titles[a] for a in rec.focus_areas
        ]


def test_passages_and_recommendations_link_both_ways(report_build: Built, report_data: Report) -> None:
    site = report_build
    for rec in report_data.recommendations:
        rel = f"recommendations/{rec.id}/index.html"
        for a in site.soup(rel).select("figure.report-passage figcaption a"):
            target, fragment = resolve_link(rel, a["href"])
            para = site.soup(target).find(id=fragment)
            assert fragment.startswith("p-") and para is not None, f"{a['href']} from {rel} lands nowhere"
            back = para.find_next_sibling("p", class_="report-supports")
            assert back is not None and rel in [resolve_link(target, b["href"])[0] for b in back.select("a")]


def test_every_chapter_reference_lands_on_its_recommendation(
    report_build: Built, report_config: Any, report_data: Report
) -> None:
    site = report_build
    by_label = {r.shown_number: r for r in report_data.recommendations}
    for chapter in chapter_pages(report_build.root):
        for a in site.soup(chapter).select("p.report-supports a"):
            target, _ = resolve_link(chapter, a["href"])
            number = re.search(r"Recommendation (\S+?):", a.get_text()).group(1)
            assert target == f"recommendations/{by_label[number].id}/index.html"
            para = a.find_parent("p").find_previous_sibling(  # past a correction note, if one comes first
                lambda t: t.name in ("p", "ol", "ul") and "report-correction" not in (t.get("class") or [])
            )
            back = site.soup(target).select("figure.report-passage figcaption a")
            assert (
                any(resolve_link(target, b["href"]) == (chapter, para.get("id")) for b in back)
                or para.name != "p"
            )


def test_open_data_matches_the_data(report_build: Built, report_data: Report) -> None:
    site = report_build
    doc = json.loads((site.site / "recommendations.json").read_text("utf-8"))
    assert [(r["id"], r["number"], r["label"], r["title"]) for r in doc["recommendations"]] == [
        (r.id, r.number, r.shown_number, r.title) for r in report_data.recommendations
    ]


def test_home_page_describes_the_report_in_its_own_words(report_build: Built, report_settings: Any) -> None:
    site = report_build
    soup = site.soup("index.html")
    description = soup.find("meta", attrs={"name": "description"})["content"]
    links = {normalise(a.get_text()) for a in soup.select("article a")}
    assert description and normalise(description) not in links  # the report's words, never a link line
    meta = report_settings.metadata
    assert soup.find("html")["lang"] == meta.language
    cover = soup.select_one("header.report-cover h1").get_text(" ", strip=True)
    assert cover.startswith(meta.title) and (":" in cover) == bool(meta.subtitle)


def test_every_source_paragraph_is_published_verbatim(
    report_build: Built, report_config: Any, report_settings: Any
) -> None:
    """The report's words, as published, are on its pages (whitespace aside: line breaks and list layout differ)."""
    if not report_settings.source_text:
        pytest.skip(
            "no `source_text:` under report-site in mkdocs.yml: this report names no published text to compare with"
        )
    source = (report_build.root / report_settings.source_text).read_text("utf-8")
    skip = set(report_settings.source_text_skip)
    paragraphs = [p.strip() for p in source.split("\n\n") if p.strip() and p.strip() not in skip]
    site = report_build
    pages = ["index.html", *chapter_pages(report_build.root)]
    text = "".join(re.sub(r"\s+", "", visible_text(site.soup(p))) for p in pages)
    assert paragraphs
    missing = [p for p in paragraphs if re.sub(r"\s+", "", p) not in text]
    if len(missing) * 2 > len(paragraphs):  # most of it: not this report's text at all
        pytest.fail(
            f"{len(missing)} of the {len(paragraphs)} paragraphs of {report_settings.source_text} are not on the site "
            f"(the first: {missing[0][:70]!r}): does `source_text:` under report-site in mkdocs.yml name another "
            "report's text? Name this report's published text there, or remove the setting"
        )
    assert not missing, f"missing or altered: {missing[0][:70]!r}" + (
        f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    )


def test_status_and_corrections_show_only_what_the_report_records(
    report_build: Built, report_data: Report, report_config: Any, report_settings: Any
) -> None:
    """No status page, corrections page, feed or nav entry for a report that records none (nothing invented);
    with data, every update and every correction is shown. Corrections are read by the generator's own scan."""
    from mkdocs.utils.meta import get_data

    from report_site.chapters import scanner
    from report_site.data.labels import Labels

    site = report_build
    corrections = [
        c
        for path in sorted(Path(report_config.docs_dir).rglob("*.md"))
        for p in scanner.scan(get_data(path.read_text("utf-8"))[0], path.name).paragraphs
        for c in p.corrections
    ]
    updates = [u for r in report_data.recommendations for u in r.updates]
    assert (site.site / "recommendations" / "status" / "index.html").exists() == bool(updates)
    assert (site.site / "corrections" / "index.html").exists() == bool(corrections)
    assert (site.site / "feed.xml").exists() == bool(updates or corrections)
    home = site.soup("index.html")
    assert bool(home.select('link[type="application/atom+xml"]')) == bool(updates or corrections)
    assert bool(home.select(".report-cover__status")) == bool(updates)
    assert bool(home.select(".report-cover__corrected")) == bool(corrections)
    words = Labels(report_settings.metadata.language, report_settings.labels)
    nav = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary a")]
    assert (words.t("implementation_status") in nav) == bool(updates)
    assert (words.t("corrections") in nav) == bool(corrections)
    if corrections:
        assert len(site.soup("corrections/index.html").select("ol.report-corrections > li")) == len(
            corrections
        )
    if updates:
        entries = sum(
            len(site.soup(f"recommendations/{r.id}/index.html").select(".report-status-history > li"))
            for r in report_data.recommendations
        )
        assert entries == len(updates)


def test_nothing_is_written_outside_the_site(report_build: Built, report_config: Any) -> None:
    docs = Path(report_config.docs_dir)
    assert not list(docs.rglob("*.html")) and not (docs / "recommendations").exists()


class _Links(HTMLParser):
    """The ids a page defines and the links it makes (``<a href>``, ``<link href>``, ``src``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])  # type: ignore[arg-type]
        for name in ("href", "src"):
            if values.get(name) is not None and (tag != "link" or values.get("rel") != "canonical"):
                self.links.append(values[name])  # type: ignore[arg-type]


def _internal(href: str) -> bool:
    """A link into the site itself (not another origin, mail, a script or data)."""
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and bool(href.strip())


def test_every_link_and_anchor_in_the_site_resolves(report_build: Built) -> None:
    """Every page's links into the site reach a file, and a ``#fragment`` an element with that id: the theme's,
    the generated blocks' and the chapters' alike (mkdocs itself checks only the chapters' Markdown links)."""
    site = report_build.site
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    parsed: dict[str, _Links] = {}

    def parse(rel: str) -> _Links:
        if rel not in parsed:
            parsed[rel] = _Links()
            parsed[rel].feed(pages[rel].read_text("utf-8"))
        return parsed[rel]

    broken = []
    for rel in sorted(pages):
        if rel == "404.html":
            continue  # served at any address: its links are absolute or relative to wherever it is shown
        for href in parse(rel).links:
            if not _internal(href):
                continue
            target, fragment = resolve_link(rel, href)
            target = unquote(target)
            if not (site / target).is_file():
                broken.append(f"{rel}: {href} (no {target})")
            elif fragment and target.endswith(".html") and unquote(fragment) not in parse(target).ids:
                broken.append(f"{rel}: {href} (no id `{unquote(fragment)}` on {target})")
    assert len(pages) > 1
    assert not broken, "\n".join(broken[:40])


def test_anchors_lock_is_current(report_build: Built, tmp_path: Path) -> None:
    """Recording the anchors again changes nothing: every published paragraph address is in ``anchors.lock``
    (run on a copy, as ``--update-anchors`` writes the lock)."""
    project = report_build.root
    lock = project / LOCK_NAME
    assert lock.is_file(), (
        f"no {LOCK_NAME} beside mkdocs.yml: record the paragraph anchors with `report-site --update-anchors` "
        "(`make anchors`) and commit the file, so a reworded paragraph keeps its published address"
    )
    copy = Path(
        shutil.copytree(
            project,
            tmp_path / "project",
            symlinks=True,
            ignore=shutil.ignore_patterns(
                ".git", ".venv*", "node_modules", "site", ".cache", "test-artifacts", ".pytest_cache"
            ),
        )
    )
    result = run_build(copy, tmp_path / "site", "--update-anchors")
    assert result.returncode == 0, result.stderr
    assert (copy / LOCK_NAME).read_text("utf-8") == lock.read_text("utf-8"), (
        f"{LOCK_NAME} is out of date: run `report-site --update-anchors` (`make anchors`) and commit it"
    )
