"""report_site/render.py: text from data is escaped for Markdown and HTML before mkdocs sees it; links are relative."""

from __future__ import annotations

import markdown

from report_site.pages.render import escape_md, relative


def render(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "md_in_html"])


def test_script_and_attribute_injection_render_as_text() -> None:
    for title in (
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "*not* [a](link) `code` {: #x }",
    ):
        html = render(f"[{escape_md(title)}](x.md)")
        assert "<script" not in html and "<img" not in html and "<em>" not in html and "<code>" not in html
        assert html.count("<a ") == 1


def test_relative_links_between_src_uris() -> None:
    assert relative("recommendations/a.md", "executive-summary.md") == "recommendations/a.md"
    assert relative("executive-summary.md#p-x", "recommendations/a.md") == "../executive-summary.md#p-x"
    assert relative("recommendations/index.md#china", "recommendations/a.md") == "index.md#china"
