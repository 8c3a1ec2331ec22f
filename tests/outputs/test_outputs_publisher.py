"""The publisher's own decisions: download names, and failures while writing the PDF said for what they are."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from report_site import errors
from report_site.outputs import pdf
from report_site.outputs.publisher import download_slug, pdf_write_failure


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Peninsula Plus", "peninsula-plus"),
        ("Économie sociale et solidarité", "economie-sociale-et-solidarite"),
        ("", "report"),
        ("   ", "report"),
        ("반도체 동맹", "report"),  # no Latin letters: a configured slug names these downloads
        ("}{", "report"),
        ("U.S.–South Korea: 2023", "u-s-south-korea-2023"),
        (
            "A " + "very-long-word " * 10,
            "a" + "-very-long-word" * 3 + "-very-long",
        ),  # cut between words, at most 60
    ],
)
def test_download_names_come_from_the_title_in_ascii_never_a_placeholder(title: str, slug: str) -> None:
    assert download_slug({"title": title}) == slug
    assert len(slug) <= 60


def test_a_configured_slug_wins() -> None:
    assert download_slug({"title": "반도체 동맹", "slug": "chip-alliance"}) == "chip-alliance"


@pytest.mark.slow  # imports WeasyPrint: the PDF is left out of test-fast
def test_disk_full_while_writing_the_pdf_is_said_as_such() -> None:
    """/dev/full fails every write with ENOSPC, as a full disk does; the message must not blame Pango."""
    with pytest.raises(OSError) as info:
        pdf.write("<p>text</p>", Path("/dev/full"))
    assert info.value.errno == errno.ENOSPC
    message = pdf_write_failure("report.pdf", info.value)
    assert (
        message
        == "report.pdf: cannot write the PDF: no space left on the device; free some space and build again (or build with --no-pdf)"
    )
    assert "Pango" not in message and errors.write_failure(info.value) in message
