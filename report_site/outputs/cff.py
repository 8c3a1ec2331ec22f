"""``CITATION.cff`` (Citation File Format 1.2.0) from the report metadata in mkdocs.yml.

The repository is the web edition of the report, so the file's preferred
citation is the report itself (type ``report``, the institution as publisher).
Regenerate after changing the metadata (a test checks the committed file is current)::

    .venv/bin/python -m report_site.outputs.cff > CITATION.cff
"""

from __future__ import annotations

import sys
from typing import Any

import yaml

from .citation import Work, split_name

#: ISO 639-3 codes for the languages a report is likely to be in (CFF wants 639-3).
ISO_639_3 = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "ko": "kor", "ja": "jpn", "zh": "zho"}


def _people(work: Work) -> list[dict[str, str]]:
    return [{"family-names": split_name(a)[1], "given-names": split_name(a)[0]} for a in work.authors]


def render(meta: dict[str, Any]) -> str:
    work = Work.from_meta(meta)
    lang = ISO_639_3.get(work.language.split("-")[0].lower())
    preferred: dict[str, Any] = {
        "type": "report",
        "title": work.full_title,
        "authors": _people(work),
        "institution": {"name": work.publisher},
        "publisher": {"name": work.publisher},
        "date-published": work.published.isoformat(),
        "year": work.published.year,
        "month": work.published.month,
    }
    if lang:
        preferred["languages"] = [lang]
    doc = {
        "cff-version": "1.2.0",
        "message": "This repository publishes the report as a website. If you use the report, please cite it as below.",
        "title": work.full_title,
        "authors": _people(work),
        "type": "dataset",
        "preferred-citation": preferred,
    }
    return "# Generated from mkdocs.yml by `python -m report_site.outputs.cff`; do not edit by hand.\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)


def main(config_file: str = "mkdocs.yml") -> int:
    from mkdocs.config import load_config

    config = load_config(config_file)
    sys.stdout.write(render(dict(config.plugins["report-site"].config.metadata)))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
