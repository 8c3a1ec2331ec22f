"""Golden tests: each citation style lists authors by its own rule, for every author shape.

Expected strings are the style guides' own published examples where they exist:
APA Style (apastyle.apa.org / the APA Style blog, "Jr., Sr., and Other Suffixes";
7th-edition 21-author rule as libraries reproduce it), Chicago 18 (CMOS 13.76 / the
Chicago Q&A on "more than ten authors"; a university's Chicago 18 guide), MLA 9
(MLA works-cited quick guide: "Smith, James, et al."). Titles and publishers are
placeholders: only the author part is under test.
"""

from __future__ import annotations

import datetime as dt
import json

import bibtexparser
import jsonschema
import pytest
import yaml
from helpers import FIXTURES

from report_site.data import language
from report_site.data.model import Author, Published
from report_site.outputs import cff, citation, head

SCHEMA = json.loads((FIXTURES / "cff" / "schema-1.2.0.json").read_text("utf-8"))


def work(*authors: object, language: str = "en") -> citation.Work:
    return citation.Work(
        "Title", "", tuple(Author.parse(a) for a in authors), "Publisher", Published(2019, 6, 10), language
    )


def lead(runs: list[citation.Run]) -> str:
    """The author part of a citation: everything before the year, title or publisher."""
    text = citation.to_text(runs)
    for stop in (" (2019)", " Title", ", Title"):
        if stop in text:
            return text[: text.index(stop)]
    return text


# --- the author model --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jacob Stokes", Author(family="Stokes", given="Jacob")),
        ("Stokes, Jacob", Author(family="Stokes", given="Jacob")),
        ("Vincent van Gogh", Author(family="Gogh", given="Vincent", particle="van")),
        ("van Gogh, Vincent", Author(family="Gogh", given="Vincent", particle="van")),
        ("Martin Luther King Jr.", Author(family="King", given="Martin Luther", suffix="Jr.")),
        ("Martin Luther King, Jr.", Author(family="King", given="Martin Luther", suffix="Jr.")),
        ("Plato", Author(family="Plato")),
        ("김정은", Author(family="김정은", family_first=True)),
        (
            {"family": "Yoon", "given": "Suk Yeol", "family_first": True},
            Author(family="Yoon", given="Suk Yeol", family_first=True),
        ),
        ({"family": "毛", "given": "泽东"}, Author(family="毛", given="泽东", family_first=True)),
        (
            {"name": "High-level Panel on Digital Cooperation"},
            Author(name="High-level Panel on Digital Cooperation"),
        ),
    ],
)
def test_author_forms(raw: object, expected: Author) -> None:
    assert Author.parse(raw) == expected


@pytest.mark.parametrize("raw", [{"name": "X", "family": "Y"}, {"given": "Only"}, {"nmae": "X"}, 3, ""])
def test_bad_author_says_what_to_write(raw: object) -> None:
    with pytest.raises(ValueError, match=r"author|name|family"):
        Author.parse(raw)


def test_display_and_inverted_forms() -> None:
    yoon = Author.parse({"family": "Yoon", "given": "Suk Yeol", "family_first": True})
    assert (yoon.display, yoon.inverted) == ("Yoon Suk Yeol", "Yoon Suk Yeol")  # CMOS: not inverted, no comma
    king = Author.parse("Martin Luther King Jr.")
    assert (king.display, king.inverted) == ("Martin Luther King Jr.", "King, Martin Luther, Jr.")
    assert Author.parse("Vincent van Gogh").inverted == "van Gogh, Vincent"


# --- APA 7 ---------------------------------------------------------------------------------


def test_apa_one_two_three() -> None:
    assert lead(citation.apa(work("Terry Barrett"))) == "Barrett, T."
    assert lead(citation.apa(work("J. L. Taylor", "M. L. Fields"))) == "Taylor, J. L., & Fields, M. L."
    assert (
        lead(citation.apa(work("J. L. Taylor", "B. L. Jones", "X. Q. Cox")))
        == "Taylor, J. L., Jones, B. L., & Cox, X. Q."
    )


def test_apa_suffixes_and_group_author() -> None:
    # APA Style blog: "Jones, H. W., Jr., & Jones, H. W., Sr. (1941)."
    assert (
        lead(citation.apa(work("Henry W. Jones Jr.", "Henry W. Jones Sr.")))
        == "Jones, H. W., Jr., & Jones, H. W., Sr."
    )
    assert (
        lead(citation.apa(work({"name": "American Psychological Association"})))
        == "American Psychological Association."
    )


def test_apa_twenty_one_or_more_authors() -> None:
    # Publication Manual §9.8: the first 19, an ellipsis, the last (no ampersand).
    names = [
        "A. Apple",
        "A. B. Bell",
        "A. B. Copeland",
        "A. B. Dennis",
        "A. B. Edwards",
        "A. B. Fant",
        "A. B. Gaunt",
        "A. B. Howard",
        "A. B. Iachetta",
        "A. B. Jones",
        "A. B. Knuth",
        "A. B. Lewis",
        "A. B. McCarthy",
        "A. B. Newberry",
        "A. B. Orange",
        "A. B. Plath",
        "A. B. Quan",
        "A. B. Reid",
        "A. B. Stewart",
        "A. B. Twenty",
        "R. Zabel",
    ]
    assert lead(citation.apa(work(*names))) == (
        "Apple, A., Bell, A. B., Copeland, A. B., Dennis, A. B., Edwards, A. B., Fant, A. B., Gaunt, A. B., Howard, A. B., "
        "Iachetta, A. B., Jones, A. B., Knuth, A. B., Lewis, A. B., McCarthy, A. B., Newberry, A. B., Orange, A. B., "
        "Plath, A. B., Quan, A. B., Reid, A. B., Stewart, A. B., . . . Zabel, R."
    )
    twenty = lead(citation.apa(work(*names[:20])))
    assert twenty.endswith("Stewart, A. B., & Twenty, A. B.") and ". . ." not in twenty


# --- Chicago 18 ----------------------------------------------------------------------------


def test_chicago_one_two_three() -> None:
    assert lead(citation.chicago_note(work("Terry Barrett"))) == "Terry Barrett,"
    assert lead(citation.chicago_bibliography(work("Terry Barrett"))) == "Barrett, Terry."
    two = work("Christina Rocha", "Michelle Barker")
    assert lead(citation.chicago_note(two)) == "Christina Rocha and Michelle Barker,"
    assert lead(citation.chicago_bibliography(two)) == "Rocha, Christina, and Michelle Barker."
    three = work("John Esposito", "Darrell Fasching", "Todd Lewis")
    assert (
        lead(citation.chicago_note(three)) == "John Esposito et al.,"
    )  # Chicago 18: three or more → et al. in notes
    assert lead(citation.chicago_bibliography(three)) == "Esposito, John, Darrell Fasching, and Todd Lewis."


def test_chicago_more_than_ten_authors() -> None:
    ten = [f"Given{i} Family{i}" for i in range(1, 11)]
    assert lead(citation.chicago_bibliography(work(*ten))).endswith("Given9 Family9, and Given10 Family10.")
    eleven = lead(citation.chicago_bibliography(work(*ten, "Given11 Family11")))
    assert eleven == "Family1, Given1, " + ", ".join(f"Given{i} Family{i}" for i in range(2, 8)) + ", et al."


def test_chicago_family_first_and_organisation() -> None:
    assert (
        lead(citation.chicago_bibliography(work({"family": "Mao", "given": "Zedong", "family_first": True})))
        == "Mao Zedong."
    )
    assert (
        lead(citation.chicago_note(work({"name": "Canadian Council on Social Development"})))
        == "Canadian Council on Social Development,"
    )


# --- MLA 9 ---------------------------------------------------------------------------------


def test_mla_one_two_three() -> None:
    assert lead(citation.mla(work("James Smith"))) == "Smith, James."
    assert lead(citation.mla(work("James Smith", "Sarah Johnston"))) == "Smith, James, and Sarah Johnston."
    assert lead(citation.mla(work("James Smith", "Sarah Johnston", "Third Author"))) == "Smith, James, et al."
    assert lead(citation.mla(work(*[f"G{i} F{i}" for i in range(21)]))) == "F0, G0, et al."
    assert lead(citation.mla(work({"name": "United Nations"}))) == "United Nations."


# --- machine formats ------------------------------------------------------------------------


def test_bibtex_keeps_an_organisation_as_one_name() -> None:
    bib = citation.bibtex(
        work(
            {"name": "High-level Panel on Digital Cooperation"}, "Vincent van Gogh", "Martin Luther King Jr."
        )
    )
    assert (
        "author      = {{High-level Panel on Digital Cooperation} and van Gogh, Vincent and King, Jr., Martin Luther},"
        in bib
    )
    library = bibtexparser.parse_string(
        bib,
        append_middleware=[
            bibtexparser.middlewares.SeparateCoAuthors(),
            bibtexparser.middlewares.SplitNameParts(),
        ],
    )
    assert not library.failed_blocks
    first, second, third = library.entries[0]["author"]
    assert first.last == ["{High-level Panel on Digital Cooperation}"] and not first.first
    assert second.von == ["van"] and second.last == ["Gogh"]
    assert third.jr == ["Jr."] and third.first == ["Martin", "Luther"]
    assert (
        citation.bibtex_key(work({"name": "High-level Panel on Digital Cooperation"})) == "highlevel2019title"
    )


def test_ris_one_au_per_author() -> None:
    ris = citation.ris(
        work(
            {"name": "United Nations"}, "Martin Luther King Jr.", "Plato", *[f"G{i} F{i}" for i in range(20)]
        )
    )
    authors = [line[6:] for line in ris.split("\r\n") if line.startswith("AU  - ")]
    assert authors[:3] == ["United Nations", "King, Martin Luther, Jr.", "Plato"] and len(authors) == 23


def test_cff_people_and_entities_validate() -> None:
    meta = {
        "title": "Title",
        "subtitle": "",
        "publisher": "Publisher",
        "published": dt.date(2019, 6, 10),
        "language": "ko",
        "authors": [
            Author.parse(a)
            for a in (
                {"name": "High-level Panel"},
                "Vincent van Gogh",
                "Martin Luther King Jr.",
                "Plato",
                {"family": "Yoon", "given": "Suk Yeol", "family_first": True},
            )
        ],
    }
    data = yaml.safe_load(cff.render(meta))
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(
        data
    )
    assert data["authors"] == [
        {"name": "High-level Panel"},
        {"family-names": "Gogh", "given-names": "Vincent", "name-particle": "van"},
        {"family-names": "King", "given-names": "Martin Luther", "name-suffix": "Jr."},
        {"family-names": "Plato"},
        {"family-names": "Yoon", "given-names": "Suk Yeol"},
    ]
    assert data["preferred-citation"]["languages"] == ["kor"]


def test_json_ld_and_highwire_know_organisations() -> None:
    w = work({"name": "United Nations"}, "Henry W. Jones Jr.")
    assert head.person(w.authors[0]) == {"@type": "Organization", "name": "United Nations"}
    assert head.person(w.authors[1]) == {
        "@type": "Person",
        "name": "Henry W. Jones Jr.",
        "familyName": "Jones",
        "givenName": "Henry W.",
        "honorificSuffix": "Jr.",
    }
    assert [v for k, v in head.highwire(w, "") if k == "citation_author"] == [
        "United Nations",
        "Henry W. Jones Jr.",
    ]


def test_byline_in_the_reports_language() -> None:
    people = [Author.parse(a) for a in ("Ada Example", "Ben Beispiel", "Chloé Exemple")]
    assert language.byline(people) == "Ada Example, Ben Beispiel, and Chloé Exemple"
    assert language.byline(people, "de-CH") == "Ada Example, Ben Beispiel und Chloé Exemple"
    assert language.byline(people[:2]) == "Ada Example and Ben Beispiel"


def test_non_english_titles_keep_their_capitals() -> None:
    w = citation.Work("über die Daten", "", (Author.parse("Ada Example"),), "P", Published(2019, 1, 1), "de")
    assert "über die Daten" in citation.to_text(citation.chicago_note(w))


def test_an_organisation_that_publishes_its_own_report_is_named_once() -> None:
    # APA 7 §9.24 ("When the author and publisher are the same, omit the publisher") and MLA 9 (an organisation
    # that is author and publisher: begin with the title; name it as publisher only). Chicago repeats it.
    w = citation.Work(
        "Annual Report",
        "",
        (Author(name="World Health Organization"),),
        "World Health Organization",
        Published(2019, 6, 10),
    )
    assert citation.to_text(citation.apa(w)) == "World Health Organization. (2019). Annual Report."
    assert citation.to_text(citation.mla(w)) == "Annual Report. World Health Organization, 10 June 2019."
    assert (
        citation.to_text(citation.chicago_bibliography(w))
        == "World Health Organization. Annual Report. World Health Organization, 2019."
    )
    w2 = citation.Work(
        "Annual Report", "", (Author(name="World Health Organization"),), "WHO Press", Published(2019, 6, 10)
    )
    assert citation.to_text(citation.apa(w2)).endswith("Annual Report. WHO Press.")


# --- names written with a trailing particle or a lone suffix --------------------------------------


def test_a_particle_after_the_given_name_is_a_particle() -> None:
    """ "Beauvoir, Simone de": sorted under B, the particle kept with the given name (CSL's dropping
    particle), never "S. d." or a given name "Simone de"."""
    a = Author.parse("Beauvoir, Simone de")
    assert (a.family, a.given, a.particle, a.particle_dropping) == ("Beauvoir", "Simone", "de", True)
    w = work("Beauvoir, Simone de")
    assert citation.to_text(citation.apa(w)).startswith("Beauvoir, S. de. (2019).")
    assert citation.to_text(citation.chicago_bibliography(w)).startswith("Beauvoir, Simone de. Title.")
    assert citation.to_text(citation.chicago_note(w)).startswith("Simone de Beauvoir, Title")
    assert citation.to_text(citation.mla(w)).startswith("Beauvoir, Simone de. Title.")
    assert citation.in_text(w)[0]["lead"] == "Beauvoir, 2019"
    assert "author      = {de Beauvoir, Simone}" in citation.bibtex(w)
    assert cff.person_or_entity(a) == {
        "family-names": "Beauvoir",
        "given-names": "Simone",
        "name-particle": "de",
    }
    assert head.person(a)["givenName"] == "Simone"


def test_a_family_name_with_a_suffix_alone() -> None:
    a = Author.parse("Smith Jr.")
    assert (a.family, a.given, a.suffix) == ("Smith", "", "Jr.")
    w = work("Smith Jr.")
    assert citation.to_text(citation.apa(w)).startswith("Smith Jr. (2019).")
    assert "author      = {Smith, Jr.}" in citation.bibtex(w)
    assert cff.person_or_entity(a) == {"family-names": "Smith", "name-suffix": "Jr."}


# --- a month or a year only: no day invented -------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "mla", "bib", "ris", "highwire", "iso", "cff_date"),
    [
        (Published(2023, 3), "Publisher, Mar. 2023.", ["month       = mar", "date        = {2023-03}"], "2023/03//",
         "2023/03", "2023-03", {"year": 2023, "month": 3}),
        (Published(2023), "Publisher, 2023.", ["date        = {2023}"], "2023///", "2023", "2023", {"year": 2023}),
    ],
    ids=["month", "year"],
)  # fmt: skip
def test_a_month_or_a_year_only_is_cited_without_a_day(
    published: Published,
    mla: str,
    bib: list[str],
    ris: str,
    highwire: str,
    iso: str,
    cff_date: dict[str, int],
) -> None:
    w = citation.Work("Title", "", (Author.parse("Ada Example"),), "Publisher", published)
    assert citation.to_text(citation.apa(w)) == "Example, A. (2023). Title. Publisher."
    assert citation.to_text(citation.chicago_note(w)) == "Ada Example, Title (Publisher, 2023)."
    assert citation.to_text(citation.chicago_bibliography(w)) == "Example, Ada. Title. Publisher, 2023."
    assert citation.to_text(citation.mla(w)) == f"Example, Ada. Title. {mla}"
    entry = citation.bibtex(w)
    assert all(line in entry for line in bib) and ("month" in entry) == (published.month is not None)
    assert f"DA  - {ris}\r\n" in citation.ris(w)
    assert dict(head.highwire(w, ""))["citation_publication_date"] == highwire
    assert published.isoformat() == iso
    ld = head.json_ld(w, "https://e.org/", "https://e.org/", "Title", True, [], [], "", "d")
    assert ld["datePublished"] == iso
    meta = {"title": "Title", "subtitle": "", "authors": list(w.authors), "publisher": "Publisher",
            "published": published, "language": "en"}  # fmt: skip
    preferred = yaml.safe_load(cff.render(meta))["preferred-citation"]
    assert "date-published" not in preferred
    assert {k: preferred[k] for k in ("year", "month") if k in preferred} == cff_date
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(
        yaml.safe_load(cff.render(meta))
    )
