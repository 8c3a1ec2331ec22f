"""passages/figures.py: figures and tables with captions, numbers, anchors, sources, sizes and CSV."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import markdown
import pytest
from helpers import FIXTURES, Built, build_here

from report_site.chapters import scanner as chapters
from report_site.data.labels import Labels
from report_site.passages import PageNumbers, PassageExtension


class Words:
    """A renderer that only speaks the report's language (numbers as the page writes them)."""

    permalinks = False
    numbers = PageNumbers({}, [], [])

    def __init__(self, language: str) -> None:
        self.labels = Labels(language)

    def image_size(self, src: str) -> None:
        return None

    def table_csv(self, index: int) -> None:
        return None

    def aliases(self, anchor: str) -> list[str]:
        return []


def render(src: str, language: str = "en") -> str:
    ext = PassageExtension()
    if language != "en":
        ext.renderer = Words(language)  # type: ignore[assignment]
    return markdown.markdown(
        src, extensions=[*chapters.DEFAULT_EXTENSIONS, ext], extension_configs=chapters.EXTENSION_DEFAULTS
    )


@pytest.mark.parametrize(
    "src, caption_first",
    [
        ("Figure 3: Rainfall\n\n![Rain by month](r.png)\n", True),
        ("![Rain by month](r.png)\n\nFigure 3. Rainfall\n", False),
    ],
)
def test_a_lone_image_with_a_caption_above_or_below_is_a_numbered_figure(
    src: str, caption_first: bool
) -> None:
    html = render(src)
    assert '<figure class="report-figure" data-report-entry="Figure 3" id="figure-3">' in html
    assert (
        html.index("<figcaption>") < html.index("<img")
        if caption_first
        else html.index("<img") < html.index("<figcaption>")
    )
    assert "data-paragraph" not in html  # the caption is not a citable paragraph


def test_the_image_title_is_a_caption_and_an_image_in_a_sentence_is_no_figure() -> None:
    assert "<figcaption>\n<p>Figure 1: Rain by month</p>" in render('![Rain](r.png "Rain by month")\n')
    assert "<figure" not in render("See ![Rain](r.png) here.\n")


def test_the_caption_word_follows_the_report_language() -> None:
    html = render("Abbildung 2: Regen\n\n![Regen je Monat](r.png)\n\nQuelle: Wetterdienst.\n", "de")
    assert 'id="figure-2"' in html and "report-figure__notes" in html


def test_an_image_without_alt_text_or_caption_is_an_error_at_its_line() -> None:
    ch = chapters.scan("# T\n\nText.\n\n![](chart.png)\n", "c.md", display_path="report/c.md")
    [problem] = ch.problems
    assert (problem.line, problem.column) == (5, 1)
    assert "the image `chart.png` has no alt text" in problem.message
    assert not chapters.scan("Figure 1: Says it all\n\n![](chart.png)\n", "c.md").problems


def test_a_table_gets_its_title_as_caption_and_its_source_lines() -> None:
    html = render(
        "**Table 2: Wells by county**\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nSource: Survey.\n\nb. Estimated.\n\nAfter.\n"
    )
    assert '<figure class="report-table" data-report-entry="Table 2" id="table-2">' in html
    assert '<caption id="table-2-caption">Table 2: Wells by county</caption>' in html  # the bold unwrapped
    notes = html[html.index("report-table__notes") : html.index("</figure>")]
    assert "Source: Survey." in notes and "b. Estimated." in notes and "After." not in notes
    assert 'role="region" tabindex="0"' in html and 'aria-labelledby="table-2-caption"' in html


def test_a_table_scan_keeps_its_cells_for_the_csv() -> None:
    [table] = chapters.scan(
        "Table 1: T\n\n| a | b[^1] |\n| - | - |\n| x<br>y | 2 |\n\n[^1]: N.\n", "c.md"
    ).tables
    assert table.numbered.written == "1" and table.rows == [["a", "b"], ["x\ny", "2"]]


def test_the_notes_report_figures_and_tables(notes_site: Built) -> None:
    findings = notes_site.soup("findings/index.html")
    figure = findings.select_one("figure#figure-1")
    img = figure.select_one("img")
    assert (img["width"], img["height"]) == ("640", "360")  # from the file: no layout shift
    assert (
        img["alt"].startswith("Bar chart")
        and figure.select_one(".report-figure__notes").get_text(strip=True) == "Source: Table 1."
    )
    method = notes_site.soup("method/index.html")
    assert method.select_one("figure#figure-2 figcaption").get_text(strip=True) == (
        "Figure 2: Monthly readings, drawn from test data"
    )  # counted on across the report
    table = findings.select_one("figure#table-1")
    assert table.select_one("caption").get_text() == "Table 1: Water drawn by sector, test year"
    link = table.select_one(".report-table__download a")
    assert link["href"] == "table-1.csv" and link.get_text() == "Table 1 as CSV"
    rows = list(csv.reader(io.StringIO((notes_site.site / "findings" / "table-1.csv").read_text("utf-8"))))
    assert rows[0] == ["Sector", "Share (%)", "Wells"] and rows[1] == ["Farms", "70", "120\n(metered: 80)"]
    for a in findings.select("a[href^='#']"):  # cross-references land
        assert findings.select_one(f"[id='{a['href'][1:]}']") is not None, a


def test_a_dangling_cross_reference_to_a_figure_is_an_error_at_its_line(tmp_path: Path) -> None:
    project = Path(shutil.copytree(FIXTURES / "notes-report", tmp_path / "p"))
    findings = project / "docs" / "findings.md"
    findings.write_text(findings.read_text("utf-8").replace("(#figure-1)", "(#figure-9)"), "utf-8")
    result = build_here(project, tmp_path / "site", "--check")
    assert result.returncode == 1
    line = (
        findings.read_text("utf-8")
        .split("\n")
        .index(next(ln for ln in findings.read_text("utf-8").split("\n") if "#figure-9" in ln))
        + 1
    )
    assert f"docs/findings.md:{line}:" in result.stderr and "#figure-9" in result.stderr, result.stderr


def test_the_pdf_has_the_figure_and_the_table(notes_pdf: Built) -> None:
    from pypdf import PdfReader

    reader = PdfReader(notes_pdf.site / "notes-report.pdf")
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Table 1: Water drawn by sector, test year" in text and "Figure 1: Water drawn by sector" in text
    assert sum(len(p.images) for p in reader.pages) >= 2  # the chart, on both chapters' pages


def test_an_empty_header_cell_is_no_header() -> None:
    """A table's empty corner cell (row labels below it) is written as a data cell: a header with no words
    would be announced as a blank heading for its column."""
    html = render("Table 1: T\n\n|  | 2022 |\n| - | - |\n| Farms | 70 |\n")
    assert "<td></td>" in html.replace(' style="text-align: left;"', "") and "<th>2022</th>" in html


def test_only_figures_below_the_first_screen_load_lazily() -> None:
    """The first blocks of a page are on the first screen: their image loads at once (lazy loading would
    only delay what the reader sees first); a figure further down loads when it is scrolled to."""
    html = render("![Chart at the top](a.png)\n\nOne.\n\nTwo.\n\nThree.\n\n![Chart further down](b.png)\n")
    top, below = html.split("<img")[1:]
    assert 'loading="lazy"' not in top.split(">")[0] and 'loading="lazy"' in below.split(">")[0]
