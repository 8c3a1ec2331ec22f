"""buildlog.py: what mkdocs logs during one build, captured as located one-line messages, and nothing after it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from report_site.commands.buildlog import LogCapture
from report_site.commands.locate import Locator
from report_site.plugin import log as plugin_log

UNCITED = "recs.yaml:12:5: recommendation `plant-trees` is not cited by any passage"


def edit_config(project: Path, old: str, new: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new), "utf-8")
    return config


def test_a_misspelt_plugin_name_is_an_error_at_its_line(mini: Path) -> None:
    config = edit_config(mini, "  - report-site:", "  - report-sight:")
    with LogCapture(Locator(config_file=config)) as captured, pytest.raises(Abort):
        load_config(str(config))
    assert captured.errors == [
        'mkdocs.yml:9:5: `plugins.report-sight`: The "report-sight" plugin is not installed'
    ]
    assert captured.problems == captured.errors and captured.warnings == []


def test_an_unknown_option_is_a_located_warning_that_fails_the_strict_build(mini: Path) -> None:
    config = edit_config(
        mini,
        "      recommendations: recs.yaml\n",
        "      recommendations: recs.yaml\n      recomendation: recs.yaml\n",
    )
    with LogCapture(Locator(config_file=config)) as captured:
        load_config(str(config))
    assert captured.warnings == [
        "mkdocs.yml:11:7: `plugins.report-site.recomendation`: "
        "Unrecognised configuration name: recomendation; did you mean `recommendations`?"
    ]
    assert captured.problems == captured.warnings and captured.own == []


def test_the_plugins_own_warnings_are_set_apart_labelled_as_warnings() -> None:
    with LogCapture(Locator()) as captured:
        plugin_log.warning(UNCITED)
        plugin_log.warning(UNCITED)
    assert captured.own == [UNCITED.replace(": recommendation", ": warning: recommendation")]
    assert captured.problems == []  # fatal only with --strict, which build.py decides


def test_each_message_once_and_mkdocs_preface_to_a_plugin_error_dropped() -> None:
    pages = logging.getLogger("mkdocs.structure.pages")
    with LogCapture(Locator()) as captured:
        logging.getLogger("mkdocs.commands.build").error("Error reading page 'one.md':")
        logging.getLogger("mkdocs.commands.build").error(
            "docs/one.md:5:13: unknown recommendation id `save-waters`"
        )
        pages.warning(
            "Doc file 'one.md' contains a link 'gone.md', but the target is not found among documentation files."
        )
        pages.warning(
            "Doc file 'one.md' contains a link 'gone.md', but the target is not found among documentation files."
        )
        pages.info("Doc file 'one.md' contains a link to 'two.md#nowhere'")  # below WARNING: not a problem
    assert captured.errors == ["docs/one.md:5:13: unknown recommendation id `save-waters`"]
    assert captured.warnings == [
        "Doc file 'one.md' contains a link 'gone.md', but the target is not found among documentation files."
    ]


def test_nothing_is_captured_after_the_build_and_logging_is_as_before() -> None:
    mkdocs_logger = logging.getLogger("mkdocs")
    before = (
        list(mkdocs_logger.handlers),
        mkdocs_logger.propagate,
        mkdocs_logger.level,
        list(logging.getLogger(plugin_log.name).filters),
    )
    with LogCapture(Locator()) as first:
        mkdocs_logger.warning("during the first build")
    with LogCapture(Locator()) as second:
        plugin_log.warning(UNCITED)
    mkdocs_logger.warning("after both builds")
    assert first.warnings == ["during the first build"] and first.own == []
    assert second.warnings == [] and len(second.own) == 1
    assert (
        list(mkdocs_logger.handlers),
        mkdocs_logger.propagate,
        mkdocs_logger.level,
        list(logging.getLogger(plugin_log.name).filters),
    ) == before


def test_verbose_shows_mkdocs_progress_but_leaves_problems_to_the_located_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with LogCapture(Locator(), verbose=True) as captured:
        logging.getLogger("mkdocs.commands.build").info("Building documentation to directory: site")
        logging.getLogger("mkdocs.commands.build").warning("a problem")
    err = capsys.readouterr().err
    assert "Building documentation to directory: site" in err and "a problem" not in err
    assert captured.warnings == ["a problem"]
