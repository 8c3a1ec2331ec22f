"""The search index's passage entries (report_site/outputs/search.py), without a browser.

Unit tests state the HTML in and the entries out; the build tests read a real strict build of
the mini fixture report (and the same report built with ``search_passages: false``, Material's
index as it comes) and check the index against the built pages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import FIXTURES, Built, build_here
from report_site.outputs import search

CHAPTER = (
    '<h1 id="one">One</h1>\n'
    '<p data-paragraph="1" id="p-first">First <em>words</em> here.<sup>1</sup>'
    '<a class="report-permalink" href="#p-first" data-search-exclude></a></p>\n'
    '<aside data-search-exclude><p data-paragraph="9" id="p-quoted">A pull quote.</p></aside>\n'
    '<p class="report-supports" data-search-exclude>Argues for …</p>\n'
    '<figure><figcaption>A caption stays with the page.</figcaption></figure>\n'
    '<ul>\n<li data-paragraph="2" id="p-item"><p>An item.</p></li>\n</ul>\n'
    '<h2 id="later">Later</h2>\n<p data-paragraph="3" id="p-third">Third.</p>\n'
)


def test_passages_are_split_out_with_materials_text() -> None:
    entries = search.page_entries("one/", CHAPTER)
    assert entries is not None
    assert [(p.anchor, p.number, p.text) for p in entries.passages] == [
        ("p-first", "1", "<p>First words here.<sup>1</sup></p>"),
        ("p-item", "2", "<li><p>An item.</p></li>"),
        ("p-third", "3", "<p>Third.</p>"),
    ]
    # What is no passage stays with its section; excluded blocks stay out, as Material has them.
    assert entries.remainder == {"one/": "A caption stays with the page.", "one/#later": ""}


def test_a_page_without_passages_is_left_alone() -> None:
    assert search.page_entries("x/", "<p>No passage.</p><p id='a' data-search-exclude data-paragraph='1'>x</p>") is None


def _index() -> dict:
    return {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}},
        "docs": [
            {"location": "", "title": "Home", "text": ""},
            {"location": "#cover", "title": "The Report", "text": "<p>By someone</p>"},
            {"location": "one/", "title": "One", "text": "<p>First words here.</p><p>Third.</p> caption"},
            {"location": "one/#later", "title": "Later", "text": "<p>Third.</p>"},
            {"location": "recs/a/", "title": "Recommendation 1: Do it", "text": "Focus area: x", "boost": 3},
        ],
    }


def test_rewrite_puts_passages_after_their_page_and_reweights() -> None:
    pages = {"one/": search.page_entries("one/", CHAPTER), "recs/a/": search.PageEntries("recs/a/", [], tags=["1"])}
    out = search.rewrite_index(_index(), pages, home="")
    locations = [d["location"] for d in out["docs"]]
    assert locations == ["", "#cover", "one/", "one/#later", "one/#p-first", "one/#p-item", "one/#p-third", "recs/a/"]
    docs = {d["location"]: d for d in out["docs"]}
    assert docs["one/"]["text"] == pages["one/"].remainder["one/"] and docs["one/#later"]["text"] == ""
    assert docs["one/#p-item"]["title"] == "¶ 2" and docs["one/#p-item"]["boost"] == search.PASSAGE_BOOST
    assert docs["#cover"]["boost"] == docs[""]["boost"] == search.FURNITURE_BOOST
    assert docs["recs/a/"]["tags"] == ["1"] and docs["recs/a/"]["boost"] == 3
    assert out["config"]["fields"]["title"]["boost"] == search.TITLE_BOOST
    assert out["config"]["pipeline"][0] == "trimmer"


# --- a real build --------------------------------------------------------------------------


def _build(tmp: Path, passages: bool) -> Built:
    project = tmp / "mini-report"
    shutil.copytree(FIXTURES / "mini-report", project)
    if not passages:
        cfg = project / "mkdocs.yml"
        cfg.write_text(cfg.read_text("utf-8").replace("  - report-site:\n", "  - report-site:\n      search_passages: false\n"), "utf-8")
    out = project / "site"
    result = build_here(project, out, "--strict")
    assert result.returncode == 0, result.stderr
    return Built(project, out)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built]:
    return (_build(tmp_path_factory.mktemp("with"), True), _build(tmp_path_factory.mktemp("without"), False))


def _docs(built: Built) -> list[dict]:
    return json.loads((built.site / search.INDEX_PATH).read_text("utf-8"))["docs"]


def _passages_in_pages(built: Built) -> dict[str, str]:
    """location -> number, read from the built pages' ``data-paragraph`` elements (cover page excepted)."""
    found = {}
    for html in built.site.rglob("index.html"):
        path = html.parent.relative_to(built.site).as_posix() + "/"
        if path == "./":
            continue
        for el in BeautifulSoup(html.read_text("utf-8"), "html.parser").select("article [data-paragraph][id]"):
            found[f"{path}#{el['id']}"] = el["data-paragraph"]
    return found


def test_every_passage_of_every_chapter_has_its_entry(builds: tuple[Built, Built]) -> None:
    built, _ = builds
    entries = {d["location"]: d for d in _docs(built) if "#p-" in d["location"]}
    in_pages = _passages_in_pages(built)
    assert in_pages and set(entries) == set(in_pages)
    for location, number in in_pages.items():
        assert entries[location]["title"] == f"¶ {number}"


def test_passage_text_is_indexed_once_not_twice(builds: tuple[Built, Built]) -> None:
    """The passages leave their page's entry: the index's text is the same words, redistributed."""
    with_passages, plain = builds

    def words(docs: list[dict]) -> list[str]:
        return sorted(w for d in docs if d.get("boost") != search.FURNITURE_BOOST for w in
                      BeautifulSoup(d["text"], "html.parser").get_text(" ").split())

    assert words(_docs(with_passages)) == words([d for d in _docs(plain) if d["location"].split("#")[0] != ""])
    chapters = {d["location"] for d in _docs(with_passages) if "#p-" in d["location"]}
    for d in _docs(with_passages):
        if any(c.startswith(d["location"] + "#") for c in chapters) and "#" not in d["location"]:
            assert "<p>" not in d["text"], d  # the chapter's own entry: its title (and any text that is no passage)


def test_recommendations_carry_their_number_as_a_tag(builds: tuple[Built, Built]) -> None:
    built, _ = builds
    recs = [d for d in _docs(built) if d["title"].startswith("Recommendation ")]
    assert recs and all(d["tags"] == [d["title"].split(":")[0].split()[-1]] for d in recs)


def test_turned_off_the_index_is_materials_own(builds: tuple[Built, Built]) -> None:
    _, plain = builds
    assert not [d for d in _docs(plain) if "#p-" in d["location"] or "tags" in d]


def test_recommendation_tags_are_its_label_else_its_number() -> None:
    from types import SimpleNamespace

    from report_site.model import Recommendation

    assert search.recommendation_tags(Recommendation("x", 4, "Do it", ())) == ["4"]
    assert search.recommendation_tags(SimpleNamespace(number=3, shown_number="1A")) == ["1A"]  # a report's own label
