"""Whitespace compaction must never change what a page renders."""

from __future__ import annotations

from bs4 import BeautifulSoup

from report_site.pages.compact import compact_html


def test_gaps_between_tags_shrink_but_raw_text_and_nbsp_stay() -> None:
    html = (
        "<nav>\n      <ul>\n        <li>\n          <a href='x'>A</a>\n        </li>\n      </ul>\n    </nav>"
        "<pre><code>a\n\n    b\n</code></pre>\n   <script>\nvar a = 1\n\n  var b = 2\n</script>"
        "<textarea>\n  keep\n</textarea>\n  <style>\n a { }\n</style>\n  <p>x</p>\u00a0\n<b>y</b>"
        "<span>one\n   two</span>  <i>same line</i>"
    )
    out = compact_html(html)
    assert "<nav>\n<ul>\n<li>\n<a href='x'>A</a>\n</li>\n</ul>\n</nav>" in out
    assert "<pre><code>a\n\n    b\n</code></pre>" in out
    assert "<script>\nvar a = 1\n\n  var b = 2\n</script>" in out
    assert "<textarea>\n  keep\n</textarea>" in out and "<style>\n a { }\n</style>" in out
    assert "</p>\u00a0\n<b>" in out  # a non-breaking space is content
    assert "one\n   two" in out and "</span>  <i>" in out  # text and same-line gaps untouched


RAW = ("pre", "textarea", "script", "style")


def rendered_text(html: str) -> str:
    """The text a browser shows, with HTML's whitespace collapsing applied."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def raw_contents(html: str) -> list[str]:
    """The exact contents of the elements whose whitespace is significant."""
    return [str(el) for el in BeautifulSoup(html, "html.parser").find_all(RAW)]


def test_material_output_compacts_without_changing_what_a_reader_sees(site) -> None:
    """404.html is Material's output as rendered (the plugin compacts only pages it builds)."""
    original = site.html("404.html")
    compacted = compact_html(original)
    assert rendered_text(compacted) == rendered_text(original)
    assert raw_contents(compacted) == raw_contents(original) != []
    assert [t.name for t in BeautifulSoup(compacted, "html.parser").find_all(True)] == [
        t.name for t in BeautifulSoup(original, "html.parser").find_all(True)
    ]
    assert len(compacted) < 0.9 * len(original)


def test_built_pages_are_compacted_once(site) -> None:
    for rel in ("index.html", "recommendations/index.html"):
        page = site.html(rel)
        assert compact_html(page) == page  # compacting again changes nothing
        nav = page[page.index("<nav") : page.rindex("</nav>")]
        assert (
            "\n <" not in nav and nav.count("\n<") > 20
        )  # tags on their own lines, without the templates' indentation
