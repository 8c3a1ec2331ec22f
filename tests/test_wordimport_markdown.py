"""report_site/wordimport/markdown.py: Word's text written so that Python-Markdown renders it as written."""

from __future__ import annotations

import markdown as python_markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from report_site.wordimport.markdown import escape, escape_lines

#: What the imported project's pages are rendered with: mkdocs' defaults, the skeleton's, the plugin's own
#: (footnotes, admonition) and the import's sane_lists.
EXTENSIONS = ["tables", "toc", "attr_list", "md_in_html", "footnotes", "admonition", "sane_lists"]
#: Characters and runs that mean something to Markdown or HTML, and ordinary text around them.
PIECES = [
    *"ab 1.#*_-+>!=[]()`\\<>&;{}:|^~\"'\u00a0’—",
    "&amp;",
    "&copy;",
    "&#1",
    "<b>",
    "http://x.y",
    "1. ",
    "- ",
    "    ",
    "\n",
]


def _rendered(text: str) -> str:
    """The paragraph written for ``text`` (its line breaks as Word's), rendered, as the reader reads it."""
    written = escape_lines(escape(text).replace("\n", "<br>\n"))
    soup = BeautifulSoup(python_markdown.markdown(written, extensions=EXTENSIONS), "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("")
    return soup.get_text()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_any_text_renders_as_written(text: str) -> None:
    text = "\n".join(line.strip(" ") for line in text.split("\n")).strip()
    if text and "\n\n" not in text:  # a paragraph's text: blank lines end paragraphs
        assert _rendered(text) == text


def test_what_looks_like_markdown_is_escaped_readably() -> None:
    assert (
        escape_lines(escape("# 1. *a* _b_ [[c]] `d` a|b"))
        == "\\# 1. \\*a\\* \\_b\\_ \\[\\[c\\]\\] \\`d\\` a\\|b"
    )
    assert (
        escape_lines("1. item") == "1\\. item"
        and escape_lines("- x") == "\\- x"
        and escape_lines("> q") == "\\> q"
    )
    assert escape("AT&T 3 < 4 <b> &amp; &#169;") == "AT&T 3 < 4 &lt;b> &amp;amp; &amp;#169;"
    assert escape_lines("==") == "&#61;=" and escape_lines("    code") == "code"
    assert escape("non\u00a0breaking") == "non\u00a0breaking"  # written as the character itself
