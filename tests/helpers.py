"""Shared helpers for the tests: paths, the one way to build, the one way to serve, the seed's paragraphs.

Builds and servers run the real command lines in a scrubbed environment: everything that
changes the output (repository detection, SOURCE_DATE_EPOCH, SITE_URL, GitHub Actions'
variables) is removed, so a test states exactly what it sets and passes the same on a
workstation and inside GitHub Actions.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from report_site.checks import site as checks
from report_site.checks.site import (  # noqa: F401 - the tests' helpers, shared with the report checks
    Built,
    all_pages,
    built_once,
    clean_env,
    normalise,
    resolve_link,
    shared_tmp,
    visible_text,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The report text as we received it (a copy, so tests run outside this workplace too;
#: ``test_seed_copy_is_the_text_as_received`` checks it against the digest of the original).
SEED = FIXTURES / "seed" / "peninsula-plus.txt"
SEED_SHA256 = "ec26c729d6f41fd949962740b96e3563f1b1d6131c529bb4913d3d2913bb8663"
#: The first report, frozen as a fixture: generator tests build it, so they pass whatever report
#: the repository publishes (tests of the published report itself are in test_report.py).
PENINSULA = FIXTURES / "peninsula-plus"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_d8207254364bc61e.txt"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

#: Lines of the seed file that are web-page furniture or the repost date, not report text.
FURNITURE = {"Download the Full Report", "No comments:", "22 March 2023"}

#: The published address the output and sub-path tests build for (the ``published`` fixture).
SITE_URL = "https://example.org/peninsula-plus/"
#: The address the living-report fixture (status updates and corrections) is built for (the ``living`` fixture).
LIVING_URL = "https://example.org/living/"

#: A fixed date, repository and address: everything that varies between builds, set (the ``copy_built`` fixture).
EPOCH_SETTINGS = {
    "SOURCE_DATE_EPOCH": "1678838400",
    "REPO_URL": "https://github.com/o/r",
    "SITE_URL": "https://o.github.io/r/",
}

#: This repository's command: messages begin with ``build_site.py:``, as an editor of this report sees them.
COMMAND = (sys.executable, str(ROOT / "build_site.py"))


def chapter_pages(project: Path = ROOT) -> list[str]:
    """This repository's chapters (or ``project``'s) in nav order, as built HTML paths."""
    return checks.chapter_pages(project)


def run_build(project: Path, site_dir: Path, *args: str, **options) -> subprocess.CompletedProcess[str]:
    """``build_site.py`` run as an editor would (``report_site.checks.site.run_build``: scrubbed environment,
    no PDF unless ``pdf=True``, ``check=True`` asserts success)."""
    return checks.run_build(project, site_dir, *args, command=COMMAND, **options)


def start_build(project: Path, site_dir: Path, *args: str, pdf: bool = False) -> subprocess.Popen[str]:
    """``run_build`` started and not awaited, its output piped: for tests that signal it or close its pipes."""
    return subprocess.Popen(
        checks.build_command(project, site_dir, *args, pdf=pdf, command=COMMAND),
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )


def shared_build(
    factory: pytest.TempPathFactory, name: str, project: Path, *args: str, **build_args
) -> tuple[Built, str]:
    """``project`` built once per run by ``build_site.py`` into a shared folder; the build and what it printed."""
    return checks.shared_build(factory, name, project, *args, command=COMMAND, **build_args)


def build_here(
    project: Path,
    site_dir: Path,
    *args: str,
    pdf: bool = False,
    env: dict[str, str] | None = None,
    check: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``run_build`` in this interpreter: ``build_site.main()`` with the same arguments, working folder and
    scrubbed environment, its output captured; for tests of what a build makes (mkdocs is imported once).

    Tests of the command itself (exit statuses, signals, pipes) use ``run_build``: a real process.
    """
    import contextlib
    import io
    import logging

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import build_site

    argv = checks.build_command(project, site_dir, *args, pdf=pdf, command=())
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    loggers = [logging.getLogger(name) for name in ("mkdocs", "mkdocs.plugins.report_site.plugin")]
    saved_logs = [(list(ln.handlers), ln.propagate, ln.level, list(ln.filters)) for ln in loggers]
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(clean_env(**(env or {})))
        os.chdir(project)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = build_site.main(argv)
            except SystemExit as exc:  # argparse: bad usage
                code = exc.code if isinstance(exc.code, int) else 2
            except Exception:
                import traceback

                traceback.print_exc()
                code = 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        for logger, (handlers, propagate, level, filters) in zip(loggers, saved_logs, strict=False):
            logger.handlers[:], logger.propagate, logger.filters[:] = handlers, propagate, filters
            logger.setLevel(level)
    result = subprocess.CompletedProcess(["build_site.py", *argv], code, out.getvalue(), err.getvalue())
    if check:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
    return result


def report_tests(project: Path) -> subprocess.CompletedProcess[str]:
    """The report checks every project runs (``report-site test --fast``: no browser) on another report, in a
    pytest of its own."""
    return subprocess.run(
        [sys.executable, "-m", "report_site", "test", "--fast", "--workers", "0", "--project", str(project)],
        cwd=project,
        capture_output=True,
        text=True,
    )


def copy_project(dest: Path, lock: bool = False) -> Path:
    """A scratch copy of the report sources, safe to break; with its ``anchors.lock`` if asked."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "recommendations.yaml", *(["anchors.lock"] if lock else [])):
        shutil.copy2(PENINSULA / name, dest / name)
    shutil.copytree(PENINSULA / "report", dest / "report")
    if (ROOT / "schemas").exists():
        shutil.copytree(ROOT / "schemas", dest / "schemas", symlinks=False)
    return dest


def every_file(site: Path) -> dict[str, bytes]:
    """Relative path → bytes, for comparing whole builds."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = clean_env(
        GIT_AUTHOR_NAME="Editor",
        GIT_AUTHOR_EMAIL="editor@example.org",
        GIT_COMMITTER_NAME="Editor",
        GIT_COMMITTER_EMAIL="editor@example.org",
    )
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    out = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def commit_all(repo: Path, message: str, date: str) -> None:
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


# --------------------------------------------------------------------------- mkdocs serve


@dataclass
class Serving:
    """A running ``mkdocs serve --livereload`` and everything it has printed so far."""

    url: str
    proc: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def since(self, mark: int) -> list[str]:
        return self.lines[mark:]

    def _read(self) -> None:  # on a thread, so the pipe never fills
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def mkdocs_serve(project: Path, **env: str) -> Iterator[Serving]:
    """``mkdocs serve --livereload`` on a free loopback port in its own session; stopped with all it started."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=clean_env(COLUMNS="0", **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    serving = Serving(f"http://127.0.0.1:{port}/", proc)
    threading.Thread(target=serving._read, daemon=True).start()
    try:
        yield serving
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def fetch(url: str) -> tuple[int, str]:
    """Status and body of a GET (an HTTP error status is an answer, not an exception)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def wait_for(predicate: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Poll ``predicate`` (a server not yet up counts as "not yet") until true or ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


# --------------------------------------------------------------------------- the seed


def seed_paragraphs() -> dict[str, list[str]]:
    """Every paragraph of the seed, furniture removed, by the chapter it belongs to.

    The seed glues the recommendations list to its lead-in ("policymakers:Identify");
    that one paragraph is split at the colon, as the report sets it.
    """
    text = SEED.read_text("utf-8")
    paras = [p.strip() for p in text.split("\n\n") if p.strip() and p.strip() not in FURNITURE]
    title, authors, *body = paras
    out: dict[str, list[str]] = {"front": [title, authors], "Executive Summary": [], "Introduction": []}
    chapter = None
    for p in body:
        if p in ("Executive Summary", "Introduction"):
            chapter = p
            continue
        assert chapter, p
        if "policymakers:" in p:
            lead, item = p.split(":", 1)
            out[chapter] += [lead + ":", item]
        else:
            out[chapter].append(p)
    return out
