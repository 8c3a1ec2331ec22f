"""CITATION.cff: valid against the official CFF 1.2.0 schema and generated from the metadata."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import FIXTURES, ROOT
from mkdocs.config import load_config

from report_site.outputs import cff

# The official schema, vendored from cffconvert 2.0.0 (cffconvert/schemas/1.2.0/schema.json).
SCHEMA = json.loads((FIXTURES / "cff" / "schema-1.2.0.json").read_text("utf-8"))


def test_citation_cff_validates_against_cff_1_2_0() -> None:
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert SCHEMA["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(
        data
    )
    preferred = data["preferred-citation"]
    meta = (
        load_config(str(ROOT / "mkdocs.yml")).plugins["report-site"].config.metadata
    )  # expectations from the report's metadata
    assert preferred["type"] == "report"
    assert preferred["authors"] == [cff.person_or_entity(a) for a in meta.authors]
    assert preferred["institution"]["name"] == meta.publisher
    assert preferred["date-published"] == meta.published.isoformat()
    assert "doi" not in preferred and "url" not in preferred


def test_schema_catches_a_broken_file() -> None:
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    del data["authors"]
    errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(data))
    assert errors


def test_committed_file_is_current() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "report_site.outputs.cff"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "CITATION.cff").read_text("utf-8"), "run: make citation"


HOSTILE = [
    "Title: with colon",
    "- starts like a list",
    "# like a comment",
    "'single' and \"double\"",
    "yes",
    "null",
    "1.0",
    "{braces} [brackets] & *star !bang %pct @at `tick`",
    "Ümlaut – “curly” 한국어",
    "line\nbreak",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_any_title_gives_a_valid_cff_that_reads_back_the_same(title: str) -> None:
    from report_site.outputs import cff

    meta = {
        "title": title,
        "subtitle": "",
        "authors": ["Ada Example", "Jo Tester"],
        "publisher": title,
        "published": dt.date(2024, 1, 2),
        "language": "en",
    }
    data = yaml.safe_load(cff.render(meta))
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(
        data
    )
    assert data["title"] == title and data["preferred-citation"]["publisher"]["name"] == title


def test_stale_compares_what_the_file_says_not_how_it_is_laid_out(tmp_path) -> None:
    meta = dict(load_config(str(ROOT / "mkdocs.yml")).plugins["report-site"].config.metadata)
    config_file = tmp_path / "mkdocs.yml"
    assert cff.stale(meta, config_file) == ""  # no file: nothing to say
    current = cff.render(meta)
    (tmp_path / cff.FILENAME).write_text(current, "utf-8")
    assert cff.stale(meta, config_file) == ""
    (tmp_path / cff.FILENAME).write_text(
        yaml.safe_dump(yaml.safe_load(current), width=60), "utf-8"
    )  # reflowed, same data
    assert cff.stale(meta, config_file) == ""
    (tmp_path / cff.FILENAME).write_text(current.replace(meta["publisher"], "Another Press"), "utf-8")
    assert "out of date with the metadata in mkdocs.yml" in cff.stale(meta, config_file)
    (tmp_path / cff.FILENAME).write_text("title: [unclosed\n", "utf-8")
    assert "out of date" in cff.stale(meta, config_file)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda text: text + "  broken: [\n",
            "mkdocs.yml:28:3: YAML syntax error: expected <block end>, but found '?'; check the indentation and "
            "quoting",
        ),
        (
            lambda text: text.replace("published: 2024-01-02", "published: 2023-02-30"),
            "mkdocs.yml:16:20: `2023-02-30` is not a date (day is out of range for month); write the date as "
            "YYYY-MM-DD, or YYYY-MM or YYYY when the publisher gives no day",
        ),
    ],
    ids=["broken-yaml", "no-such-day"],
)
def test_make_citation_names_the_line_of_a_broken_config(
    mini: Path, capsys: pytest.CaptureFixture[str], edit: object, expected: str
) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(edit(config.read_text("utf-8")), "utf-8")  # type: ignore[operator]
    assert cff.main(["--write", "mkdocs.yml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        expected,
        "CITATION.cff not written (configuration error)",
    ]
    assert not (mini / "CITATION.cff").exists()


def test_the_edition_is_version_and_date_released() -> None:
    meta = {
        "title": "Living Report",
        "subtitle": "",
        "authors": ["Ada Example"],
        "publisher": "Example Institute",
        "published": dt.date(2024, 1, 2),
        "language": "en",
        "version": "1.1",
    }
    data = yaml.safe_load(cff.render(meta, dt.date(2024, 4, 1)))
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(
        data
    )
    assert (data["version"], data["date-released"]) == ("1.1", "2024-04-01")
    assert data["preferred-citation"]["version"] == "1.1"
    assert data["preferred-citation"]["date-published"] == "2024-01-02"
    plain = yaml.safe_load(cff.render({**meta, "version": ""}))
    assert "version" not in plain and plain["date-released"] == "2024-01-02"


def test_a_new_correction_makes_the_file_stale(tmp_path) -> None:
    meta = dict(load_config(str(ROOT / "mkdocs.yml")).plugins["report-site"].config.metadata)
    config_file = tmp_path / "mkdocs.yml"
    (tmp_path / cff.FILENAME).write_text(cff.render(meta), "utf-8")
    assert cff.stale(meta, config_file) == ""
    assert "and the report's last correction (2024-04-01); run" in cff.stale(
        meta, config_file, dt.date(2024, 4, 1)
    )


@pytest.mark.slow
def test_a_correction_is_the_date_the_build_and_make_citation_write(tmp_path: Path) -> None:
    """CITATION.cff's date-released is the last correction's: the build rewrites a file that says otherwise
    (naming the correction), and `make citation` writes the same."""
    from helpers import build_here

    project = Path(shutil.copytree(FIXTURES / "living-report", tmp_path / "living"))
    meta = dict(load_config(str(project / "mkdocs.yml")).plugins["report-site"].config.metadata)
    (project / "CITATION.cff").write_text(cff.render(meta), "utf-8")  # as if there were no correction
    built = build_here(project, project / "site", check=True)
    assert built.stdout.splitlines()[0] == (
        "wrote CITATION.cff: it was out of date with the metadata in mkdocs.yml and the last correction "
        "(2024-04-01); commit it"
    )
    written = yaml.safe_load((project / "CITATION.cff").read_text("utf-8"))
    assert (written["date-released"], written["version"]) == ("2024-04-01", "1.1")
    (project / "CITATION.cff").unlink()
    assert cff.main(["--write", str(project / "mkdocs.yml")]) == 0
    assert yaml.safe_load((project / "CITATION.cff").read_text("utf-8")) == written
