"""The site directory: the guard that refuses folders holding sources, the marker, the swap."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import build_here

from report_site.commands import sitedir


def site_with(path: Path, files: dict[str, str], marker: bool = True) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, "utf-8")
    if marker:
        sitedir.write_marker(path)
    return path


def refuse(target: Path, tmp_path: Path) -> str:
    with pytest.raises(sitedir.Refused) as info:
        sitedir.guard(
            target.resolve(),
            (tmp_path / "project").resolve(),
            (tmp_path / "project" / "docs").resolve(),
            "out",
        )
    return str(info.value)


def test_a_folder_with_index_html_but_no_marker_is_not_a_site(tmp_path: Path) -> None:
    theme = site_with(
        tmp_path / "theme", {"index.html": "x", "404.html": "y", "main.html": "z"}, marker=False
    )
    assert (
        refuse(theme, tmp_path)
        == "out: refusing to replace a directory this tool did not build (no .report-site-build marker); empty it or choose another directory"
    )


def test_a_built_site_with_a_file_the_build_did_not_write_is_refused(tmp_path: Path) -> None:
    site = site_with(tmp_path / "site", {"index.html": "x", "assets/a.css": "y"})
    sitedir.guard(
        site.resolve(), tmp_path / "project", tmp_path / "project" / "docs", "out"
    )  # accepted as built
    (site / "notes.md").write_text("mine", "utf-8")
    assert (
        refuse(site, tmp_path)
        == "out: refusing to replace it: it holds 1 file(s) the build did not write (e.g. notes.md); move them elsewhere or choose another directory"
    )


def test_files_tracked_by_git_are_refused_even_with_a_marker(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    site = site_with(repo / "public", {"index.html": "x"})
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "public/index.html"], check=True)
    assert refuse(site, tmp_path) == (
        "out: refusing to build there: it holds files tracked by git (e.g. public/index.html), "
        "and the site directory is replaced whole; choose a directory such as site/"
    )


def test_a_marker_with_another_header_does_not_count(tmp_path: Path) -> None:
    site = site_with(tmp_path / "site", {"index.html": "x"}, marker=False)
    (site / sitedir.MARKER).write_text("index.html\n", "utf-8")
    assert "no .report-site-build marker" in refuse(site, tmp_path)


def test_staging_gets_the_permissions_mkdir_would_give(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        staging = sitedir.make_staging(tmp_path / "site")
    finally:
        os.umask(old)
    assert stat.S_IMODE(staging.stat().st_mode) == 0o755


def test_swap_replaces_the_contents_of_a_mount_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mount point cannot be renamed (EBUSY): the folder stays, its contents are replaced."""
    target = site_with(tmp_path / "site", {"index.html": "old", "gone.html": "old"})
    staging = site_with(tmp_path / ".site-building-1-x", {"index.html": "new", "assets/new.css": "new"})
    inode = target.stat().st_ino
    real_rename = os.rename

    def rename(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        if Path(src) == target:
            raise OSError(errno.EBUSY, "Device or resource busy", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(sitedir, "_exchange", lambda a, b: False)
    monkeypatch.setattr(sitedir.os, "rename", rename)
    sitedir.swap(staging, target)
    assert target.stat().st_ino == inode
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        sitedir.MARKER,
        "assets",
        "assets/new.css",
        "index.html",
    ]
    assert (target / "index.html").read_text("utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_mount_point_keeps_its_old_site_when_the_copy_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = site_with(tmp_path / "site", {"index.html": "old"})
    staging = site_with(tmp_path / ".site-building-1-x", {"index.html": "new"})
    real_copy = sitedir.shutil.copy2

    def copy(src: object, dst: str, **kw: object) -> object:
        if os.fspath(src).endswith("index.html"):  # type: ignore[call-overload]
            raise OSError(errno.ENOSPC, "No space left on device", dst)
        return real_copy(src, dst, **kw)

    monkeypatch.setattr(sitedir.shutil, "copy2", copy)
    with pytest.raises(OSError):
        sitedir.replace_contents(staging, target)
    assert (target / "index.html").read_text("utf-8") == "old"
    assert sorted(p.name for p in target.iterdir()) == [sitedir.MARKER, "index.html"]


def test_leftovers_of_dead_builds_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "site"
    for name in (
        ".site-old-abc123",
        ".site-old-999999999-x",
        ".site-building-999999999-y",
        f".site-building-{os.getpid()}-z",
        ".other",
    ):
        (tmp_path / name).mkdir()
    sitedir.remove_leftovers(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other", f".site-building-{os.getpid()}-z"]


@pytest.mark.parametrize("where", ["in mkdtemp, after the folder exists", "in the chmod that follows"])
def test_an_interrupt_while_the_staging_folder_is_made_leaves_nothing(
    mini: Path, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM becomes KeyboardInterrupt in Python code; arriving just after the folder exists, before the build
    holds it, it must not leave a `.site-building-*` folder behind (the build finds its own by name). Another
    build's staging folder is left alone."""
    from report_site.commands import build

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if where.startswith("in mkdtemp"):
        real = sitedir.tempfile.mkdtemp
        monkeypatch.setattr(sitedir.tempfile, "mkdtemp", lambda *a, **k: interrupted(real(*a, **k)))
    else:
        monkeypatch.setattr(sitedir.os, "chmod", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    other = out / ".site-building-1-x"  # pid 1: a live process, not this one
    other.mkdir()
    with pytest.raises(KeyboardInterrupt):
        build.build(mini / "mkdocs.yml", site_dir=str(out / "site"), pdf=False)
    assert sorted(p.name for p in out.iterdir()) == [".site-building-1-x"]


def test_check_refuses_the_site_folder_the_build_refuses(mini: Path) -> None:
    """`--check` is the build into a scratch folder: a foreign file in the site folder it would replace fails it
    too, with the build's own line (a pre-commit check never passes what `make site` then refuses)."""
    build_here(mini, mini / "site", check=True)
    (mini / "site" / "notes.md").write_text("mine", "utf-8")
    built = build_here(mini, mini / "site")
    checked = build_here(mini, mini / "site", "--check")
    refusal = (
        "site: refusing to replace it: it holds 1 file(s) the build did not write (e.g. notes.md); move them "
        "elsewhere or choose another directory"
    )
    assert built.returncode == checked.returncode == 1
    assert built.stderr.splitlines() == [refusal, "build_site.py: nothing built"]
    assert checked.stderr.splitlines() == [refusal, "build_site.py: check failed"]
    assert (mini / "site" / "notes.md").read_text("utf-8") == "mine"
