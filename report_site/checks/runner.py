"""``report-site test``: run the shipped checks (and a project's own ``tests/``) with pytest, on a project.

The checks are this package's ``test_*.py`` modules, collected with ``--pyargs`` and configured
by ``pytest.ini`` beside them; the project is the rootdir. Two pytest-xdist workers by default
(the shared build is made once; the two viewports' browser sweeps run side by side).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

INI = Path(__file__).with_name("pytest.ini")
NO_TESTS_COLLECTED = 5  # pytest.ExitCode.NO_TESTS_COLLECTED, without importing pytest here


def pytest_args(project: Path, fast: bool, workers: int, extra: list[str]) -> list[str]:
    """The pytest command line for ``project`` (a folder with mkdocs.yml)."""
    args = ["-c", str(INI), f"--rootdir={project}", f"--report-project={project}"]
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        args += ["-p", "report_site.checks.plugin", *(["-p", "xdist"] if workers else [])]
    if workers and find_spec("xdist") is not None:
        args += ["-n", str(workers), "--dist", "loadscope"]
    if fast:
        args += ["-m", "not browser and not slow"]
    args += ["--pyargs", __package__ or "report_site.checks"]
    if (project / "tests").is_dir():
        args.append(str(project / "tests"))
    return args + extra


def main(argv: list[str], prog: str = "report-site test") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Run the report's checks: strict build, links and anchors, anchors.lock, verbatim text, "
        "and axe-core on every page in Chromium. Arguments after the options go to pytest.",
    )
    parser.add_argument("--fast", action="store_true", help="leave out the browser checks (the editing loop)")
    parser.add_argument(
        "--project", default=".", help="the report project: a folder with mkdocs.yml (default: here)"
    )
    parser.add_argument(
        "--workers", "-n", type=int, default=2, help="pytest-xdist workers (default 2; 0: one process)"
    )
    args, extra = parser.parse_known_args(argv)
    project = Path(args.project).resolve()
    if not (project / "mkdocs.yml").is_file():
        parser.exit(
            2, f"{prog}: no mkdocs.yml in {project}; run this in a report project or pass --project\n"
        )
    # A pytest of its own: this process has imported the generator, which pytest would then not
    # rewrite for its assertion messages (the plugin's package is).
    code = subprocess.call(
        [sys.executable, "-m", "pytest", *pytest_args(project, args.fast, args.workers, extra)]
    )
    if code == NO_TESTS_COLLECTED:
        print(f"{prog}: no check was collected (a -k or -m that matches nothing?)")
        return 1
    return code
