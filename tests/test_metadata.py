"""Metadata once (report_site/metadata.py): a new report changes site_name, `metadata:` and nav only."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, build_here, copy_project
from mkdocs.config import load_config
from pypdf import PdfReader

from report_site.outputs import cff

NEW_METADATA = """      metadata:
        title: Replacement Report
        authors:
          - name: Replacement Commission
          - {given: Min-jun, family: Kim, family_first: true}
        publisher: Replacement Press
        published: 2019-06-10
        language: en-GB
"""


def _old_facts(project: Path) -> list[str]:
    """The old report's facts that its own chapters and data never mention (those may stay)."""
    meta = load_config(str(project / "mkdocs.yml")).plugins["report-site"].config.metadata
    config = load_config(str(project / "mkdocs.yml"))
    facts = [config.site_name, meta.title, meta.subtitle, meta.publisher, *(a.display for a in meta.authors)]
    sources = "".join(p.read_text("utf-8") for p in Path(config.docs_dir).rglob("*.md"))
    sources += (project / config.plugins["report-site"].config.recommendations).read_text("utf-8")
    return [f for f in dict.fromkeys(facts) if f and f not in sources]


def _replace_metadata(project: Path) -> None:
    """Edit only site_name and the `metadata:` block, as an editor starting a new report would."""
    text = (project / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"(?m)^site_name: .*$", "site_name: Replacement Report", text)
    text, count = re.subn(r"(?m)^      metadata:\n(?:^        .*\n|^[ \t]*#.*\n)*", NEW_METADATA, text)
    assert count == 1 and "\nnav:" in text and "markdown_extensions:" in text
    (project / "mkdocs.yml").write_text(text, "utf-8")


@pytest.mark.slow
def test_changing_only_the_metadata_leaves_no_trace_of_the_old_report(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    old = _old_facts(project)
    assert old, "the report's metadata should name something its chapters do not"
    _replace_metadata(project)
    result = build_here(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    slug_old = re.sub(r"[^a-z0-9]+", "-", old[0].lower()).strip("-")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".bib", ".ris", ".xml", ".txt"):
            text = path.read_text("utf-8")
            for fact in old:
                assert fact not in text, f"{path.relative_to(tmp_path)} still says {fact!r}"
    assert not list((tmp_path / "site").glob(f"{slug_old}.*")), (
        "output files still named after the old report"
    )
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert '<html lang="en-GB"' in index and "© 2019 Replacement Press" in index
    assert "Replacement Commission and Kim Min-jun" in index
    meta = load_config(str(project / "mkdocs.yml")).plugins["report-site"].config.metadata
    citation = cff.render(dict(meta))
    assert not any(f in citation for f in old) and "name: Replacement Commission" in citation


@pytest.mark.slow
def test_a_stale_citation_cff_fails_the_check_with_the_one_command(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text("utf-8"), "utf-8")
    _replace_metadata(project)
    check = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--check"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 1
    assert (
        "CITATION.cff:1:1: out of date with the metadata in mkdocs.yml; run `python -m report_site.outputs.cff --write mkdocs.yml`"
        in check.stderr
    )
    assert (project / "CITATION.cff").read_text("utf-8") == (ROOT / "CITATION.cff").read_text(
        "utf-8"
    )  # never rewritten unasked
    write = subprocess.run(
        [sys.executable, "-m", "report_site.outputs.cff", "--write", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert write.returncode == 0, write.stderr
    again = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--check"], cwd=project, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
def test_settings_written_on_purpose_are_kept(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(
        text.replace("site_name:", "copyright: Hand-written line\nsite_name:", 1), "utf-8"
    )
    result = build_here(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Hand-written line" in (tmp_path / "site" / "index.html").read_text("utf-8")


@pytest.mark.slow
def test_a_report_dated_by_month_only_invents_no_day_anywhere(mini: Path) -> None:
    """`published: 2023-03`: the cover, the PDF, the head, the downloads and the open data say March 2023 or
    2023-03, and no output names a day of it."""
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("published: 2024-01-02", "published: 2023-03"), "utf-8"
    )
    build_here(mini, mini / "site", pdf=True, check=True)
    site = mini / "site"
    index = (site / "index.html").read_text("utf-8")
    assert '<time datetime="2023-03">March 2023</time>' in index
    assert (
        '"datePublished": "2023-03"' in index
        and 'name="citation_publication_date" content="2023/03"' in index
    )
    pdf = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(site / "mini-report.pdf").pages
    )
    assert "March 2023" in pdf
    assert '"published": "2023-03"' in (site / "recommendations.json").read_text("utf-8")
    assert "date        = {2023-03}" in (site / "mini-report.bib").read_text("utf-8")
    assert "DA  - 2023/03//" in (site / "mini-report.ris").read_text("utf-8")
    day = re.compile(r"\b(?:[1-9]|[12]\d|3[01]) March 2023|March [1-9]\d?, 2023|2023-03-\d\d|2023/03/\d\d")
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".bib", ".ris", ".csv"):
            assert not day.search(path.read_text("utf-8")), path
    assert not day.search(pdf)


@pytest.mark.slow
def test_the_build_keeps_citation_cff_current_and_says_so_but_check_and_ci_fail(mini: Path) -> None:
    stale = (ROOT / "CITATION.cff").read_text("utf-8")  # another report's
    (mini / "CITATION.cff").write_text(stale, "utf-8")
    check = build_here(mini, mini / "unused", "--check")
    assert check.returncode == 1 and "CITATION.cff:1:1: out of date with the metadata" in check.stderr
    assert (mini / "CITATION.cff").read_text("utf-8") == stale  # the check never writes
    ci = build_here(mini, mini / "site", env={"CI": "true"})
    assert ci.returncode == 1 and "CITATION.cff:1:1: out of date with the metadata" in ci.stderr, ci.stderr
    assert (mini / "CITATION.cff").read_text("utf-8") == stale and not (mini / "site").exists()
    built = build_here(mini, mini / "site", check=True)
    assert built.stdout.splitlines()[0] == (
        "wrote CITATION.cff: it was out of date with the metadata in mkdocs.yml; commit it"
    )
    meta = load_config(str(mini / "mkdocs.yml")).plugins["report-site"].config.metadata
    assert (mini / "CITATION.cff").read_text("utf-8") == cff.render(dict(meta))
    assert "CITATION.cff" not in build_here(mini, mini / "site", check=True).stdout  # current: quiet
