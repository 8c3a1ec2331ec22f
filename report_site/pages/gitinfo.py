"""Ask git small questions about the project, and never fail when there is no answer.

Builds run in full clones, shallow CI clones, tarballs and copies without ``.git``;
every question here returns ``None`` rather than raising when git cannot answer.
"""

from __future__ import annotations

import os
import subprocess
from functools import lru_cache
from pathlib import Path


def git(cwd: Path, *args: str) -> str | None:
    """The stripped output of ``git args`` run in ``cwd``, or ``None`` on any failure."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["GIT_TERMINAL_PROMPT"] = "0"
    try:
        out = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


@lru_cache(maxsize=32)
def _work_tree(folder: Path) -> tuple[Path, Path | None] | None:
    """(root of the work tree holding ``folder``, its shallow file if the clone is shallow), from one
    ``git rev-parse``: each git process costs a build a few milliseconds of CPU."""
    out = git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-path", "shallow")
    lines = out.splitlines() if out else []
    if len(lines) != 3:
        return None
    root, shallow, path = lines
    file = Path(path) if Path(path).is_absolute() else folder / path
    return Path(root).resolve(), (file if shallow == "true" else None)


def toplevel(path: Path) -> Path | None:
    """The root of the git work tree that holds ``path``, if any."""
    tree = _work_tree(path if path.is_dir() else path.parent)
    return tree[0] if tree else None


def shallow_boundaries(folder: Path) -> frozenset[str]:
    """Commits at the cut of the shallow clone holding ``folder``: their parents (and true dates of older
    changes) are unknown."""
    tree = _work_tree(folder)
    if not tree or tree[1] is None:
        return frozenset()
    try:
        return frozenset(tree[1].read_text("utf-8").split())
    except OSError:
        return frozenset()
