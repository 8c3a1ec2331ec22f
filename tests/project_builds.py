"""Builds of scratch copies of the project under a controlled environment and git history.

The environment is scrubbed of everything that changes the output (repository
detection, SOURCE_DATE_EPOCH, GitHub Actions' variables), so a test states exactly
what it sets — and passes the same on a workstation and inside GitHub Actions.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT

SCRUBBED_PREFIXES = ("GITHUB_", "GIT_")
SCRUBBED = {"REPO_URL", "EDIT_BRANCH", "SOURCE_DATE_EPOCH", "SITE_URL"}


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED and not k.startswith(SCRUBBED_PREFIXES)}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def build(project: Path, out: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--config", str(project / "mkdocs.yml"), "--site-dir", str(out), *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = clean_env(GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
                    GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    out = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def commit_all(repo: Path, message: str, date: str) -> None:
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def every_file(site: Path) -> dict[str, bytes]:
    """Relative path → bytes, for comparing whole builds."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
