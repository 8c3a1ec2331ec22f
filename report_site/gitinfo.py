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
            ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


@lru_cache(maxsize=32)
def toplevel(path: Path) -> Path | None:
    """The root of the git work tree that holds ``path``, if any."""
    folder = path if path.is_dir() else path.parent
    root = git(folder, "rev-parse", "--show-toplevel")
    return Path(root).resolve() if root else None


def shallow_boundaries(root: Path) -> frozenset[str]:
    """Commits at the cut of a shallow clone: their parents (and true dates of older changes) are unknown."""
    if git(root, "rev-parse", "--is-shallow-repository") != "true":
        return frozenset()
    shallow = git(root, "rev-parse", "--git-path", "shallow")
    if not shallow:
        return frozenset()
    file = Path(shallow) if Path(shallow).is_absolute() else root / shallow
    try:
        return frozenset(file.read_text("utf-8").split())
    except OSError:
        return frozenset()
