"""build_site.py as editors meet it: one line per problem, exit 1, site/ kept."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import ROOT, build_here, copy_project, run_build, start_build


def tree_digest(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def test_help_documents_the_command() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    for flag in ("--check", "--site-dir", "--strict", "--config"):
        assert flag in out.stdout


def test_unknown_id_in_a_chapter_fails_with_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    chapter = project / "report" / "introduction.md"
    lines = chapter.read_text("utf-8").split("\n")
    n = lines.index("[[supports: threats-from-china]]")
    lines[n] = "[[supports: threats-from-chna]]"
    chapter.write_text("\n".join(lines), "utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"report/introduction.md:{n + 1}:13: unknown recommendation id `threats-from-chna`; did you mean `threats-from-china`?"
        in result.stderr
    )
    assert not site.exists()


@pytest.mark.slow
def test_failed_build_leaves_previous_site_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert (
        build_here(project, site).returncode == 0
    )  # the previous site (made in-process; the command under test fails below)
    before = tree_digest(site)
    data = project / "recommendations.yaml"
    data.write_text(data.read_text("utf-8").replace("focus_areas: [china]", "focus_areas: [chine]"), "utf-8")
    result = run_build(project, site)
    assert result.returncode == 1, result.stdout
    assert "recommendations.yaml:" in result.stderr and "unknown focus area `chine`" in result.stderr
    assert tree_digest(site) == before


@pytest.mark.slow
def test_check_validates_without_building(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--check"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "9 recommendations" in result.stdout
    assert not (project / "site").exists()


@pytest.mark.slow
def test_broken_link_fails_the_build_with_the_chapter_line_and_keeps_site(tmp_path: Path) -> None:
    """An mkdocs-level failure (strict mode) is reported like ours and keeps the old site."""
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert build_here(project, site).returncode == 0  # the previous site
    before = tree_digest(site)
    chapter = project / "report" / "introduction.md"
    lines = chapter.read_text("utf-8").split("\n")
    lines.insert(4, "See [the annex](annex.md).")
    lines.insert(5, "")
    chapter.write_text("\n".join(lines), "utf-8")
    result = run_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "report/introduction.md:5:17: Doc file 'introduction.md' contains a link 'annex.md', but the target is not found among documentation files."
        in result.stderr
    )
    assert result.stderr.strip().endswith("left unchanged")
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site-building-*"))


@pytest.mark.slow
def test_interrupted_build_leaves_site_and_no_staging(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    assert build_here(project, site).returncode == 0  # the previous site
    before = tree_digest(site)
    # SIGTERM while the staging directory exists: cleaned up, site untouched
    proc = start_build(project, site, pdf=True)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".site-building-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 130), err  # 0 only if the build won the race
    assert "Traceback" not in err
    if proc.returncode == 130:
        assert "interrupted; site/ left unchanged" in err
        assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site-*"))
    # SIGKILL cannot be cleaned up by the build itself: the next build removes the leftover
    proc = start_build(project, site, pdf=True)
    while not list(tmp_path.glob(".site-building-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.kill()
    proc.communicate(timeout=60)
    assert run_build(project, site).returncode == 0
    assert not list(tmp_path.glob(".site-*"))
    assert (site / "index.html").is_file()


@pytest.mark.slow
def test_refuses_every_directory_that_holds_sources(tmp_path: Path) -> None:
    """Also the sources themselves ("refusing to build over the sources"); the first refusal by the real
    command, the others by the same main() in-process."""
    project = copy_project(tmp_path / "p")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "keep.txt").write_text("mine", "utf-8")
    over_the_sources = (project, project / "report", tmp_path)
    for n, target in enumerate(
        (*over_the_sources, project / "report" / "out", Path.home(), Path("/"), notes)
    ):
        result = (run_build if n == 0 else build_here)(project, target)
        assert result.returncode == 1, target
        assert "refusing to" in result.stderr and "Traceback" not in result.stderr
        if target in over_the_sources:
            assert "refusing to build" in result.stderr, target
    assert (notes / "keep.txt").read_text("utf-8") == "mine"
    assert (project / "report" / "introduction.md").is_file()


def test_pre_commit_hooks_run_the_check_and_the_lint() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {h["id"]: h for h in repo["hooks"]}
    assert hooks["report-check"]["entry"] == "python build_site.py --check"
    assert hooks["report-check"]["pass_filenames"] is False
    lint = (ROOT / "Makefile").read_text("utf-8").split("\nlint:", 1)[1].split("\n\n", 1)[0]
    for hook in ("ruff-format", "ruff", "mypy"):  # the same commands as `make lint`
        assert hooks[hook]["entry"].replace(".venv/bin/", "$(VENV)/bin/") in lint, hook


def test_refuses_a_folder_of_tracked_files_with_one_line_and_touches_nothing(tmp_path: Path) -> None:
    """`--site-dir report_site/theme` once replaced the generator's theme (it has an index-like 404.html)."""
    project = copy_project(tmp_path / "p")
    theme = project / "report_site" / "theme"
    shutil.copytree(ROOT / "report_site" / "theme", theme)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "add", "report_site"], check=True)
    before = tree_digest(theme)
    result = run_build(project, theme)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "report_site/theme: refusing to build there: it holds files tracked by git (e.g. report_site/theme/404.html), "
        "and the site directory is replaced whole; choose a directory such as site/",
        "build_site.py: nothing built",
    ]
    assert tree_digest(theme) == before
    assert sorted(p.name for p in theme.parent.iterdir()) == ["theme"]


def test_refuses_a_folder_with_an_index_html_it_did_not_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "index.html").write_text("<p>hand-made</p>", "utf-8")
    result = run_build(project, folder)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].endswith(
        "refusing to replace a directory this tool did not build (no .report-site-build marker); empty it or choose another directory"
    )
    assert (folder / "index.html").read_text("utf-8") == "<p>hand-made</p>"


@pytest.mark.slow
def test_site_is_marked_readable_by_others_and_leaves_nothing_behind(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    (tmp_path / ".site-old-abcd1234").mkdir()  # left by an older build that could not remove it
    (tmp_path / ".site-old-abcd1234" / "site").mkdir()
    old = os.umask(0o022)
    try:
        assert run_build(project, site).returncode == 0
        marker = (site / ".report-site-build").read_text("utf-8").splitlines()
        assert "index.html" in marker and "sitemap.xml" in marker
        assert stat.S_IMODE(site.stat().st_mode) == 0o755
        (site / "notes.txt").write_text("mine", "utf-8")  # not written by the build: the next build refuses
        result = run_build(project, site)
        assert result.returncode == 1 and "the build did not write (e.g. notes.txt)" in result.stderr
        (site / "notes.txt").unlink()
        assert run_build(project, site).returncode == 0
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "site"]


@pytest.mark.slow
def test_closed_stdout_is_reported_as_such_after_a_complete_build(tmp_path: Path) -> None:
    """`build_site.py | (exec 0<&-)`: the summary cannot be printed; the site is built all the same."""
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    proc = start_build(project, site)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 0, err
    assert err.splitlines() == [
        f"build_site.py: standard output is closed (broken pipe), so the summary was not printed; the site was built into {os.path.relpath(site, project)}/"
    ]
    assert (site / "index.html").is_file() and (site / ".report-site-build").is_file()


@pytest.fixture()
def tmpfs(tmp_path: Path) -> Iterator[Callable[[Path, str], Path]]:
    """Mount a small tmpfs (root only: skipped elsewhere; test_sitedir simulates the same with EBUSY)."""
    mounted: list[Path] = []

    def mount(path: Path, size: str) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        if (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
            ).returncode
            != 0
        ):
            pytest.skip("cannot mount a tmpfs here (needs root)")
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", str(path)], check=False)


@pytest.mark.slow
def test_site_as_a_mount_point_has_its_contents_replaced(
    tmp_path: Path, tmpfs: Callable[[Path, str], Path]
) -> None:
    """A container volume mounted at site/ cannot be renamed (EBUSY): its contents are replaced."""
    project = copy_project(tmp_path / "p")
    site = tmpfs(tmp_path / "site", "64m")
    assert build_here(project, site).returncode == 0  # the volume's first contents
    first = tree_digest(site)
    chapter = project / "report" / "introduction.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace("# Introduction", "# Introduction (revised)", 1), "utf-8"
    )
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert tree_digest(site) != first and "(revised)" in (site / "introduction" / "index.html").read_text(
        "utf-8"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "site"]
    assert not list(site.glob(".report-site-*going-*"))


@pytest.mark.slow
def test_disk_full_is_said_as_such_and_keeps_the_previous_site(
    tmp_path: Path, tmpfs: Callable[[Path, str], Path]
) -> None:
    project = copy_project(tmp_path / "p")
    disk = tmpfs(tmp_path / "disk", "64m")
    site = disk / "site"
    assert build_here(project, site).returncode == 0  # the previous site
    before = tree_digest(site)
    (disk / "filler").write_bytes(
        b"\0" * (64 * 1024 * 1024 - sum((site / p).stat().st_size for p in before) - 2 * 1024 * 1024)
    )
    result = run_build(project, site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.splitlines()[0]
        == os.path.relpath(site, project)
        + ": cannot write the site: no space left on the device; free some space and build again"
    )
    assert (
        result.stderr.splitlines()[-1]
        == "build_site.py: build failed; " + os.path.relpath(site, project) + "/ left unchanged"
    )
    assert tree_digest(site) == before
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "site"]
