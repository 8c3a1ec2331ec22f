"""The search index's passage entries (report_site/outputs/search.py), without a browser.

Unit tests state the HTML in and the entries out; the build tests read a real strict build of
the mini fixture report (and the same report built with ``search_passages: false``, Material's
index as it comes) and check the index against the built pages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURES, Built, build_here
from material.plugins.search.plugin import Parser as MaterialParser
from material.plugins.search.plugin import SearchIndex

from report_site.outputs import search

INDEX_PATH = "search/search_index.json"

CHAPTER = (
    '<h1 id="one">One</h1>\n'
    '<p data-paragraph="1" id="p-first">First <em>words</em> here.<sup>1</sup>'
    '<a class="report-permalink" href="#p-first" data-search-exclude></a></p>\n'
    '<aside data-search-exclude><p data-paragraph="9" id="p-quoted">A pull quote.</p></aside>\n'
    '<p class="report-supports" data-search-exclude>Argues for …</p>\n'
    "<figure><figcaption>A caption stays with the page.</figcaption></figure>\n"
    '<ul>\n<li data-paragraph="2" id="p-item"><p>An item.</p></li>\n</ul>\n'
    '<h2 id="later">Later</h2>\n<p data-paragraph="3" id="p-third">Third.</p>\n'
)


def _page(
    url: str, content: str, *, title: str = "One", home: bool = False, src_uri: str = "one.md", **meta: object
) -> SimpleNamespace:
    """What Material's index reads of a rendered ``mkdocs`` page (no toc: locations are ``url#id``)."""
    return SimpleNamespace(
        url=url,
        content=content,
        title=title,
        meta=meta,
        toc=[],
        is_homepage=home,
        file=SimpleNamespace(src_uri=src_uri),
    )


def _materials_config() -> dict:
    return {
        "lang": ["en"],
        "separator": "[\\s\\-]+",
        "pipeline": ["stopWordFilter"],
        "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
    }


def _entries(page: SimpleNamespace, tags: dict | None = None) -> dict[str, dict]:
    index = search.PassageIndex(tags or {}, **_materials_config())
    index.add_entry_from_context(page)
    return {d["location"]: d for d in index.entries}


def _record_parses(mp: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every HTML text fed to Material's search parser (or ours, its subclass) from now: (parser, text)."""
    fed: list[tuple[str, str]] = []
    feed = MaterialParser.feed

    def spy(self: MaterialParser, data: str) -> None:
        fed.append((type(self).__name__, data))
        feed(self, data)

    mp.setattr(MaterialParser, "feed", spy)
    return fed


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    return _record_parses(monkeypatch)


def test_one_parse_gives_materials_sections_without_passages_then_the_passages(parses: list) -> None:
    docs = _entries(_page("one/", CHAPTER))
    assert parses == [("_PassageParser", CHAPTER)]  # the page is parsed once, for Material and for us
    assert list(docs) == ["one/", "one/#later", "one/#p-first", "one/#p-item", "one/#p-third"]
    # What is no passage stays with its section; excluded blocks stay out, as Material has them.
    assert docs["one/"] == {
        "location": "one/",
        "title": "One",
        "text": "A caption stays with the page.",
        "boost": search.CHAPTER_BOOST,  # a chapter's title finds it before a passage repeating a word of it
    }
    assert docs["one/#later"] == {"location": "one/#later", "title": "Later", "text": ""}
    assert [(d["title"], d["text"], d["boost"]) for loc, d in docs.items() if "#p-" in loc] == [
        ("¶ 1", "<p>First words here.<sup>1</sup></p>", search.PASSAGE_BOOST),
        ("¶ 2", "<li><p>An item.</p></li>", search.PASSAGE_BOOST),
        ("¶ 3", "<p>Third.</p>", search.PASSAGE_BOOST),
    ]


def test_a_page_without_passages_gets_materials_own_entries() -> None:
    html = "<h1 id='x'>X</h1><p>No passage.</p><p id='a' data-search-exclude data-paragraph='1'>x</p><h2 id='b'>B</h2>b"
    index = SearchIndex(**_materials_config())
    index.add_entry_from_context(_page("x/", html, title="X"))
    assert list(_entries(_page("x/", html, title="X")).values()) == index.entries


def test_a_page_opening_with_a_passage_keeps_its_untitled_first_section() -> None:
    docs = _entries(_page("one/", '<p id="p-a" data-paragraph="1">A.</p><p>Rest.</p>'))
    assert list(docs) == ["one/", "one/#p-a"]
    assert docs["one/"]["title"] == "One" and docs["one/"]["text"] == "<p>Rest.</p>"


def test_materials_page_settings_hold_for_passages() -> None:
    assert _entries(_page("one/", CHAPTER, search={"exclude": True})) == {}
    docs = _entries(_page("one/", CHAPTER, tags=["alliance"], search={"boost": 2}))
    assert (
        docs["one/"]["tags"] == docs["one/#p-first"]["tags"] == ["alliance"]
    )  # a page's tags find its passages
    assert (
        docs["one/"]["boost"] == 2 * search.CHAPTER_BOOST
        and docs["one/#p-first"]["boost"] == 2 * search.PASSAGE_BOOST
    )


def test_recommendations_and_the_home_page_are_reweighted() -> None:
    rec = _entries(
        _page(
            "recs/a/",
            "<h1 id='r'>Recommendation 1: Do it</h1>Focus area: x",
            src_uri="recs/a.md",
            search={"boost": 3},
        ),
        tags={"recs/a.md": ["1"]},
    )
    assert rec == {
        "recs/a/": {
            "location": "recs/a/",
            "title": "Recommendation 1: Do it",
            "text": "Focus area: x",
            "boost": 3,
            "tags": ["1"],
        }
    }
    home = _entries(
        _page(
            "",
            '<h1 id="h">Home</h1><h2 id="cover">The Report</h2><p>By someone</p>'
            '<p id="p-a" data-paragraph="1">A.</p>',
            home=True,
            search={"boost": 3},
        )
    )
    assert [(loc, d["boost"]) for loc, d in home.items()] == [
        ("", search.FURNITURE_BOOST),
        ("#cover", search.FURNITURE_BOOST),
        ("#p-a", search.PASSAGE_BOOST),
    ]


def test_the_index_is_reweighted_and_written_as_utf8() -> None:
    config = _materials_config()
    index = search.PassageIndex({}, **config)
    index.add_entry_from_context(_page("one/", CHAPTER))
    out = index.generate_search_index(None)
    assert '"title":"¶ 1"' in out  # not escaped: a smaller file
    data = json.loads(out)
    assert data["config"]["fields"]["title"]["boost"] == search.TITLE_BOOST
    assert data["config"]["pipeline"] == ["trimmer", "stopWordFilter"]
    assert config == _materials_config()  # Material's own settings are left as they were


def test_a_dirty_rebuild_replaces_the_pages_passages() -> None:
    """``mkdocs serve --dirty``: Material merges the last index with the pages rendered again."""
    prev = search.PassageIndex({}, **_materials_config())
    prev.add_entry_from_context(_page("one/", CHAPTER))
    prev.add_entry_from_context(
        _page("two/", '<p id="p-b" data-paragraph="1">B.</p>', title="Two", src_uri="two.md")
    )
    now = search.PassageIndex({}, **_materials_config())
    now.add_entry_from_context(
        _page("one/", '<h1 id="one">One</h1><p id="p-new" data-paragraph="1">New.</p>')
    )
    docs = [d["location"] for d in json.loads(now.generate_search_index(prev))["docs"]]
    assert docs == ["two/", "two/#p-b", "one/", "one/#p-new"]


# --- a real build --------------------------------------------------------------------------


def _build(tmp: Path, passages: bool) -> tuple[Built, list[tuple[str, str]]]:
    """The mini report built (in this interpreter), and what its build fed to Material's search parser."""
    project = tmp / "mini-report"
    shutil.copytree(FIXTURES / "mini-report", project)
    if not passages:
        cfg = project / "mkdocs.yml"
        cfg.write_text(
            cfg.read_text("utf-8").replace(
                "  - report-site:\n", "  - report-site:\n      search_passages: false\n"
            ),
            "utf-8",
        )
    out = project / "site"
    with pytest.MonkeyPatch.context() as mp:
        fed = _record_parses(mp)
        result = build_here(project, out, "--strict")
    assert result.returncode == 0, result.stderr
    return Built(project, out), fed


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, tuple[Built, list[tuple[str, str]]]]:
    """With passages (True) and with ``search_passages: false`` (False)."""
    return {
        True: _build(tmp_path_factory.mktemp("with"), True),
        False: _build(tmp_path_factory.mktemp("without"), False),
    }


@pytest.fixture(scope="module")
def builds(runs: dict) -> tuple[Built, Built]:
    return runs[True][0], runs[False][0]


def _docs(built: Built) -> list[dict]:
    return json.loads((built.site / INDEX_PATH).read_text("utf-8"))["docs"]


def _passages_in_pages(built: Built) -> dict[str, str]:
    """location -> number, read from the built pages' ``data-paragraph`` elements (cover page excepted)."""
    found = {}
    for html in built.site.rglob("index.html"):
        path = html.parent.relative_to(built.site).as_posix() + "/"
        if path == "./":
            continue
        for el in BeautifulSoup(html.read_text("utf-8"), "html.parser").select(
            "article [data-paragraph][id]"
        ):
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
        return sorted(
            w
            for d in docs
            if d.get("boost") != search.FURNITURE_BOOST
            for w in BeautifulSoup(d["text"], "html.parser").get_text(" ").split()
        )

    assert words(_docs(with_passages)) == words(
        [d for d in _docs(plain) if d["location"].split("#")[0] != ""]
    )
    chapters = {d["location"] for d in _docs(with_passages) if "#p-" in d["location"]}
    for d in _docs(with_passages):
        if any(c.startswith(d["location"] + "#") for c in chapters) and "#" not in d["location"]:
            assert "<p>" not in d["text"], (
                d
            )  # the chapter's own entry: its title (and any text that is no passage)


def test_each_page_is_parsed_once_for_search(runs: dict) -> None:
    for passages, parser in ((True, "_PassageParser"), (False, "Parser")):
        built, fed = runs[passages]
        pages = {d["location"].split("#")[0] for d in _docs(built)}
        assert len(fed) == len(pages) and {name for name, _ in fed} == {parser}, passages
        assert len({html for _, html in fed}) == len(fed)  # no page's HTML parsed a second time


def test_recommendations_carry_their_number_as_a_tag(builds: tuple[Built, Built]) -> None:
    built, _ = builds
    recs = [d for d in _docs(built) if d["title"].startswith("Recommendation ")]
    assert recs and all(d["tags"] == [d["title"].split(":")[0].split()[-1]] for d in recs)


def test_turned_off_the_index_is_materials_own(builds: tuple[Built, Built]) -> None:
    _, plain = builds
    assert not [d for d in _docs(plain) if "#p-" in d["location"] or "tags" in d]


def test_recommendation_tags_are_its_label_else_its_number() -> None:
    from types import SimpleNamespace

    from report_site.data.model import Recommendation

    assert search.recommendation_tags(Recommendation("x", 4, "Do it", ())) == ["4"]
    assert search.recommendation_tags(SimpleNamespace(number=3, shown_number="1A")) == [
        "1A"
    ]  # a report's own label
