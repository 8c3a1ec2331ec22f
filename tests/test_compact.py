"""Whitespace compaction must never change what a page renders."""

from __future__ import annotations

from bs4 import BeautifulSoup

from report_site.compact import compact_html


def test_gaps_between_tags_shrink_but_raw_text_and_nbsp_stay() -> None:
    html = ("<nav>\n      <ul>\n        <li>\n          <a href='x'>A</a>\n        </li>\n      </ul>\n    </nav>"
            "<pre><code>a\n\n    b\n</code></pre>\n   <script>\nvar a = 1\n\n  var b = 2\n</script>"
            "<textarea>\n  keep\n</textarea>\n  <style>\n a { }\n</style>\n  <p>x</p>\u00a0\n<b>y</b>"
            "<span>one\n   two</span>  <i>same line</i>")
    out = compact_html(html)
    assert "<nav>\n<ul>\n<li>\n<a href='x'>A</a>\n</li>\n</ul>\n</nav>" in out
    assert "<pre><code>a\n\n    b\n</code></pre>" in out
    assert "<script>\nvar a = 1\n\n  var b = 2\n</script>" in out
    assert "<textarea>\n  keep\n</textarea>" in out and "<style>\n a { }\n</style>" in out
    assert "</p>\u00a0\n<b>" in out  # a non-breaking space is content
    assert "one\n   two" in out and "</span>  <i>" in out  # text and same-line gaps untouched


def test_compaction_keeps_the_rendered_text_of_a_built_page(site) -> None:
    chapter = next(p for p in sorted(site.site.glob("*/index.html")) if p.parent.name not in ("recommendations", "search"))
    original = chapter.read_text("utf-8")  # any chapter: the site is whichever report the repository publishes
    # the built site is already compacted; compacting again is a no-op
    assert compact_html(original) == original
    soup = BeautifulSoup(original, "html.parser")
    assert soup.find("nav") is not None
    assert " ".join(soup.get_text().split())
