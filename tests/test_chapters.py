"""The passage engine on single chapters: what the scan finds, where, and what the page holds."""

from __future__ import annotations

import markdown
import pytest

from report_site.chapters import anchors
from report_site.chapters import scanner as chapters
from report_site.passages import PassageExtension


def scan(text: str, **kw) -> chapters.Chapter:  # type: ignore[no-untyped-def]
    return chapters.scan(text, "x.md", display_path="report/x.md", **kw)


def rendered(text: str) -> str:
    """The page body as the extension renders it (no report behind it: nothing generated)."""
    return markdown.markdown(text, extensions=[*chapters.DEFAULT_EXTENSIONS, PassageExtension()])


def test_paragraphs_get_content_derived_anchors_and_numbers() -> None:
    ch = scan(
        "# Title\n\nThe alliance’s weathering of that period.\n\n[[supports: a, b]]\n\nSecond paragraph here.\n"
    )
    assert ch.title == "Title"
    assert [(p.anchor, p.number) for p in ch.paragraphs] == [
        ("p-the-alliances-weathering-of-that-period", 1),
        ("p-second-paragraph-here", 2),
    ]
    [passage] = ch.passages
    assert [(s.rec_id, s.at.line, s.at.column) for s in passage.supports] == [("a", 5, 13), ("b", 5, 16)]
    html = rendered("Para one.\n\nPara two.\n")
    assert (
        '<p data-paragraph="1" id="p-para-one">' in html and '<p data-paragraph="2" id="p-para-two">' in html
    )


def test_anchor_is_stable_when_other_text_changes() -> None:
    a = scan("First.\n\nThe target paragraph stays.\n")
    b = scan("A new opening paragraph.\n\nFirst, rewritten.\n\nThe target paragraph stays.\n")
    assert a.paragraphs[-1].anchor == b.paragraphs[-1].anchor == "p-the-target-paragraph-stays"


def test_repeated_openings_and_explicit_ids() -> None:
    ch = scan("Same words here.\n\nSame words here.\n\nOwn id.\n{: #mine }\n")
    assert [p.anchor for p in ch.paragraphs] == ["p-same-words-here", "p-same-words-here-2", "mine"]


def test_line_numbers_include_front_matter_offset() -> None:
    ch = scan("Para.\n\n[[suports: x]]\n", line_offset=4)
    assert [(p.line, p.column) for p in ch.problems] == [(7, 1)]
    assert "did you mean `[[supports]]`" in ch.problems[0].message


@pytest.mark.parametrize(
    "script, anchor",
    [
        (
            "대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있다.",
            "p-대한민국은-민주공화국이다-대한민국의-주권은-국민에게-있다",
        ),
        ("Союз вступил в критическую фазу развития.", "p-союз-вступил-в-критическую-фазу-развития"),
        ("Café au lait, naïve résumé.", "p-cafe-au-lait-naive-resume"),
        ("— … —", "p-paragraph"),
    ],
)
def test_anchors_keep_every_script(script: str, anchor: str) -> None:
    assert scan(script + "\n").paragraphs[0].anchor == anchor


def test_cjk_without_spaces_is_cut_to_a_readable_length() -> None:
    anchor = (
        scan("中华人民共和国是工人阶级领导的、以工农联盟为基础的人民民主专政的社会主义国家。\n")
        .paragraphs[0]
        .anchor
    )
    assert anchor.startswith("p-中华人民共和国") and len(anchor) <= 2 + 6 * (anchors.MAX_WORD + 1)


def test_endnote_markers_become_links_and_are_listed() -> None:
    ch = scan("Treaty in 2023.[^1] More.[^2]\n")
    assert ch.endnotes == ["1", "2"]
    assert ch.paragraphs[0].text == "Treaty in 2023. More."
    assert (
        '<sup class="endnote-ref" id="endnote-ref-1"><a aria-label="Endnote 1" href="#endnotes">1</a></sup>'
        in rendered("Treaty.[^1]\n")
    )


def test_defined_footnotes_are_left_to_the_footnotes_extension() -> None:
    ch = scan("Text.[^1]\n\n[^1]: A real note.\n", extensions=[*chapters.DEFAULT_EXTENSIONS, "footnotes"])
    assert ch.endnotes == []


def test_code_stays_code() -> None:
    src = "Intro.\n\n    [[supports: x]]\n    [a](rec:nope)\n\n`[[supports: y]]` and `[b](rec:nope)`.\n\n```\n[[supports: z]]\n```\n"
    ch = scan(src)
    assert not ch.problems and not ch.passages and not ch.references


def test_html_blocks_and_comments_are_left_alone() -> None:
    ch = scan("<!-- a comment\n\n[[supports: x]]\n\n-->\n\n<div><code>[[cover]]</code></div>\n\nAfter.\n")
    assert not ch.problems and not ch.passages and [p.anchor for p in ch.paragraphs] == ["p-after"]


def test_a_directive_inside_an_html_block_would_show_as_text_so_it_is_reported() -> None:
    ch = scan("Intro.\n\n<div>\n[[cover]]\n</div>\n")
    assert [(p.line, p.column) for p in ch.problems] == [(4, 1)] and "inside an HTML block" in ch.problems[
        0
    ].message
    assert not scan("<div markdown>\n\nPara.\n\n[[supports: a]]\n\n</div>\n").problems


@pytest.mark.parametrize(
    "src, line, col, what",
    [
        ("Text. [[supports: x]]\n", 1, 7, "cannot stand here"),
        ("| a | b |\n| - | - |\n| c | [[supports: x]] |\n", 3, 7, "cannot stand here"),
        ("# H\n\n[[supports: a]]\n", 3, 1, "must come right after"),
        ("Para.\n\n[[supports:]]\n", 3, 1, "needs at least one"),
        ("[[pull-quote]]\n\nNot a quote.\n", 1, 1, "must be followed by a `>` quote"),
        ("Para.\n\n{: #stray }\n", 3, 1, "attribute list"),
        ('Para.\n\n<a href="rec:x">raw</a>\n', 3, 4, "written as HTML"),
        ("![A chart](c.png)\n\n[[supports: a]]\n", 3, 1, "follows a block without words of its own"),
        ("Text.\n\n[[supports blended-finance]]\n", 3, 1, "add the colon: `[[supports: blended-finance]]`"),
        ("Text.\n{: #endnotes }\n\nMore.[^1]\n", 2, 4, "already the id of a block the generator adds"),
        ("## Context {: #ctx }\n\nText.\n{: #ctx }\n", 4, 4, "already the id of a heading"),
        ("[[cite]]\n\nText.\n\n[[cite]]\n", 5, 1, "`[[cite]]` is already on this page"),
        ("See <rec:save-water> here.\n", 1, 5, "is read as an HTML tag and would disappear"),
    ],
)
def test_what_cannot_be_honoured_is_a_located_problem(src: str, line: int, col: int, what: str) -> None:
    ch = scan(src)
    assert [(p.path, p.line, p.column) for p in ch.problems] == [("report/x.md", line, col)], ch.problems
    assert what in ch.problems[0].message


def test_directives_in_quotes_lists_and_without_blank_lines_are_honoured() -> None:
    src = (
        "> Quoted argument.\n> [[supports: a]]\n\n- item one\n- item two\n\n[[supports: b]]\n\n"
        "Paragraph right before.\n[[supports: c]]\n## A heading right after\n"
    )
    ch = scan(src)
    assert not ch.problems
    assert [(p.anchor, [s.rec_id for s in p.supports]) for p in ch.passages] == [
        ("p-quoted-argument", ["a"]),
        ("p-item-two", ["b"]),
        ("p-paragraph-right-before", ["c"]),
    ]
    assert [s.at.line for p in ch.passages for s in p.supports] == [2, 7, 10]


def test_paragraph_followed_by_heading_or_setext_keeps_no_attribute_text() -> None:
    for src in ("Para.\n# Heading\n", "Para\n===\n\nNext.\n", "Para.\n<!-- c\n\nstill comment -->\n"):
        html = rendered(src)
        assert "{:" not in html and "[[" not in html


@pytest.mark.parametrize(
    "src",
    [
        '[a](rec:bogus "title")\n',
        "[d](<rec:bogus>)\n",
        "[g][r]\n\n[r]: rec:bogus\n",
        "[e](rec:bogus#frag)\n",
    ],
)
def test_rec_links_in_every_syntax_are_found(src: str) -> None:
    [ref] = scan(src).references
    assert ref.rec_id == "bogus" and ref.at.column >= 1


def test_tight_lists_stay_tight() -> None:
    html = rendered("- one\n- two\n\nAfter.\n")
    assert '<li data-paragraph="1" id="p-one">one</li>' in html and "<p>" not in html.split("</ul>")[0]


def test_entities_are_decoded_once_in_passage_text() -> None:
    ch = scan("Dash &mdash; and &lt;tag&gt; and AT&amp;T.\n")
    assert ch.paragraphs[0].text == "Dash — and <tag> and AT&T."


def test_front_matter_problems() -> None:
    assert chapters.front_matter_problems("---\ntitle: [\n---\nBody\n", "x.md")[0].line >= 2


def test_one_scanner_scans_chapter_after_chapter_as_fresh_scans_do() -> None:
    first = (
        "Dry years.[^1]\n\n[[supports: save-water]]\n\n[plan]: rec:save-water\n\n*[ROK]: Republic of Korea\n"
    )
    second = "See [the plan][plan].\n\n[[pull-quote]]\n> Pulled.\n\nWet years.\n"
    scanner = chapters.Scanner([*chapters.DEFAULT_EXTENSIONS, "abbr", "footnotes"])
    again = [scanner.scan(first, "one.md"), scanner.scan(second, "two.md")]
    fresh = [
        chapters.scan(text, uri, extensions=[*chapters.DEFAULT_EXTENSIONS, "abbr", "footnotes"])
        for text, uri in ((first, "one.md"), (second, "two.md"))
    ]
    assert again == fresh
    assert (
        again[1].references == [] and again[1].endnotes == []
    )  # nothing of the first chapter leaks into the second


def test_a_rec_link_in_capitals_is_a_rec_link() -> None:
    [ref] = scan("See [the plan](REC:save-water).\n").references
    assert (ref.rec_id, ref.at.line, ref.at.column) == ("save-water", 1, 20)


def test_a_list_items_permalink_follows_its_words_before_a_nested_list() -> None:
    html = markdown.markdown(
        "- outer words\n    - inner words\n",
        extensions=[*chapters.DEFAULT_EXTENSIONS, _renderer_ext()],
    )
    outer = html[html.index("<li") : html.index("<ul", 5)]
    assert outer.index("outer words") < outer.index("report-permalink")
    assert html.count("data-paragraph") == 2  # the nested item is a paragraph of its own


def _renderer_ext() -> PassageExtension:
    from test_passages import Renderer

    ext = PassageExtension()
    ext.renderer = Renderer()  # type: ignore[assignment]
    return ext
