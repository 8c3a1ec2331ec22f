"""analysis.py (stages 1–3): the data and every chapter analysed in one call, every problem raised at once, reused while unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from report_site.chapters import analysis
from report_site.errors import ReportError
from report_site.pages import nav


def configured(project: Path):
    """The project's config as the plugin leaves it after ``on_config`` (the extensions it renders with)."""
    config = load_config(str(project / "mkdocs.yml"))
    return config.plugins.on_config(config)


def run(project: Path, scans: dict | None = None) -> analysis.Analysis:
    config = configured(project)
    files = get_files(config)
    return analysis.analyse(
        files,
        config,
        nav.reading_order(files, config),
        project / "recs.yaml",
        strict_references=False,
        scans=scans,
    )


def test_a_report_is_analysed_in_reading_order(mini: Path) -> None:
    result = run(mini)
    assert result.order == ["index.md", "one.md", "two.md"]
    assert [r.id for r in result.report.recommendations] == ["save-water", "test-soil", "plant-trees"]
    paragraphs = [p for c in result.chapters.values() for p in c.paragraphs]
    assert (
        [(a.chapter, a.anchor) for a in result.current_anchors]
        == [(c.src_uri, p.anchor) for c in result.chapters.values() for p in c.paragraphs]
        != []
    )
    assert len(result.current_anchors) == len(paragraphs)
    supported = {rec_id for p in result.index.passages for rec_id in p.recommendation_ids}
    assert supported == {"save-water", "test-soil", "plant-trees"}


def test_every_problem_of_every_source_is_raised_at_once(mini: Path) -> None:
    data = mini / "recs.yaml"
    data.write_text(
        data.read_text("utf-8").replace(
            "  - id: plant-trees\n    title: Plant trees along rivers\n", "  - id: plant-trees\n"
        ),
        "utf-8",
    )
    chapter = mini / "docs" / "two.md"
    chapter.write_text(
        chapter.read_text("utf-8") + "\nA closing paragraph.\n\n[[suports: test-soil]]\n", "utf-8"
    )
    with pytest.raises(ReportError) as raised:
        run(mini)
    shown = [str(p) for p in raised.value.problems]
    assert any("recs.yaml:" in s and "title" in s for s in shown), shown
    assert any("two.md:" in s and "suports" in s and "did you mean `[[supports]]`" in s for s in shown), shown


def test_the_last_analysis_is_reused_only_while_no_source_byte_changes(mini: Path) -> None:
    config = configured(mini)
    files = get_files(config)
    order = nav.reading_order(files, config)
    last = analysis.LastAnalysis()
    first = analysis.fingerprint(mini / "recs.yaml", files, order)
    result = last.keep(
        first, analysis.analyse(files, config, order, mini / "recs.yaml", strict_references=False)
    )
    assert last.get(analysis.fingerprint(mini / "recs.yaml", files, order)) == result

    chapter = mini / "docs" / "one.md"
    chapter.write_text(chapter.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    assert (
        last.get(analysis.fingerprint(mini / "recs.yaml", files, order)) is None
    )  # File.content_bytes reads afresh

    last.keep(analysis.fingerprint(mini / "recs.yaml", files, order), result)  # chapters as they are now
    data = mini / "recs.yaml"
    data.write_text(data.read_text("utf-8") + "\n", "utf-8")  # a change to the data file alone
    assert last.get(analysis.fingerprint(mini / "recs.yaml", files, order)) is None


def test_an_edit_rescans_only_the_chapter_it_touched(mini: Path) -> None:
    """`mkdocs serve` keeps the scans between builds: an unchanged chapter's scan is reused, the edited one is
    scanned again, and what the build sees is what a fresh analysis sees."""
    scans: dict = {}
    first = run(mini, scans)
    assert len(scans) == 3  # one per chapter

    chapter = mini / "docs" / "two.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace("\n\n", "\n\nA new opening paragraph.\n\n", 1), "utf-8"
    )
    second = run(mini, scans)
    assert first.rescanned == ["index.md", "one.md", "two.md"] and second.rescanned == ["two.md"]
    fresh = run(mini)
    assert [(a.chapter, a.anchor, a.fingerprint) for a in second.current_anchors] == [
        (a.chapter, a.anchor, a.fingerprint) for a in fresh.current_anchors
    ]
    assert "p-a-new-opening-paragraph" in {a.anchor for a in second.current_anchors} - {
        a.anchor for a in first.current_anchors
    }
    assert len(scans) == 3  # the old scan of two.md is not kept
