"""The package as pip installs it from a wheel, not as the editable install the tests run on.

An editable install finds every file in the source tree, so a subpackage or data folder
missing from ``pyproject.toml`` goes unnoticed until someone installs the generator for
another report. Here the wheel (``generator_wheel`` in conftest.py: pip, with build isolation,
from a copy of the sources) must hold every module and file of ``report_site`` and its entry points.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

pytestmark = pytest.mark.slow


def package_files() -> set[str]:
    """Every file of the package in the source tree (bytecode and caches aside)."""
    return {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "report_site").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def wheel(generator_wheel: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(generator_wheel)


def test_the_wheel_holds_every_module_and_file_of_the_package(wheel: zipfile.ZipFile) -> None:
    missing = package_files() - set(wheel.namelist())
    assert not missing, f"not in the wheel (add them to pyproject.toml): {sorted(missing)}"
    assert "report_site/outputs/publisher.py" in wheel.namelist()  # a subpackage, not only the top level


def test_the_wheel_registers_the_mkdocs_plugin(wheel: zipfile.ZipFile) -> None:
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode("utf-8")
    assert "[mkdocs.plugins]" in text and "report-site = report_site.plugin:ReportSitePlugin" in text


def test_the_wheel_installs_the_command_and_the_checks(wheel: zipfile.ZipFile) -> None:
    """A report project runs `report-site` from its venv, and its pytest finds the checks' fixtures."""
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode("utf-8")
    assert "[console_scripts]" in text and "report-site = report_site.commands.cli:run" in text
    assert "[pytest11]" in text and "report-site = report_site.checks.plugin" in text
    assert {
        "report_site/checks/pytest.ini",
        "report_site/templates/skeleton/.github/workflows/pages.yml",
    } <= set(wheel.namelist())
