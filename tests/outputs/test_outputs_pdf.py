"""The full-report PDF (report_site/outputs/pdf.py): exists, linked, outline, metadata, tagged,
and every paragraph of the seed is in its text (extracted with pypdf)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import SITE_URL, Built, build_here, seed_paragraphs
from pypdf import PdfReader

from report_site.outputs import fonts

PDF = "peninsula-plus.pdf"
TITLE = "Peninsula Plus: Enhancing U.S.–South Korea Alliance Cooperation on China, Multilateralism, and Military and Security Technologies"


@pytest.fixture(scope="module")
def reader(published: Built) -> PdfReader:
    path = published.site / PDF
    assert path.is_file() and path.stat().st_size > 10_000
    return PdfReader(path)


def outline_titles(items: list, depth: int = 0) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            out += outline_titles(item, depth + 1)
        else:
            out.append((depth, item.title))
    return out


def body_text(reader: PdfReader) -> str:
    """The text a reader selects, minus page furniture (running head, page number), whitespace folded.

    Line breaks after a hyphen or dash are joined without a space: the PDF never
    hyphenates (no `hyphens: auto`), so a line-final hyphen is part of the text
    ("U.S.-" + "ROK"), not a break inserted by the layout. pypdf reports the raised
    baseline of an endnote number as a space ("Strategy. 6"), which is undone.
    """
    pages = []
    for page in reader.pages:
        lines = page.extract_text().split("\n")
        while lines and (re.fullmatch(r"\s*\d+\s*", lines[-1]) or lines[-1].startswith("Peninsula Plus ")):
            lines.pop()
        pages.append("\n".join(lines))
    text = "\n".join(pages)
    text = re.sub(r"([-–—])[ \t]*\n", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    # An endnote number is set raised (superscript); pypdf reports the jump in baseline as a space.
    return re.sub(r"([.,;:”’)]) (\d{1,2}) ", r"\1\2 ", text)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_seed_paragraph_is_in_the_pdf(reader: PdfReader) -> None:
    text = body_text(reader)
    paragraphs = [p for ps in seed_paragraphs().values() for p in ps]
    assert len(paragraphs) >= 24
    missing = [p[:70] for p in paragraphs if norm(p) not in text]
    assert not missing, missing


def test_metadata(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta.title == TITLE
    assert meta.author == "Jacob Stokes, Joshua Fitt"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712  # tagged
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    xmp = reader.xmp_metadata
    assert xmp is not None and "pdfuaid" in xmp.rdf_root.toxml()


def test_outline_has_chapters_and_recommendations(reader: PdfReader) -> None:
    titles = outline_titles(reader.outline)
    top = [t for d, t in titles if d == 0]
    assert top == ["Peninsula Plus", "Contents", "Executive Summary", "Introduction", "Recommendations"]
    recs = [t for d, t in titles if t.startswith("Recommendation ")]
    assert len(recs) == 9 and recs[0].startswith("Recommendation 1: Identify and build")


def test_cover_contents_page_numbers_and_running_heads(reader: PdfReader) -> None:
    cover = norm(reader.pages[0].extract_text())
    for part in (
        "Center for a New American Security",
        "Peninsula Plus",
        "Enhancing U.S.–South Korea",
        "Jacob Stokes and Joshua Fitt",
        "15 March 2023",
    ):
        assert part in cover
    contents = next(p.extract_text() for p in reader.pages[:4] if "Contents" in p.extract_text())
    assert re.search(r"Executive Summary[ .]*\d+", contents) and re.search(
        r"Recommendations[ .]*\d+", contents
    )
    later = [p.extract_text().strip().split("\n") for p in reader.pages[3:]]
    numbers = [int(lines[-1]) for lines in later if lines[-1].strip().isdigit()]
    assert numbers == list(range(4, 4 + len(later)))
    assert any(lines[-2] == "Peninsula Plus Introduction" for lines in later)
    assert any(lines[-2] == "Peninsula Plus Recommendations" for lines in later)


def test_recommendations_come_with_their_passages(reader: PdfReader) -> None:
    text = body_text(reader)
    tail = text[text.index("The report makes 9 recommendations") :]
    for n in range(1, 10):
        assert f"Recommendation {n}:" in tail
    refs = re.findall(r"(Executive Summary|Introduction), paragraph (\d+), p\. ?(\d+)", tail)
    assert len(refs) == 19  # one caption per (passage, recommendation) pair: the cross-references
    assert all(3 <= int(n) <= len(reader.pages) for _, _, n in refs)


def test_passage_captions_give_the_paragraph_number_the_site_shows(
    reader: PdfReader, published: Built
) -> None:
    """The PDF cites a passage by the same paragraph number as the page (``data-paragraph``) and the copied citation."""
    import json

    text = body_text(reader)
    tail = text[text.index("The report makes 9 recommendations") :]
    in_pdf = sorted(re.findall(r"(Executive Summary|Introduction), paragraph (\d+), p\.", tail))
    on_site = []
    for rec in json.loads((published.site / "recommendations.json").read_text("utf-8"))["recommendations"]:
        for passage in rec["passages"]:
            page = published.soup(passage["chapter_url"].removeprefix(SITE_URL) + "index.html")
            on_site.append((passage["chapter"], page.find(id=passage["anchor"])["data-paragraph"]))
    assert in_pdf == sorted(on_site)


def test_pdf_is_linked_from_landing_page_and_navigation(published: Built) -> None:
    for rel, prefix in (
        ("index.html", ""),
        ("introduction/index.html", "../"),
        ("recommendations/cyber-and-space/index.html", "../../"),
    ):
        soup = published.soup(rel)
        labelled = [
            a["href"]
            for a in soup.find_all("a")
            if a.get_text(strip=True) == "Download the full report (PDF)"
        ]
        assert prefix + PDF in labelled, rel
    nav = published.soup("introduction/index.html").select("nav.md-nav a.md-nav__link")
    assert any(a["href"] == "../" + PDF and "Download the full report (PDF)" in a.get_text() for a in nav)


def test_no_pdf_link_without_the_pdf(site: Built) -> None:
    """`--no-pdf` (and `mkdocs serve`) builds have neither the file nor links to it."""
    assert not (site.site / PDF).exists()
    for rel in ("index.html", "introduction/index.html"):
        assert PDF not in site.html(rel)


def test_prepare_rewrites_site_links_into_the_document() -> None:
    from report_site.data.model import Recommendation, Report
    from report_site.outputs import pdf

    report = Report("recs.yaml", [], [Recommendation("save-water", 1, "Save water", ("a",))])
    chapters = [pdf.Chapter("one.md", "One", ""), pdf.Chapter("two.md", "Two", "")]
    html = (
        '<h1 id="two">Two<a class="headerlink" href="#two">¶</a></h1>'
        '<p id="p-x">See <a href="../one/#p-y">one</a>, <a href="../recommendations/save-water/">R1</a>, '
        '<a href="../">home</a> and <a href="https://example.com/">out</a>.<a class="report-permalink" href="#p-x"></a>'
        '<sup class="endnote-ref"><a href="#endnotes">1</a></sup></p>'
    )
    page_path = {
        "one.md": "one/",
        "two.md": "two/",
        "recommendations/save-water.md": "recommendations/save-water/",
    }.get
    out = pdf.prepare(
        pdf.Chapter("two.md", "Two", html), 2, pdf.link_map(chapters, report, page_path), "two/"
    )
    assert 'id="c2-two"' in out and 'id="c2-p-x"' in out
    assert 'href="#c1-p-y"' in out and 'href="#rec-save-water"' in out and 'href="#c2-endnotes"' in out
    assert 'href="https://example.com/"' in out
    assert "home" in out and 'href="../"' not in out  # a link with no place in the PDF keeps its words
    assert "headerlink" not in out and "report-permalink" not in out


# --- non-Latin reports print ---------------------------------------------------------------------

#: Article 1 of the Universal Declaration of Human Rights, in the UN's Korean translation.
KOREAN = "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다"


def _korean(mini: Path) -> Path:
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8")
        .replace("        title: Mini Report", f"        title: {KOREAN}")
        .replace("        language: en", "        language: ko"),
        "utf-8",
    )
    return mini


def _fonts(pdf: Path) -> set[str]:
    out = set()
    for page in PdfReader(pdf).pages:
        for ref in (page.get("/Resources") or {}).get("/Font", {}).values():
            out.add(str(ref.get_object().get("/BaseFont")).split("+")[-1])
    return out


@pytest.mark.slow
def test_a_korean_report_prints_its_title_in_a_font_that_has_hangul(mini: Path) -> None:
    if not fonts.find("NotoSerifCJK-Regular.ttc"):
        if os.environ.get("CI"):
            pytest.fail("fonts-noto-cjk is not installed (README: set-up)")
        pytest.skip("fonts-noto-cjk is not installed")
    result = build_here(_korean(mini), mini / "site", pdf=True, check=True)
    assert "font" not in result.stderr, result.stderr
    (pdf,) = (mini / "site").glob("*.pdf")
    assert any(name.startswith("Noto-Serif-CJK-KR") for name in _fonts(pdf)), _fonts(pdf)
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "모든 인간은" in text and "2024년 1월 2일" in text
    assert (mini / "site" / "assets" / "cards" / "report.png").is_file()


@pytest.mark.slow
def test_a_script_no_installed_font_has_is_a_warning_not_empty_boxes(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A machine with DejaVu only (and no fontconfig to ask): the PDF and the cards that would show boxes
    are left out, each said once, at the first place the script is written."""
    monkeypatch.setattr(fonts, "DIRS", ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"))
    monkeypatch.setattr(fonts, "_fontconfig_has", lambda char: False)
    fonts.find.cache_clear()
    try:
        result = build_here(_korean(mini), mini / "site", pdf=True, check=True)
    finally:
        fonts.find.cache_clear()
    advice = "no installed font draws Hangul (모); install a font for it (Debian: `apt-get install fonts-noto-cjk`) and build again"
    assert result.stderr.splitlines() == [
        f"mkdocs.yml:12:16: warning: the PDF is left out: {advice}",
        f"mkdocs.yml:12:16: warning: the social cards of 7 page(s) are left out: {advice}",
    ]
    site = mini / "site"
    assert not list(site.glob("*.pdf")) and ".pdf" not in (site / "index.html").read_text("utf-8")
    assert not list((site / "assets" / "cards").rglob("*.png"))  # every card names the report's title
    assert 'property="og:image"' not in (site / "index.html").read_text("utf-8")


def test_a_living_reports_pdf_has_its_status_and_corrections(living_pdf: Built) -> None:
    pdf = PdfReader(living_pdf.site / "living-report.pdf")
    text = norm(" ".join(page.extract_text() for page in pdf.pages))
    assert "Published by Example Institute, 2 January 2024. Corrected 1 April 2024. Version 1.1." in text
    assert "Implementation status as of 15 September 2024" in text
    assert "1 of 3 implemented as of 15 September 2024" in text
    assert "Current status: Implemented, as of 15 September 2024" in text
    assert "Corrected on 10 February 2024: Test fixture: a made-up correction of this paragraph." in text
    corrections = text.split("Corrections made since publication, the latest first:")[1]
    assert corrections.index("1 April 2024") < corrections.index("10 February 2024")
    assert any(title.startswith("Implementation status") for _, title in outline_titles(pdf.outline))


def test_an_uncorrected_reports_pdf_has_neither(reader: PdfReader) -> None:
    text = body_text(reader)
    assert "Implementation status" not in text and "Corrected" not in text
