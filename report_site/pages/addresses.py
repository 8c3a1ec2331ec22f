"""Every published address belongs to one thing: clash checks by output URL.

Comparing source paths misses clashes: ``recommendations.md`` and the generated
``recommendations/index.md`` are different files with one address, so one of them
silently disappears. Addresses are mkdocs' own (``File.dest_uri`` from
``File.generated``), so the check follows ``use_directory_urls`` and every other
setting. Each clash is reported at the hand-written file, which is what an editor
can rename; an id the generator needs is reserved in the data's JSON Schema.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..errors import Problem
from ..passages.figures import slug


def clashes(
    files: Files, config: MkDocsConfig, planned: dict[str, str], display: Callable[[File], str]
) -> list[Problem]:
    """Problems for hand-written files published where a generated file (``planned``:
    src_uri → what it is) or another hand-written file is published."""
    taken = {
        File.generated(config, src_uri, content="").dest_uri: (src_uri, what)
        for src_uri, what in planned.items()
    }
    problems: list[Problem] = []
    first: dict[str, File] = {}
    for file in files:
        if file.generated_by or file.inclusion.is_excluded():
            continue
        dest = file.dest_uri
        if dest in taken:
            _src_uri, what = taken[dest]
            problems.append(
                Problem(
                    display(file),
                    1,
                    f"this file is published at `{_shown(file)}`, the address of {what}; rename or move it",
                )
            )
        elif dest in first:
            other = first[dest]
            problems.append(
                Problem(
                    display(file),
                    1,
                    f"this file is published at `{_shown(file)}`, like {display(other)}; rename or move one of them",
                )
            )
        else:
            first[dest] = file
    return problems


def _shown(file: File) -> str:
    return "/" + (file.url if file.url not in ("", ".", "./") else "")


def table_csv(src_uri: str, number: str) -> str:
    """Where a chapter's table is published as CSV: beside the chapter's page, named by the table's
    number (``introduction.md``'s Table 2 → ``introduction/table-2.csv``), so numbers that restart in
    each chapter never collide."""
    stem = posixpath.splitext(src_uri)[0]
    return f"{stem}/table-{slug(number)}.csv"  # the table's anchor is #table-<the same slug>
