"""Chapter parsing and rewriting: Markdown in, Markdown out."""

from __future__ import annotations

from report_site import chapters
from report_site.chapters import Block


def expand_stub(kind: str, block: Block) -> str:
    """Name what would be generated, so the rewrite itself is visible."""
    if kind == "rec-links":
        return block.lines[0].replace("](rec:", "](generated/")
    if kind == "supports":
        return "<SUPPORTS " + ",".join(a for d in block.supports for a in d.args) + ">"
    if kind == "endnotes":
        return "<NOTES " + ",".join(block.lines) + ">"
    return f"<{kind.upper()}>"


def test_paragraphs_get_content_derived_anchors_and_supports_attach() -> None:
    src = "# Title\n\nThe alliance’s weathering of that period.\n\n[[supports: a, b]]\n\nSecond paragraph here.\n"
    ch = chapters.parse(src, "x.md")
    assert ch.title == "Title"
    paras = [b for b in ch.blocks if b.kind == "paragraph"]
    assert [p.anchor for p in paras] == ["p-the-alliances-weathering-of-that-period", "p-second-paragraph-here"]
    assert [d.args for d in paras[0].supports] == [("a", "b")]
    assert paras[0].start == 3
    assert chapters.rewrite(ch, expand_stub) == (
        "# Title\n\nThe alliance’s weathering of that period.\n{: #p-the-alliances-weathering-of-that-period }"
        "\n\n<SUPPORTS a,b>\n\nSecond paragraph here.\n{: #p-second-paragraph-here }\n"
    )


def test_anchor_is_stable_when_other_text_changes() -> None:
    a = chapters.parse("First.\n\nThe target paragraph stays.\n", "x.md")
    b = chapters.parse("A new opening paragraph.\n\nFirst, rewritten.\n\nThe target paragraph stays.\n", "x.md")
    assert a.blocks[-1].anchor == b.blocks[-1].anchor == "p-the-target-paragraph-stays"


def test_repeated_openings_and_explicit_ids() -> None:
    ch = chapters.parse("Same words here.\n\nSame words here.\n\nOwn id.\n{: #mine }\n", "x.md")
    assert [b.anchor for b in ch.blocks] == ["p-same-words-here", "p-same-words-here-2", "mine"]


def test_line_numbers_include_front_matter_offset() -> None:
    ch = chapters.parse("Para.\n\n[[supports: nope]]\n", "x.md", line_offset=4)
    assert ch.blocks[1].directive.line == 7


def test_endnote_markers_become_links_and_a_notes_section() -> None:
    ch = chapters.parse("Treaty in 2023.[^1] More.[^2]\n", "x.md")
    out = chapters.rewrite(ch, expand_stub)
    assert '2023.<sup class="endnote-ref" id="endnote-ref-1"><a href="#endnotes" aria-label="Endnote 1">1</a></sup>' in out
    assert out.rstrip().endswith("<NOTES 1,2>")


def test_defined_footnotes_are_left_to_markdown() -> None:
    ch = chapters.parse("Text.[^1]\n\n[^1]: A real note.\n", "x.md")
    out = chapters.rewrite(ch, expand_stub)
    assert "[^1]" in out and "NOTES" not in out


def test_pull_quote_and_block_directives() -> None:
    ch = chapters.parse("[[cover]]\n\n[[pull-quote]]\n> Quoted words.\n\nBody.\n", "x.md")
    assert chapters.rewrite(ch, expand_stub) == "<COVER>\n\n<PULL-QUOTE>\n\nBody.\n{: #p-body }\n"


def test_rec_links_and_code_is_untouched() -> None:
    ch = chapters.parse("1. [Do it](rec:do-it);\n\n```\n[[supports: x]]\n```\n", "x.md")
    out = chapters.rewrite(ch, expand_stub)
    assert "1. [Do it](generated/do-it);\n    {: #p-do-it }" in out
    assert "```\n[[supports: x]]\n```" in out
    assert not ch.problems


def test_misplaced_and_unknown_directives_are_problems() -> None:
    ch = chapters.parse("# H\n\n[[supports: a]]\n\n[[pullquote]]\n\n[[pull-quote]]\n\nNot a quote.\n", "x.md")
    messages = [(p.line, p.message.split(";")[0]) for p in ch.problems]
    assert messages[0] == (3, "`[[supports: …]]` must come right after the paragraph it marks")
    assert messages[1][0] == 5 and "unknown directive `[[pullquote]]`" in messages[1][1]
    assert messages[2][0] == 7


def test_plain_text_strips_markup() -> None:
    assert chapters.plain_text("1. [Broaden *the* alliance](rec:x);[^3]") == "Broaden the alliance;"
