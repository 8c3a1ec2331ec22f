"""Citation formats (report_site/outputs/citation.py), checked against the style guides' patterns
and against the files the build publishes (BibTeX parsed by bibtexparser, RIS tags)."""

from __future__ import annotations

import datetime as dt
import re

import bibtexparser
import pytest
import yaml
from helpers import PENINSULA, Built

from report_site.data import loader
from report_site.data.model import Published, shorten
from report_site.outputs import citation

META = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", '""', (PENINSULA / "mkdocs.yml").read_text("utf-8")))
METADATA = next(p["report-site"] for p in META["plugins"] if isinstance(p, dict) and "report-site" in p)[
    "metadata"
]
FULL = "Peninsula Plus: Enhancing U.S.–South Korea Alliance Cooperation on China, Multilateralism, and Military and Security Technologies"
SENTENCE = "Peninsula Plus: Enhancing U.S.–South Korea alliance cooperation on China, multilateralism, and military and security technologies"
PUB = "Center for a New American Security"
SITE_URL = "https://example.org/peninsula-plus/"  # as built by the `published` fixture
URL = SITE_URL


@pytest.fixture()
def work() -> citation.Work:
    return citation.Work.from_meta(METADATA, url=URL)


def text(runs: list[citation.Run]) -> str:
    return citation.to_text(runs)


def test_metadata_is_the_reports(work: citation.Work) -> None:
    assert work.full_title == FULL
    assert [a.display for a in work.authors] == ["Jacob Stokes", "Joshua Fitt"]
    assert work.published == Published(2023, 3, 15)
    assert work.apa_title == SENTENCE


def test_apa_report_by_individual_authors_at_an_institution(work: citation.Work) -> None:
    # APA 7 §10.4: Author, A., & Author, B. (Year). *Title in sentence case*. Publisher. URL
    assert text(citation.apa(work)) == f"Stokes, J., & Fitt, J. (2023). {SENTENCE}. {PUB}. {URL}"
    italic = [r.text for r in citation.apa(work) if r.italic]
    assert italic == [SENTENCE]


def test_chicago_note_and_bibliography(work: citation.Work) -> None:
    assert text(citation.chicago_note(work)) == f"Jacob Stokes and Joshua Fitt, {FULL} ({PUB}, 2023), {URL}."
    assert (
        text(citation.chicago_bibliography(work))
        == f"Stokes, Jacob, and Joshua Fitt. {FULL}. {PUB}, 2023. {URL}."
    )


def test_mla_9(work: citation.Work) -> None:
    assert (
        text(citation.mla(work))
        == f"Stokes, Jacob, and Joshua Fitt. {FULL}. {PUB}, 15 Mar. 2023, example.org/peninsula-plus/."
    )


def test_a_page_is_cited_as_part_of_the_report() -> None:
    part = citation.Work.from_meta(
        METADATA,
        url=URL,
        part_title="Recommendation 4: Take a bold approach to boosting U.S.-ROK-Japan trilateral cooperation",
        part_url=URL + "recommendations/trilateral-cooperation/",
    )
    page = URL + "recommendations/trilateral-cooperation/"
    assert text(citation.apa(part)) == (
        f"Stokes, J., & Fitt, J. (2023). Recommendation 4: Take a bold approach to boosting U.S.-ROK-Japan trilateral cooperation. In {SENTENCE}. {PUB}. {page}"
    )
    assert text(citation.mla(part)) == (
        "Stokes, Jacob, and Joshua Fitt. “Recommendation 4: Take a Bold Approach to Boosting U.S.-ROK-Japan Trilateral Cooperation.” "
        f"{FULL}, {PUB}, 15 Mar. 2023, example.org/peninsula-plus/recommendations/trilateral-cooperation/."
    )
    assert text(citation.chicago_bibliography(part)).startswith(
        "Stokes, Jacob, and Joshua Fitt. “Recommendation 4: Take a Bold Approach"
    )


def test_without_an_address_no_url_is_invented() -> None:
    local = citation.Work.from_meta(METADATA)
    for _, _, fn in citation.STYLES:
        assert "http" not in text(fn(local))
    assert "UR  -" not in citation.ris(local)
    assert "url" not in citation.bibtex(local)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Take a bold approach to boosting U.S.-ROK-Japan trilateral cooperation",
            "Take a Bold Approach to Boosting U.S.-ROK-Japan Trilateral Cooperation",
        ),
        ("a larger global role—especially from Beijing", "A Larger Global Role—Especially from Beijing"),
        ("Recommendation 2: to be or not", "Recommendation 2: To Be or Not"),
        ("what it is for", "What It Is For"),
    ],
)
def test_headline_case(raw: str, expected: str) -> None:
    assert citation.headline_case(raw) == expected


def test_names_and_initials() -> None:
    assert citation.initials("Mary-Ann") == "M.-A."
    assert citation.initials("J. Robert") == "J. R."
    three = citation.Work.from_meta(
        {**METADATA, "authors": ["Ada Lovelace", "Charles Babbage", "Mary Somerville"]}
    )
    assert text(citation.apa(three)).startswith("Lovelace, A., Babbage, C., & Somerville, M. (2023).")
    assert text(citation.chicago_bibliography(three)).startswith(
        "Lovelace, Ada, Charles Babbage, and Mary Somerville."
    )
    assert text(citation.mla(three)).startswith("Lovelace, Ada, et al.")  # MLA 9: three or more → et al.
    assert text(citation.chicago_note(three)).startswith(
        "Ada Lovelace et al.,"
    )  # Chicago 18 notes: 3+ → et al.


def test_html_is_escaped() -> None:
    hostile = citation.Work.from_meta(
        {**METADATA, "title": "<script>alert(1)</script>", "subtitle": "A & B", "sentence_case_title": ""}
    )
    html = citation.to_html(citation.apa(hostile))
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html


def test_bibtex_file_parses(published: Built) -> None:
    bib = (published.site / "peninsula-plus.bib").read_text("utf-8")
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "techreport"
    fields = entry.fields_dict
    assert fields["author"].value == "Stokes, Jacob and Fitt, Joshua"
    assert (
        fields["title"].value
        == "{Peninsula Plus: Enhancing U.S.--South Korea Alliance Cooperation on China, Multilateralism, and Military and Security Technologies}"
    )
    assert fields["institution"].value == "{" + PUB + "}"
    assert fields["year"].value == "2023"
    assert fields["url"].value == SITE_URL
    assert not {"number", "doi"} & set(fields)  # none is invented


def test_bibtex_escapes_specials() -> None:
    bib = citation.bibtex(citation.Work.from_meta({**METADATA, "publisher": "R&D {Lab} 100%"}))
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    assert (
        r"R\&D \textbraceleft{}Lab\textbraceright{} 100\%"
        in library.entries[0].fields_dict["institution"].value
    )


HOSTILE = [
    "A } title",
    "A { title",
    "}{",
    "50% of $5 & #1 ~ ^ _ \\ end",
    "@techreport{x,",
    "Quote \" and ' and “curly”",
    "Ümlaut – dash — ok",
    "",
]


def _balanced(text: str) -> bool:
    """BibTeX's own rule: braces pair up, backslashes notwithstanding."""
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("title", HOSTILE)
def test_bibtex_of_any_title_parses_whole_in_two_parsers(title: str) -> None:
    from pybtex.database import parse_string

    meta = {**METADATA, "title": title or "x", "subtitle": title, "publisher": title or "p"}
    bib = citation.bibtex(citation.Work.from_meta(meta, url="https://example.org/{a}%20b/"))
    assert _balanced(bib), bib
    [entry] = parse_string(
        bib, "bibtex"
    ).entries.values()  # pybtex follows BibTeX: an unbalanced field swallows the rest
    assert set(entry.fields) == {"title", "institution", "year", "month", "date", "type", "url"}, bib
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks and len(library.entries) == 1
    assert library.entries[0].fields_dict["year"].value == str(METADATA["published"].year)


@pytest.mark.parametrize("title", HOSTILE + ["Two\nlines\r\nER  - ", "TY  - JOUR"])
def test_ris_of_any_title_stays_one_record(title: str) -> None:
    ris = citation.ris(citation.Work.from_meta({**METADATA, "title": title or "x", "subtitle": title}))
    lines = ris.split("\r\n")
    assert lines[-1] == "" and lines[-2] == "ER  - " and sum(ln.startswith("ER  -") for ln in lines) == 1
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", ln) for ln in lines[:-1]), lines
    [ti] = [ln[6:] for ln in lines if ln.startswith("TI  - ")]
    assert ti == " ".join(f"{title or 'x'}: {title}".split()) if title else ti == "x"


def test_ris_file_has_the_required_tags(published: Built) -> None:
    raw = (published.site / "peninsula-plus.ris").read_bytes().decode("utf-8")
    lines = raw.split("\r\n")
    assert lines[0] == "TY  - RPRT" and lines[-2] == "ER  - " and lines[-1] == ""
    tags: dict[str, list[str]] = {}
    for line in lines[:-1]:
        m = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert m, line
        tags.setdefault(m.group(1), []).append(m.group(2))
    for tag in ("TY", "AU", "TI", "PY", "PB", "UR", "ER"):
        assert tag in tags, tag
    assert tags["AU"] == ["Stokes, Jacob", "Fitt, Joshua"]
    assert (
        tags["TI"] == [FULL] and tags["PY"] == ["2023"] and tags["PB"] == [PUB] and tags["UR"] == [SITE_URL]
    )


def test_cite_control_on_every_page_but_home(published: Built) -> None:
    pages = [p.relative_to(published.site).as_posix() for p in published.site.rglob("index.html")]
    assert len(pages) >= 13
    for rel in pages:
        soup = published.soup(rel)
        control = soup.select("article details.report-cite")
        if rel == "index.html":
            assert not control
            block = soup.select_one("section.report-cite-block")
            assert block is not None
            styles = [dt.get_text() for dt in block.select("dt")]
            assert styles == [label for _, label, _ in citation.STYLES]
            assert SENTENCE in block.get_text()
            continue
        assert len(control) == 1, rel
        details = control[0]
        assert details.select_one("summary").get_text(strip=True).startswith("Cite this")
        assert details.has_attr("data-search-exclude")
        hrefs = [a["href"] for a in details.select("a")]
        assert any(h.endswith("peninsula-plus.bib") for h in hrefs) and any(
            h.endswith("peninsula-plus.ris") for h in hrefs
        )
        for href in hrefs:
            target = (published.site / rel).parent / href
            assert target.resolve().is_file(), (rel, href)


def test_recommendation_page_cites_itself_as_part(published: Built) -> None:
    soup = published.soup("recommendations/trilateral-cooperation/index.html")
    details = soup.select_one("details.report-cite")
    apa = details.select("dd")[0].get_text()
    assert apa.startswith("Stokes, J., & Fitt, J. (2023). Recommendation 4:")
    assert apa.endswith(SITE_URL + "recommendations/trilateral-cooperation/")
    assert "In " + SENTENCE in apa


def test_a_recommendation_page_cites_its_whole_title(published: Built) -> None:
    """The page title may be shortened for the nav ("…"); a citation quotes the title whole, in every style."""
    rec = max(loader.load(PENINSULA / "recommendations.yaml").recommendations, key=lambda r: len(r.title))
    assert shorten(rec.title) != rec.title  # long enough to be cut in a label
    soup = published.soup(f"recommendations/{rec.id}/index.html")
    styles = [" ".join(dd.get_text().split()) for dd in soup.select("details.report-cite dd")]
    assert len(styles) == 4
    for text in styles:
        assert "…" not in text, text
    words = rec.title.split()
    assert f"Recommendation {rec.shown_number}: {' '.join(words)}" in styles[0]  # APA: as written
    assert all(f"{words[-2]} {words[-1]}".lower() in text.lower() for text in styles), styles


def test_a_corrected_edition_is_cited_as_each_style_records_a_revision() -> None:
    work = citation.Work.from_meta({**METADATA, "version": "1.1"}, url=URL, corrected=dt.date(2024, 4, 2))
    apa = text(citation.apa(work))
    assert (
        apa.startswith("Stokes, J., & Fitt, J. (2024, April 2). ")
        and f"{SENTENCE} (Version 1.1). {PUB}." in apa
    )
    note = text(citation.chicago_note(work))
    assert f"{FULL}, version 1.1 ({PUB}, 2023), last modified April 2, 2024, {URL}." in note
    bib = text(citation.chicago_bibliography(work))
    assert f"{FULL}. Version 1.1. {PUB}, 2023. Last modified April 2, 2024. {URL}." in bib
    assert f"{FULL}. Version 1.1, {PUB}, 2 Apr. 2024, example.org" in text(citation.mla(work))
    [entry] = bibtexparser.parse_string(citation.bibtex(work)).entries
    fields = {k: f.value for k, f in entry.fields_dict.items()}
    assert (fields["version"], fields["note"], fields["year"], fields["date"]) == (
        "1.1",
        "Corrected 2024-04-02",
        "2023",
        "2023-03-15",
    )
    ris = citation.ris(work).split("\r\n")
    assert "ET  - 1.1" in ris and "N1  - Corrected 2024-04-02" in ris and "PY  - 2023" in ris
    leads = {s["key"]: s["lead"] for s in citation.in_text(work)}
    assert leads == {
        "apa": "Stokes & Fitt, 2024",
        "chicago": "Stokes and Fitt 2023",
        "mla": "Stokes and Fitt",
    }


def test_an_uncorrected_report_is_cited_as_published(work: citation.Work) -> None:
    assert "(2023). " in text(citation.apa(work)) and "modified" not in text(citation.chicago_note(work))
    assert "version" not in citation.bibtex(work) and "note" not in citation.bibtex(work)


def test_the_living_fixtures_files_carry_its_edition(living: Built) -> None:
    [entry] = bibtexparser.parse_string((living.site / "living-report.bib").read_text("utf-8")).entries
    assert (entry.fields_dict["version"].value, entry.fields_dict["note"].value) == (
        "1.1",
        "Corrected 2024-04-01",
    )
    apa = living.soup("one/index.html").select_one(".report-cite__styles dd").get_text(" ", strip=True)
    assert "(2024, April 1)" in apa and "(Version 1.1)" in apa
