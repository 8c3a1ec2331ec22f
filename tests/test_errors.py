"""errors.py: the one-line ``path:line:col: message`` every problem is printed as, its GitHub Actions form,
and reading source bytes (encodings, line endings) so the line an editor is sent to is the line they see."""

from __future__ import annotations

import errno

import pytest

from report_site import errors
from report_site.errors import Problem, ReportError


def test_problem_prints_one_line_and_reads_back() -> None:
    p = Problem("report/a b.md", 3, "unknown key `x\ny`", 7)
    assert str(p) == "report/a b.md:3:7: unknown key `x\\ny`"
    assert errors.parse(str(p)) == p
    w = Problem("r.yaml", 2, "not referenced", 5, severity="warning")
    assert str(w) == "r.yaml:2:5: warning: not referenced"
    assert errors.parse(str(w)) == w


def test_github_annotation_escapes_its_syntax() -> None:
    p = Problem("dir,x/a:b.yaml", 4, "50% done, really", 2)
    assert p.annotation() == "::error file=dir%2Cx/a%3Ab.yaml,line=4,col=2::50%25 done, really"
    assert (
        Problem("r.yaml", 1, "w", severity="warning").annotation() == "::warning file=r.yaml,line=1,col=1::w"
    )


def test_a_value_quoted_from_the_sources_cannot_break_the_line() -> None:
    # a title pasted with a carriage return, a tab and a Unicode line separator
    p = Problem("recs.yaml", 4, "title `A\r\nB\tC\u2028D` is too long")
    assert str(p) == "recs.yaml:4:1: title `A\\r\\nB\\tC\\u2028D` is too long"
    assert len(str(p).splitlines()) == 1 and "\n" not in p.annotation()
    assert p.unlabelled() == str(p)
    assert Problem("recs.yaml", 4, "x", severity="warning").unlabelled() == "recs.yaml:4:1: x"


def test_only_located_lines_are_read_back_as_problems() -> None:
    assert errors.parse("  docs/one.md:12:3: warning: recommendation `x` is not cited  ") == Problem(
        "docs/one.md", 12, "recommendation `x` is not cited", 3, "warning"
    )
    for text in (
        "INFO    -  Cleaning site directory",
        "Error reading page 'one.md':",
        "docs/one.md:12: no column",
        ":1:1: no path",
        "build_site.py: check failed",
    ):
        assert errors.parse(text) is None, text


def test_every_problem_of_a_pass_is_listed_once_in_file_order() -> None:
    found = [
        Problem("recs.yaml", 9, "b"),
        Problem("docs/two.md", 3, "c", 5),
        Problem("docs/two.md", 3, "a", 2),
        Problem("recs.yaml", 9, "b"),
        Problem("docs/one.md", 10, "d"),
    ]
    exc = ReportError(found)
    assert str(exc).split("\n") == [
        "docs/one.md:10:1: d",
        "docs/two.md:3:2: a",
        "docs/two.md:3:5: c",
        "recs.yaml:9:1: b",
    ]
    assert len(exc.problems) == 4


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            b"\xff\xfet\x00i\x00",
            "docs/one.md:1:1: the file is not UTF-8 text (byte 0xff); it looks like UTF-16; save it as UTF-8",
        ),
        (
            b"# Title\n\nCaf\xc3\xa9 cr\xe8me\n",
            "docs/one.md:3:8: the file is not UTF-8 text (byte 0xe8); save it as UTF-8",
        ),
    ],
)
def test_a_file_not_in_utf8_is_located_at_its_first_bad_byte(raw: bytes, expected: str) -> None:
    with pytest.raises(ReportError) as caught:
        errors.decode(raw, "docs/one.md")
    assert str(caught.value) == expected


def test_windows_and_old_mac_line_endings_count_lines_as_the_editor_does() -> None:
    # saved by Notepad (BOM, CRLF) or a classic Mac editor (bare CR): same text, same line numbers
    assert (
        errors.decode(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n", "x.md")
        == "---\ntitle: A\n---\nBody\n"
    )
    assert errors.decode(b"one\rtwo\r\rfour", "x.md") == "one\ntwo\n\nfour"
    assert errors.split_lines("one\r\ntwo\rthree\nfour") == ["one", "two", "three", "four"]


def test_a_failed_write_says_what_to_do() -> None:
    assert (
        errors.write_failure(OSError(errno.ENOSPC, "No space left on device"))
        == "no space left on the device; free some space and build again"
    )
    assert (
        errors.write_failure(OSError(errno.EROFS, "Read-only file system"))
        == "the file system is read-only; choose a writable --site-dir"
    )
    assert errors.write_failure(OSError(errno.ENAMETOOLONG, "File name too long")) == "File name too long"
