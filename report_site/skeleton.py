"""``build_site.py new DIR``: a clean report to start from, which builds and passes its tests as created.

The files are in ``templates/skeleton/`` (copied as they are; ``{{ today }}`` in
mkdocs.yml becomes the date of creation). The recommendations schema is copied to
``schemas/`` for editors (the modeline names it). ``CITATION.cff`` is rendered from the new
metadata, so the report starts current. Never writes into a folder that has files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

FOLDER = "templates/skeleton"


def _files(root: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for item in sorted(root.iterdir(), key=lambda t: t.name):
        rel = f"{prefix}{item.name}"
        if item.is_dir():
            out += _files(item, rel + "/")
        elif not item.name.endswith((".pyc", "~")):
            out.append((rel, item.read_text("utf-8")))
    return out


def create(
    target: Path, today: dt.date | None = None, edit: Callable[[dict[str, str | bytes]], None] | None = None
) -> list[Path]:
    """Write the skeleton into ``target`` (created; must be empty or absent). Returns the files written.

    ``edit`` may change the files (relative path → text, or bytes) before any is written: ``build_site.py
    import`` replaces the placeholders with a Word file's chapters, pictures and metadata."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(
            f"{target}: already exists and is not an empty folder; choose a new folder name"
        )
    day = (today or dt.date.today()).isoformat()
    files: dict[str, str | bytes] = {
        rel: text.replace("{{ today }}", day)
        for rel, text in _files(resources.files(__package__).joinpath(FOLDER))
    }
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
        written.append(path)
    schema = (
        target / "schemas" / "recommendations.schema.json"
    )  # what the modeline in recommendations.yaml names
    schema.parent.mkdir(exist_ok=True)
    schema.write_text(
        resources.files(__package__).joinpath("schemas/recommendations.schema.json").read_text("utf-8"),
        "utf-8",
    )
    written.append(schema)
    (target / ".gitignore").write_text("site/\n.venv/\n", "utf-8")
    written.append(target / ".gitignore")
    if citation := _write_citation(target):
        written.append(citation)
    return written


def _write_citation(target: Path) -> Path | None:
    """CITATION.cff from the metadata; none while the metadata is not valid yet (an import's TODO date):
    the build names what to fix, and `make citation` writes it then."""
    from mkdocs import exceptions
    from mkdocs.config import load_config

    from .outputs import cff

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        config = load_config(str(target / "mkdocs.yml"))
    except (exceptions.ConfigurationError, exceptions.Abort):
        return None
    path = target / cff.FILENAME
    path.write_text(cff.render(dict(config.plugins["report-site"].config.metadata)), "utf-8")
    return path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="build_site.py new", description="Create a new report (placeholders to replace) in DIR."
    )
    parser.add_argument("dir", help="folder to create (must not exist, or be empty)")
    args = parser.parse_args(argv)
    target = Path(args.dir)
    try:
        written = create(target)
    except (FileExistsError, OSError) as exc:
        print(f"build_site.py new: {exc}", file=sys.stderr)
        return 1
    print(
        f"Created {len(written)} files in {target}. Next: edit {target / 'mkdocs.yml'} (site_name, metadata, nav), "
        f"then `python build_site.py --config {target / 'mkdocs.yml'}`; {target / 'README.md'} says what goes where."
    )
    return 0
