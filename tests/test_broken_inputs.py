"""The corpus of broken inputs: each case's exact message, as ``build_site.py --check`` prints it.

Each directory under ``fixtures/broken/`` holds the broken file(s), laid over a copy of
the mini report, and ``expected.txt`` (the exact stderr). An optional ``args`` file adds
command-line arguments. The check runs in-process (mkdocs imported once) to keep the
suite fast; ``test_build_cli.py`` runs the real command in a subprocess.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT

from report_site import errors

sys.path.insert(0, str(ROOT))
import build_site

CASES = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())
META = {"expected.txt", "args"}


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """build_site.main() configures mkdocs' logging for a command; undo it for other tests."""
    mkdocs_logger = logging.getLogger("mkdocs")
    plugin_logger = logging.getLogger("mkdocs.plugins.report_site.plugin")
    saved = (
        list(mkdocs_logger.handlers),
        mkdocs_logger.propagate,
        mkdocs_logger.level,
        list(plugin_logger.filters),
    )
    yield
    mkdocs_logger.handlers[:], mkdocs_logger.propagate, level, plugin_logger.filters[:] = saved
    mkdocs_logger.setLevel(level)


def project_with(case: Path, dest: Path) -> Path:
    shutil.copytree(FIXTURES / "mini-report", dest)
    for src in case.rglob("*"):
        rel = src.relative_to(case)
        if (src.is_file() or src.is_symlink()) and str(rel) not in META:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            if src.is_symlink():
                (dest / rel).unlink(missing_ok=True)
                (dest / rel).symlink_to(os.readlink(src))
            else:
                shutil.copyfile(src, dest / rel)
    return dest


def run_check(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    project = project_with(case, tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = (case / "args").read_text("utf-8").split() if (case / "args").exists() else []
    code = build_site.main(["--check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25
    assert all((c / "expected.txt").is_file() for c in CASES), [
        c.name for c in CASES if not (c / "expected.txt").is_file()
    ]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_input_gets_its_exact_message(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exact message of `--check`, and `--check` parity: one validation path, so the check and
    the build print the same problems (one check per case serves both)."""
    code, out, err = run_check(case, tmp_path, capsys, monkeypatch)
    expected = (case / "expected.txt").read_text("utf-8")
    assert err == expected
    assert code == 1
    assert "Traceback" not in err + out
    *problems, summary = err.splitlines()
    assert summary.startswith("build_site.py: ")
    for line in problems:  # every problem names a file, a line and a column
        assert errors.parse(line), line
    # the build rejects what the check rejects, with the same lines
    site = tmp_path / "site"
    args = (case / "args").read_text("utf-8").split() if (case / "args").exists() else []
    build_code = build_site.main(["--no-pdf", "--site-dir", str(site), *args])
    build_err = capsys.readouterr().err
    assert (code, err.splitlines()[:-1]) == (build_code, build_err.splitlines()[:-1])
    assert not site.exists()


def test_github_actions_get_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = FIXTURES / "broken" / next(c.name for c in CASES if c.name.endswith("several-problems-at-once"))
    project = project_with(case, tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert build_site.main(["--check"]) == 1
    out = capsys.readouterr()
    annotations = [ln for ln in out.out.splitlines() if ln.startswith("::")]
    problems = out.err.splitlines()[:-1]
    assert len(annotations) == len(problems) >= 3
    assert (
        "::error file=recs.yaml,line=9,col=19::unknown focus area `wter` in recommendations[1]; did you mean `water`?"
        in annotations
    )


def test_unreferenced_recommendation_is_a_warning_without_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in CASES if c.name.endswith("unreferenced-recommendation-strict"))
    project = project_with(case, tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert build_site.main(["--check"]) == 0
    out = capsys.readouterr()
    assert out.err.splitlines() == [
        "recs.yaml:10:5: warning: recommendation `test-soil` is not referenced by any passage; mark one with `[[supports: test-soil]]` after the paragraph that argues for it"
    ]
    assert "::warning file=recs.yaml,line=10,col=5::recommendation `test-soil`" in out.out


def test_a_page_missing_from_nav_is_annotated_at_the_nav_in_mkdocs_yml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_with(
        next(c for c in CASES if c.name.endswith("chapter-missing-from-nav")), tmp_path / "project"
    )
    monkeypatch.chdir(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert build_site.main(["--check"]) == 1
    annotations = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("::")]
    assert annotations == [
        "::error file=mkdocs.yml,line=23,col=1::`two.md` is not listed in `nav`; add `- two.md` to `nav`, or remove the file"
    ]
