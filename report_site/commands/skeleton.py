"""``report-site new DIR``: a report project that installs the generator, builds and passes its checks as made.

The project holds the report only; the generator is a dependency. Its files are in
``templates/skeleton/`` (copied as they are; ``{{ today }}`` in mkdocs.yml becomes the date of
creation): the Makefile (``make site``, ``make test`` …), README and CONTRIBUTING, ``.gitignore``,
the GitHub workflows and ``.ci/run``, ``package.json`` for axe-core, a placeholder report. Made
here: ``requirements.txt`` (the generator's line, then ``pins.txt``), the recommendations schema
in ``schemas/`` (the modeline names it), ``CITATION.cff`` from the new metadata and
``anchors.lock`` from the new chapters, so the project starts current. Never writes into a
folder that has files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import sys
from collections.abc import Callable
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path

FOLDER = "templates/skeleton"
DISTRIBUTION = "report-site"
#: What a report installs: the generator with what its checks need (pytest, Playwright).
WITH_CHECKS = f"{DISTRIBUTION}[check]"


def _files(root: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for item in sorted(root.iterdir(), key=lambda t: t.name):
        rel = f"{prefix}{item.name}"
        if item.is_dir():
            if item.name != "__pycache__":
                out += _files(item, rel + "/")
        elif not item.name.endswith((".pyc", "~")):
            out.append((rel, item.read_text("utf-8")))
    return out


def installed_generator() -> str:
    """The generator's requirement line as this copy was installed (PEP 610's ``direct_url.json``): a git
    URL at the revision asked for, a local folder or wheel (``file://``), else the version from an index."""
    # Every copy on the path, the installed one first: a checkout's own `*.egg-info` (left by an
    # in-tree build) has no record of where it came from.
    dists = sorted(
        metadata.distributions(name=DISTRIBUTION), key=lambda d: not d.read_text("direct_url.json")
    )
    recorded = dists[0].read_text("direct_url.json")
    if not recorded:
        return f"{WITH_CHECKS}=={dists[0].version}"
    info = json.loads(recorded)
    vcs = info.get("vcs_info")
    if vcs:
        return (
            f"{WITH_CHECKS} @ {vcs['vcs']}+{info['url']}@{vcs.get('requested_revision') or vcs['commit_id']}"
        )
    return f"{WITH_CHECKS} @ {info['url']}"


def requirements_text(generator: str) -> str:
    """A report project's requirements.txt: the generator's line, then the exact versions it was tested with."""
    pins = resources.files("report_site").joinpath("pins.txt").read_text("utf-8")
    body = "\n".join(line for line in pins.splitlines() if line and not line.startswith("#"))
    return (
        "# The generator, pinned: in a repository, a git URL at a tag, e.g.\n"
        f"#   {WITH_CHECKS} @ git+https://github.com/OWNER/report-site@v1.2.0\n"
        "# To upgrade: `.venv/bin/pip install '<the new line>'`, then\n"
        "# `.venv/bin/report-site requirements > requirements.txt`, `make test`, commit.\n"
        f"{generator}\n"
        "# Everything it uses, at the versions its tests ran (written by `report-site requirements`).\n"
        f"{body}\n"
    )


def is_local(generator: str) -> bool:
    """The line installs from this machine's disk: fine here, unusable in CI or on a colleague's machine."""
    return "file:" in generator


def create(
    target: Path,
    today: dt.date | None = None,
    generator: str | None = None,
    edit: Callable[[dict[str, str | bytes]], None] | None = None,
) -> list[Path]:
    """Write the project into ``target`` (created; must be empty or absent). Returns the files written.

    ``edit`` may change the files (relative path → text, or bytes) before any is written: ``report-site
    import`` replaces the placeholders with a Word file's chapters, pictures and metadata."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(
            f"{target}: already exists and is not an empty folder; choose a new folder name"
        )
    day = (today or dt.date.today()).isoformat()
    files: dict[str, str | bytes] = {
        rel: text.replace("{{ today }}", day)
        for rel, text in _files(resources.files("report_site").joinpath(FOLDER))
    }
    files["requirements.txt"] = requirements_text(generator or installed_generator())
    # what the modeline in recommendations.yaml names
    files["schemas/recommendations.schema.json"] = (
        resources.files("report_site").joinpath("schemas/recommendations.schema.json").read_text("utf-8")
    )
    if edit:
        edit(files)
    written = []
    for rel, content in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
            if content.startswith("#!"):
                path.chmod(0o755)
        written.append(path)
    # Neither while the metadata has a to-do (an import's date): the build names what to fix first.
    written += [p for p in (_write_citation(target), _record_anchors(target)) if p is not None]
    return written


def _write_citation(target: Path) -> Path | None:
    """CITATION.cff from the metadata; none while the metadata is not valid yet (an import's TODO date):
    the build names what to fix, and `make citation` writes it then."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    from ..outputs import cff

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        config = load_config(str(target / "mkdocs.yml"))
    except (exceptions.ConfigurationError, exceptions.Abort):
        return None
    path = target / cff.FILENAME
    path.write_text(cff.render(dict(config.plugins["report-site"].config.metadata)), "utf-8")
    return path


def _record_anchors(target: Path) -> Path | None:
    """anchors.lock for the placeholder chapters, so the check that the lock is current passes as made
    (none while the project does not build yet)."""
    from mkdocs import exceptions

    from ..chapters.anchors import update_lock

    try:
        return update_lock(target / "mkdocs.yml").path
    except (exceptions.ConfigurationError, exceptions.Abort, exceptions.PluginError):
        return None


def _next_steps(target: Path, generator: str) -> str:
    where = shlex.quote(str(target))
    steps = (
        f"Next: cd {where} && make site   (creates .venv with the generator, builds site/), then make test.\n"
        f"Edit mkdocs.yml (site_name, metadata, nav), report/ and recommendations.yaml; README.md says what goes where."
    )
    if is_local(generator):
        steps += (
            f"\nrequirements.txt installs the generator from this machine ({generator.split(' @ ', 1)[1]}); "
            "before pushing the project, name a git URL and tag there (its first lines show how)."
        )
    return steps


def main(argv: list[str], prog: str = "report-site new") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Create a new report project in DIR: placeholders to replace, the same `make site` and "
        "`make test`, the generator installed from requirements.txt.",
    )
    parser.add_argument("dir", nargs="?", help="folder to create (must not exist, or be empty)")
    parser.add_argument(
        "--generator",
        help="the generator's line in requirements.txt (default: as this one is installed), e.g. "
        f"'{WITH_CHECKS} @ git+https://github.com/OWNER/report-site@v1.2.0'",
    )
    args = parser.parse_args(argv)
    if not args.dir:
        parser.exit(
            2, f"{prog}: say where to create the report: {prog} DIR (a new folder, e.g. ../my-report)\n"
        )
    target = Path(args.dir)
    generator = args.generator or installed_generator()
    try:
        written = create(target, generator=generator)
    except (FileExistsError, OSError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    print(f"Created {len(written)} files in {target}.\n{_next_steps(target, generator)}")
    return 0


def requirements_main(argv: list[str], prog: str = "report-site requirements") -> int:
    """``report-site requirements``: print a project's requirements.txt for the installed generator."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Print requirements.txt for a report project: the installed generator's line and the exact "
        "versions it was tested with (redirect it into requirements.txt after upgrading the generator).",
    )
    parser.add_argument("--generator", help="the generator's line (default: as this one is installed)")
    args = parser.parse_args(argv)
    sys.stdout.write(requirements_text(args.generator or installed_generator()))
    return 0
