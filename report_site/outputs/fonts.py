"""Fonts for scripts: which installed font draws a text, and which scripts no font on this machine has.

Pillow sets each text of a social card in one font file, with no fallback; WeasyPrint (Pango, through
fontconfig) falls back to any installed font that has a character. Either way a missing font prints
empty boxes, so both ask here first. A card takes the first font of its role that has every character
of its text: the system's DejaVu (Latin, Greek, Cyrillic; its sans also Arabic and Hebrew), then Debian's
Noto fonts (``fonts-noto-cjk`` for Hangul, kana and Chinese characters, ``fonts-noto-core`` for Arabic,
Hebrew and most other scripts). A script that no installed font has is named in a warning, with the
package to install. fontTools (a WeasyPrint dependency) reads the fonts' character maps, only for texts
beyond ASCII, once per font and process.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

#: Where Debian (and most distributions) install DejaVu and Noto.
DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts/dejavu",
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto",
    "/usr/share/fonts/google-noto-cjk",
)
#: The fonts tried for each role of a card, in order: the first with every character of a text sets it.
ROLES = {
    "serif-bold": (
        "DejaVuSerif-Bold.ttf",
        "NotoSerifCJK-Bold.ttc",
        "NotoNaskhArabic-Bold.ttf",
        "NotoSerifHebrew-Bold.ttf",
        "DejaVuSans-Bold.ttf",  # Arabic or Hebrew mixed with Latin letters
        "NotoSansCJK-Bold.ttc",
    ),
    "sans": ("DejaVuSans.ttf", "NotoSansCJK-Regular.ttc", "NotoSansArabic-Regular.ttf", "NotoSansHebrew-Regular.ttf"),
    "sans-bold": ("DejaVuSans-Bold.ttf", "NotoSansCJK-Bold.ttc", "NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf"),
}  # fmt: skip
#: The faces of a Noto CJK collection, in file order: each region writes some characters its own way.
CJK_FACES = ("ja", "ko", "zh-hans", "zh-hant", "zh-hk")
#: Scripts whose Debian font is in ``fonts-noto-cjk`` (every other script: ``fonts-noto-core``).
CJK_SCRIPTS = frozenset(["Hangul", "CJK", "Hiragana", "Katakana", "Bopomofo", "Ideographic"])


class Face(NamedTuple):
    """A font file and, in a collection (``.ttc``), the face in it."""

    path: str
    number: int = 0
    """The face's number in its collection (0 for a single font)."""


#: What every DejaVu face draws (Latin with its accents, Latin Extended-A; dashes, quotes, ellipsis, per mille,
#: primes, the euro): a text of these alone is set in DejaVu without reading its character map, which costs
#: more than drawing a cached card (fontTools parses the table).
DEJAVU_SAFE = frozenset(
    [
        *range(0x20, 0x7F),
        *range(0xA0, 0x180),
        *range(0x2010, 0x2027),
        0x2030,
        0x2032,
        0x2033,
        0x2039,
        0x203A,
        0x20AC,
    ]
)


@cache
def find(name: str) -> str:
    """The installed file of a font named in ``ROLES``, or ""."""
    return next((str(p) for d in DIRS if (p := Path(d) / name).is_file()), "")


@lru_cache(maxsize=32)
def characters(face: Face) -> frozenset[int]:
    """The code points ``face`` has a glyph for."""
    from fontTools.ttLib import TTFont

    try:
        return frozenset(TTFont(face.path, fontNumber=face.number, lazy=True).getBestCmap() or {})
    except Exception:  # an unreadable font file draws nothing
        return frozenset()


def cjk_face(language: str, text: str) -> int:
    """The face of a Noto CJK collection for the report's language (or, failing that, the text's script)."""
    tag = language.lower().replace("_", "-")
    if tag.startswith(("zh-hant", "zh-tw", "zh-mo")):
        return CJK_FACES.index("zh-hant")
    for prefix, face in (("ko", "ko"), ("ja", "ja"), ("zh-hk", "zh-hk"), ("zh", "zh-hans")):
        if tag.startswith(prefix):
            return CJK_FACES.index(face)
    names = {script(c) for c in text if ord(c) > 0x2E7F}
    if "Hangul" in names:
        return CJK_FACES.index("ko")
    if names & {"Hiragana", "Katakana"}:
        return CJK_FACES.index("ja")
    return CJK_FACES.index("zh-hans")


def face(text: str, role: str, language: str = "en") -> Face | None:
    """The first font of ``role`` that has every character of ``text`` (spaces aside), or None."""
    needed = {ord(c) for c in text if not c.isspace()}
    for name in ROLES[role]:
        path = find(name)
        if not path:
            continue
        candidate = Face(path, cjk_face(language, text) if name.endswith(".ttc") else 0)
        if (name.startswith("DejaVu") and needed <= DEJAVU_SAFE) or needed <= characters(candidate):
            return candidate
    return None


def script(char: str) -> str:
    """The script a character belongs to, as its Unicode name starts ("Hangul", "Arabic", "CJK")."""
    word = unicodedata.name(char, "").split(" ")[0]
    return word if word in ("CJK", "") else word.title()


def missing(text: str, role: str | None = None, language: str = "en") -> dict[str, str]:
    """Script → a character of it, for each script of ``text``'s letters and digits that no font can draw:
    none of ``role`` (a card), or (``role`` None: the PDF) no known font and nothing fontconfig knows."""
    wanted = {c for c in set(text) if not c.isascii() and unicodedata.category(c)[0] in "LN"}
    if not wanted:
        return {}
    names = ROLES[role] if role else tuple(dict.fromkeys(n for fonts in ROLES.values() for n in fonts))
    left = {ord(c) for c in wanted}
    for name in names:  # DejaVu first: a Latin, Greek or Cyrillic text never opens a CJK font
        if left and (path := find(name)):
            left -= characters(Face(path, cjk_face(language, text) if name.endswith(".ttc") else 0))
    out: dict[str, str] = {}
    for char in text:  # each script named by its first character in the text
        if ord(char) in left:
            out.setdefault(script(char), char)
    if role is None:
        out = {name: char for name, char in out.items() if not _fontconfig_has(char)}
    return out


@lru_cache(maxsize=64)
def _fontconfig_has(char: str) -> bool:
    """Whether fontconfig knows an installed font with ``char`` (what Pango falls back to); False without
    ``fc-list``."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        found = subprocess.run(
            [fc_list, f":charset={ord(char):x}", "file"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.strip())


def package(name: str) -> str:
    """The Debian package with a Noto font for the script ``name``."""
    return "fonts-noto-cjk" if name in CJK_SCRIPTS else "fonts-noto-core"


def advice(scripts: dict[str, str]) -> str:
    """ "Hangul (한), Arabic (ع)"; install fonts-noto-cjk fonts-noto-core …" for a warning."""
    named = ", ".join(f"{name} ({char})" for name, char in scripts.items())
    packages = " ".join(dict.fromkeys(package(n) for n in scripts))
    return f"{named}; install a font for it (Debian: `apt-get install {packages}`) and build again"
