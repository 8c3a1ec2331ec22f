"""Portability: the site builds unchanged with ProperDocs, the maintained drop-in fork of mkdocs 1.x.

ProperDocs runs in its own virtual environment, ``.venv-properdocs`` (``tests/properdocs_venv.py``),
holding every pin of requirements.txt except mkdocs itself, so nothing can quietly fall back to mkdocs. Its output must equal
mkdocs' byte for byte, apart from the generator <meta> tag that names the tool.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # its own environment and a PDF build: `make test` only

import properdocs_venv  # noqa: E402  (after pytestmark: the module is slow-only)
from helpers import EPOCH_SETTINGS, ROOT, Built, clean_env, copy_project, every_file  # noqa: E402

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def venv() -> Path:
    """Made by ``make test`` beforehand (cached like .venv); made here when pytest runs alone."""
    return properdocs_venv.ensure()


def test_properdocs_environment_has_no_mkdocs(venv: Path) -> None:
    # Nothing called mkdocs is installed: every mkdocs.* import must be served by ProperDocs.
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import importlib.util as u; print(u.find_spec('mkdocs'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "None"
    version = subprocess.run(
        [str(venv / "bin" / "properdocs"), "--version"], capture_output=True, text=True, check=True
    )
    pinned = (ROOT / "requirements-properdocs.txt").read_text("utf-8").split("properdocs==")[1].split()[0]
    assert f"version {pinned} " in version.stdout


@pytest.mark.slow
def test_properdocs_build_equals_the_mkdocs_build(venv: Path, copy_built: Built, tmp_path: Path) -> None:
    """ProperDocs builds the same copy, in the same settings, as the mkdocs build ``copy_built`` (with its PDF)."""
    project = copy_built.root
    with_properdocs = tmp_path / "properdocs-site"
    out = subprocess.run(
        [
            str(venv / "bin" / "properdocs"),
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(with_properdocs),
        ],
        cwd=project,
        env=clean_env(**EPOCH_SETTINGS),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "WARNING" not in out.stderr, out.stderr
    with_mkdocs = copy_built.site
    a, b = every_file(with_properdocs), every_file(with_mkdocs)
    assert b.pop(
        ".report-site-build"
    )  # build_site.py's marker of a site it built; properdocs build writes none
    assert sorted(a) == sorted(b)
    assert len(a) > 50
    assert b'content="mkdocs-ProperDocs' in a["index.html"]
    differing = [name for name in a if GENERATOR.sub(b"", a[name]) != GENERATOR.sub(b"", b[name])]
    assert differing == []


@pytest.mark.slow
def test_build_site_py_runs_on_properdocs_alone(venv: Path, tmp_path: Path) -> None:
    """The editors' command needs no mkdocs either: report_site switches to ProperDocs' import shim."""
    project = copy_project(tmp_path / "project")
    out = subprocess.run(
        [str(venv / "bin" / "python"), str(ROOT / "build_site.py"), "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env=clean_env(SOURCE_DATE_EPOCH="1678838400"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "9 recommendations" in out.stdout
    assert (
        b"mkdocs-ProperDocs"
        in (tmp_path / "site" / "recommendations" / "threats-from-china" / "index.html").read_bytes()
    )
