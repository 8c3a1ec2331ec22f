"""The passage index across a whole report, checked on real builds: anchors agree with the pages,
references are resolved or reported, published anchors survive rewording, URLs exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, ROOT, Built, build_here, copy_project
from mkdocs.utils.meta import get_data

from report_site import errors
from report_site.chapters import anchors
from report_site.chapters import scanner as chapters

CORPUS = FIXTURES / "passages"


def _nav_chapters(root: Path) -> list[Path]:
    return sorted((root / "report").glob("*.md"))


def test_scan_and_rendered_pages_hold_the_same_anchors(site: Built) -> None:
    """The pre-scan (which builds the index) and mkdocs' render agree on every chapter of the real report."""
    for path in _nav_chapters(ROOT):
        body, _ = get_data(path.read_text("utf-8"))
        scanned = chapters.scan(body, path.name)
        rel = "index.html" if path.stem == "index" else f"{path.stem}/index.html"
        page = site.soup(rel)
        rendered = [(el["id"], int(el["data-paragraph"])) for el in page.select("article [data-paragraph]")]
        assert rendered == [(p.anchor, p.number) for p in scanned.paragraphs], path
        assert rendered or path.name == "index.md", path  # a landing page may be all generated blocks
        text = page.select_one("article").get_text(" ")
        assert "[[" not in text and "{:" not in text


def test_the_index_exposes_every_paragraph_once(site: Built) -> None:
    data = json.loads((site.site / "recommendations.json").read_text("utf-8"))
    for rec in data["recommendations"]:
        for p in rec["passages"]:
            page, _, anchor = p["url"].partition("#")
            soup = site.soup(page + "index.html")
            assert soup.find(id=anchor) is not None and soup.find(id=anchor).has_attr("data-paragraph"), p[
                "url"
            ]


@pytest.mark.slow
def test_anchors_lock_is_current_for_the_real_report() -> None:
    """CI's one line: the committed record lists exactly the anchors a build makes."""
    result = build_here(ROOT, Path("/nonexistent-never-written"), "--check")
    assert "anchors.lock" not in result.stderr, result.stderr
    locked = anchors.read_lock(ROOT / anchors.LOCK_NAME)
    if locked is None:  # a new report (`build_site.py new`) has published no address yet
        pytest.skip("this report keeps no anchors.lock yet; `build_site.py --update-anchors` starts one")
    assert locked and all(e.anchor.startswith("p-") for e in locked)


@pytest.mark.slow
def test_a_removed_chapters_addresses_are_one_line_at_the_lock(tmp_path: Path) -> None:
    """A chapter taken out of the report: one warning at its first record, not one per anchor at a missing file."""
    project = copy_project(tmp_path / "project", lock=True)
    lock = anchors.read_lock(project / anchors.LOCK_NAME)
    assert lock is not None
    (project / "report" / "introduction.md").unlink()
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(
        "\n".join(ln for ln in mkdocs_yml.read_text("utf-8").splitlines() if "introduction.md" not in ln)
        + "\n",
        "utf-8",
    )
    gone = build_here(project, tmp_path / "site", "--check")
    first = min(e.line for e in lock if e.chapter == "introduction.md")
    count = sum(e.chapter == "introduction.md" for e in lock)
    lines = [ln for ln in gone.stderr.splitlines() if "introduction.md" in ln and "anchors.lock" in ln]
    assert lines == [
        f"anchors.lock:{first}:1: warning: `introduction.md` is no longer in the report, so its {count} published "
        "paragraph address(es) lead nowhere; restore the chapter, or retire them with `build_site.py --update-anchors`"
    ], gone.stderr


@pytest.mark.slow
def test_a_reworded_paragraph_keeps_its_published_anchor(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", lock=True)
    chapter = project / "report" / "introduction.md"
    old = "The alliance’s weathering of that period and overall resilience"
    text = chapter.read_text("utf-8")
    assert old in text
    chapter.write_text(
        text.replace(old, "Having weathered that period, the alliance’s overall resilience"), "utf-8"
    )
    lock_before = (project / anchors.LOCK_NAME).read_bytes()
    result = build_here(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "anchors.lock is out of date" in result.stderr and "--update-anchors" in result.stderr
    assert (project / anchors.LOCK_NAME).read_bytes() == lock_before  # a build never writes the lock
    soup = Built(project, tmp_path / "site").soup("introduction/index.html")
    alias = soup.find(id="p-the-alliances-weathering-of-that-period")
    assert alias is not None and alias.name == "span" and alias.get_text() == ""
    paragraph = alias.parent
    assert paragraph["id"] == "p-having-weathered-that-period-the-alliances"
    assert paragraph.get_text().startswith("Having weathered that period")
    # the recommendation page quotes the paragraph at its new address
    rec = Built(project, tmp_path / "site").html("recommendations/threats-from-china/index.html")
    assert "introduction/#p-having-weathered-that-period-the-alliances" in rec
    # recording keeps the old address as an alias, so the next build is quiet and still honours it
    update = build_here(project, tmp_path / "unused", "--update-anchors")
    assert update.returncode == 0, update.stderr
    lock = (project / anchors.LOCK_NAME).read_text("utf-8")
    assert (
        "p-the-alliances-weathering-of-that-period" in lock
        and "p-having-weathered-that-period-the-alliances" in lock
    )
    again = build_here(project, tmp_path / "site2")
    assert again.returncode == 0 and "anchors.lock" not in again.stderr, again.stderr
    assert (
        Built(project, tmp_path / "site2")
        .soup("introduction/index.html")
        .find(id="p-the-alliances-weathering-of-that-period")
    )


@pytest.mark.slow
def test_a_deleted_paragraphs_anchor_is_reported(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", lock=True)
    chapter = project / "report" / "introduction.md"
    paragraphs = chapter.read_text("utf-8").split("\n\n")
    gone = next(p for p in paragraphs if p.startswith("This report examines the future"))
    chapter.write_text(
        "\n\n".join(
            p
            for p in paragraphs
            if p != gone and "[[supports: threats-from-china, global-ambitions, minilateral" not in p
        ),
        "utf-8",
    )
    result = build_here(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    line = next(ln for ln in result.stderr.splitlines() if "p-this-report-examines-the-future-of" in ln)
    record = next(
        e
        for e in anchors.read_lock(project / anchors.LOCK_NAME) or []
        if e.anchor == "p-this-report-examines-the-future-of"
    )
    assert (
        line.startswith(
            f"anchors.lock:{record.line}:1: warning: the published anchor `#p-this-report-examines-the-future-of` "
            "of report/introduction.md no longer matches any paragraph"
        )
        and "--update-anchors" in line
    )
    strict = build_here(project, tmp_path / "site-strict", "--strict")
    assert strict.returncode == 1 and "p-this-report-examines-the-future-of" in strict.stderr


# --- references in every syntax, on real builds ---------------------------------------------


def _with_chapter_text(tmp_path: Path, extra: str) -> Path:
    project = copy_project(tmp_path / "project")
    chapter = project / "report" / "introduction.md"
    chapter.write_text(chapter.read_text("utf-8") + "\n" + extra, "utf-8")
    return project


def _located(stderr: str) -> list[errors.Problem]:
    return [p for p in map(errors.parse, stderr.splitlines()) if p]


CASES = sorted(CORPUS.glob("*.md"))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_corpus_of_passage_bugs(case: Path, tmp_path: Path) -> None:
    """One fixture per bug of issue 11: its header says what the build must now do."""
    header, _, body = case.read_text("utf-8").partition("\n---\n")
    expect = yaml.safe_load(header)
    project = copy_project(tmp_path / "project")
    chapter = project / "report" / "introduction.md"
    original = chapter.read_text("utf-8")
    chapter.write_text(original + "\n" + body, "utf-8")
    offset = original.count("\n") + 1
    result = build_here(project, tmp_path / "site")
    assert "Traceback" not in result.stderr
    if "error" in expect:
        assert result.returncode == 1, result.stderr
        problems = [p for p in _located(result.stderr) if p.path == "report/introduction.md"]
        line, column, words = expect["error"]
        assert any(p.line == offset + line and p.column == column and words in p.message for p in problems), (
            result.stderr
        )
        return
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "introduction" / "index.html").read_text("utf-8")
    for needle in expect.get("contains", []):
        assert needle in page, needle
    for needle in expect.get("absent", []):
        assert needle not in page, needle
    for rel, needles in (expect.get("files") or {}).items():
        content = (tmp_path / "site" / rel).read_text("utf-8")
        for needle in needles.get("contains", []):
            assert needle in content, (rel, needle)
        for needle in needles.get("absent", []):
            assert needle not in content, (rel, needle)


@pytest.mark.slow
def test_data_text_is_text_everywhere(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "recommendations.yaml"
    text = data.read_text("utf-8")
    data.write_text(
        text.replace(
            "  - id: indo-pacific-strategies\n",
            '  - id: indo-pacific-strategies\n    summary: "2023. A year of change\\n- not a list &mdash; <b>"\n',
            1,
        ),
        "utf-8",
    )
    chapter = project / "report" / "introduction.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace(
            "Those meetings resulted in", "Those meetings &mdash; all &lt;four&gt; &mdash; resulted in"
        ),
        "utf-8",
    )
    result = build_here(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = Built(project, tmp_path / "site")
    rec = built.soup("recommendations/indo-pacific-strategies/index.html")
    summary = rec.select_one("p.report-rec-summary")
    assert (
        summary is not None
        and " ".join(summary.get_text().split()) == "2023. A year of change - not a list &mdash; <b>"
    )
    assert not rec.select("article ol li, article ul li:-soup-contains('not a list')")
    quotes = [" ".join(q.get_text().split()) for q in rec.select("figure.report-passage blockquote")]
    assert any(q.startswith("Those meetings — all <four> — resulted in") for q in quotes), quotes
    data_json = json.loads((tmp_path / "site" / "recommendations.json").read_text("utf-8"))
    excerpts = [p["excerpt"] for r in data_json["recommendations"] for p in r["passages"]]
    assert any(e.startswith("Those meetings — all <four> — resulted in") for e in excerpts)
    csv_text = (tmp_path / "site" / "recommendations.csv").read_text("utf-8")
    assert (
        "Those meetings — all <four> — resulted in" in csv_text
        and "&mdash;" not in csv_text
        and "&lt;" not in csv_text
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "directory_urls, site_url", [(False, ""), (True, "https://example.org/reports/peninsula/")]
)
def test_published_addresses_exist(tmp_path: Path, directory_urls: bool, site_url: str) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + f"\nuse_directory_urls: {str(directory_urls).lower()}\n", "utf-8"
    )
    result = build_here(project, tmp_path / "site", env={"SITE_URL": site_url})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    data = json.loads((site / "recommendations.json").read_text("utf-8"))
    urls = [r["url"] for r in data["recommendations"]] + [
        p["url"] for r in data["recommendations"] for p in r["passages"]
    ]
    assert urls
    for url in urls:
        path, _, fragment = url.removeprefix(site_url).partition("#")
        target = site / path
        target = target / "index.html" if target.is_dir() or path.endswith("/") or path == "" else target
        assert target.is_file(), url
        if fragment:
            assert f'id="{fragment}"' in target.read_text("utf-8"), url
    csv_urls = re.findall(
        r"(?:https://example.org/reports/peninsula/)?[\w/.-]+\.html#p-[\w-]+|[\w/.-]+/#p-[\w-]+",
        (site / "recommendations.csv").read_text("utf-8"),
    )
    assert csv_urls
