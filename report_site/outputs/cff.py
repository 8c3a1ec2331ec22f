"""``CITATION.cff`` (Citation File Format 1.2.0) from the report metadata in mkdocs.yml.

The repository is the web edition of the report, so the file's preferred
citation is the report itself (type ``report``, the institution as publisher).
Authors: a person as ``family-names``/``given-names`` (plus ``name-particle``,
``name-suffix``), an organisation as an entity ``name``. The edition: ``date-released`` is
the date of the text as it stands (its last ``[[correction]]``, else publication) and
``version`` the metadata's, where given. The file is a source file, so only ``make citation``
(``python -m report_site.outputs.cff --write``) changes it; every build compares it with the
metadata and the corrections and says so when it is stale.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from ..data.model import Author
from ..errors import shown
from .citation import Work

#: The one command that brings CITATION.cff up to date (named in the staleness warning).
COMMAND = "make citation"
FILENAME = "CITATION.cff"

#: ISO 639-3 codes for the languages a report is likely to be in (CFF wants 639-3).
ISO_639_3 = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "ko": "kor", "ja": "jpn", "zh": "zho"}


def person_or_entity(a: Author) -> dict[str, str]:
    if a.is_organisation:
        return {"name": a.name}
    out = {"family-names": a.family}
    if a.given:
        out["given-names"] = a.given
    if a.particle:
        out["name-particle"] = a.particle
    if a.suffix:
        out["name-suffix"] = a.suffix
    return out


def _people(work: Work) -> list[dict[str, str]]:
    return [person_or_entity(a) for a in work.authors]


def document(meta: dict[str, Any], corrected: dt.date | None = None) -> dict[str, Any]:
    """The file's content as data; ``corrected``: the date of the report's last correction."""
    work = Work.from_meta(meta, corrected=corrected)
    lang = ISO_639_3.get(work.language.split("-")[0].lower())
    preferred: dict[str, Any] = {
        "type": "report",
        "title": work.full_title,
        "authors": _people(work),
        "institution": {"name": work.publisher},
        "publisher": {"name": work.publisher},
        # CFF's dates are whole days: a month or a year alone is given as such, no day invented
        **({"date-published": work.published.isoformat()} if work.published.date else {}),
        "year": work.published.year,
        **({"month": work.published.month} if work.published.month else {}),
    }
    if lang:
        preferred["languages"] = [lang]
    if work.version:
        preferred["version"] = work.version
    doc: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "This repository publishes the report as a website. If you use the report, please cite it as below.",
        "title": work.full_title,
        "authors": _people(work),
        "type": "dataset",
    }
    if work.version:
        doc["version"] = work.version
    released = work.corrected or work.published.date  # a full date, or none (CFF has no month or year form)
    if released:
        doc["date-released"] = released.isoformat()
    doc["preferred-citation"] = preferred
    return doc


def render(meta: dict[str, Any], corrected: dt.date | None = None) -> str:
    return (
        "# Generated from mkdocs.yml by `python -m report_site.outputs.cff`; do not edit by hand.\n"
        + yaml.safe_dump(document(meta, corrected), sort_keys=False, allow_unicode=True, width=1000)
    )


def stale(meta: dict[str, Any], config_file: str | Path, corrected: dt.date | None = None) -> str:
    """A one-line warning when CITATION.cff next to mkdocs.yml says other than the metadata ("" when current or absent).

    Compared as data, read by libyaml where PyYAML has it: every build asks, and writing the
    file out with PyYAML's pure-Python emitter to compare text cost more than the rest of
    ``on_config``."""
    path = Path(config_file).parent / FILENAME
    try:
        current = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError):  # ValueError: a date that is none
        current = None
    if current is None and not path.exists():
        return ""
    if current == document(meta, corrected):
        return ""
    what = f" and the report's last correction ({corrected.isoformat()})" if corrected else ""
    return f"{shown(path)}:1:1: out of date with the metadata in mkdocs.yml{what}; run `{command(config_file)}` and commit it"


def command(config_file: str | Path) -> str:
    """The one command to run: ``make citation`` in the generator's own checkout, else the module itself."""
    makefile = Path(config_file).parent / "Makefile"
    try:
        if "\ncitation:" in makefile.read_text("utf-8"):
            return COMMAND
    except OSError:
        pass
    return f"python -m report_site.outputs.cff --write {shown(Path(config_file))}"


def _text(path: Path) -> str:
    """A chapter's text, "" when it cannot be read (the build names that file itself)."""
    try:
        return path.read_text("utf-8", errors="replace")
    except OSError:
        return ""


def last_correction(config: Any) -> dt.date | None:
    """The date of the report's last ``[[correction]]`` (None when it has none), found by the analysis a
    build makes, so a report with problems raises them here too. A report none of whose chapters has the
    characters ``[[correction`` is not analysed: this runs before every build (``build._refresh_citation``)."""
    from mkdocs.structure.files import get_files

    from ..data.positions import PLUGIN

    if not any("[[correction" in _text(p) for p in Path(config.docs_dir).rglob("*.md")):
        return None
    config = config.plugins.on_config(config)
    result = config.plugins[PLUGIN]._analyse(get_files(config), config)
    return max((c.date for c in result.index.corrections), default=None)


def main(argv: list[str] | None = None) -> int:
    """``python -m report_site.outputs.cff [--write] [mkdocs.yml]``: print (or, asked, write) CITATION.cff."""
    from mkdocs.exceptions import PluginError

    from ..commands.build import BuildFailed, load
    from ..data.positions import PLUGIN
    from ..data.sources import metadata_problems
    from ..errors import ReportError

    args = list(sys.argv[1:] if argv is None else argv)
    write = "--write" in args
    args = [a for a in args if a != "--write"]
    config_file = args[0] if args else "mkdocs.yml"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        config = load(Path(config_file))
    except BuildFailed as exc:
        print(
            "\n".join([*exc.lines, f"{FILENAME} not written ({exc.summary.split(';')[0]})"]), file=sys.stderr
        )
        return 1
    if PLUGIN not in config.plugins:
        print(
            f"{shown(config_file)}:1:1: the `{PLUGIN}` plugin is not configured; {FILENAME} not written",
            file=sys.stderr,
        )
        return 1
    meta = dict(config.plugins[PLUGIN].config.metadata)
    if problems := metadata_problems(meta, Path(config_file), shown(config_file)):
        print("\n".join([*map(str, problems), f"{FILENAME} not written"]), file=sys.stderr)
        return 1
    try:
        corrected = last_correction(config)
    except (PluginError, ReportError) as exc:
        print(f"{exc}\n{FILENAME} not written", file=sys.stderr)
        return 1
    text = render(meta, corrected)
    if write:
        target = Path(config_file).parent / FILENAME
        target.write_text(text, "utf-8")
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
