"""The import on a real report: GAO-26-107841 as pandoc saves it in Word (tests/fixtures/word/README.md).

Expectations are read from pandoc's input (``gao-26-107841.md``): its notes, tables, pictures,
recommendation, chapter headings and paragraphs. The build and the report tests are the editor's next step.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURES, build_here, normalise, report_tests

from report_site import wordimport
from report_site.wordimport import metadata

WORD = FIXTURES / "word"
DOCX = WORD / "gao-26-107841.docx"
SOURCE = (WORD / "gao-26-107841.md").read_text("utf-8")
BODY = SOURCE.split("\n---\n", 1)[1]  # after pandoc's metadata block
PARAGRAPHS = [normalise(p) for p in re.sub(r"<!--.*?-->", "", BODY, flags=re.S).split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, wordimport.Result]:
    project = tmp_path_factory.mktemp("gao") / "project"
    return project, wordimport.run(DOCX, project)


@pytest.fixture(scope="module")
def site(imported: tuple[Path, wordimport.Result]) -> Path:
    """Built after doing what the import's to-do asks: the publication date, from the report's letter."""
    project, result = imported
    assert re.search(r"mkdocs\.yml:\d+: published: .TODO: the publication date as YYYY-MM-DD", result.summary)
    date = next(d for p in PARAGRAPHS if len(p) < 30 and (d := metadata.parse_date(p)))
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"published: .*", f"published: {date.isoformat()}", config.read_text("utf-8")), "utf-8"
    )
    out = project.parent / "site"
    build = build_here(project, out)
    assert build.returncode == 0, build.stderr
    return out


def test_the_summary_counts_what_the_report_has(imported: tuple[Path, wordimport.Result]) -> None:
    _, result = imported
    expected = {
        "notes": len(re.findall(r"^\[\^\d+\]:", SOURCE, re.M)),
        "images": SOURCE.count("!["),
        "tables": len(re.findall(r"^\| --- \|", SOURCE, re.M)),
        "recommendations": len(re.findall(r"\(Recommendation \d+\)$", SOURCE, re.M)),
    }
    assert expected == {"notes": 20, "images": 1, "tables": 6, "recommendations": 1}  # as its README says
    for name, count in expected.items():
        assert re.search(rf"^  {name} +{count} in Word +{count} written  ok$", result.summary, re.M), (
            result.summary
        )
    assert re.search(r"^  paragraphs +(\d+) in Word +\1 written  ok$", result.summary, re.M)
    print(result.summary, f"\n({result.seconds:.1f} s)")


def test_chapters_notes_and_recommendation_as_the_report_has_them(
    imported: tuple[Path, wordimport.Result],
) -> None:
    project, _ = imported
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as handle:
        nav = [next(iter(item)) for item in yaml_load(handle)["nav"]]
    assert (
        nav[1:-1] == re.findall(r"^# (.+)$", BODY, re.M) and nav[0] == "Home" and nav[-1] == "Recommendations"
    )
    chapters = {
        p.name: p.read_text("utf-8") for p in (project / "report").glob("*.md") if p.name != "index.md"
    }
    defined = sorted(int(n) for text in chapters.values() for n in re.findall(r"^\[\^(\d+)\]:", text, re.M))
    assert defined == list(range(1, 21))  # the report's own numbers, each defined once
    for text in chapters.values():  # each note defined in the chapter that marks it
        assert set(re.findall(r"\[\^(\d+)\](?!:)", text)) == set(re.findall(r"^\[\^(\d+)\]:", text, re.M))
    rec = next(p for p in PARAGRAPHS if p.endswith("(Recommendation 1)"))
    yaml_text = (project / "recommendations.yaml").read_text("utf-8")
    assert f'title: "{rec.removesuffix(" (Recommendation 1)")}"' in yaml_text and 'label: "1"' in yaml_text


@pytest.mark.slow
def test_every_plain_paragraph_reads_as_in_the_report(site: Path) -> None:
    shown: set[str] = set()
    for page in site.glob("*/index.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        shown |= {normalise(p.get_text()) for p in soup.select("article :is(p, li, caption, figcaption)")}
    plain = [p for p in PARAGRAPHS if not re.search(r"[*_\[\]|<>^`#\\]|^\d+\. |^[a-z]\. |^- |  $", p)]
    assert len(plain) > 60
    missing = [p for p in plain if p not in shown]
    assert not missing, missing[:3]


@pytest.mark.slow
def test_the_imported_report_passes_the_report_tests(
    site: Path, imported: tuple[Path, wordimport.Result]
) -> None:
    project, result = imported
    # What the summary asks next: a [[supports]] line after a paragraph that argues for each recommendation
    # (here the paragraph that makes it), then the paragraph addresses recorded (make anchors).
    assert "[[supports: id]]" in result.summary
    rec_id = re.search(r"^  - id: (\S+)", (project / "recommendations.yaml").read_text("utf-8"), re.M).group(
        1
    )
    chapter = next(
        p for p in (project / "report").glob("*.md") if "(Recommendation 1)" in p.read_text("utf-8")
    )
    blocks = chapter.read_text("utf-8").split("\n\n")
    at = next(i for i, b in enumerate(blocks) if "(Recommendation 1)" in b)
    blocks.insert(at + 1, f"[[supports: {rec_id}]]")
    chapter.write_text("\n\n".join(blocks), "utf-8")
    assert build_here(project, project.parent / "anchors", "--update-anchors").returncode == 0
    tests = report_tests(project)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert re.search(r"\d+ passed", tests.stdout)


@pytest.mark.slow
def test_notes_tables_and_the_figure_render_as_such(site: Path) -> None:
    page = site / "dot-selected-applicants-for-smart-awards/index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    paragraph = next(p for p in soup.select("article p") if "to receive grants" in p.get_text())
    marker = paragraph.find("a", string="10")  # the report's own number, as written
    note = soup.find(id=marker["href"].split("#")[1])
    definition = next(line for line in SOURCE.split("\n") if line.startswith("[^10]: "))
    assert note is not None and normalise(definition[7:].replace("*", "")) in normalise(note.get_text())
    table = soup.select("article table")[0]
    caption = table.find("caption") or (table.find_parent("figure") or table).find("figcaption")
    assert caption is not None and caption.get_text().startswith("Table 1:")
    figure = soup.select_one("article img").find_parent("figure")
    assert figure is not None and normalise(figure.find("figcaption").get_text()).startswith("Figure 3:")
