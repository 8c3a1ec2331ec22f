"""The reader tools' data (outputs/reader.py) and the in-text citations (citation.in_text)."""

from __future__ import annotations

import datetime as dt
import json

from helpers import Built
from mkdocs.structure.files import File

from report_site.chapters.references import Index
from report_site.data.model import Author, FocusArea, Passage, Recommendation, Report
from report_site.outputs.citation import Work, in_text
from report_site.outputs.reader import Previews


def directory_url(src_uri: str) -> str:
    """The address mkdocs gives a page with directory URLs (the default)."""
    return File(src_uri, "docs", "site", use_directory_urls=True).url


def _work(*authors: str | dict[str, str]) -> Work:
    return Work("T", "", tuple(Author.parse(a) for a in authors), "P", dt.date(2024, 5, 6))


def test_in_text_shortens_author_lists_as_each_style_says() -> None:
    def leads(*authors: str | dict[str, object]) -> dict[str, str]:
        return {s["key"]: s["lead"] for s in in_text(_work(*authors))}

    assert leads("Ada Lovelace") == {"apa": "Lovelace, 2024", "chicago": "Lovelace 2024", "mla": "Lovelace"}
    assert leads("Ada Lovelace", "Alan Turing") == {
        "apa": "Lovelace & Turing, 2024",
        "chicago": "Lovelace and Turing 2024",
        "mla": "Lovelace and Turing",
    }
    assert leads("A B", "C D", "E F") == {
        "apa": "B et al., 2024",
        "chicago": "B, D, and F 2024",
        "mla": "B et al.",
    }
    assert leads("A B", "C D", "E F", "G H")["chicago"] == "B et al. 2024"
    assert [s["para"] for s in in_text(_work("A B"))] == ["para.", "para.", "par."]
    # an organisation is cited by its whole name; a family-first name by its family name; particles stay
    assert (
        leads({"name": "High-level Panel on Digital Cooperation"})["apa"]
        == "High-level Panel on Digital Cooperation, 2024"
    )
    assert leads({"given": "Suk Yeol", "family": "Yoon", "family_first": True})["mla"] == "Yoon"
    assert leads({"given": "Anna", "family": "Dijk", "particle": "van"})["chicago"] == "van Dijk 2024"


def _report() -> tuple[Report, Index]:
    areas = [FocusArea("a", "Area A"), FocusArea("b", "Area B")]
    rec = Recommendation("do-it", 1, "Do the whole thing, in full", ("a", "b"))
    report = Report("r.yaml", areas, [rec])
    passage = Passage("ch/one.md", 3, "p-first-words", "The first words of it.", "One", ("do-it",), number=4)
    return report, Index(passages=[passage], by_recommendation={"do-it": [passage]})


def test_previews_cover_only_the_links_on_the_page() -> None:
    report, index = _report()
    previews = Previews(report, index, {"ch/one.md": "Chapter One"}, directory_url)
    html = (
        '<a href="../../recommendations/do-it/">x</a> <a href="../one/#p-first-words">y</a> '
        '<a href="https://elsewhere.org/recommendations/do-it/">z</a> <a href="#p-first-words">¶</a>'
    )
    got = previews.for_page(html, "ch/two/")
    assert set(got) == {"../../recommendations/do-it/", "../one/#p-first-words"}
    assert got["../../recommendations/do-it/"] == {
        "kind": "recommendation",
        "kicker": "Recommendation 1",
        "title": "Do the whole thing, in full",
        "areas": ["Area A", "Area B"],
    }
    assert got["../one/#p-first-words"]["kicker"] == "Chapter One, paragraph 4"
    # A page's links to its own parts (¶ links, the page itself) get no preview.
    assert previews.for_page('<a href="#p-first-words">¶</a>', "ch/one/") == {}
    assert previews.for_page('<a href="./">me</a>', "recommendations/do-it/") == {}


def test_pages_carry_preview_data_matching_the_published_data(site: Built) -> None:
    data = json.loads((site.site / "recommendations.json").read_text("utf-8"))
    rec = next(r for r in data["recommendations"] if r["passages"])
    soup = site.soup(rec["url"] + "index.html")
    reader = json.loads(soup.find("script", id="report-reader-data").string)
    passage = rec["passages"][0]
    key = next(k for k in reader["previews"] if k.endswith("#" + passage["anchor"]))
    chapter = site.soup(passage["chapter_url"] + "index.html")
    para = chapter.find(id=passage["anchor"])
    assert reader["previews"][key]["kicker"] == f"{passage['chapter']}, paragraph {para['data-paragraph']}"
    figure = soup.select("figure.report-passage")[0]
    assert f"paragraph {para['data-paragraph']}" in figure.figcaption.get_text()
    assert " ".join(figure.blockquote.get_text().split()) == reader["previews"][key]["text"]
    assert (
        not soup.select(".report-rec-pager") and len(soup.select(".md-footer__link")) >= 1
    )  # prev/next once


def test_a_page_carries_at_most_max_previews() -> None:
    from report_site.outputs import reader

    areas = [FocusArea("a", "Area A")]
    recs = [Recommendation(f"r{i}", i + 1, f"Title {i}", ("a",)) for i in range(reader.MAX_PREVIEWS + 5)]
    previews = Previews(Report("r.yaml", areas, recs), Index(), {}, directory_url)
    html = "".join(f'<a href="r{i}/">{i}</a>' for i in range(len(recs)))
    got = previews.for_page(html, "recommendations/")
    assert list(got) == [f"r{i}/" for i in range(reader.MAX_PREVIEWS)]


def test_previews_show_the_reports_own_label() -> None:
    areas = [FocusArea("a", "Area A")]
    rec = Recommendation("do-it", 1, "Do it", ("a",), number_label="1A")
    previews = Previews(Report("r.yaml", areas, [rec]), Index(), {}, directory_url)
    assert (
        previews.for_page('<a href="do-it/">x</a>', "recommendations/")["do-it/"]["kicker"]
        == "Recommendation 1A"
    )
