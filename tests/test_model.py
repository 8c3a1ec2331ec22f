"""model.py: what the report's records show a reader (link labels, excerpts, names) and how they are queried.

The forms of an author's name in each citation style are in outputs/test_outputs_citation_authors.py.
"""

from __future__ import annotations

import pytest

from report_site.data.model import Author, FocusArea, Passage, Recommendation, Report, shorten

LONG = (
    "Strengthen the alliance, deepen cooperation on cyber, and invest in shared early-warning systems "
    "across the region"
)


def test_a_link_to_a_recommendation_reads_number_and_a_title_cut_at_a_word() -> None:
    from report_site.data.labels import Labels

    words = Labels("en")
    rec = Recommendation("alliance", 3, LONG, ("security",))
    assert (
        words.rec_label(rec)
        == "Recommendation 3: Strengthen the alliance, deepen cooperation on cyber, and invest in…"
    )
    assert (
        words.rec_label(
            Recommendation("alliance", 3, LONG, ("security",), short_title="Strengthen the alliance")
        )
        == "Recommendation 3: Strengthen the alliance"
    )
    labelled = Recommendation("alliance", 3, "Short title", ("security",), number_label="1A")
    assert (words.rec_label(labelled), labelled.shown_number) == ("Recommendation 1A: Short title", "1A")
    assert Labels("de").rec_label(labelled) == "Empfehlung 1A: Short title"
    assert rec.src_uri == "recommendations/alliance.md"


def test_shorten_never_ends_mid_word_or_on_punctuation() -> None:
    assert shorten("  A   title\nover two lines ") == "A title over two lines"
    exact = "x" * 72
    assert shorten(exact) == exact
    assert (
        shorten("Invest in early warning, then in shared satellites and ground stations for everyone", 30)
        == "Invest in early warning…"
    )  # not "warning,…"
    assert shorten("Invest — in early warning", 10) == "Invest…"


def test_a_passage_excerpt_is_at_most_240_characters() -> None:
    text = " ".join(["word"] * 100)  # 499 characters
    passage = Passage("one.md", 3, "p-word", text, "Chapter One", ("save-water",))
    assert len(passage.excerpt) <= 240 and passage.excerpt.endswith("word…")
    assert (
        Passage("one.md", 3, "p-a", "A short paragraph.", "Chapter One", ()).excerpt == "A short paragraph."
    )


def test_the_report_is_queried_in_report_order() -> None:
    areas = [FocusArea("water", "Water"), FocusArea("soil", "Soil")]
    recs = [
        Recommendation("save-water", 1, "Save water", ("water",)),
        Recommendation("test-soil", 2, "Test soil", ("soil",)),
        Recommendation("plant-trees", 3, "Plant trees", ("soil", "water")),
    ]
    report = Report("recs.yaml", areas, recs)
    assert [r.id for r in report.in_area("water")] == ["save-water", "plant-trees"]
    assert report.area("soil").title == "Soil"
    assert report.get("plant-trees") is recs[2] and report.get("plant-tree") is None


@pytest.mark.parametrize(
    "raw, shown, inverted",
    [
        ("Charles de Gaulle", "Charles de Gaulle", "de Gaulle, Charles"),
        ("van der Rohe, Ludwig Mies", "Ludwig Mies van der Rohe", "van der Rohe, Ludwig Mies"),
        ("  Ada   Example ", "Ada Example", "Example, Ada"),
        ({"name": "  Example   Institute "}, "Example Institute", "Example Institute"),
    ],
)
def test_a_byline_prints_the_name_as_written_and_lists_sort_it_by_family(
    raw: object, shown: str, inverted: str
) -> None:
    author = Author.parse(raw)
    assert (author.display, author.inverted) == (shown, inverted)


@pytest.mark.parametrize(
    "raw, message",
    [
        (
            {"name": "Example Institute", "family": "Example"},
            "an organisation author has only `name:`; a person has `given:` and `family:`",
        ),
        ({"given": "Ada"}, "a person author needs `family:` (or write `name:` for an organisation)"),
        (
            {"nmae": "Example Institute"},
            "unknown author key `nmae` (use given, family, particle, suffix, family_first, or name for an organisation)",
        ),
        ({"family": 1984}, "author names must be text (quote them)"),
        ({"name": " "}, "an organisation author needs a non-empty `name:`"),
        ("   ", "an author name is empty"),
    ],
)
def test_an_unusable_author_says_exactly_what_to_write(raw: object, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        Author.parse(raw)
    assert str(caught.value) == message
