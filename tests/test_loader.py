"""The loader, in-process (the corpus in test_broken_inputs covers each case; the problem format is in test_errors)."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import PENINSULA, ROOT

from report_site.data import loader
from report_site.errors import ReportError


def test_real_file_builds_the_model_with_positions() -> None:
    report = loader.load(PENINSULA / "recommendations.yaml", display="recommendations.yaml")
    first = report.recommendations[0]
    lines = (PENINSULA / "recommendations.yaml").read_text("utf-8").split("\n")
    assert lines[first.line - 1][first.column - 1 :].startswith("id: indo-pacific-strategies")
    assert [r.number for r in report.recommendations] == list(range(1, 10))
    assert {a.id for a in report.focus_areas} == {"china", "multilateral", "defense-technology"}


def test_every_problem_of_a_file_is_reported_in_file_order() -> None:
    text = (PENINSULA / "recommendations.yaml").read_text("utf-8")
    text = text.replace("focus_areas: [china]", "focus_areas: [chna]").replace(
        "id: cyber-and-space", "id: Cyber"
    )
    text = text.replace("  - id: nuclear-deterrence\n    title:", "  - id: nuclear-deterrence\n    titel:")
    with pytest.raises(ReportError) as caught:
        loader.parse(text, "r.yaml")
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 3, messages
    assert [p.line for p in caught.value.problems] == sorted(p.line for p in caught.value.problems)
    assert (
        "unknown focus area `chna`" in messages[0]
        and "is not a URL-safe id" in messages[1]
        and "did you mean `title`?" in messages[2]
    )


def test_duplicate_keys_are_not_silently_merged() -> None:
    with pytest.raises(ReportError, match=r"r.yaml:3:1: duplicate key `focus_areas` \(first at line 1\)"):
        loader.parse("focus_areas: []\nrecommendations: []\nfocus_areas: []\n", "r.yaml")


def test_alias_bombs_and_cycles_are_problems_not_hangs() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
    )
    with pytest.raises(ReportError, match="expands to more than"):
        loader.parse(bomb, "r.yaml")
    with pytest.raises(ReportError, match="refers to the list or mapping that contains it"):
        loader.parse("focus_areas: &x [*x]\n", "r.yaml")


def test_utf8_with_bom_is_fine_and_position_of_bad_bytes_is_exact() -> None:
    text = (PENINSULA / "recommendations.yaml").read_text("utf-8")
    assert loader.parse(b"\xef\xbb\xbf" + text.encode("utf-8"), "r.yaml").recommendations
    with pytest.raises(ReportError, match=r"^r.yaml:2:5: the file is not UTF-8 text \(byte 0xe9\)"):
        loader.parse(b"a: 1\nb: \xc3\xa9\xe9\n", "r.yaml")  # "é" is fine, the lone 0xe9 is not


def test_schema_is_valid_and_the_same_file_editors_use() -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(loader.schema())
    packaged = ROOT / "report_site" / "schemas" / "recommendations.schema.json"
    assert (ROOT / "schemas" / "recommendations.schema.json").read_bytes() == packaged.read_bytes()
    modeline = (ROOT / "recommendations.yaml").read_text("utf-8").split("\n", 1)[0]
    assert modeline == "# yaml-language-server: $schema=schemas/recommendations.schema.json"


def test_a_huge_file_gets_a_size_message_not_an_alias_one(tmp_path) -> None:
    item = "  - id: rec\n    title: A recommendation that goes on and on\n    focus_areas: [a]\n"
    big = tmp_path / "r.yaml"
    big.write_text(
        "focus_areas:\n  - id: a\n    title: A\nrecommendations:\n" + item * (61_000_000 // len(item)),
        "utf-8",
    )
    with pytest.raises(ReportError) as caught:
        loader.load(big, display="r.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "r.yaml:1:1: the file is 61.0 MB, more than a recommendations file can be (5 MB at most); check that this is the right file"
    ]


def test_nesting_beyond_the_limit_is_located_where_it_starts() -> None:
    deep = "focus_areas:\n  - id: a\n    title: " + "[" * 60 + "]" * 60 + "\n"
    with pytest.raises(ReportError) as caught:
        loader.parse(deep, "r.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"r.yaml:3:{10 + loader.MAX_DEPTH - 1}: the data is nested more than {loader.MAX_DEPTH} levels deep here; check the brackets and indentation"
    ]


@pytest.mark.parametrize(
    ("escape", "shown"),
    [
        ("\\a", "the control character U+0007"),
        ("\\ud800", "a lone surrogate U+D800"),
        ("\\x85", "the control character U+0085"),
        ("\\0", "the control character U+0000"),
    ],
)
def test_text_that_cannot_be_published_is_located(escape: str, shown: str) -> None:
    text = (PENINSULA / "recommendations.yaml").read_text("utf-8")
    first = text.index("  - id: indo-pacific-strategies\n    title: ") + len(
        "  - id: indo-pacific-strategies\n    title: "
    )
    line = text[:first].count("\n") + 1
    end = text.index("\n", first)
    broken = text[:first] + '"' + escape + " " + text[first:end].replace('"', "'") + '"' + text[end:]
    with pytest.raises(ReportError) as caught:
        loader.parse(broken, "r.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"r.yaml:{line}:12: the text contains {shown}, which cannot be published; delete it"
    ]


def test_crlf_and_bare_cr_files_keep_their_line_numbers() -> None:
    text = (
        (PENINSULA / "recommendations.yaml")
        .read_text("utf-8")
        .replace("focus_areas: [china]", "focus_areas: [chna]", 1)
    )
    line = text[: text.index("[chna]")].count("\n") + 1
    for ending in ("\r\n", "\r"):
        with pytest.raises(ReportError) as caught:
            loader.parse(text.replace("\n", ending).encode("utf-8"), "r.yaml")
        assert [p.line for p in caught.value.problems] == [line]


LIVING = """statuses:
  - id: planned
    title: Planned
  - id: done
    title: Done
recommendations:
  - id: a
    title: A
    updates:
      - date: 2024-01-10
        status: planned
        note: "Test fixture:   a made-up
          note."
        source: https://example.org/one
      - date: "2024-03-01"
        status: done
        note: Test fixture, done.
        source: [https://example.org/two, https://example.org/three]
  - id: b
    title: B
"""


def test_statuses_and_updates_become_the_model() -> None:
    report = loader.parse(LIVING, "r.yaml", published=dt.date(2024, 1, 1), latest=dt.date(2024, 12, 31))
    assert [(s.id, s.title, s.line) for s in report.statuses] == [
        ("planned", "Planned", 2),
        ("done", "Done", 4),
    ]
    a, b = report.recommendations
    assert [(u.date, u.status, u.note, u.sources, u.line) for u in a.updates] == [
        (dt.date(2024, 1, 10), "planned", "Test fixture: a made-up note.", ("https://example.org/one",), 10),
        (
            dt.date(2024, 3, 1),
            "done",
            "Test fixture, done.",
            ("https://example.org/two", "https://example.org/three"),
            15,
        ),
    ]
    assert a.current == a.updates[-1] and b.current is None and b.updates == ()
    assert report.has_updates


def test_without_statuses_the_default_vocabulary_applies() -> None:
    text = "recommendations:\n  - id: a\n    title: A\n    updates:\n      - {date: 2024-01-10, status: in-progress, note: n}\n"
    assert [s.id for s in loader.parse(text, "r.yaml").statuses] == [
        "not-started",
        "in-progress",
        "implemented",
    ]
    with pytest.raises(ReportError, match=r"r.yaml:5:36: unknown status `planned`.*default statuses"):
        loader.parse(text.replace("in-progress", "planned"), "r.yaml")


def test_dates_are_bounded_only_when_the_bounds_are_known() -> None:
    early = LIVING.replace("2024-01-10", "2020-01-10")
    assert loader.parse(early, "r.yaml").recommendations[0].updates[0].date == dt.date(2020, 1, 10)
    with pytest.raises(
        ReportError, match=r"r.yaml:10:15: .* is before the report was published \(2024-01-01\)"
    ):
        loader.parse(early, "r.yaml", published=dt.date(2024, 1, 1))
    with pytest.raises(ReportError, match=r"r.yaml:15:15: .* is in the future"):
        loader.parse(LIVING, "r.yaml", latest=dt.date(2024, 2, 1))


def test_a_list_of_sources_is_checked_item_by_item() -> None:
    with pytest.raises(
        ReportError,
        match=r"r.yaml:18:43: recommendations\[1\]\.updates\[2\]\.source\[2\] `ftp://x` is not a web address",
    ):
        loader.parse(LIVING.replace("https://example.org/three", "ftp://x"), "r.yaml")
    with pytest.raises(ReportError, match=r"source lists `https://example.org/two` twice"):
        loader.parse(LIVING.replace("https://example.org/three", "https://example.org/two"), "r.yaml")
