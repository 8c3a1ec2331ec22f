"""Where the sources live on GitHub, for the "Edit this page" links — found, never assumed.

The repository is read at build time, in this order: ``repo_url`` in mkdocs.yml; the
``REPO_URL`` environment variable; GitHub Actions' ``GITHUB_SERVER_URL`` and
``GITHUB_REPOSITORY``; the ``origin`` remote when it is a GitHub address. When none
answers, the site simply has no edit links. The branch edited is ``EDIT_BRANCH``, else
the pull request's base or the pushed branch on GitHub Actions, else ``main``.

A chapter's link opens its Markdown file; a page generated from the data file opens
that file, a recommendation at its own line (``#L<line>``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..data.model import Report
from .gitinfo import git, toplevel

_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>[^/].*)$")  # git@github.com:owner/name.git


def from_remote(remote: str, allowed_hosts: set[str]) -> str | None:
    """``https://host/owner/name`` for a GitHub remote in any of git's notations, else ``None``."""
    remote = remote.strip()
    if "://" in remote:
        parts = urlsplit(remote)
        host, path = (parts.hostname or "").lower(), parts.path
    elif m := _SCP_LIKE.match(remote):
        host, path = m["host"].lower(), m["path"]
    else:
        return None
    path = path.strip("/").removesuffix(".git")
    if host not in allowed_hosts or path.count("/") != 1 or not all(path.split("/")):
        return None
    return f"https://{host}/{path}"


def detect_repo_url(project: Path, env: dict[str, str] | None = None) -> str | None:
    env = dict(os.environ if env is None else env)
    if env.get("REPO_URL", "").strip():
        return env["REPO_URL"].strip().rstrip("/")
    server, repo = env.get("GITHUB_SERVER_URL", "").strip(), env.get("GITHUB_REPOSITORY", "").strip()
    if server and repo:
        return f"{server.rstrip('/')}/{repo}"
    remote = git(project, "remote", "get-url", "origin")
    hosts = {"github.com"} | ({urlsplit(server).hostname or ""} if server else set())
    return from_remote(remote, hosts) if remote else None


def detect_branch(env: dict[str, str] | None = None) -> str:
    env = dict(os.environ if env is None else env)
    for name in ("EDIT_BRANCH", "GITHUB_BASE_REF"):
        if env.get(name, "").strip():
            return env[name].strip()
    if env.get("GITHUB_REF_TYPE") == "branch" and env.get("GITHUB_REF_NAME"):
        return env["GITHUB_REF_NAME"]
    return "main"


def _repo_path(path: Path, project: Path) -> str:
    """``path`` as the repository sees it: relative to the git root, else to mkdocs.yml's folder."""
    root = toplevel(project) or project
    try:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    except ValueError:
        return path.name


def configure(config: MkDocsConfig) -> None:
    """Fill ``repo_url``/``edit_uri`` (unless mkdocs.yml sets them) so Material shows edit buttons."""
    project = Path(config.config_file_path or ".").resolve().parent
    if not config.repo_url:
        url = detect_repo_url(project)
        if not url:
            return
        config.repo_url = url
        if not config.repo_name or config.repo_name in ("GitHub", "Bitbucket", "GitLab"):
            config.repo_name = "/".join(urlsplit(url).path.strip("/").split("/")[-2:])
    if not config.edit_uri and not config.edit_uri_template:
        docs = _repo_path(Path(config.docs_dir), project)
        config.edit_uri = f"edit/{detect_branch()}/{'' if docs == '.' else docs + '/'}"


def point_generated(
    files: Files, config: MkDocsConfig, report: Report, data_path: Path, index_uri: str
) -> None:
    """Send the edit buttons of data-generated pages to the data file (a recommendation: its line)."""
    if not config.edit_uri or config.edit_uri_template:
        return
    docs = Path(config.docs_dir).resolve()
    relative = Path(os.path.relpath(data_path.resolve(), docs)).as_posix()
    targets = {index_uri: relative, **{r.src_uri: f"{relative}#L{r.line}" for r in report.recommendations}}
    for src_uri, target in targets.items():
        file = files.get_file_from_path(src_uri)
        if file is not None:
            file.edit_uri = target  # mkdocs joins it to repo_url + edit_uri; "../" segments resolve there
