"""A report's built site as the checks read it: the one way to build it for a test, its pages and links.

Builds run the real command line in a scrubbed environment: everything that changes the
output (repository detection, SOURCE_DATE_EPOCH, SITE_URL, GitHub Actions' variables) is
removed, so a check states exactly what it sets and passes the same on a workstation and
inside GitHub Actions. This repository's tests use the same helpers (``tests/helpers.py``).
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlparse

if TYPE_CHECKING:
    import pytest
    from bs4 import BeautifulSoup

SCRUBBED_PREFIXES = ("GITHUB_", "GIT_")
SCRUBBED = {
    "REPO_URL",
    "EDIT_BRANCH",
    "SOURCE_DATE_EPOCH",
    "SITE_URL",
    "CI",
}  # CI: a build then refuses to refresh CITATION.cff

#: The generator's command, as a report project runs it.
COMMAND = (sys.executable, "-m", "report_site")


@dataclass
class Built:
    """A project and the site built from it; what the build printed, when the build was run for a test."""

    root: Path
    site: Path
    stdout: str = ""
    stderr: str = ""

    def html(self, rel: str) -> str:
        return (self.site / rel).read_text("utf-8")

    def soup(self, rel: str) -> BeautifulSoup:
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.html(rel), "html.parser")


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without what changes a build's output, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED and not k.startswith(SCRUBBED_PREFIXES)}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def build_command(
    project: Path, site_dir: Path, *args: str, pdf: bool = False, command: Sequence[str] = COMMAND
) -> list[str]:
    """The build command line for ``project`` into ``site_dir``; ``--no-pdf`` unless ``pdf``."""
    return [
        *command,
        "--config",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
        *args,
        *([] if pdf else ["--no-pdf"]),
    ]


def run_build(
    project: Path,
    site_dir: Path,
    *args: str,
    pdf: bool = False,
    env: dict[str, str] | None = None,
    check: bool = False,
    command: Sequence[str] = COMMAND,
) -> subprocess.CompletedProcess[str]:
    """Run the build command as an editor would, in ``clean_env(**env)``; without the PDF unless asked (slow).

    ``check`` asserts the build succeeded without a traceback.
    """
    result = subprocess.run(
        build_command(project, site_dir, *args, pdf=pdf, command=command),
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=clean_env(**(env or {})),
    )
    if check:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
    return result


@contextmanager
def built_once(shared_tmp: Path, name: str) -> Iterator[tuple[Path, bool]]:
    """A folder shared by every pytest-xdist worker, and whether it still has to be built.

    The first worker to arrive builds while holding a lock; the others wait and reuse its
    build, so each configuration of the site is built once per test run.
    """
    folder = shared_tmp / name
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = folder / ".built"
            yield folder, not done.exists()
            done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def shared_tmp(factory: pytest.TempPathFactory) -> Path:
    """This run's temporary root, the same for every xdist worker.

    A worker's own folder is ``<run>/popen-gwN``; a pytest started inside a worker (a test that runs a
    report's checks) inherits PYTEST_XDIST_WORKER but not that folder, and keeps its own root.
    """
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") and base.name.startswith("popen-") else base


def shared_build(
    factory: pytest.TempPathFactory, name: str, project: Path, *args: str, **build_args
) -> tuple[Built, str]:
    """``project`` built once per run into a shared folder (``run_build``'s arguments); the build and
    its standard output (both streams are on the ``Built``)."""
    with built_once(shared_tmp(factory), name) as (folder, to_build):
        out, log, err = folder / "site", folder / "stdout.txt", folder / "stderr.txt"
        if to_build:
            result = run_build(project, out, *args, **build_args)
            assert result.returncode == 0, result.stderr
            log.write_text(result.stdout, "utf-8")
            err.write_text(result.stderr, "utf-8")
        built = Built(project, out, log.read_text("utf-8"), err.read_text("utf-8"))
        return built, built.stdout


# --------------------------------------------------------------------------- pages and links


def chapter_pages(project: Path) -> list[str]:
    """The project's hand-written pages in nav order, as built HTML paths (landing page and recommendations excluded).

    Read from the ``nav`` of its mkdocs.yml, so checks follow whatever chapters the report has.
    """
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as handle:
        nav = yaml_load(handle).get("nav") or []
    out: list[str] = []

    def walk(items: object) -> None:
        for item in items or []:  # type: ignore[attr-defined]
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            elif (
                isinstance(value, str)
                and value.endswith(".md")
                and not value.startswith("recommendations/")
                and value != "index.md"
            ):
                out.append(
                    value[:-8] + "index.html" if value.endswith("index.md") else value[:-3] + "/index.html"
                )

    walk(nav)
    return out


def all_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a path relative to its base URL (``""`` for the landing page)."""
    out = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def resolve_link(page_rel: str, href: str) -> tuple[str, str]:
    """(site-relative HTML file, fragment) for a link ``href`` on the built page ``page_rel``."""
    url = urlparse(urljoin("http://x/" + page_rel, href))
    path = url.path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path, url.fragment


def visible_text(soup: BeautifulSoup) -> str:
    """Text a reader sees in the article, whitespace folded."""
    article = soup.select_one("article") or soup
    return re.sub(r"\s+", " ", article.get_text())


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
