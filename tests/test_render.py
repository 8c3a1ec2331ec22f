"""report_site/render.py: text from data is escaped for Markdown and HTML before mkdocs sees it; links are relative."""

from __future__ import annotations

import markdown

from report_site.render import escape_md, relative


def render(md: str) -> str:
    return markdown.markdown(md, extensions=["attr_list", "md_in_html"])


def test_script_and_attribute_injection_render_as_text() -> None:
    for title in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "*not* [a](link) `code` {: #x }"):
        html = render(f"[{escape_md(title)}](x.md)")
        assert "<script" not in html and "<img" not in html and "<em>" not in html and "<code>" not in html
        assert html.count("<a ") == 1


def test_relative_links_between_src_uris() -> None:
    assert relative("recommendations/a.md", "executive-summary.md") == "recommendations/a.md"
    assert relative("executive-summary.md#p-x", "recommendations/a.md") == "../executive-summary.md#p-x"
    assert relative("recommendations/index.md#china", "recommendations/a.md") == "index.md#china"


def test_the_theme_is_compiled_once_across_builds_and_renders_the_same(mini, monkeypatch, tmp_path) -> None:
    """``theme_cache`` (on by default): a build loads the theme's templates compiled by an earlier build
    (Jinja's bytecode cache, keyed by each template's source) instead of compiling them; the pages are
    the same bytes as a build that compiles every template."""
    import jinja2

    from helpers import build_here

    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # a private cache folder for this test
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # tempfile re-reads TMPDIR
    compiled: list[str] = []
    parse = jinja2.Environment._parse
    monkeypatch.setattr(jinja2.Environment, "_parse", lambda self, source, name, filename: compiled.append(name) or parse(self, source, name, filename))

    assert build_here(mini, tmp_path / "first", env={"TMPDIR": str(tmp_path / "tmp")}).returncode == 0
    first = list(compiled)
    compiled.clear()
    assert build_here(mini, tmp_path / "second", env={"TMPDIR": str(tmp_path / "tmp")}).returncode == 0
    assert "base.html" in first and "main.html" in first
    assert "base.html" not in compiled and "main.html" not in compiled and len(compiled) < len(first) / 4, compiled
    compiled.clear()
    (mini / "mkdocs.yml").write_text((mini / "mkdocs.yml").read_text("utf-8").replace(
        "  - report-site:\n", "  - report-site:\n      theme_cache: false\n", 1), "utf-8")
    assert build_here(mini, tmp_path / "third", env={"TMPDIR": str(tmp_path / "tmp")}).returncode == 0
    assert "base.html" in compiled and "main.html" in compiled
    for page in ("index.html", "one/index.html", "recommendations/index.html"):
        assert (tmp_path / "second" / page).read_bytes() == (tmp_path / "third" / page).read_bytes()
