"""Property tests: whatever an editor types, the loader succeeds or raises our ``ReportError``.

Random YAML documents and random mutations of the real ``recommendations.yaml`` go to
the loader; any other exception (a crash with a traceback) is a failure, and so is a
problem that does not print as one ``path:line:column: message`` line inside the file.
Example counts stay modest so the suite is quick on a shared two-core machine.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
import yaml
from helpers import PENINSULA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_site import errors
from report_site.data import loader
from report_site.data.model import Report
from report_site.errors import ReportError

REAL = (PENINSULA / "recommendations.yaml").read_text("utf-8")
KEYS = ["focus_areas", "recommendations", "id", "title", "summary", "short_title", "<<", "titel", "", "1"]

#: Modest by default; ``REPORT_FUZZ_EXAMPLES=5000 pytest tests/test_properties.py`` digs deeper.
EXAMPLES = int(os.environ.get("REPORT_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["china", "multilateral", "a-b", "Not A Slug", "", " "]),
    st.dates(min_value=dt.date(1900, 1, 1)),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=25,
)


def assert_outcome(raw: bytes | str) -> None:
    """Success, or our error with every problem on a real line of the file."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    last_line = len(re.findall(r"\r\n|[\n\r\x85\u2028\u2029]", text)) + 1  # YAML's line breaks
    try:
        report = loader.parse(raw, "recommendations.yaml")
    except ReportError as exc:
        assert exc.problems
        for problem in exc.problems:
            printed = str(problem)
            assert "\n" not in printed and "\r" not in printed, printed
            assert errors.parse(printed) == problem, printed
            assert 1 <= problem.line <= last_line + 1, (printed, last_line)
            assert problem.column >= 1
        return
    assert isinstance(report, Report)
    assert report.recommendations and report.focus_areas


@SETTINGS
@given(documents)
def test_random_documents(data: object) -> None:
    assert_outcome(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(
    st.text(
        alphabet=st.sampled_from(list(" \t\n:-[]{},#&*!|>'\"%@`?\\abc1\u00e9\x00\x85\ufeff")), max_size=80
    )
)
def test_random_yaml_like_text(text: str) -> None:
    assert_outcome(text)


@SETTINGS
@given(st.binary(max_size=60))
def test_random_bytes(raw: bytes) -> None:
    assert_outcome(raw)


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    kind = data.draw(
        st.sampled_from(["delete", "duplicate", "swap", "indent", "insert", "cut", "replace"]),
        label="mutation",
    )
    i = data.draw(st.integers(0, len(lines) - 1), label="line")
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = data.draw(st.sampled_from(["", " ", "  ", "\t", "      "])) + lines[i].lstrip()
    else:
        line = lines[i]
        at = data.draw(st.integers(0, len(line)))
        if kind == "insert":
            lines[i] = (
                line[:at]
                + data.draw(st.text(alphabet=":-[]{}#&*!|>'\" ,\t%@`", min_size=1, max_size=3))
                + line[at:]
            )
        elif kind == "cut":
            lines[i] = line[:at] + line[at + data.draw(st.integers(1, 12)) :]
        else:
            word = data.draw(
                st.sampled_from(["china", "multilateral", "id", "title", "focus_areas", "recommendations"])
            )
            lines[i] = line.replace(
                word,
                data.draw(st.sampled_from(["chna", "ID", "titel", "", "42", "yes", "~", "[x", "x: y"])),
                1,
            )
    return "\n".join(lines)


@settings(max_examples=EXAMPLES + EXAMPLES // 3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutations_of_the_real_file(data: st.DataObject) -> None:
    text = REAL
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        text = _mutate(text, data)
    assert_outcome(text)


def test_the_real_file_loads() -> None:
    report = loader.parse(REAL.encode("utf-8"), "recommendations.yaml")
    assert len(report.recommendations) == 9


def test_schema_and_model_declare_the_same_fields() -> None:
    """The schema is the data model's definition: no field exists in one and not the other."""
    from report_site.data.model import FocusArea, Recommendation

    derived = {"number", "line", "column"}
    renamed = {"number_label": "label"}  # `label` in the file; the model's `label` is the link text
    assert (
        set(loader.fields("recommendation")) == {renamed.get(f, f) for f in Recommendation._fields} - derived
    )
    assert set(loader.fields("focusArea")) == set(FocusArea._fields) - derived


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "Plain paragraph text.",
                "[[supports: threats-from-china]]",
                "[[supports: nope, cyber-and-space]]",
                "[[supports:]]",
                "[[pull-quote]]",
                "> a quote",
                "[[cover]]",
                "[[bogus]]",
                "# Heading",
                "```",
                "- item",
                "    indented",
                "{: #anchor }",
                "[x](rec:global-ambitions)",
                "[y](rec:)",
                "text[^1]",
                "[^1]: note",
                "| a | b |",
                "<div>",
                "====",
            ]
        ),
        max_size=30,
    )
)
def test_random_chapters_give_located_problems(lines: list[str]) -> None:
    """Any arrangement of chapter syntax parses; every problem is on a line of the chapter."""
    from report_site.chapters import references
    from report_site.chapters import scanner as chapters

    report = loader.parse(REAL, "recommendations.yaml")
    text = "\n".join(lines)
    chapter = chapters.scan(text, "c.md", 0, "report/c.md")
    index = references.build_index([chapter], report, {"c.md": "report/c.md"})
    for problem in index.problems:
        assert errors.parse(str(problem)) == problem
        if problem.path == "report/c.md":
            assert 1 <= problem.line <= len(lines) and problem.column >= 1, problem


# --- chapter bytes: line endings, BOMs, control characters ------------------------------------

ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@SETTINGS
@given(
    before=st.lists(
        st.sampled_from(
            [
                "",
                "Plain paragraph text.",
                "# Heading",
                "- item",
                "> quote",
                "text\x07bell",
                "\x0c",
                "tab\there",
            ]
        ),
        max_size=8,
    ),
    endings=st.lists(ENDINGS, min_size=12, max_size=12),
    bom=st.booleans(),
    front_matter=st.booleans(),
)
def test_chapter_problems_are_on_the_editors_line_whatever_the_line_endings(
    before: list[str], endings: list[str], bom: bool, front_matter: bool
) -> None:
    """The decode step makes CRLF, bare CR and a BOM invisible to the parsers: a bad id on
    line N of the file (as an editor counts lines) is reported on line N."""
    from mkdocs.utils.meta import get_data

    from report_site.chapters import references
    from report_site.chapters import scanner as chapters
    from report_site.data import sources

    lines = (
        (["---", "title: A chapter", "---"] if front_matter else [])
        + before
        + ["", "Argues something.", "", "[[supports: nope]]", ""]
    )
    raw = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))
    data = (b"\xef\xbb\xbf" if bom else b"") + raw.encode("utf-8")
    text = errors.decode(data, "report/c.md")
    assert "\r" not in text and not text.startswith("\ufeff")
    assert chapters.front_matter_problems(text, "report/c.md") == []
    body, _meta = get_data(text)
    offset = text.count("\n") - body.count("\n")
    chapter = chapters.scan(body, "c.md", offset, "report/c.md")
    index = references.build_index(
        [chapter], loader.parse(REAL, "recommendations.yaml"), {"c.md": "report/c.md"}
    )
    problems = [
        p
        for p in chapter.problems + index.problems + sources.unpublishable_characters(text, "report/c.md")
        if p.path == "report/c.md"
    ]

    def editor_line(needle: str) -> int:
        return len(re.split(r"\r\n|\r|\n", raw[: raw.index(needle)]))  # a CR then LF is one break

    editor_lines = re.split(r"\r\n|\r|\n", raw)
    expected = {editor_line("[[supports: nope]]")} | {
        i for i, line in enumerate(editor_lines, 1) if "\x07" in line or "\x0c" in line
    }
    assert problems and {p.line for p in problems} == expected, (
        problems
    )  # the directive and control characters are the mistakes


# --- mkdocs.yml metadata: any type, empty lists, odd Unicode ----------------------------------

odd_text = st.one_of(
    st.text(max_size=12), st.sampled_from(["", " ", "\ud800", "a\x07b", "}{", "\u202e", "😀", "a\nb", "null"])
)
metadata_values = st.one_of(
    odd_text,
    st.none(),
    st.integers(),
    st.booleans(),
    st.lists(odd_text, max_size=3),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.dictionaries(st.sampled_from(["a", "b"]), odd_text, max_size=2),
)


@settings(
    max_examples=max(10, EXAMPLES // 15),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    changes=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "subtitle",
                "authors",
                "publisher",
                "published",
                "language",
                "slug",
                "sentence_case_title",
            ]
        ),
        metadata_values,
        min_size=1,
        max_size=3,
    )
)
def test_any_metadata_builds_or_gets_located_lines(
    changes: dict[str, object], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever mkdocs.yml's metadata holds, `--check` (the build without the PDF) succeeds or
    prints located one-line problems; it never crashes."""
    import shutil

    from helpers import FIXTURES

    from report_site.commands import build

    project = tmp_path_factory.mktemp("meta") / "project"
    shutil.copytree(FIXTURES / "mini-report", project)
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    plugin = next(p["report-site"] for p in config["plugins"] if isinstance(p, dict) and "report-site" in p)
    plugin["metadata"].update(changes)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=False), "utf-8")
    try:
        build.check(project / "mkdocs.yml")
    except build.BuildFailed as exc:
        assert exc.lines
        for line in exc.lines:
            problem = errors.parse(line)
            assert problem is not None and problem.path.endswith("mkdocs.yml") and "\n" not in line, line
