"""Stages 1–3 of the pipeline: load the data, scan every chapter, resolve the references (and check anchors.lock).

Every problem of every source is collected and raised at once (``ReportError``), so an
editor fixes a whole pull request in one round. The plugin runs this in ``on_pre_build``
(to fail before mkdocs empties the site directory) and needs the result again in
``on_files``: ``LastAnalysis`` hands back the first result when no source's bytes changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from ..config import cache_folder
from ..data import dates, loader
from ..data.model import Report
from ..data.sources import unpublishable_characters
from ..errors import Problem, ReportError, decode, shown
from . import anchors, references, scanner


@dataclass
class Analysis:
    """What the later stages build from: the data, the chapters in reading order, the reference index."""

    report: Report
    index: references.Index
    order: list[str]
    """Chapter ``src_uri``s in reading order."""
    chapters: dict[str, scanner.Chapter]
    current_anchors: list[anchors.Current]
    """Every paragraph anchor of this build."""
    anchor_state: anchors.Reconciled
    """This build against anchors.lock: each paragraph's id and aliases, and what ``--update-anchors`` records."""
    rescanned: list[str] = field(default_factory=list)
    """Chapters scanned by this analysis (the others were unchanged since the last: ``mkdocs serve``)."""


def analyse(
    files: Files,
    config: Any,
    order: list[str],
    data_path: Path,
    strict_references: bool,
    scans: dict[tuple[Any, ...], scanner.Chapter] | None = None,
    published: dt.date | None = None,
    latest: dt.date | None = None,
) -> Analysis:
    """Load ``data_path``, scan the chapters named in ``order``, check references and anchors; raise every problem.

    ``scans`` carries chapter scans from one build to the next in the same process (``mkdocs serve``):
    a chapter is scanned again only when something the scan reads changed, so an edit re-scans the
    chapter it touched, not the whole report. It is left holding this build's scans only.

    ``published`` and ``latest`` bound the dates of status updates and corrections (``dates.problem``).
    """
    previous = scans if scans is not None else {}
    kept: dict[tuple[Any, ...], scanner.Chapter] = {}
    problems: list[Problem] = []
    report: Report | None = None
    try:
        report = loader.load(
            data_path,
            display=shown(data_path),
            cache=cache_folder(config),
            published=published,
            latest=latest,
        )
    except ReportError as exc:
        problems += exc.problems
    scanned: dict[str, scanner.Chapter] = {}
    rescanned: list[str] = []
    display: dict[str, str] = {}
    reader: scanner.Scanner | None = None
    project_dir = Path(config.config_file_path or ".").parent
    for src_uri in order:
        file = files.get_file_from_path(src_uri)
        assert file is not None
        display[src_uri] = shown(file.abs_src_path or src_uri)
        try:
            raw = decode(file.content_bytes, display[src_uri])
        except ReportError as exc:
            problems += exc.problems
            continue
        problems += unpublishable_characters(raw, display[src_uri])
        problems += _front_matter_problems(raw, display[src_uri])
        body, _meta = get_data(raw)
        offset = raw.count("\n") - body.count("\n")  # front-matter lines: reported lines match the file
        key = (
            src_uri,
            body,
            offset,
            display[src_uri],
            _signature(config.markdown_extensions),
            repr(config.mdx_configs),
        )
        scan = previous.get(key)
        if scan is None:
            reader = reader or scanner.Scanner(config.markdown_extensions, config.mdx_configs)
            scan = reader.scan(body, src_uri, offset, display[src_uri])
            rescanned.append(src_uri)
        scanned[src_uri] = kept[key] = scan
    if scans is not None:
        scans.clear()
        scans.update(kept)
    chapter_list = [scanned[u] for u in order if u in scanned]
    if report is None or problems:
        raise ReportError(problems + [p for c in chapter_list for p in c.problems])
    current = [
        anchors.Current(
            c.src_uri,
            p.anchor,
            f,
            p.number,
            p.pinned,
            "" if p.pinned else anchors.paragraph_anchor(p.text),
            " ".join(p.text.split()[: anchors.ANCHOR_WORDS]),
        )
        for c in chapter_list
        for p, f in zip(c.paragraphs, c.fingerprints, strict=True)
    ]
    try:
        lock_problems, state = _reconcile_anchors(project_dir, chapter_list, current, display)
    except ReportError as exc:
        raise ReportError(exc.problems + [p for c in chapter_list for p in c.problems]) from None
    index = references.build_index(chapter_list, report, display, state.placed)
    index.problems += lock_problems + _correction_dates(index, display, published, latest)
    strict = [
        replace(w, severity="error", message=w.message + " (an error under --strict)") for w in index.warnings
    ]
    if fatal := index.errors + (strict if strict_references else []):
        raise ReportError(fatal)
    return Analysis(report, index, order, scanned, current, state, rescanned)


def _front_matter_problems(raw: str, path: str) -> list[Problem]:
    """``scanner.front_matter_problems``, and a date that is none (``date: 2023-02-30``), for which PyYAML
    raises a bare ValueError while reading the front matter: located by the YAML nodes."""
    try:
        return scanner.front_matter_problems(raw, path)
    except ValueError:
        from ..data.positions import bad_timestamp

        located = bad_timestamp(raw.partition("\n")[2].partition("\n---")[0])
        line, col, value, reason = located or (0, 1, "", "")
        return [
            Problem(
                path,
                line + 1,  # after the opening ---
                f"`{value}` is not a date ({reason}); write a real date as YYYY-MM-DD, or quote it as text"
                if located
                else "the front matter holds a value YAML cannot read; quote it as text",
                col,
            )
        ]


def _correction_dates(
    index: references.Index, display: dict[str, str], published: dt.date | None, latest: dt.date | None
) -> list[Problem]:
    """Corrections dated before publication or in the future (the scan, which knows neither, checked the rest)."""
    return [
        Problem(
            display.get(c.src_uri, c.src_uri),
            c.line,
            f"`[[correction: …]]` dated {c.date.isoformat()} {why}",
            c.column,
        )
        for c in index.corrections
        if (why := dates.problem(c.date, published, latest))
    ]


def _signature(extensions: list[Any]) -> tuple[str, ...]:
    """The Markdown extensions a scan runs, by name: each build makes new extension objects (their
    options are in ``mdx_configs``)."""
    return tuple(
        e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__qualname__}" for e in extensions
    )


def _reconcile_anchors(
    project_dir: Path,
    chapter_list: list[scanner.Chapter],
    current: list[anchors.Current],
    display: dict[str, str],
) -> tuple[list[Problem], anchors.Reconciled]:
    """Keep published anchors working: match ``anchors.lock`` (if the project has one) against this build.
    An unreadable lock raises its problems (``ReportError``)."""
    lock_path = project_dir / anchors.LOCK_NAME
    locked = anchors.read_lock(lock_path, shown(lock_path))
    state = anchors.reconcile(locked or [], current)
    if locked is None:
        return [], state
    sources = {c.src_uri: c for c in chapter_list}

    def pin_at(src_uri: str, anchor: str) -> tuple[int, int] | None:
        """Line and column of the pin ``{: #anchor }`` in its chapter, as the scan found it."""
        chapter = sources.get(src_uri)
        pinned = (
            next((p for p in chapter.paragraphs if p.anchor == anchor and p.pin_at), None)
            if chapter
            else None
        )
        return tuple(pinned.pin_at) if pinned and pinned.pin_at else None  # type: ignore[return-value]

    return anchors.problems(state, shown(lock_path), display, set(sources), pin_at), state


def fingerprint(
    data_path: Path, files: Files, order: list[str]
) -> tuple[bytes | None, list[tuple[str, bytes]]]:
    """The bytes the analysis reads: the data file's and each chapter's, in reading order."""
    try:
        data = data_path.read_bytes()
    except OSError:
        data = None
    return data, [(u, f.content_bytes if (f := files.get_file_from_path(u)) else b"") for u in order]


@dataclass
class LastAnalysis:
    """One remembered analysis and the fingerprint of the sources it was made from."""

    sources: object = None
    result: Analysis | None = None

    def get(self, sources: object) -> Analysis | None:
        return self.result if self.result is not None and self.sources == sources else None

    def keep(self, sources: object, result: Analysis) -> Analysis:
        self.sources, self.result = sources, result
        return result
