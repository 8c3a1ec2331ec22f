"""Head metadata on every built page (report_site/outputs/head.py, partials/report-head.html):
Highwire citation_* tags, Open Graph, Twitter card, canonical link, description and JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import Built, build_here, copy_project

SITE_URL = "https://example.org/peninsula-plus/"
TITLE = "Peninsula Plus: Enhancing U.S.–South Korea Alliance Cooperation on China, Multilateralism, and Military and Security Technologies"
PUB = "Center for a New American Security"


def pages(built: Built) -> list[str]:
    return sorted(p.relative_to(built.site).as_posix() for p in built.site.rglob("index.html"))


def metas(soup: BeautifulSoup, attr: str, name: str) -> list[str]:
    return [m["content"] for m in soup.head.find_all("meta", attrs={attr: name})]


def jsonld(soup: BeautifulSoup) -> dict:
    scripts = soup.head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def page_url(rel: str) -> str:
    return SITE_URL + rel[: -len("index.html")]


def test_every_page_has_highwire_tags(published: Built) -> None:
    for rel in pages(published):
        soup = published.soup(rel)
        assert metas(soup, "name", "citation_title") == [TITLE], rel
        assert metas(soup, "name", "citation_author") == ["Jacob Stokes", "Joshua Fitt"]
        assert metas(soup, "name", "citation_publication_date") == ["2023/03/15"]
        assert metas(soup, "name", "citation_publisher") == [PUB]
        assert metas(soup, "name", "citation_technical_report_institution") == [PUB]
        assert metas(soup, "name", "citation_language") == ["en"]
        assert metas(soup, "name", "citation_pdf_url") == [SITE_URL + "peninsula-plus.pdf"]


def test_every_page_has_one_canonical_description_and_social_tags(published: Built) -> None:
    for rel in pages(published):
        soup = published.soup(rel)
        canonical = soup.head.find_all("link", rel="canonical")
        assert [c["href"] for c in canonical] == [page_url(rel)], rel
        descriptions = metas(soup, "name", "description")
        assert len(descriptions) == 1 and descriptions[0].strip(), rel
        assert metas(soup, "property", "og:url") == [page_url(rel)]
        assert metas(soup, "property", "og:description") == descriptions
        assert metas(soup, "name", "twitter:description") == descriptions
        assert metas(soup, "property", "og:site_name") == ["Peninsula Plus"]
        assert metas(soup, "name", "twitter:card") == [
            "summary_large_image"
        ]  # a social card on every page (outputs/cards.py)
        assert len(metas(soup, "property", "og:title")) == 1


def test_descriptions_are_per_page(published: Built) -> None:
    descriptions = {rel: metas(published.soup(rel), "name", "description")[0] for rel in pages(published)}
    chapter = descriptions["introduction/index.html"]
    assert chapter.startswith(
        "The United States–Republic of Korea (ROK or South Korea) alliance has entered a critical phase."
    )
    assert descriptions["executive-summary/index.html"] != chapter
    recs = [
        d
        for rel, d in descriptions.items()
        if rel.startswith("recommendations/") and rel != "recommendations/index.html"
    ]
    assert len(set(recs)) == 9


def test_json_ld_describes_the_report(published: Built) -> None:
    for rel in pages(published):
        data = jsonld(published.soup(rel))
        assert data["@context"] == "https://schema.org"
        graph = data.get("@graph", [data])
        report = next(n for n in graph if n["@type"] == "Report")
        assert report["name"] == TITLE
        assert [a["name"] for a in report["author"]] == ["Jacob Stokes", "Joshua Fitt"]
        assert all(a["@type"] == "Person" for a in report["author"])
        assert report["publisher"] == {"@type": "Organization", "name": PUB}
        assert report["datePublished"] == "2023-03-15"
        assert report["inLanguage"] == "en"
        assert report["url"] == SITE_URL
        assert report["encoding"]["contentUrl"] == SITE_URL + "peninsula-plus.pdf"
        if rel != "index.html":  # parts are listed once, on the home page (not pages × parts)
            assert "hasPart" not in report
            continue
        parts = report["hasPart"]
        assert [p["name"] for p in parts if p["@type"] == "Chapter"] == ["Executive Summary", "Introduction"]
        assert len([p for p in parts if p["name"].startswith("Recommendation ")]) == 9
        for part in parts:
            assert part["url"].startswith(SITE_URL)
            assert (published.site / part["url"][len(SITE_URL) :] / "index.html").is_file()
    for rel in pages(published):
        if rel != "index.html":
            graph = jsonld(published.soup(rel))["@graph"]
            page = next(n for n in graph if n["@type"] == "WebPage")
            assert page["url"] == page_url(rel)
            assert page["isPartOf"] == {"@id": SITE_URL + "#report"}


def test_local_build_omits_absolute_urls(site: Built) -> None:
    """Without SITE_URL nothing claims an address: no canonical, og:url or PDF URL; JSON-LD links are relative."""
    for rel in ("index.html", "introduction/index.html", "recommendations/trilateral-cooperation/index.html"):
        soup = site.soup(rel)
        assert not soup.head.find_all("link", rel="canonical")
        assert not metas(soup, "property", "og:url")
        assert not metas(soup, "name", "citation_pdf_url")
        assert metas(soup, "name", "citation_title") == [TITLE]
        data = jsonld(soup)
        report = data.get("@graph", [data])[0]
        for part in report.get("hasPart", []):
            assert "://" not in part["url"]
            target = (site.site / rel).parent / part["url"] / "index.html"
            assert target.resolve().is_file(), (rel, part["url"])


@pytest.mark.slow
def test_hostile_metadata_is_inert(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = text.replace(
        "        title: Peninsula Plus\n",
        '        title: "</script><script>alert(\'x\')</script> & \\"quotes\\""\n',
    )
    text = text.replace("          - Joshua Fitt\n", '          - "<img src=x onerror=alert(1)>"\n')
    config.write_text(text, "utf-8")
    data = project / "recommendations.yaml"
    data.write_text(
        data.read_text("utf-8").replace(
            "title: Deepen U.S.-ROK cooperation in the cyber and space domains",
            'title: "Deepen </script><script>alert(3)</script> cooperation"',
        ),
        "utf-8",
    )
    result = build_here(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for html in (tmp_path / "out").rglob("index.html"):
        raw = html.read_text("utf-8")
        assert "<script>alert('x')" not in raw, (
            html
        )  # the metadata title (alert(3), a nav title, is Material's nav: not checked here)
        assert "<img src=x" not in raw, html
        soup = BeautifulSoup(raw, "html.parser")
        assert metas(soup, "name", "citation_title")[0].startswith(
            "</script><script>alert('x')</script> & \"quotes\""
        )
        data = jsonld(soup)  # still one valid JSON-LD block: `</` is escaped inside it
        report = data.get("@graph", [data])[0]
        assert report["author"][1]["name"] == "<img src=x onerror=alert(1)>"
        if html == tmp_path / "out" / "index.html":
            assert any("</script><script>alert(3)</script>" in p["name"] for p in report["hasPart"])
        for script in soup.head.find_all("script"):  # nothing from the data became a script element in <head>
            assert "alert(" not in (script.string or "") or script.get("type") == "application/ld+json"
        for el in soup.select("details.report-cite, section.report-cite-block"):
            assert not el.find_all(["script", "img"])
    cite = BeautifulSoup(
        (tmp_path / "out/recommendations/cyber-and-space/index.html").read_text("utf-8"), "html.parser"
    )
    assert (
        "Deepen </script><script>alert(3)</script> cooperation"
        in cite.select_one("details.report-cite").get_text()
    )


def test_json_ld_carries_the_edition_and_each_correction(living: Built) -> None:
    from helpers import LIVING_URL

    home = jsonld(living.soup("index.html"))
    assert (home["dateModified"], home["version"]) == ("2024-04-01", "1.1")
    assert [(c["@type"], c["datePublished"], c["url"]) for c in home["correction"]] == [
        ("CorrectionComment", "2024-02-10", LIVING_URL + "one/#p-dry-years-are-getting-longer"),
        ("CorrectionComment", "2024-04-01", LIVING_URL + "two/#p-trees-hold-soil"),
    ]
    graph = jsonld(living.soup("one/index.html"))["@graph"]
    report, page = graph
    assert (
        report["dateModified"] == "2024-04-01" and "correction" not in report
    )  # listed once, on the home page
    assert page["dateModified"] == "2024-02-10"
    assert [c["text"] for c in page["correction"]] == [
        "Test fixture: a made-up correction of this paragraph."
    ]
    rec = jsonld(living.soup("recommendations/save-water/index.html"))["@graph"][1]
    assert rec["dateModified"] == "2024-09-15" and "correction" not in rec
    assert metas(
        living.soup("recommendations/save-water/index.html"), "property", "article:modified_time"
    ) == ["2024-09-15"]


def test_an_uncorrected_report_claims_no_modification(published: Built) -> None:
    for rel in pages(published):
        soup = published.soup(rel)
        data = jsonld(soup)
        assert "dateModified" not in json.dumps(data) and "correction" not in json.dumps(data)
        assert not metas(soup, "property", "article:modified_time")
