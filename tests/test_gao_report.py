"""A real public-domain report (tests/fixtures/gao-report, GAO-26-107841) through the whole generator:
its notes, numbered tables, source lines and figure, read back from the built site and its PDF.

Expectations come from the fixture's own Markdown (the lines an editor wrote), not from the engine.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from helpers import FIXTURES, Built
from markdown.extensions.footnotes import FootnoteBlockProcessor

DOCS = FIXTURES / "gao-report" / "docs"
SOURCES = {p.stem: p.read_text("utf-8") for p in sorted(DOCS.glob("*.md"))}
NOTES = {stem: FootnoteBlockProcessor.RE.findall(text) for stem, text in SOURCES.items()}
TABLES = {stem: re.findall(r"^Table (\d+): (.+)$", text, re.M) for stem, text in SOURCES.items()}
FIGURES = {stem: re.findall(r"^Figure (\d+): (.+)$", text, re.M) for stem, text in SOURCES.items()}


@pytest.mark.parametrize("stem", [s for s, notes in NOTES.items() if notes])
def test_every_note_is_published_with_its_text_and_linked_both_ways(gao_site: Built, stem: str) -> None:
    soup = gao_site.soup(f"{stem}/index.html")
    items = soup.select("section.report-notes ol > li")
    assert [li["value"] for li in items] == [
        label for label, _text in NOTES[stem]
    ]  # the report's own numbers
    for (label, text), li in zip(NOTES[stem], items, strict=True):
        first_words = " ".join(re.sub(r"[*_`]", "", text).split()[:4])
        assert first_words in " ".join(li.get_text().split()), (label, first_words)
        for back in li.select("a.footnote-backref"):
            marker = soup.select_one(back["href"])
            assert marker is not None and marker.select_one("a.footnote-ref")["href"] == f"#{li['id']}"
    assert not soup.select("section.report-notes [data-paragraph]")


def test_each_note_is_a_search_entry_of_its_own(gao_site: Built) -> None:
    docs = json.loads((gao_site.site / "search/search_index.json").read_text("utf-8"))["docs"]
    notes = {d["location"] for d in docs if d["title"].startswith("Note ")}
    expected = {f"{stem}/#fn-{label}" for stem, notes_ in NOTES.items() for label, _ in notes_}
    assert notes == expected


@pytest.mark.parametrize("stem", [s for s, tables in TABLES.items() if tables])
def test_tables_are_captioned_numbered_and_offered_as_csv(gao_site: Built, stem: str) -> None:
    soup = gao_site.soup(f"{stem}/index.html")
    for number, title in TABLES[stem]:
        figure = soup.select_one(f"figure#table-{number}")
        assert " ".join(figure.select_one("caption").get_text().split()) == f"Table {number}: {title.strip()}"
        assert (
            figure.select_one(".report-table__notes")
            .get_text()
            .lstrip()
            .startswith(("Source", "Legend", "Note", "a."))
        )
        href = figure.select_one(".report-table__download a")["href"]
        rows = list(csv.reader(io.StringIO((gao_site.site / stem / href).read_text("utf-8"))))
        for sup in figure.select("sup"):  # note markers are not the cells' words
            sup.decompose()
        for br in figure.select("br"):
            br.replace_with("\n")
        cells = [[c.get_text().strip() for c in tr.select("th, td")] for tr in figure.select("tr")]
        assert [[" ".join(c.split()) for c in row] for row in rows] == [
            [" ".join(c.split()) for c in row] for row in cells
        ]


@pytest.mark.parametrize("stem", [s for s, figures in FIGURES.items() if figures])
def test_figures_are_figures_with_their_captions_and_sizes(gao_site: Built, stem: str) -> None:
    soup = gao_site.soup(f"{stem}/index.html")
    for number, caption in FIGURES[stem]:
        figure = soup.select_one(f"figure#figure-{number}")
        assert (
            " ".join(figure.select_one("figcaption").get_text().split())
            == f"Figure {number}: {caption.strip()}"
        )
        img = figure.select_one("img")
        assert img["alt"] and int(img["width"]) > 0 and int(img["height"]) > 0


def test_the_pdf_prints_notes_as_footnotes_with_the_tables_and_the_figure(gao_site: Built) -> None:
    from pypdf import PdfReader

    reader = PdfReader(next(gao_site.site.glob("*.pdf")))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    text = " ".join(pages)
    for tables in TABLES.values():
        for number, _title in tables:
            assert f"Table {number}:" in text
    assert sum(len(p.images) for p in reader.pages) >= sum(len(f) for f in FIGURES.values())
    # a note's text stands at the foot of the page that holds its marker's sentence
    stem, notes = next((s, n) for s, n in NOTES.items() if n)
    label, note = notes[0]
    words = " ".join(re.sub(r"[*_`]", "", note).split()[:4])
    before = SOURCES[stem].split(f"[^{label}]")[0].split()[-3:]  # the words the marker follows
    assert any(words in page and " ".join(before) in page for page in pages), (words, before)
