"""report_site/wordimport/recommendations.py: recommendations found under a heading that names them."""

from __future__ import annotations

from pathlib import Path

import word_documents as wd

from report_site.data import loader
from report_site.wordimport import docxml, recommendations
from report_site.wordimport.markdown import Block


def test_headings_that_name_recommendations_in_several_languages() -> None:
    for heading in (
        "Recommendations for Executive Action",
        "Empfehlungen",
        "Nos recommandations",
        "RECOMMENDATION",
    ):
        assert recommendations.names_recommendations(heading), heading
    assert not recommendations.names_recommendations("Agency Comments")


def test_numbered_items_and_labelled_paragraphs_under_such_a_heading() -> None:
    blocks = [
        Block("heading", "# Findings", level=1, text="Findings"),
        Block("list", "1. Not one.", items=(("Not one.", 1),), ordered=True),
        Block("heading", "# Recommendations", level=1, text="Recommendations"),
        Block("list", "- A bullet", items=(("A bullet, not a recommendation.", 3),), ordered=False),
        Block("heading", "## Details", level=2, text="Details"),  # still under Recommendations
        Block("list", "", items=(("Do this first.", 5), ("Do this first.", 6)), ordered=True),
        Block("para", "", text="The Secretary should act. (Recommendation 3)", paragraphs=(7,)),
        Block("heading", "# Agency Comments", level=1, text="Agency Comments"),
        Block("list", "", items=(("Not either.", 9),), ordered=True),
    ]
    found = recommendations.from_blocks(blocks)
    assert [(r.id, r.title, r.label) for r in found] == [
        ("do-this-first", "Do this first.", ""),
        ("do-this-first-2", "Do this first.", ""),
        ("the-secretary-should-act", "The Secretary should act.", "3"),
    ]


def test_ids_are_valid_and_the_yaml_loads(tmp_path: Path) -> None:
    long = "Ensure that " + " ".join(["extraordinarily-long-words"] * 8)
    found = recommendations.from_blocks(
        [
            Block("heading", "", level=1, text="Recommendations"),
            Block("list", "", items=((long, 1), ("Say “this” — exactly.", 2)), ordered=True),
        ]
    )
    assert all(len(r.id) <= recommendations.ID_MAX for r in found)
    skeleton = (
        Path(__file__).parent.parent / "report_site/templates/skeleton/recommendations.yaml"
    ).read_text("utf-8")
    path = tmp_path / "recommendations.yaml"
    path.write_text(recommendations.yaml_text(skeleton, found), "utf-8")
    data = loader.load(path)
    assert [r.title for r in data.recommendations] == [long, "Say “this” — exactly."]
    assert path.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=schemas/recommendations.schema.json"
    )


def test_the_count_from_word_paragraphs(tmp_path: Path) -> None:
    d = wd.Document()
    d.add_heading("Recommendations", 1)
    d.add_paragraph("First.", style="List Number")
    d.add_paragraph("Second.", style="List Number")
    d.add_paragraph("The Secretary should act. (Recommendation 3)")
    d.add_heading("Other", 1)
    d.add_paragraph("Third.", style="List Number")
    read = docxml.read(wd.save(d, tmp_path / "r.docx"))
    assert recommendations.count_in_docx(read) == 3  # two numbered items and the labelled paragraph
