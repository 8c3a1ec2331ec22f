"""Paragraph anchors: made from a paragraph's own words, and kept working when it is reworded.

An anchor is a published promise (people cite ``…/introduction/#p-the-greatest-source-of-strength``).
``anchors.lock`` at the project's top level records every published anchor with a
fingerprint of its paragraph's words. When an edit rewords a paragraph's opening, its
new anchor no longer matches the record; the build finds the paragraph by text
similarity and keeps the old anchor as an extra id target on it (an alias). An anchor
whose paragraph cannot be found any more is reported, with what to do.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from .errors import Problem

LOCK_NAME = "anchors.lock"
ANCHOR_WORDS = 6
#: A word longer than this is cut (scripts written without spaces make one "word" of a sentence).
MAX_WORD = 20
FALLBACK = "paragraph"
#: Size of a fingerprint (bottom-k sketch of word pairs): 16 hashes of 32 bits.
SKETCH = 16
#: Estimated share of word pairs a reworded paragraph must keep to inherit an old anchor.
SIMILAR = 0.3

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"[’']")


def slug(text: str, words: int | None = ANCHOR_WORDS) -> str:
    """Lower-case words joined by ``-``: Latin letters folded to ASCII, every other script kept.

    ``Seoul’s U.S.-ROK`` → ``seouls-u-s-rok``; ``대한민국은 …`` → ``대한민국은-…``. An empty
    result means the text has no word characters at all (the caller picks a fallback).
    """
    folded = (_fold(m.group(0))[:MAX_WORD] for m in _WORD.finditer(_APOSTROPHES.sub("", text)))
    return "-".join(islice(filter(None, folded), words))  # words=None: all of them


def _fold(word: str) -> str:
    """A word in lower case, each Latin letter stripped of its accents (é → e), other letters kept."""
    if word.isascii():
        return word.lower()
    out = []
    for char in unicodedata.normalize("NFC", word):
        ascii_form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if ascii_form:
            out.append(ascii_form)
        elif unicodedata.category(char) != "Mn" and "LATIN" not in unicodedata.name(char, ""):
            out.append(char)
    return "".join(out).lower()


def paragraph_anchor(text: str) -> str:
    return "p-" + (slug(text) or FALLBACK)


# --- fingerprints -------------------------------------------------------------------------


def fingerprint(text: str) -> str:
    """The paragraph's words as a short sketch: the smallest hashes of its word pairs (hex)."""
    words = [w.lower() for w in _WORD.findall(text)]
    pairs = {" ".join(words[i : i + 2]) for i in range(max(len(words) - 1, 1))} if words else {""}
    hashes = sorted(
        {int.from_bytes(hashlib.blake2b(p.encode(), digest_size=4).digest(), "big") for p in pairs}
    )
    return "".join(f"{h:08x}" for h in hashes[:SKETCH])


def _hashes(sketch: str) -> set[int]:
    return {int(sketch[i : i + 8], 16) for i in range(0, len(sketch), 8)}


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two paragraphs' word pairs, from their sketches."""
    ha, hb = _hashes(a), _hashes(b)
    if not ha or not hb:
        return 0.0
    union = sorted(ha | hb)[:SKETCH]
    return sum(1 for h in union if h in ha and h in hb) / len(union)


# --- the lock -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Locked:
    chapter: str
    anchor: str
    fingerprint: str
    line: int = field(default=0, compare=False)
    """Where the record stands in anchors.lock (0: not read from a file)."""


HEADER = (
    "# Published paragraph anchors: chapter, anchor, fingerprint of the paragraph's words.\n"
    "# Written by `build_site.py --update-anchors`; never edit by hand. See CONTRIBUTING.md.\n"
)


def read_lock(path: Path) -> list[Locked] | None:
    """The recorded anchors, or None when the project keeps no lock."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 3:
            out.append(Locked(*parts, line=number))
    return out


def lock_text(entries: list[Locked]) -> str:
    return HEADER + "".join(f"{e.chapter}\t{e.anchor}\t{e.fingerprint}\n" for e in entries)


class Current(NamedTuple):
    """A paragraph as this build sees it (what the matching needs)."""

    chapter: str
    anchor: str
    fingerprint: str


@dataclass
class Reconciled:
    aliases: dict[tuple[str, str], list[str]]
    """(chapter, current anchor) → old anchors kept as extra targets on that paragraph."""
    lost: list[Locked]
    """Recorded anchors whose paragraph is gone."""
    recorded: list[Locked]
    """The lock ``--update-anchors`` would write: this build's anchors, then the old ones kept as aliases
    (with their original fingerprints, so a second rewording still finds them); lost ones dropped."""
    stale: bool
    """The lock differs from ``recorded``."""


def reconcile(locked: list[Locked], current: list[Current]) -> Reconciled:
    """Match every recorded anchor missing from this build to the most similar paragraph of its chapter."""
    present = {(c.chapter, c.anchor) for c in current}
    by_chapter: dict[str, list[Current]] = {}
    for c in current:
        by_chapter.setdefault(c.chapter, []).append(c)
    aliases: dict[tuple[str, str], list[str]] = {}
    lost: list[Locked] = []
    kept: list[Locked] = []
    for old in locked:
        if (old.chapter, old.anchor) in present:
            continue
        scored = [(similarity(old.fingerprint, c.fingerprint), c) for c in by_chapter.get(old.chapter, [])]
        best = max(scored, key=lambda s: s[0], default=None)
        if best is not None and best[0] >= SIMILAR:
            aliases.setdefault((best[1].chapter, best[1].anchor), []).append(old.anchor)
            kept.append(old)
        else:
            lost.append(old)
    recorded = [Locked(c.chapter, c.anchor, c.fingerprint) for c in current] + kept
    # A set of records, not a sequence: chapters reordered in nav: publish the same addresses.
    return Reconciled(aliases, lost, recorded, stale=Counter(recorded) != Counter(locked))


def updated(locked: list[Locked], current: list[Current]) -> list[Locked]:
    """The lock after recording this build (``Reconciled.recorded``)."""
    return reconcile(locked, current).recorded


def problems(state: Reconciled, lock: str, display: dict[str, str], present: set[str]) -> list[Problem]:
    """What an editor is told about ``state``, each at the anchor's line in the lock (``lock`` as shown).

    A lost paragraph: one warning per anchor, with the three ways out. A chapter no longer in
    the report (``present`` holds those that are): one warning for all its anchors. A lock that
    only needs re-recording: one line.
    """
    out = [
        Problem(
            lock,
            old.line or 1,
            f"the published anchor `#{old.anchor}` of {display.get(old.chapter, old.chapter)} no longer matches any "
            f"paragraph (deleted, or reworded beyond recognition), so links to it land at the top of the page; "
            f"restore the paragraph, or end the paragraph that replaces it with `{{: #{old.anchor} }}`, or retire "
            f"the address with `build_site.py --update-anchors`",
            severity="warning",
        )
        for old in state.lost
        if old.chapter in present
    ]
    gone: dict[str, list[Locked]] = {}
    for old in state.lost:
        if old.chapter not in present:
            gone.setdefault(old.chapter, []).append(old)
    out += [
        Problem(
            lock,
            olds[0].line or 1,
            f"`{chapter}` is no longer in the report, so its {len(olds)} published paragraph address(es) lead "
            f"nowhere; restore the chapter, or retire them with `build_site.py --update-anchors`",
            severity="warning",
        )
        for chapter, olds in gone.items()
    ]
    if state.stale and not state.lost:
        out.append(
            Problem(
                lock,
                1,
                f"{LOCK_NAME} is out of date (paragraphs were added, reworded or removed); "
                "run `build_site.py --update-anchors` and commit it",
                severity="warning",
            )
        )
    return out


def update_lock(config_file: Path) -> tuple[Path, int, int]:
    """Record this build's anchors in ``anchors.lock`` (``build_site.py --update-anchors``).

    The only file any command writes outside the site, and only on that explicit
    request. Returns the lock's path, the number of anchors and of aliases kept.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file))
    config = config.plugins.on_config(config)
    plugin = config.plugins["report-site"]
    plugin.config.strict_references = (
        False  # the lock's own warnings would stop the command that retires them
    )
    current = plugin._analyse(get_files(config), config).current_anchors
    path = Path(config.config_file_path or config_file).parent / LOCK_NAME
    entries = updated(read_lock(path) or [], current)
    path.write_text(lock_text(entries), "utf-8")
    return path, len(current), len(entries) - len(current)
