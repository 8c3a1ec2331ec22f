"""``build_site.py import FILE.docx DIR``: a Word report turned into a report project that builds.

The stages, one module each: ``docxml`` reads the Word file's XML directly (the counts the summary checks
against, list and note numbers, properties); ``reading`` converts it with mammoth (styles → HTML, notes
with their text, pictures); ``markdown`` walks that HTML into the report Markdown CONTRIBUTING.md describes; ``chapters`` splits it
at the top headings; ``recommendations`` drafts recommendations.yaml; ``metadata`` fills mkdocs.yml;
``summary`` compares what was written with the Word file. The project is the skeleton of ``build_site.py
new`` with these files in place of its placeholders, written only when every count matches.
"""

from __future__ import annotations

import argparse
import logging
import re
import shlex
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import docxml

if TYPE_CHECKING:
    from .chapters import Chapter
    from .markdown import Written

#: Picture content types → file extensions (browsers show all but EMF/WMF, which become to-dos).
EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/svg+xml": "svg",
    "image/webp": "webp",
    "image/bmp": "bmp",
    "image/tiff": "tif",
    "image/x-emf": "emf",
    "image/x-wmf": "wmf",
}
UNSHOWABLE = {"emf", "wmf", "tif", "bmp"}


class ImportFailed(Exception):
    """The import cannot give a faithful project: each line says what and where."""

    def __init__(self, lines: list[str], report: str = "") -> None:
        super().__init__(lines[0] if lines else "import failed")
        self.lines = lines
        self.report = report


@dataclass
class Result:
    files: list[Path]
    summary: str
    seconds: float


def run(source: Path, target: Path) -> Result:
    """Import ``source`` into the new folder ``target``; raises ImportFailed, FileExistsError or NotADocx."""
    from ..commands import skeleton
    from . import chapters, markdown, metadata, reading, recommendations, summary

    started = time.perf_counter()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(
            f"{target}: already exists and is not an empty folder; choose a new folder name"
        )
    docx = docxml.read(source)
    converted = reading.convert(source)
    if converted.marked != len(docx.paragraphs):
        raise ImportFailed(
            [
                f"{source}: mammoth read {converted.marked} paragraphs where the Word file has {len(docx.paragraphs)};"
                " nothing was written (please report this file)"
            ]
        )
    names = [
        f"figure-{i}.{EXTENSIONS.get(p.content_type, p.content_type.rsplit('/', 1)[-1] or 'bin')}"
        for i, p in enumerate(converted.pictures, 1)
    ]
    written = markdown.Writer(docx, names).convert(converted.html)
    parts = chapters.split(written)
    front_facts: dict[str, list[str]] = {}
    for block in parts.front:
        if block.kind in chapters.FRONT_KINDS:
            front_facts.setdefault(block.kind, []).append(block.text)
    landing = chapters.Chapter("", "index", [b for b in parts.front if b.kind not in chapters.FRONT_KINDS])
    for block in landing.blocks:
        landing.notes += [k for k in block.notes if k not in landing.notes]
    every_block = [b for c in parts.chapters for b in c.blocks]
    recs = recommendations.from_blocks(every_block)
    meta = metadata.facts(front_facts, docx)

    report = summary.Summary()
    para_count, para_problems = summary.paragraphs(docx, written)
    note_count, note_problems = summary.notes(docx, written)
    shown = sorted({n for b in [*parts.front, *every_block] for n in b.pictures})
    report.counts = [
        para_count,
        note_count,
        summary.Count("images", len(docx.images), len(shown)),
        summary.Count("tables", docx.tables, written.tables),
        summary.Count("recommendations", recommendations.count_in_docx(docx), len(recs)),
    ]
    report.mismatches = para_problems + note_problems

    # Where each Word paragraph and picture went, for the to-dos.
    pages = [(f"report/{c.slug}.md", c) for c in parts.chapters]
    located: dict[int, str] = {}

    index_template = _skeleton_text("report/index.md")
    head = index_template.partition("[[cover]]\n")[0]
    landing_offset = head.count("\n") + 2  # [[cover]] and the blank line after it
    for path, chapter in [("report/index.md", landing), *pages]:
        offset = landing_offset if chapter is landing else 0
        for paragraph, line in chapter.lines().items():
            located[paragraph] = f"{path}:{line + offset}"
    for number in range(1, len(docx.images) + 1):
        if not docx.images[number - 1].description:
            where = _picture_place(
                number, [("report/index.md", landing, landing_offset), *[(p, c, 0) for p, c in pages]]
            )
            report.todos.append(
                f"{where}: the picture report/images/{names[number - 1] if number <= len(names) else number} has no "
                "description (Word's Alt Text); write what it shows between the brackets of ![…]"
            )
        if number <= len(names) and names[number - 1].rsplit(".", 1)[-1] in UNSHOWABLE:
            report.todos.append(
                f"report/images/{names[number - 1]}: browsers cannot show this format; replace it with a PNG "
                "or SVG of the same picture and change its link"
            )
    known = {s.casefold() for s in reading.PLAIN_STYLES | reading.MAPPED_STYLES}
    known |= {f"heading {n}" for n in range(1, 7)}
    unmapped: dict[str, list[int]] = {}
    for p in docx.with_text():
        if p.style_name.casefold() not in known:
            unmapped.setdefault(p.style_name, []).append(p.index)
    for style, indexes in unmapped.items():
        first = located.get(indexes[0], "(not written)")
        report.styles.append(
            f"{style}: {len(indexes)} paragraph{'s' if len(indexes) != 1 else ''}, first at {first}"
        )
    for text in dict.fromkeys(written.links_dropped):
        report.todos.append(
            f"a link inside the Word file (to a bookmark) was kept as text: “{summary._start(text)}”"
        )
    for block in every_block:
        if block.kind == "caption" and not _caption_form(block.markdown):
            report.todos.append(
                f"{located.get(block.paragraphs[0], '?') if block.paragraphs else '?'}: a caption that does not begin "
                "`Figure N:` or `Table N:`; the site shows it as a paragraph"
            )
    if recs:
        report.todos.append(
            f"recommendations.yaml: {len(recs)} recommendation{'s' if len(recs) != 1 else ''} drafted; review each id, then mark the paragraphs "
            "that argue for each with a `[[supports: id]]` line"
        )
    else:
        report.todos.append(
            "recommendations.yaml: no numbered list under a heading that names recommendations; list them there"
        )
    for message in dict.fromkeys(converted.messages):
        if m := re.match(r"Unrecognised run style: '?(.*?)'? \(Style ID: (.*)\)", message):
            report.styles.append(f"{m.group(1)}: a character style; its text is written without it")
        elif not message.startswith("Unrecognised paragraph style"):
            report.todos.append(f"mammoth: {message}")

    if not report.ok:
        raise ImportFailed(report.mismatches or ["the counts differ (see the summary)"], report.text())

    def edit(files: dict[str, str | bytes]) -> None:
        del files["report/first-chapter.md"]
        files["report/index.md"] = _landing(str(files["report/index.md"]), landing, written)
        for path, chapter in pages:
            files[path] = chapter.text(written)
        for name, picture in zip(names, converted.pictures, strict=True):
            files[f"report/images/{name}"] = picture.data
        nav = [("Home", "index.md"), *((c.title, f"{c.slug}.md") for c in parts.chapters)]
        nav.append(("Recommendations", "recommendations/index.md"))
        files["mkdocs.yml"] = metadata.mkdocs_yml(str(files["mkdocs.yml"]), meta, nav)
        files["recommendations.yaml"] = recommendations.yaml_text(str(files["recommendations.yaml"]), recs)

    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.level
    mkdocs_log.setLevel(logging.CRITICAL)  # an invalid TODO date is the build's to report, at its line
    try:
        files = skeleton.create(target, edit=edit)
    finally:
        mkdocs_log.setLevel(level)
    config_text = (target / "mkdocs.yml").read_text("utf-8")
    report.todos[:0] = [
        f"mkdocs.yml:{n}: {line.strip()}"
        for n, line in enumerate(config_text.split("\n"), 1)
        if "TODO" in line and not line.lstrip().startswith("#")
    ]
    return Result(files, report.text(), time.perf_counter() - started)


def _skeleton_text(rel: str) -> str:
    from importlib import resources

    from ..commands import skeleton

    return resources.files("report_site").joinpath(skeleton.FOLDER, rel).read_text("utf-8")


def _landing(template: str, landing: Chapter, written: Written) -> str:
    """The skeleton's landing page with the text Word has before its first chapter below the cover."""
    if not landing.blocks:
        return template
    head, marker, tail = template.partition("[[cover]]\n")
    body = landing.text(written)
    return f"{head}{marker}\n{body}{tail}"


def _picture_place(number: int, pages: list[tuple[str, Chapter, int]]) -> str:
    for path, chapter, offset in pages:
        line = 1
        for block in chapter.blocks:
            if number in block.pictures:
                return f"{path}:{line + offset}"
            line += block.markdown.count("\n") + 2
    return "report/"


def _caption_form(markdown: str) -> bool:
    from .markdown import _CAPTION

    return bool(_CAPTION.match(markdown))


def main(argv: list[str], prog: str = "report-site import") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Turn a Word report (.docx) into a new report project in DIR, and say what it counted.",
        epilog="Exit status: 0 when every paragraph, note, picture, table and recommendation was written; 1 otherwise (nothing is written then).",
    )
    parser.add_argument("docx", help="the Word file (.docx)")
    parser.add_argument("dir", help="folder to create (must not exist, or be empty)")
    args = parser.parse_args(argv)
    source, target = Path(args.docx), Path(args.dir)
    try:
        import mammoth  # noqa: F401
        import ruamel.yaml  # noqa: F401
    except ImportError as exc:
        print(
            f"{prog}: needs the Word extra ({exc.name} is not installed); "
            "run `pip install 'report-site[word]'` (make site installs it)",
            file=sys.stderr,
        )
        return 1
    if not source.is_file():
        print(f"{prog}: {source}: no such file; give the path of a .docx", file=sys.stderr)
        return 1
    try:
        result = run(source, target)
    except (FileExistsError, docxml.NotADocx, OSError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    except ImportFailed as exc:
        if exc.report:
            print(exc.report, file=sys.stderr)
        for line in exc.lines:
            print(f"{source}: {line}", file=sys.stderr)
        print(
            f"{prog}: the import would lose or change text; nothing was written to {target}",
            file=sys.stderr,
        )
        return 1
    print(result.summary)
    print(
        f"Imported {source} into {target} ({len(result.files)} files) in {result.seconds:.1f} s. Next: do the "
        f"to-dos above, then `cd {shlex.quote(str(target))} && make site` (it installs the generator and builds; "
        "every problem it finds is one line `file:line:column: message`), `make anchors`, and `make test`."
    )
    return 0
