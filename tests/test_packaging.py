"""The package as pip installs it from a wheel, not as the editable install the tests run on.

An editable install finds every file in the source tree, so a subpackage or data folder
missing from ``pyproject.toml`` goes unnoticed until someone installs the generator for
another report. Here a wheel is built (pip, with build isolation, from a copy of the
sources) and must hold every module and file of ``report_site`` and the plugin's entry point.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

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
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "report_site", src / "report_site", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    [built] = out.glob("report_site-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_every_module_and_file_of_the_package(wheel: zipfile.ZipFile) -> None:
    missing = package_files() - set(wheel.namelist())
    assert not missing, f"not in the wheel (add them to pyproject.toml): {sorted(missing)}"
    assert "report_site/outputs/publisher.py" in wheel.namelist()  # a subpackage, not only the top level


def test_the_wheel_registers_the_mkdocs_plugin(wheel: zipfile.ZipFile) -> None:
    [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode("utf-8")
    assert "[mkdocs.plugins]" in text and "report-site = report_site.plugin:ReportSitePlugin" in text
