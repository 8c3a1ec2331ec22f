"""passages.py: the Python-Markdown extension as mkdocs renders a chapter with it (a renderer behind it).

What the scan finds and where its problems are located is tested through ``chapters.scan`` in
test_chapters.py and test_passage_properties.py; the permalinks of the built report in test_permalinks.py.
"""

from __future__ import annotations

import markdown

from report_site import passages
from report_site.chapters import scanner as chapters
from report_site.data.labels import Labels
from report_site.passages import DirectiveName, PageNumbers


class Renderer:
    """The plugin's side of a page being rendered: fixed answers, and a record of what was asked."""

    def __init__(self, permalinks: bool = True, labels: Labels | None = None) -> None:
        self.permalinks = permalinks
        self.numbers = PageNumbers({}, [], [])
        self.labels = labels
        self.asked: list[tuple[str, tuple[str, ...]]] = []

    def generated(self, name: DirectiveName, ids: tuple[str, ...]) -> str:
        self.asked.append((name.value, ids))
        if name == DirectiveName.COVER:
            return "<p><strong>Mini Report</strong></p>\n<p>A cover paragraph {: .not-an-attribute-list }</p>"
        if name == DirectiveName.SUPPORTS:
            return f'<div class="report-supports">Supports {", ".join(ids)}</div>'
        return ""

    def endnotes(self, numbers: list[str]) -> str:
        self.asked.append(("endnotes", tuple(numbers)))
        return '<h2 id="endnotes">Notes</h2><ol>' + "".join(f"<li>Note {n}.</li>" for n in numbers) + "</ol>"

    def rec_href(self, rec_id: str) -> str | None:
        return {"save-water": "recommendations/save-water.md"}.get(rec_id)

    def anchor(self, number: int, scanned: str) -> str:
        return scanned

    def aliases(self, anchor: str) -> list[str]:
        return ["p-old"] if anchor == "p-one" else []

    def image_size(self, src: str) -> tuple[int, int] | None:
        return (640, 480) if src.endswith(".png") else None

    def table_csv(self, index: int) -> str | None:
        return f"x/table-{index + 1}.csv"


def render(src: str, renderer: Renderer | None = None, active: bool = True) -> str:
    ext = passages.PassageExtension()
    ext.renderer = renderer or Renderer()
    ext.active = active
    return markdown.markdown(src, extensions=[*chapters.DEFAULT_EXTENSIONS, ext])


def test_every_citable_paragraph_gets_one_link_and_aliases_land_on_it() -> None:
    out = render("One.\n\n- item\n- other\n\n<p>raw html</p>\n")
    assert out.count("report-permalink") == 3
    assert out.startswith(
        '<p data-paragraph="1" id="p-one"><span class="report-anchor-alias" id="p-old"></span>One.<a '
    )
    assert (
        '<li data-paragraph="2" id="p-item">item<a aria-label="Link to this paragraph" class="report-permalink"'
        in out
    )


def test_anchor_is_escaped() -> None:
    out = render('Text.\n{: #x"&gt;&lt;script&gt; }\n')
    assert "<script" not in out


def test_the_permalink_is_labelled_in_the_reports_language() -> None:
    out = render("Ein Absatz.\n", Renderer(labels=Labels("de")))
    assert out == (
        '<p data-paragraph="1" id="p-ein-absatz">Ein Absatz.<a aria-label="Link zu diesem Absatz" class="report-permalink" '
        'data-search-exclude="" href="#p-ein-absatz" title="Link zu diesem Absatz"></a></p>'
    )
    assert "report-permalink" not in render("Ein Absatz.\n", Renderer(permalinks=False))


def test_generated_blocks_take_the_directives_place_and_are_not_numbered() -> None:
    renderer = Renderer(permalinks=False)
    out = render(
        "[[cover]]\n\nDry years.\n\n[[supports: save-water]]\n[[supports: save-water, plant-trees]]\n\nMore.\n",
        renderer,
    )
    assert out == (
        "<p><strong>Mini Report</strong></p>\n<p>A cover paragraph {: .not-an-attribute-list }</p>\n"
        '<p data-paragraph="1" id="p-dry-years">Dry years.</p>\n'
        '<div class="report-supports">Supports save-water, plant-trees</div>\n'
        '<p data-paragraph="2" id="p-more">More.</p>'
    )
    # the blocks are HTML from the data, laid out as Markdown's own blocks; the editor's syntax
    # (an attribute list) never applies to text in them
    # two supports lines under one paragraph: one block, each recommendation once
    assert renderer.asked == [("cover", ()), ("supports", ("save-water", "plant-trees"))]


def test_rec_links_point_at_the_recommendations_page_keeping_the_fragment() -> None:
    out = render("See [the plan](rec:save-water#why) and [that](rec:nope).\n")
    assert '<a href="recommendations/save-water.md#why">the plan</a>' in out
    assert (
        '<a href="rec:nope">that</a>' in out
    )  # left as written: the check reports the unknown id at its line


def test_a_pull_quote_is_hidden_from_screen_readers_and_search_and_is_no_paragraph() -> None:
    out = render("> A quote.\n\n[[pull-quote]]\n> Pulled words.\n\nAfter.\n", Renderer(permalinks=False))
    assert (
        '<aside aria-hidden="true" class="report-pull-quote" data-search-exclude="">\n<p>Pulled words.</p>\n</aside>\n'
        '<p data-paragraph="2" id="p-after">After.</p>'
    ) in out
    assert (
        '<p data-paragraph="1" id="p-a-quote">A quote.</p>' in out
    )  # an ordinary quote is the report's text


def test_endnotes_are_listed_once_in_order_of_first_mention() -> None:
    renderer = Renderer(permalinks=False)
    out = render("Dry years.[^2] Rivers.[^1]\n\nAgain.[^2]\n", renderer)
    assert renderer.asked == [("endnotes", ("2", "1"))]
    assert out.count('id="endnote-ref-2"') == 1 and out.count('href="#endnotes"') == 3
    assert out.endswith('<h2 id="endnotes">Notes</h2>\n<ol>\n<li>Note 2.</li>\n<li>Note 1.</li>\n</ol>')


def test_pages_that_are_not_chapters_are_left_as_markdown_makes_them() -> None:
    assert render("[[cover]]\n\nDry years.[^1]\n", active=False) == "<p>[[cover]]</p>\n<p>Dry years.[^1]</p>"


def test_a_generated_block_that_is_not_well_formed_is_a_build_error_naming_it() -> None:
    import pytest
    from mkdocs.exceptions import PluginError

    class Broken(Renderer):
        def generated(self, name: DirectiveName, ids: tuple[str, ...]) -> str:
            return "<p>an unclosed paragraph"

    with pytest.raises(
        PluginError, match=r"`\[\[cover\]\]` is not well-formed HTML .*report_site/templates/blocks/"
    ):
        render("[[cover]]\n", Broken())
