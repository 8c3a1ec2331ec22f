"""The site directory: which folder may be replaced, and replacing it in one step.

The site directory is replaced whole by every build, so the guard refuses any
folder that holds something the build did not make: files git tracks, or (outside
git) files missing from the marker the build writes into every site it makes.
A built site is recognised by that marker (``.report-site-build``), never by an
``index.html`` (a theme folder has one too).

The new site is built in a sibling staging folder and swapped in only once complete:
atomically by ``renameat2`` on Linux, else by two renames; when ``site/`` is a mount
point (a container volume) it cannot be renamed, so its contents are replaced.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Written into every site the build makes: its first line names the tool, then one built file per line.
MARKER = ".report-site-build"
MARKER_HEADER = "# Built by report-site (build_site.py); the site directory is replaced whole on every build."
#: Staging and old-site folders are named after the site directory and the building process.
STAGING_PREFIX = ".{name}-building-"
OLD_PREFIX = ".{name}-old-"


class Refused(Exception):
    """The directory must not be replaced; the message says why and what to do."""


def guard(target: Path, project: Path, docs: Path, shown: str) -> None:
    """Raise ``Refused`` unless ``target`` is absent, empty, or a site this tool built."""
    home = Path.home().resolve()
    forbidden = {
        project: "the project root",
        docs: "the docs directory",
        home: "the home directory",
        Path(target.anchor): "the filesystem root",
    }
    for path, what in forbidden.items():
        if target == path or target in path.parents:
            where = "is" if target == path else "contains"
            raise Refused(
                f"{shown}: refusing to build there: the site directory is replaced whole, and it {where} {what} ({path}); choose a directory such as site/"
            )
    if docs in target.parents:
        raise Refused(
            f"{shown}: refusing to build inside the docs directory ({docs}); choose a directory such as site/"
        )
    if target.exists() and not target.is_dir():
        raise Refused(f"{shown}: refusing to build there: it is a file, not a directory")
    if not target.is_dir() or not any(target.iterdir()):
        return
    tracked = tracked_files(target)
    if tracked:
        raise Refused(
            f"{shown}: refusing to build there: it holds files tracked by git (e.g. {tracked[0]}), and the site directory is replaced whole; choose a directory such as site/"
        )
    built = marker_files(target)
    if built is None:
        raise Refused(
            f"{shown}: refusing to replace a directory this tool did not build (no {MARKER} marker); empty it or choose another directory"
        )
    foreign = sorted(p for p in _files(target) if p not in built and p != MARKER)
    if foreign:
        raise Refused(
            f"{shown}: refusing to replace it: it holds {len(foreign)} file(s) the build did not write (e.g. {foreign[0]}); move them elsewhere or choose another directory"
        )


def tracked_files(folder: Path) -> list[str]:
    """Files under ``folder`` that git tracks (none when git or a repository is absent)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "-z", "--full-name", "--", "."],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if out.returncode != 0:
        return []
    return sorted(p for p in os.fsdecode(out.stdout).split("\0") if p)


def marker_files(site: Path) -> set[str] | None:
    """The files a previous build wrote into ``site`` (from its marker), or None without one."""
    try:
        lines = (site / MARKER).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or lines[0] != MARKER_HEADER:
        return None
    return set(lines[1:])


def _files(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in site.rglob("*") if not p.is_dir() or p.is_symlink()]


def write_marker(site: Path) -> None:
    """Mark ``site`` as built by this tool, listing every file the build wrote."""
    files = sorted(p for p in _files(site) if p != MARKER)
    (site / MARKER).write_text("\n".join([MARKER_HEADER, *files]) + "\n", "utf-8")


def make_staging(target: Path) -> Path:
    """A fresh sibling folder to build into, with the permissions ``mkdir`` would give (umask). Its name holds
    this process's id, so ``remove_own_staging`` finds it even if an interrupt lands before the caller holds it."""
    staging = Path(
        tempfile.mkdtemp(prefix=f"{STAGING_PREFIX.format(name=target.name)}{os.getpid()}-", dir=target.parent)
    )
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes 0700: a web server running as another user gets 403
    return staging


def remove_own_staging(target: Path) -> None:
    """Delete every staging folder this process made for ``target`` (after a build, whatever interrupted it)."""
    for path in target.parent.glob(f"{STAGING_PREFIX.format(name=target.name)}{os.getpid()}-*"):
        shutil.rmtree(path, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_leftovers(target: Path) -> list[Path]:
    """Delete staging and old-site folders that builds left behind (their process is gone)."""
    removed = []
    for template in (STAGING_PREFIX, OLD_PREFIX):
        prefix = template.format(name=target.name)
        for path in target.parent.glob(prefix + "*"):
            m = re.match(re.escape(prefix) + r"(\d+)-", path.name)
            if (m is None or not _alive(int(m.group(1)))) and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != 0


def swap(staging: Path, target: Path) -> None:
    """Put the complete site in ``staging`` at ``target``; the old site is deleted.

    No moment exists at which ``target`` is missing or half-written, except on a mount
    point, where the new files are first copied in whole and then moved into place.
    """
    if target.exists() and _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # the old site, now at staging
        return
    if not target.exists():
        os.rename(staging, target)
        return
    old = Path(
        tempfile.mkdtemp(prefix=f"{OLD_PREFIX.format(name=target.name)}{os.getpid()}-", dir=target.parent)
    )
    try:
        os.rename(target, old / "site")
    except OSError as exc:
        shutil.rmtree(old, ignore_errors=True)
        if exc.errno in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
            replace_contents(staging, target)  # a mount point cannot be renamed; its contents can
            return
        raise
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(old / "site", target)  # put the old site back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def replace_contents(staging: Path, target: Path) -> None:
    """Replace what ``target`` holds by what ``staging`` holds, keeping ``target`` itself.

    The new site is copied into a hidden folder inside ``target`` first (it may be on
    another filesystem); only once that copy is complete are the old entries moved
    aside and the new ones moved in (renames within one filesystem), then the old deleted.
    """
    incoming = target / f".report-site-incoming-{os.getpid()}"
    outgoing = target / f".report-site-outgoing-{os.getpid()}"
    for stale in target.glob(".report-site-*going-*"):
        shutil.rmtree(stale, ignore_errors=True)
    try:
        shutil.copytree(staging, incoming, symlinks=True, copy_function=shutil.copy2)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    outgoing.mkdir()
    for entry in list(target.iterdir()):
        if entry not in (incoming, outgoing):
            os.rename(entry, outgoing / entry.name)
    for entry in list(incoming.iterdir()):
        os.rename(entry, target / entry.name)
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.rmtree(outgoing, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0
