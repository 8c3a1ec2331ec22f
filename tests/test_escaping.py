"""Text from the YAML is data, never markup: hostile titles come out as literal text.

One real build of the report with two recommendation titles (and a focus area title)
replaced by classic injections; every page, the <title>, the <meta> tags and the search
index are read back with an HTML parser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import Built, build_here, copy_project

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
AREA = "China & <b>friends</b> | {: #x } =="
HOSTILE = {
    "cyber-and-space": SCRIPT,
    "reciprocal-defense-procurement": ATTRIBUTE,
}


def yaml_string(text: str) -> str:
    return json.dumps(text)  # JSON strings are YAML strings


def build_hostile(where: Path) -> Built:
    """The report with injections for titles, built by build_site.py (also used by the browser test)."""
    project = copy_project(where / "p")
    data = project / "recommendations.yaml"
    text = data.read_text("utf-8")
    text = text.replace(
        "title: Deepen U.S.-ROK cooperation in the cyber and space domains", f"title: {yaml_string(SCRIPT)}"
    )
    text = text.replace(
        "title: Negotiate a U.S.-ROK reciprocal defense procurement agreement",
        f"title: {yaml_string(ATTRIBUTE)}",
    )
    text = text.replace("title: Coordination on China", f"title: {yaml_string(AREA)}")
    data.write_text(text, "utf-8")
    result = build_here(project, project / "site")
    assert result.returncode == 0, result.stderr
    return Built(project, project / "site")


def pages(built: Built) -> list[Path]:
    return sorted(built.site.rglob("*.html"))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_no_page_contains_injected_markup(hostile: Built) -> None:
    for path in pages(hostile):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        rel = path.relative_to(hostile.site)
        data_types = ("application/ld+json", "application/json")  # data, never run: must stay JSON
        assert not [
            s
            for s in soup.find_all("script")
            if "alert(1)" in s.get_text() and s.get("type") not in data_types
        ], rel
        for data in soup.find_all("script", type=list(data_types)):
            assert "</" not in data.get_text(), rel
            json.loads(data.get_text())
        assert not soup.find_all("img", src="x"), rel
        assert not soup.find_all("b", string="friends"), rel
        handlers = [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")]
        assert not handlers, (rel, handlers)


@pytest.mark.parametrize("rec_id,number", [("cyber-and-space", 7), ("reciprocal-defense-procurement", 8)])
def test_recommendation_page_shows_the_title_literally(hostile: Built, rec_id: str, number: int) -> None:
    title = HOSTILE[rec_id]
    soup = hostile.soup(f"recommendations/{rec_id}/index.html")
    assert (
        squash(soup.select_one("article h1").get_text()).removesuffix("¶").strip()
        == f"Recommendation {number}: {title}"
    )
    assert soup.title.get_text() == f"Recommendation {number}: {title} - Peninsula Plus"
    description = soup.find("meta", attrs={"name": "description"})
    assert description["content"].endswith(f": {title}")
    # every other head metadata that mentions the title carries it whole, as text
    for meta in soup.head.find_all("meta"):
        if "alert(1)" in meta.get("content", ""):
            assert title in meta["content"], meta
    nav = [squash(a.get_text()) for a in soup.select("nav a")]
    assert any(f"Recommendation {number}: {title}" in label for label in nav), nav
    assert (
        soup.select_one(".md-header__topic:last-child").get_text().strip()
        == f"Recommendation {number}: {title}"
    )


def test_index_and_landing_page_list_the_titles_literally(hostile: Built) -> None:
    index = squash(hostile.soup("recommendations/index.html").select_one("article").get_text())
    landing = squash(hostile.soup("index.html").select_one("article").get_text())
    for title in HOSTILE.values():
        assert title in index
        assert title in landing
    assert f"{AREA} " in index or index.count(AREA) >= 1
    assert AREA in squash(
        hostile.soup("recommendations/threats-from-china/index.html").select_one("article").get_text()
    )


def test_search_index_holds_the_titles_as_escaped_text(hostile: Built) -> None:
    docs = json.loads((hostile.site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs}
    for rec_id, title in HOSTILE.items():
        entry = by_location[f"recommendations/{rec_id}/"]
        fragment = BeautifulSoup(entry["title"], "html.parser")  # Material shows it as HTML
        assert not fragment.find_all(True), entry["title"]
        assert fragment.get_text().endswith(title)
    for d in docs:
        fragment = BeautifulSoup(d["title"] + d["text"], "html.parser")
        assert not fragment.find_all(["script", "img", "b"]), d["location"]


def test_escaped_text_shows_no_stray_backslashes() -> None:
    import markdown

    from report_site.pages.render import escape_md

    text = 'a = b | c ~ d ^ e * f _ g # h + i [j] {k} `l` <m> & "n"'
    html = markdown.markdown(f"[{escape_md(text)}](x.md)", extensions=["attr_list", "md_in_html", "toc"])
    assert BeautifulSoup(html, "html.parser").a.get_text() == text


def test_theme_striptags_keeps_text_escaped_in_every_template(hostile: Built) -> None:
    """The generic guard: any partial (ours, Material's, future head metadata) may use striptags."""
    from markupsafe import Markup
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(hostile.root / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=get_files(config))
    template = env.from_string(
        '<title>{{ t | striptags }}</title><meta content="{{ t | striptags }}"><b>{{ t | striptags | e }}</b>'
    )
    for title in (SCRIPT, ATTRIBUTE):
        html = template.render(t=Markup.escape(title))
        soup = BeautifulSoup(html, "html.parser")
        assert soup.title.get_text() == title and soup.meta["content"] == title and soup.b.get_text() == title
        assert not soup.find_all(["script", "img"])
    assert env.from_string("{{ t | striptags }}").render(t="<em>A</em> &amp; B") == "A &amp; B"
