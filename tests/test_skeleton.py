"""``build_site.py new DIR`` (report_site/skeleton.py): a report project of its own that installs the generator,
and whose ``make site`` and ``make test`` pass as made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from helpers import ROOT, clean_env
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from report_site.commands import skeleton

#: What `new` writes, besides what its build and checks make later (all git-ignored).
PROJECT_FILES = [
    ".ci/run",
    ".github/workflows/pages.yml",
    ".github/workflows/pull-request.yml",
    ".gitignore",
    "CITATION.cff",
    "CONTRIBUTING.md",
    "Makefile",
    "README.md",
    "anchors.lock",
    "mkdocs.yml",
    "package-lock.json",
    "package.json",
    "recommendations.yaml",
    "report/first-chapter.md",
    "report/index.md",
    "requirements.txt",
    "schemas/recommendations.schema.json",
]


def _new(target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "new", str(target), *args],
        capture_output=True,
        text=True,
        env=clean_env(),
    )


def tree(project: Path) -> list[str]:
    """The project's files that git would commit: what its .gitignore leaves (never .venv, site, caches)."""
    if not (project / ".git").exists():
        subprocess.run(["git", "init", "-q", str(project)], check=True, env=clean_env())
    listed = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        env=clean_env(),
    )
    return sorted(listed.stdout.splitlines())


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A project made by `new`, in a folder whose name has a space (the paths the editor is shown are quoted)."""
    target = tmp_path_factory.mktemp("new") / "my report"
    return target, _new(target)


def test_new_writes_a_whole_project_and_says_how_to_start(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    target, result = made
    assert result.returncode == 0 and not result.stderr, result.stderr
    assert tree(target) == PROJECT_FILES
    lines = result.stdout.splitlines()
    assert lines[0] == f"Created {len(PROJECT_FILES)} files in {target}."
    assert lines[1].startswith(f"Next: cd '{target}' && make site ")
    # A checkout on this disk is fine here, not in CI: the editor is told to name a git URL and tag.
    assert "installs the generator from this machine" in result.stdout
    assert os.access(target / ".ci/run", os.X_OK)
    # Editors validate the data file against the schema its modeline names, shipped with the report.
    modeline = (target / "recommendations.yaml").read_text("utf-8").split("\n", 1)[0]
    assert modeline == "# yaml-language-server: $schema=schemas/recommendations.schema.json"
    assert (target / "schemas/recommendations.schema.json").read_bytes() == (
        ROOT / "report_site/schemas/recommendations.schema.json"
    ).read_bytes()


def test_the_project_ignores_what_builds_and_checks_make(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    ignored = (made[0] / ".gitignore").read_text("utf-8").split()
    for name in (
        "site/",
        ".site-*",
        ".venv/",
        "node_modules/",
        ".cache/",
        ".pytest_cache/",
        "test-artifacts/",
    ):
        assert name in ignored


def test_the_project_depends_on_the_generator_as_installed(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """requirements.txt: the generator's line (here, this editable checkout), then the pins it ships."""
    lines = [
        ln for ln in (made[0] / "requirements.txt").read_text("utf-8").splitlines() if not ln.startswith("#")
    ]
    assert lines[0] == f"report-site[check] @ {ROOT.as_uri()}" == skeleton.installed_generator()
    assert lines[1:] == [
        ln for ln in (ROOT / "report_site/pins.txt").read_text("utf-8").splitlines() if ln and ln[0] != "#"
    ]


def test_requirements_rewrites_the_file_new_wrote(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """After upgrading the generator, `report-site requirements > requirements.txt` writes the same file `new`
    writes (the generator as installed, its pins), so the upgrade path is the creation path."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "requirements"],
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    assert result.returncode == 0 and result.stdout == (made[0] / "requirements.txt").read_text("utf-8")


def test_the_pins_are_this_repositorys_and_cover_what_the_generator_needs() -> None:
    """A report installs exactly what this repository tests with, and nothing the generator needs is left to float."""
    ours = {
        canonicalize_name(ln.split("==")[0]): ln
        for ln in (ROOT / "requirements.txt").read_text("utf-8").splitlines()
        if "==" in ln
    }
    shipped = [
        ln for ln in (ROOT / "report_site/pins.txt").read_text("utf-8").splitlines() if ln and ln[0] != "#"
    ]
    assert [ln for ln in shipped if ours.get(canonicalize_name(ln.split("==")[0])) != ln] == []
    needed: set[str] = set()

    def walk(name: str, extras: set[str]) -> None:
        for text in metadata.distribution(name).requires or []:
            req = Requirement(text)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
                continue
            key = canonicalize_name(req.name)
            if key not in needed or req.extras:
                needed.add(key)
                walk(req.name, set(req.extras))

    walk("report-site", {"check"})
    pinned = {canonicalize_name(ln.split("==")[0]) for ln in shipped}
    assert needed - pinned == set(), "add them to report_site/pins.txt (the versions in requirements.txt)"


def test_the_projects_ci_is_this_repositorys(made: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The workflows and .ci/run run only make targets both have: one copy to review, kept equal here."""
    for rel in (".ci/run", ".github/workflows/pull-request.yml", ".github/workflows/pages.yml"):
        assert (made[0] / rel).read_text("utf-8") == (ROOT / rel).read_text("utf-8"), (
            f"{rel} differs from report_site/templates/skeleton/{rel}: change both"
        )
    lock = json.loads((made[0] / "package-lock.json").read_text("utf-8"))["packages"]["node_modules/axe-core"]
    ours = json.loads((ROOT / "package-lock.json").read_text("utf-8"))["packages"]["node_modules/axe-core"]
    assert lock == ours  # the same axe-core rules for every report


def test_new_without_a_folder_says_how_to_call_it(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "new"], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "build_site.py new: say where to create the report: build_site.py new DIR (a new folder, e.g. ../my-report)"
    )
    made = subprocess.run(["make", "-s", "-C", str(ROOT), "new-report"], capture_output=True, text=True)
    assert made.returncode == 2
    assert made.stderr.splitlines()[0] == (
        "make new-report: say where to create it: make new-report DIR=../my-report (a new folder)"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_never_writes_into_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", "utf-8")
    result = _new(tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(
        "already exists and is not an empty folder; choose a new folder name"
    )
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: Mine\n"


def _fresh_env() -> dict[str, str]:
    """The environment of a person at a terminal: none of this run's virtual env, pytest, xdist or make."""
    return {
        k: v
        for k, v in clean_env().items()
        if not k.startswith(("PYTEST_", "MAKE", "MFLAGS"))
        and k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "COV_CORE_SOURCE"}
    }


@pytest.mark.slow
def test_a_new_project_installs_the_generator_builds_and_passes_its_checks(
    tmp_path: Path, generator_wheel: Path
) -> None:
    """`new`, then the project's own `make site` and `make test` on a fresh venv, the generator installed
    from this checkout (its wheel) as requirements.txt names it: what a new report's editor runs."""
    target = tmp_path / "my report"
    created = _new(target, "--generator", f"report-site[check] @ {generator_wheel.as_uri()}")
    assert created.returncode == 0, created.stderr
    env = _fresh_env()
    site = subprocess.run(["make", "site"], cwd=target, env=env, capture_output=True, text=True, timeout=900)
    assert site.returncode == 0, site.stdout[-3000:] + site.stderr[-3000:]
    assert "Built 6 pages, 2 recommendations" in site.stdout and (target / "site/index.html").is_file()
    # One pytest worker: this run's own workers have the two cores already.
    tests = subprocess.run(
        ["make", "test", "PYTEST_WORKERS=1"], cwd=target, env=env, capture_output=True, text=True, timeout=900
    )
    assert tests.returncode == 0, tests.stdout[-5000:] + tests.stderr[-3000:]
    summary = tests.stdout.strip().splitlines()[-1]
    # The verbatim check alone is skipped (the new report names no source text); the browser checks ran.
    assert " passed, 1 skipped in " in summary, tests.stdout[-3000:]
    assert "test_pages.py" not in tests.stdout.split("short test summary info")[-1], tests.stdout[-3000:]
    assert tree(target) == PROJECT_FILES  # nothing written beside the sources but what git ignores
