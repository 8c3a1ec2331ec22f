"""Social cards: one 1200×630 PNG per page for ``og:image`` / ``twitter:image``.

Why here, at build time: link previews (chat apps, social sites) show an image only
when the page names one; a picture drawn from the page's own words, in the site's
palette, is more useful than a logo and needs no designer per report.

Offline and reproducible: text is set with Pillow in a font already on the machine
(the system's DejaVu, which the PDF also uses, and Debian's Noto fonts for scripts DejaVu
lacks: ``fonts.py``), nothing is downloaded, and the PNG carries no timestamp or
metadata, so the same inputs give the same bytes. A card whose words no installed font
can draw is not made (``unprintable``): the build warns instead of publishing boxes. Each card is
cached under ``.cache/report-site/cards/`` (beside mkdocs.yml, outside the site and the docs) by a hash of everything that shapes it, so an unchanged
page is never re-rendered.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from . import fonts as typefaces

WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/cards"  # where the PNGs are published in the site
#: Bump when the drawing changes, so cached cards are redrawn.
VERSION = "4"
#: Line height of a card's text, in font sizes.
LEADING = 1.22
#: The palette tokens read from report.css (its day palette: the cover's colours).
TOKENS = ("--report-cover-bg", "--report-cover-ink", "--report-cover-soft", "--report-cover-accent")


class Card(NamedTuple):
    """What one card shows: a small kicker, a large title, a line of credits at the foot."""

    kicker: str
    title: str
    credits: str
    site: str
    language: str = "en"
    """The report's language: which face of a CJK font sets Chinese characters."""

    def texts(self) -> list[tuple[str, str]]:
        """(text, font role) of everything the card prints."""
        return [
            (self.kicker.upper(), "sans-bold"),
            (self.title, "serif-bold"),
            (self.credits, "sans"),
            (self.site, "sans-bold"),
        ]


#: The card the home page, the chapters and the recommendations index share (the report's
#: title and authors): one image however many chapters, so a long report costs no more.
REPORT_CARD = f"{FOLDER}/report.png"


def card_path(src_uri: str) -> str:
    """A page's own card in the site: ``recommendations/x.md`` → ``assets/cards/recommendations/x.png``."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return f"{FOLDER}/{stem}.png"


@lru_cache(maxsize=1)
def palette() -> dict[str, str]:
    """The cover colours from the package's report.css, so the cards follow the site's design."""
    css = resources.files("report_site").joinpath("assets/report.css").read_text("utf-8")
    out: dict[str, str] = {}
    for token in TOKENS:
        m = re.search(re.escape(token) + r"\s*:\s*(#[0-9a-fA-F]{6})\b", css)
        out[token] = (
            m.group(1)
            if m
            else {"--report-cover-bg": "#13233f", "--report-cover-accent": "#e3b55f"}.get(token, "#f8f4ea")
        )
    return out


def _faces(card: Card) -> list[typefaces.Face | None]:
    """The font of each of ``card.texts()``: the first of its role with every character (None: none has)."""
    return [typefaces.face(text, role, card.language) if text else None for text, role in card.texts()]


def unprintable(card: Card) -> dict[str, str]:
    """Script → a character of it, for the scripts of ``card`` that no installed font draws ({} if it can be
    drawn). A text mixing scripts that no one font has together names them all."""
    out: dict[str, str] = {}
    for (text, role), found in zip(card.texts(), _faces(card), strict=True):
        if text and found is None:
            gaps = typefaces.missing(text, role, card.language)
            out |= gaps or {typefaces.script(c): c for c in text if not c.isascii() and c.isalpha()}
    return out


@lru_cache(maxsize=64)
def _font(face: typefaces.Face | None, size: int):
    from PIL import ImageFont

    if face is None:  # only when nothing is printed with it
        return ImageFont.load_default(size)
    return ImageFont.truetype(face.path, size, index=face.number)


def cache_key(card: Card) -> str:
    """A hash of everything that shapes the image: text, palette, fonts, Pillow and this module's version."""
    import PIL

    h = hashlib.sha256()
    h.update(json.dumps([VERSION, PIL.__version__, card._asdict(), palette()], sort_keys=True).encode())
    for found in _faces(card):
        if found is not None:
            h.update(f"{found.path}#{found.number}:{Path(found.path).stat().st_size}".encode())
    return h.hexdigest()[:32]


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """Lines of at most ``width`` px, broken between words; a word wider than a line (a sentence of
    Chinese or Japanese, written without spaces) between its characters."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        elif draw.textlength(word, font=font) <= width:
            lines.append(word)
        else:
            if lines and draw.textlength(lines[-1] + " ", font=font) < width:
                word = " " + word  # the rest of the last line first
            else:
                lines.append("")
            for char in word:
                if lines[-1] and draw.textlength(lines[-1] + char, font=font) > width:
                    lines.append(char.strip())
                else:
                    lines[-1] += char
    return lines


def _fit(
    draw,
    text: str,
    face: typefaces.Face | None,
    width: int,
    max_lines: int,
    sizes: tuple[int, ...],
    height: int = 0,
) -> tuple[object, list[str]]:
    """The largest size at which ``text`` fits (``max_lines``, and ``height`` px when given);
    the smallest, cut with "…", otherwise."""
    for size in sizes:
        font = _font(face, size)
        lines = _wrap(draw, text, font, width)
        if height:
            max_lines = max(1, int(height // (size * LEADING)))
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    mark = "…" if face is None or ord("…") in typefaces.characters(face) else "..."
    while lines[-1] and draw.textlength(lines[-1] + mark, font=font) > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] = lines[-1].rstrip(",;:—–-") + mark
    return font, lines


#: Anti-aliasing levels per colour in the card's palette (64 × 3 colours + the background ≤ 256).
LEVELS = 64


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@lru_cache(maxsize=1)
def _palette_bands() -> tuple[list[int], dict[str, int]]:
    """The card's 256-colour palette (background, then a band per colour) and each band's first index."""
    colours = palette()
    bg, ink, soft, accent = (_hex(colours[t]) for t in TOKENS)
    bands = {"ink": ink, "soft": soft, "accent": accent}
    base = {name: 1 + LEVELS * i for i, name in enumerate(bands)}
    pal = list(bg)
    for colour in bands.values():
        for j in range(LEVELS):
            f = (j + 1) / LEVELS
            pal += [round(b + (c - b) * f) for b, c in zip(bg, colour, strict=False)]
    return pal, base


def draw(card: Card) -> bytes:
    """The PNG bytes of ``card`` (deterministic: no metadata, fixed compression).

    Drawn straight into a palette image, which is cheap: each colour's text is set as a
    grey-level mask, whose levels map to a band of the palette blending the background
    into that colour (texts never overlap, so the bands combine by maximum). One byte a
    pixel, no colour quantising, fast compression: a card costs a few milliseconds and
    weighs about 25 KB (benchmarks/bench_cards.py).
    """
    from PIL import Image, ImageDraw

    pal, base = _palette_bands()
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)  # palette indices; 0 is the background
    top = {name: base[name] + LEVELS - 1 for name in base}  # the full colour
    texts: list[
        tuple[str, tuple[int, int], str, object]
    ] = []  # (colour, where, text, font), in drawing order
    d = ImageDraw.Draw(canvas)
    kicker_face, serif, sans, site_face = _faces(card)
    margin = 80
    inner = WIDTH - 2 * margin
    rtl = _right_to_left(card.title)  # Arabic, Hebrew: set from the right edge

    def at(y: int, text: str, font: Any) -> tuple[int, int]:
        return (WIDTH - margin - round(d.textlength(text, font=font)) if rtl else margin, y)

    d.rectangle((0, 0, WIDTH, 12), fill=top["accent"])
    y = 72
    if card.kicker:
        text = _fit(d, card.kicker.upper(), kicker_face, inner, 1, (30,))[1][0]
        texts.append(("accent", at(y, text, _font(kicker_face, 30)), text, _font(kicker_face, 30)))
        y += 62
    rule = (WIDTH - margin - 96, y, WIDTH - margin, y + 5) if rtl else (margin, y, margin + 96, y + 5)
    d.rectangle(rule, fill=top["accent"])
    y += 36
    sizes = (64, 58, 52, 46, 42, 38)
    font, lines = _fit(d, card.title, serif, inner, 5, sizes, height=HEIGHT - 150 - y)
    size = getattr(font, "size", sizes[-1])
    for line in lines:
        texts.append(("ink", at(y, line, font), line, font))
        y += int(size * LEADING)
    d.line((margin, HEIGHT - 128, WIDTH - margin, HEIGHT - 128), fill=top["soft"], width=1)
    if card.credits:
        credits = _fit(d, card.credits, sans, inner, 1, (28,))[1][0]
        texts.append(("soft", at(HEIGHT - 104, credits, _font(sans, 28)), credits, _font(sans, 28)))
    if card.site:
        site = _fit(d, card.site, site_face, inner, 1, (26,))[1][0]
        texts.append(("ink", (margin, HEIGHT - 62), site, _font(site_face, 26)))
    for colour in base:
        for box, group in _clusters(d, [t for t in texts if t[0] == colour]):
            _set(canvas, box, group, _levels(colour))
    canvas.putpalette(pal)  # "L" becomes "P": the indices above now name colours
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()


def _right_to_left(text: str) -> bool:
    """Whether ``text`` starts right to left: its first strongly directional character is Arabic or Hebrew."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


@lru_cache(maxsize=4)
def _levels(colour: str) -> tuple[int, ...]:
    """Grey level of a text mask → palette index in ``colour``'s band (0 stays the background)."""
    first = _palette_bands()[1][colour]
    return (0, *(first + (a * LEVELS - 1) // 256 for a in range(1, 256)))


def _clusters(d, texts: list) -> list[tuple[tuple[int, int, int, int], list]]:
    """Texts of one colour grouped where their boxes touch, each group with its box on the card.

    Only the pixels a text can mark are processed (a card is mostly background), and texts
    whose boxes meet are set together, exactly as on one full-size layer, so the bytes are
    the same as drawing every text of a colour on one card-sized mask.
    """
    out: list[tuple[list[int], list]] = []
    for item in texts:
        _, xy, text, font = item
        x0, y0, x1, y1 = d.textbbox(xy, text, font=font)
        box = [max(0, x0), max(0, y0), min(WIDTH, x1), min(HEIGHT, y1)]
        if box[0] >= box[2] or box[1] >= box[3]:
            continue
        if out and _meet(out[-1][0], box):
            prev = out[-1][0]
            out[-1][0][:] = [
                min(prev[0], box[0]),
                min(prev[1], box[1]),
                max(prev[2], box[2]),
                max(prev[3], box[3]),
            ]
            out[-1][1].append(item)
        else:
            out.append((box, [item]))
    return [(tuple(box), group) for box, group in out]  # type: ignore[misc]


def _meet(a: list[int], b: list[int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _set(canvas, box: tuple[int, int, int, int], group: list, levels: tuple[int, ...]) -> None:
    """Set ``group``'s texts as a grey mask the size of ``box`` and merge its colour band into the card."""
    from PIL import Image, ImageChops, ImageDraw

    x0, y0, x1, y1 = box
    mask = Image.new("L", (x1 - x0, y1 - y0), 0)
    pen = ImageDraw.Draw(mask)
    for _, (x, y), text, font in group:
        pen.text((x - x0, y - y0), text, font=font, fill=255)
    canvas.paste(ImageChops.lighter(canvas.crop(box), mask.point(list(levels))), box)


class Painter:
    """Draws cards through a cache folder: an unchanged card is read, not redrawn."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self.drawn = 0
        self.cached = 0

    def png(self, card: Card) -> bytes:
        if self.cache_dir is None:
            self.drawn += 1
            return draw(card)
        target = self.cache_dir / f"{cache_key(card)}.png"
        try:
            data = target.read_bytes()
            self.cached += 1
            return data
        except OSError:
            pass
        data = draw(card)
        self.drawn += 1
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{id(data)}.tmp")
            partial.write_bytes(data)
            partial.replace(target)  # atomic: a parallel build never reads half a card
        except OSError:
            pass  # a read-only checkout still builds, only slower
        return data


def head_tags(image_url: str, alt: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Open Graph and Twitter tags naming the card (``twitter:card`` itself is set by the caller)."""
    og = [
        ("og:image", image_url),
        ("og:image:type", "image/png"),
        ("og:image:width", str(WIDTH)),
        ("og:image:height", str(HEIGHT)),
        ("og:image:alt", alt),
    ]
    tw = [("twitter:image", image_url), ("twitter:image:alt", alt)]
    return og, tw
