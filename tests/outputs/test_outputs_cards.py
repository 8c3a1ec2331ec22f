"""Social cards (report_site/outputs/cards.py): one 1200×630 PNG per page, named in its head.

Expectations come from the built site's data (recommendations.json, citation metadata).
Two cards are copied to ``test-artifacts/cards/`` for a person to look at.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from helpers import ROOT, Built, copy_project, run_build
from PIL import Image, ImageFont

from report_site.outputs import cards, fonts

ARTIFACTS = ROOT / "test-artifacts" / "cards"
EPOCH = {"SOURCE_DATE_EPOCH": "1678838400"}


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def _meta(soup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_every_page_names_its_card_a_1200_by_630_png(site: Built) -> None:
    data = json.loads((site.site / "recommendations.json").read_text("utf-8"))
    titles = {r["url"]: r["title"] for r in data["recommendations"]}
    seen: dict[str, str] = {}
    for rel in _pages(site.site):
        soup = site.soup(rel)
        image = _meta(soup, "og:image")
        assert image, f"{rel}: no og:image"
        assert _meta(soup, "twitter:card") == "summary_large_image", rel
        assert _meta(soup, "twitter:image") == image and _meta(soup, "og:image:alt"), rel
        assert (_meta(soup, "og:image:width"), _meta(soup, "og:image:height")) == ("1200", "630")
        target = site.site / urljoin("/" + rel, image).lstrip("/")
        raw = target.read_bytes()
        with Image.open(io.BytesIO(raw)) as img:
            assert (img.format, img.size) == ("PNG", (1200, 630)), rel
        assert b"tIME" not in raw and b"tEXt" not in raw and b"iTXt" not in raw, f"{rel}: metadata in the PNG"
        page_url = rel[: -len("index.html")]
        if page_url in titles:
            assert titles[page_url] in _meta(soup, "og:image:alt"), rel
        else:
            assert _meta(soup, "citation_title") in _meta(soup, "og:image:alt"), rel
        seen[page_url] = urljoin("/" + rel, image).lstrip("/")
    own = [seen[u] for u in seen if u in titles]
    shared = {seen[u] for u in seen if u not in titles}
    assert len(set(own)) == len(own) == len(titles), "each recommendation has a card of its own"
    assert len(shared) == 1 and not shared & set(own), "the other pages share the report's card"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page_url in ("", next(iter(titles))):
        shutil.copy(
            site.site / seen[page_url], ARTIFACTS / f"{page_url.strip('/').replace('/', '-') or 'home'}.png"
        )


@pytest.mark.slow
def test_two_builds_give_identical_cards_and_absolute_urls_with_site_url(tmp_path: Path) -> None:
    outs = []
    for name in ("a", "b"):  # separate projects, so separate caches: both draw every card
        project = copy_project(tmp_path / name)
        out = tmp_path / f"site-{name}"
        result = run_build(project, out, env={**EPOCH, "SITE_URL": "https://example.org/report/"})
        assert result.returncode == 0, result.stderr
        assert any((project / ".cache" / "report-site" / "cards").glob("*.png"))
        outs.append(out)
    left = {p.relative_to(outs[0]): p.read_bytes() for p in (outs[0] / cards.FOLDER).rglob("*.png")}
    right = {p.relative_to(outs[1]): p.read_bytes() for p in (outs[1] / cards.FOLDER).rglob("*.png")}
    assert left and left == right
    soup = Built(tmp_path, outs[0]).soup("index.html")
    assert _meta(soup, "og:image") == "https://example.org/report/" + cards.REPORT_CARD


@pytest.mark.slow
def test_cards_can_be_switched_off(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "      recommendations: recommendations.yaml\n" in text
    config.write_text(
        text.replace(
            "      recommendations: recommendations.yaml\n",
            "      recommendations: recommendations.yaml\n      cards: false\n",
        ),
        "utf-8",
    )
    out = tmp_path / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    soup = Built(project, out).soup("index.html")
    assert _meta(soup, "og:image") is None and _meta(soup, "twitter:card") == "summary"
    assert not (out / cards.FOLDER).exists() and not (project / ".cache" / "report-site" / "cards").exists()


def test_an_unchanged_card_is_read_from_the_cache(tmp_path: Path) -> None:
    renderer = cards.Painter(tmp_path / "cache")
    card = cards.Card(
        "Kicker", "A title long enough to wrap " * 3, "Someone · Somewhere · 2024", "example.org"
    )
    first = renderer.png(card)
    assert (renderer.drawn, renderer.cached) == (1, 0)
    assert cards.Painter(tmp_path / "cache").png(card) == first  # a later build
    again = cards.Painter(tmp_path / "cache")
    again.png(card)
    assert (again.drawn, again.cached) == (0, 1)
    again.png(cards.Card("Kicker", "Another title", "", ""))
    assert again.drawn == 1
    assert cards.draw(card) == first  # drawing is deterministic


def test_a_title_too_long_for_the_card_is_cut_with_an_ellipsis() -> None:
    png = cards.draw(cards.Card("", "word " * 400, "", ""))
    with Image.open(io.BytesIO(png)) as img:
        assert img.size == (cards.WIDTH, cards.HEIGHT)


@pytest.mark.parametrize(
    "src_uri, path",
    [("index.md", "assets/cards/index.png"), ("recommendations/x.md", "assets/cards/recommendations/x.png")],
)
def test_card_paths(src_uri: str, path: str) -> None:
    assert cards.card_path(src_uri) == path


# --- every script in a font that has it ------------------------------------------------------------

#: Article 1 of the Universal Declaration of Human Rights, in the UN's own translations.
UDHR = {
    "ko": "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다",
    "zh-Hans": "人人生而自由，在尊严和权利上一律平等。",
    "ja": "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。",
    "ar": "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق",
    "he": "כל בני אדם נולדו בני חורין ושווים בערכם ובזכויותיהם",
}


def _noto_installed() -> None:
    """The Noto fonts are part of the set-up (.ci/run, README): missing under CI is a failure, elsewhere a skip."""
    if not (fonts.find("NotoSerifCJK-Bold.ttc") and fonts.find("NotoNaskhArabic-Bold.ttf")):
        message = "Debian's fonts-noto-cjk and fonts-noto-core are not installed (see README: set-up)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.parametrize("language", list(UDHR))
def test_each_script_is_set_in_a_font_that_has_every_character(language: str) -> None:
    """Empty boxes (the font's .notdef) look alike: distinct characters must draw distinct shapes."""
    _noto_installed()
    text = UDHR[language]
    for _, role in cards.Card("", text, text, text, language).texts()[1:]:
        face = fonts.face(text, role, language)
        assert face is not None, (language, role)
        assert {ord(c) for c in text if not c.isspace()} <= fonts.characters(face)
        font = ImageFont.truetype(face.path, 40, index=face.number)
        letters = sorted({c for c in text if c.isalpha()})[:12]
        shapes = {bytes(font.getmask(c)) for c in letters}
        assert len(shapes) == len(letters), (language, face)
    assert not cards.unprintable(cards.Card("", text, text, text, language))


def test_a_korean_card_takes_the_korean_face_of_the_cjk_font() -> None:
    _noto_installed()
    face = fonts.face(UDHR["ko"], "serif-bold", "ko")
    assert face is not None and face.path.endswith("NotoSerifCJK-Bold.ttc")
    assert face.number == fonts.CJK_FACES.index("ko")
    assert fonts.face(UDHR["zh-Hans"], "serif-bold", "zh-Hant-TW").number == fonts.CJK_FACES.index("zh-hant")


def test_a_right_to_left_title_is_set_from_the_right_edge() -> None:
    _noto_installed()
    png = cards.draw(cards.Card("", UDHR["ar"], "", "", "ar"))
    with Image.open(io.BytesIO(png)) as img:
        title = img.crop((0, 140, cards.WIDTH, 400)).point(lambda v: 255 if v else 0).getbbox()
    assert title is not None and title[2] >= cards.WIDTH - 80 - 4 and title[0] > 80


def test_a_chinese_title_without_spaces_wraps_between_characters() -> None:
    _noto_installed()
    png = cards.draw(cards.Card("", UDHR["zh-Hans"] * 3, "", "", "zh-Hans"))
    with Image.open(io.BytesIO(png)) as img:
        title = img.crop((0, 140, cards.WIDTH, 480)).point(lambda v: 255 if v else 0).getbbox()
    assert title is not None and title[2] <= cards.WIDTH - 80 + 2  # nothing runs off the card


def test_a_script_no_font_has_leaves_the_card_out_and_names_the_script(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A machine with DejaVu only: a Korean title is said, not drawn as boxes."""
    monkeypatch.setattr(fonts, "DIRS", ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"))
    fonts.find.cache_clear()
    try:
        card = cards.Card("", UDHR["ko"], "Ada Example", "example.org", "ko")
        assert cards.unprintable(card) == {"Hangul": "모"}
        assert fonts.advice({"Hangul": "모"}) == (
            "Hangul (모); install a font for it (Debian: `apt-get install fonts-noto-cjk`) and build again"
        )
        assert not cards.unprintable(cards.Card("", "Ελλάδα и Россия", "", ""))  # DejaVu has these
    finally:
        fonts.find.cache_clear()


def test_the_characters_set_in_dejavu_unread_are_in_every_dejavu_face() -> None:
    """A card's text of Latin letters, dashes and quotes is set in DejaVu without reading its character map
    (fonts.DEJAVU_SAFE): every DejaVu face of every role has every one of them."""
    names = {n for faces in fonts.ROLES.values() for n in faces if n.startswith("DejaVu")}
    for name in names:
        path = fonts.find(name)
        assert path, f"{name} is not installed (.ci/run installs fonts-dejavu-core)"
        assert fonts.characters(fonts.Face(path)) >= fonts.DEJAVU_SAFE, name
