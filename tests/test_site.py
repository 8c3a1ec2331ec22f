"""Generator tests on real builds of the fixture reports: the first report (frozen), the mini report and the second report."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from helpers import PENINSULA, Built, normalise, resolve_link, seed_paragraphs, shared_build, visible_text


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The frozen first report (overrides tests/conftest.py's build of the repository's own report).

    The same build as tests/outputs/conftest.py's ``site``: built once per run, shared.
    """
    return shared_build(tmp_path_factory, "peninsula-site", PENINSULA)[0]


RECS = yaml.safe_load((PENINSULA / "recommendations.yaml").read_text("utf-8"))["recommendations"]


def test_one_page_per_recommendation(site: Built) -> None:
    assert len(RECS) == 9
    for i, rec in enumerate(RECS, 1):
        page = site.soup(f"recommendations/{rec['id']}/index.html")
        h1 = normalise(page.select_one("article h1").get_text())
        assert h1.startswith(f"Recommendation {i}: {rec['title']}")


def test_recommendations_index_groups_by_focus_area(site: Built) -> None:
    page = site.soup("recommendations/index.html")
    data = yaml.safe_load((PENINSULA / "recommendations.yaml").read_text("utf-8"))
    for area in data["focus_areas"]:
        heading = page.select_one(f"h2#{area['id']}")
        assert heading is not None and area["title"] in heading.get_text()
        expected = [r for r in RECS if area["id"] in r["focus_areas"]]
        section_links = []
        for sib in heading.find_next_siblings():
            if sib.name == "h2":
                break
            section_links += [a["href"] for a in sib.select("a")]
        assert [h.strip("./").split("/")[-1] for h in section_links] == [r["id"] for r in expected]
        assert f"{len(expected)} recommendation" in heading.find_next_sibling("p").get_text()


def test_every_recommendation_links_to_passages_that_link_back(site: Built) -> None:
    for rec in RECS:
        rel = f"recommendations/{rec['id']}/index.html"
        page = site.soup(rel)
        links = page.select("figure.report-passage figcaption a")
        assert links, f"{rec['id']} has no passage"
        for a in links:
            target, fragment = resolve_link(rel, a["href"])
            assert fragment.startswith("p-"), a["href"]
            chapter = site.soup(target)
            para = chapter.find(id=fragment)
            assert para is not None, f"{a['href']} from {rel} lands nowhere"
            back = para.find_next_sibling("p", class_="report-supports")
            assert back is not None
            hrefs = [resolve_link(target, b["href"])[0] for b in back.select("a")]
            assert rel in hrefs


def test_every_chapter_reference_lands_on_its_recommendation(site: Built) -> None:
    count = 0
    for chapter in ("executive-summary/index.html", "introduction/index.html"):
        soup = site.soup(chapter)
        for a in soup.select("p.report-supports a"):
            target, _ = resolve_link(chapter, a["href"])
            assert (site.site / target).is_file(), a["href"]
            number = int(re.search(r"Recommendation (\d+)", a.get_text()).group(1))
            assert target == f"recommendations/{RECS[number - 1]['id']}/index.html"
            para = a.find_parent("p").find_previous_sibling("p")
            back = site.soup(target).select("figure.report-passage figcaption a")
            assert any(resolve_link(target, b["href"]) == (chapter, para["id"]) for b in back)
            count += 1
    assert count >= 9


def test_recommendation_list_items_link_to_pages(site: Built) -> None:
    soup = site.soup("executive-summary/index.html")
    items = soup.select("article ol > li")
    assert len(items) == 9
    for i, li in enumerate(items):
        a = li.select_one("a")
        assert (
            resolve_link("executive-summary/index.html", a["href"])[0]
            == f"recommendations/{RECS[i]['id']}/index.html"
        )


def test_every_seed_paragraph_is_on_its_chapter_page(site: Built) -> None:
    paras = seed_paragraphs()
    for chapter, rel in (
        ("Executive Summary", "executive-summary/index.html"),
        ("Introduction", "introduction/index.html"),
    ):
        text = visible_text(site.soup(rel))
        for p in paras[chapter]:
            assert normalise(p) in text, f"{chapter}: missing {p[:60]!r}"
    landing = visible_text(site.soup("index.html"))
    title, _authors = paras["front"]
    short, subtitle = title.split(": ", 1)
    assert short in landing and subtitle in landing
    assert "Jacob Stokes and Joshua Fitt" in landing
    assert "15 March 2023" in landing


def test_furniture_is_not_published(site: Built) -> None:
    for html in site.site.rglob("*.html"):
        text = html.read_text("utf-8")
        assert "No comments:" not in text
        assert "Download the Full Report" not in text
        assert "22 March 2023" not in text


def test_endnote_markers_are_links_and_notes_are_not_invented(site: Built) -> None:
    soup = site.soup("introduction/index.html")
    refs = soup.select("sup.endnote-ref a")
    assert [a.get_text() for a in refs] == [str(n) for n in range(1, 9)]
    assert all(a["href"] == "#endnotes" for a in refs)
    notes = soup.find(id="endnotes")
    assert notes is not None
    assert "full report" in notes.find_next_sibling("p").get_text()


def test_pull_quotes_are_decorative_and_not_indexed(site: Built) -> None:
    import json

    soup = site.soup("executive-summary/index.html")
    quotes = soup.select("aside.report-pull-quote")
    assert len(quotes) == 1 and quotes[0]["aria-hidden"] == "true"
    index = json.loads((site.site / "search/search_index.json").read_text("utf-8"))
    phrase = "Perhaps the biggest shift in alliance priorities"
    hits = sum(doc["text"].count(phrase) for doc in index["docs"])
    assert hits == 1  # the body paragraph, not the pull quote or a recommendation excerpt


@pytest.mark.slow
def test_build_never_writes_into_report_dir(tmp_path: Path) -> None:
    from helpers import build_here

    def digest() -> dict[str, str]:
        return {
            str(p.relative_to(PENINSULA)): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file()
            else "folder"
            for p in sorted((PENINSULA / "report").rglob("*"))
        }

    before = digest()
    result = build_here(PENINSULA, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert digest() == before


def test_second_report_builds_with_the_same_plugin(mini_site: Built) -> None:
    pages = sorted(p.parent.name for p in (mini_site.site / "recommendations").glob("*/index.html"))
    assert pages == ["plant-trees", "save-water", "test-soil"]
    trees = mini_site.soup("recommendations/plant-trees/index.html")
    assert len(trees.select("figure.report-passage")) == 2
    assert "Mini Report" in visible_text(mini_site.soup("index.html"))


def test_build_prints_a_summary(tmp_path_factory: pytest.TempPathFactory) -> None:
    """What the shared build of the frozen report printed (the ``site`` fixture's build)."""
    stdout = shared_build(tmp_path_factory, "peninsula-site", PENINSULA)[1]
    assert re.search(
        r"Built \d+ pages, 9 recommendations, \d+ cross-references into .* in [\d.]+ s", stdout
    ), stdout


def test_seed_copy_is_the_text_as_received() -> None:
    """The copy in tests/fixtures/seed/ is byte for byte the text we received (its SHA-256 recorded when it
    was copied), so it runs in any clone; where the original is beside the repository (the workplace's
    shared/seeds/), it is compared too."""
    import hashlib

    from helpers import SEED, SEED_SHA256, SHARED_SEED

    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    if SHARED_SEED.exists():
        assert SHARED_SEED.read_bytes() == SEED.read_bytes()


def test_landing_cards_name_their_focus_areas(site: Built) -> None:
    """Cards print each focus area's name as text (colour only reinforces it)."""
    data = yaml.safe_load((PENINSULA / "recommendations.yaml").read_text("utf-8"))
    titles = {a["id"]: a["title"] for a in data["focus_areas"]}
    soup = site.soup("index.html")
    cover = soup.select_one("header.report-cover")
    assert cover.select_one("h1").get_text(" ", strip=True).startswith("Peninsula Plus : Enhancing")
    assert [a.get_text() for a in cover.select(".report-cover__actions a")] == [
        "Read the report",
        "The 9 recommendations",
        "Cite this report",
    ]  # the PDF button needs a PDF build
    cards = soup.select("ol.report-cards > li.report-rec-card")
    assert len(cards) == len(RECS)
    for i, (card, rec) in enumerate(zip(cards, RECS, strict=False), 1):
        assert card.select_one(".report-rec-card__number").get_text(" ", strip=True) == f"Recommendation {i}"
        assert normalise(card.select_one(".report-card__title a").get_text()) == rec["title"]
        labels = [s.get_text() for s in card.select(".report-area-label")]
        assert labels == [titles[a] for a in rec["focus_areas"]]
        assert all(
            f"report-area-{list(titles).index(a) + 1}" in s["class"]
            for a, s in zip(rec["focus_areas"], card.select(".report-area-label"), strict=False)
        )
    index = site.soup("recommendations/index.html")
    assert len(index.select("li.report-rec-card")) == sum(len(r["focus_areas"]) for r in RECS)


# --- the second fixture: organisation and family-first authors, labels, no focus areas, no subtitle, de-CH ---


@pytest.fixture(scope="session")
def second(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The second fixture with its PDF, built once per run (slow: tests/conftest.py leaves it out of test-fast)."""
    from helpers import FIXTURES

    return shared_build(tmp_path_factory, "second-report", FIXTURES / "second-report", pdf=True)[0]


SECOND_LABELS = [
    ("daten-teilen", "1A", "Testdaten offen teilen"),
    ("daten-pruefen", "1B", "Testdaten jedes Jahr prüfen"),
    ("regeln-schreiben", "2", "Gemeinsame Regeln für Testdaten schreiben"),
]


def test_labels_show_wherever_the_number_shows(second: Built) -> None:
    import csv
    import io
    import json

    for rec_id, label, title in SECOND_LABELS:
        page = second.soup(f"recommendations/{rec_id}/index.html")
        assert normalise(page.select_one("article h1").get_text()) == f"Empfehlung {label}: {title}"
        assert page.title.get_text().startswith(
            f"Empfehlung {label}: "
        )  # nav, browser tab and search use the page title
        card_alt = page.find("meta", property="og:image:alt")["content"]
        assert card_alt == f"Empfehlung {label}: {title}"  # the social card says what the page says
        search_tags = next(
            d
            for d in json.loads((second.site / "search/search_index.json").read_text("utf-8"))["docs"]
            if d["location"] == f"recommendations/{rec_id}/"
        ).get("tags", [])
        assert label in search_tags  # "1A" finds it
    cards = second.soup("index.html").select("li.report-rec-card .report-rec-card__number")
    assert [c.get_text(" ", strip=True) for c in cards] == [
        f"Empfehlung {label}" for _, label, _ in SECOND_LABELS
    ]
    nav = [
        a.get_text(" ", strip=True) for a in second.soup("recommendations/index.html").select("nav.md-nav a")
    ]
    assert any(t.startswith("Empfehlung 1B:") for t in nav)
    search = json.loads((second.site / "search/search_index.json").read_text("utf-8"))
    assert any(d["title"].startswith("Empfehlung 1A:") for d in search["docs"])
    doc = json.loads((second.site / "recommendations.json").read_text("utf-8"))
    assert [(r["label"], r["number"]) for r in doc["recommendations"]] == [("1A", 1), ("1B", 2), ("2", 3)]
    rows = list(
        csv.DictReader(io.StringIO((second.site / "recommendations.csv").read_text("utf-8"), newline=""))
    )
    assert [r["label"] for r in rows] == ["1A", "1B", "2"]


def test_no_focus_areas_means_no_grouping(second: Built) -> None:
    index = second.soup("recommendations/index.html")
    assert not index.select("h2.report-area-heading") and len(index.select("li.report-rec-card")) == 3
    assert "Der Bericht enthält 3 Empfehlungen." in visible_text(index)
    home = second.soup("index.html")
    assert not home.select("section.report-focus-areas") and not home.select(".report-area-label")
    assert not second.soup("recommendations/daten-teilen/index.html").select(".report-rec-areas")


def test_no_subtitle_leaves_no_stray_colon(second: Built) -> None:
    h1 = second.soup("index.html").select_one("header.report-cover h1")
    assert h1.get_text(" ", strip=True) == "Zweiter Bericht über Testdaten" and ":" not in h1.get_text()


def test_numbered_chapters_keep_their_numbers(second: Built) -> None:
    import json

    doc = json.loads((second.site / "recommendations.json").read_text("utf-8"))
    assert {p["chapter"] for r in doc["recommendations"] for p in r["passages"]} == {
        "1. Einleitung",
        "2. Empfehlungen im Detail",
    }
    chapter = second.soup("einleitung/index.html")
    assert "2019. war das Jahr" in visible_text(chapter)  # a paragraph's opening year is not a list number
    rec = second.soup("recommendations/regeln-schreiben/index.html")
    assert "2019. war das Jahr" in rec.select_one("figure.report-passage").get_text()


def test_language_tag_theme_and_dates(second: Built) -> None:
    home = second.soup("index.html")
    assert home.html["lang"] == "de-CH"
    assert (
        home.select_one("input.md-search__input")["placeholder"] == "Suche"
    )  # Material's nearest translation: de
    assert "10. Juni 2019" in home.select_one("header.report-cover").get_text()
    assert (
        "Institut für Beispielforschung, Kim Min-jun, Anna van Dijk und Carl Beispiel Jr."
        in home.select_one("header.report-cover").get_text()
    )
    assert home.find("meta", attrs={"name": "description"})["content"].startswith(
        "Dieser Bericht ist ein Testbericht"
    )
    import json

    index = json.loads((second.site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == [
        "de"
    ]  # German stemming and stop words: search reads the language the plugin set


def test_second_report_citations(second: Built) -> None:
    import json

    import bibtexparser

    block = second.soup("index.html").select_one("section.report-cite-block")
    styles = [normalise(dd.get_text()) for dd in block.select("dd")]
    assert styles == [
        "Institut für Beispielforschung, Kim, M.-j., van Dijk, A., & Beispiel, C., Jr. (2019). Zweiter Bericht über Testdaten. Institut für Beispielforschung.",
        "Institut für Beispielforschung et al., Zweiter Bericht über Testdaten (Institut für Beispielforschung, 2019).",
        "Institut für Beispielforschung, Kim Min-jun, Anna van Dijk, and Carl Beispiel Jr. Zweiter Bericht über Testdaten. Institut für Beispielforschung, 2019.",
        "Institut für Beispielforschung, et al. Zweiter Bericht über Testdaten. Institut für Beispielforschung, 10 June 2019.",
    ]
    bib = (second.site / "zweiter-bericht-uber-testdaten.bib").read_text("utf-8")
    assert (
        "{{Institut für Beispielforschung} and Kim, Min-jun and van Dijk, Anna and Beispiel, Jr., Carl}"
        in bib
    )
    assert not bibtexparser.parse_string(bib).failed_blocks
    ris = (second.site / "zweiter-bericht-uber-testdaten.ris").read_bytes().decode("utf-8")
    assert (
        "AU  - Institut für Beispielforschung\r\nAU  - Kim, Min-jun\r\nAU  - van Dijk, Anna\r\nAU  - Beispiel, Carl, Jr.\r\n"
        in ris
    )
    data = json.loads(
        next(s.string for s in second.soup("index.html").find_all("script", type="application/ld+json"))
    )
    assert [a["@type"] for a in data["author"]] == ["Organization", "Person", "Person", "Person"]


def test_second_report_pdf_has_labels_and_numbered_chapters(second: Built) -> None:
    from pypdf import PdfReader

    text = " ".join(
        (p.extract_text() or "") for p in PdfReader(second.site / "zweiter-bericht-uber-testdaten.pdf").pages
    )
    text = " ".join(text.split())
    assert "1. Einleitung" in text and "2. Empfehlungen im Detail" in text
    assert (
        "Empfehlung 1A: Testdaten offen teilen" in text
        and "Schwerpunkt:" not in text
        and "Schwerpunkte:" not in text
    )


def test_second_report_speaks_its_language(second: Built) -> None:
    """de-CH: the generator's own words come from labels/de.yml (de-CH.yml over it), none stay English."""
    import json

    rec = second.soup("recommendations/regeln-schreiben/index.html")
    assert normalise(rec.select_one("h1 .report-rec-title__kicker").get_text()).startswith("Empfehlung 2")
    assert (
        rec.select_one("#where-the-report-argues-for-this")
        .get_text(strip=True)
        .startswith("Wo der Bericht diese Empfehlung begründet")
    )
    caption = normalise(rec.select_one("figure.report-passage figcaption").get_text())
    assert ", Absatz " in caption and caption.endswith("· Im Zusammenhang lesen"), caption
    assert rec.select_one("details.report-cite summary").get_text(strip=True) == "Diese Seite zitieren"
    assert (
        rec.select_one(".report-cite__note").get_text()
        == "«Empfehlung 2: Gemeinsame Regeln für Testdaten schreiben» ist Teil des Berichts; zitieren Sie so:"
    )
    assert "Veröffentlicht am 10. Juni 2019" in visible_text(rec)
    reader = json.loads(rec.select_one("#report-reader-data").string)
    chapter = second.soup("einleitung/index.html")
    assert {a["aria-label"] for a in chapter.select("a.report-permalink")} == {"Link zu diesem Absatz"}
    assert normalise(chapter.select_one("p.report-supports").get_text()).startswith("Begründet Empfehlung")
    home = second.soup("index.html")
    cover = [normalise(a.get_text()) for a in home.select(".report-cover__actions a")]
    assert cover[:2] == ["Bericht lesen", "Die 3 Empfehlungen"], cover
    assert "Vollständigen Bericht herunterladen (PDF)" in cover
    assert home.select_one("#cite-this-report").get_text(strip=True).startswith("Herunterladen und zitieren")
    assert next(dt.get_text() for dt in home.select("section.report-cite-block dt")) == "APA (7. Auflage)"
    notes = [
        s
        for s in (second.soup(p) for p in ("einleitung/index.html", "detail/index.html"))
        if s.select_one("#endnotes")
    ]
    for page in notes:
        assert page.select_one("#endnotes").get_text(strip=True).startswith("Anmerkungen")
        sentence = normalise(page.select_one("p.report-endnotes").get_text())
        assert re.fullmatch(
            r"Dieses Kapitel verweist auf \d+ Endnoten? \(im Text mit \d+(–\d+)? nummeriert\)\. Ihr Text steht im "
            r"vollständigen Bericht, den Institut für Beispielforschung veröffentlicht hat, und wird hier nicht wiedergegeben\.",
            sentence,
        ), sentence
    english = [
        "Recommendation",
        "Where the report",
        "Read in context",
        "Read the report",
        "Cite this",
        "Download the full",
        "Published <time",
        "Link to this paragraph",
        "Argues for",
        "This chapter cites",
        "Page not found",
    ]
    for path in sorted(second.site.rglob("*.html")):
        html = path.read_text("utf-8")
        assert not [w for w in english if w in html], (path, [w for w in english if w in html])
    assert (
        reader.get("labels", {}).get("copied") == "Kopiert: Zitat mit Quellenangabe nach {style}"
        or "quote" not in reader
    )


def test_second_report_pdf_in_its_language(second: Built) -> None:
    from pypdf import PdfReader

    text = " ".join(
        (p.extract_text() or "") for p in PdfReader(second.site / "zweiter-bericht-uber-testdaten.pdf").pages
    )
    text = " ".join(text.split())
    for words in (
        "Inhalt",
        "Empfehlungen",
        "Herausgegeben von Institut für Beispielforschung, 10. Juni 2019.",
        "Der Bericht enthält 3 Empfehlungen.",
        "Zitiervorschlag (APA):",
    ):
        assert words in text, words
    assert re.search(
        r"2\. Empfehlungen im Detail, Absatz \d+, S\. \d", text
    )  # paragraph and page in German: "Absatz", "S." (Seite)
    assert (
        "Contents" not in text
        and "Suggested citation" not in text
        and "Published by" not in text
        and ", p. " not in text
    )
