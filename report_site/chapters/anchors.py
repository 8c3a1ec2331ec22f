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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Problem, ReportError, decode, shown

LOCK_NAME = "anchors.lock"
ANCHOR_WORDS = 6
#: A word longer than this is cut (scripts written without spaces make one "word" of a sentence).
MAX_WORD = 20
FALLBACK = "paragraph"
#: Size of a fingerprint (bottom-k sketch of word pairs): 16 hashes of 32 bits.
SKETCH = 16
#: Estimated share of word pairs a reworded paragraph must keep to inherit an old anchor.
SIMILAR = 0.3

#: Letters and digits, and any other non-ASCII character that is not a space (marks, punctuation and
#: symbols, told apart by ``_words``): a word of an Indic or Thai script keeps its vowel signs.
_RUN = re.compile(r"(?:[^\W_]|[^\w\s\x00-\x7f])+")
_NON_WORD = re.compile(r"\W")
_APOSTROPHES = re.compile(r"[’']")
#: Invisible characters that never end a word: soft hyphens, zero-width spaces and joiners, bidi marks
#: (pasted from PDFs and web pages between the letters of one word).
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
        "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff",
    )
)
#: Latin letters with no ASCII decomposition, transliterated as German, Danish, Polish… readers write them
#: without the letter (any other is kept as it is, never dropped).
_LATIN = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t",
    "Ŧ": "t", "ŋ": "ng", "Ŋ": "ng", "ĸ": "q",
}  # fmt: skip


def _words(text: str) -> Iterator[str]:
    """The words of ``text`` in NFC (so a file saved decomposed gives the same words), a combining mark
    belonging to the letter before it, invisible characters removed rather than splitting a word."""
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        text = text.translate(_INVISIBLE)
    for run in _RUN.findall(text):
        if run.isalnum():
            yield run
            continue
        start = 0
        for m in _NON_WORD.finditer(run):
            if unicodedata.category(m.group())[0] != "M":  # punctuation or a symbol: ends the word
                if m.start() > start:
                    yield run[start : m.start()]
                start = m.end()
        if start < len(run):
            yield run[start:]


def slug(text: str, words: int | None = ANCHOR_WORDS) -> str:
    """Lower-case words joined by ``-``: Latin letters folded to ASCII, every other script kept.

    ``Seoul’s U.S.-ROK`` → ``seouls-u-s-rok``; ``Die Straße nach Øresund`` → ``die-strasse-nach-oresund``;
    ``대한민국은 …`` → ``대한민국은-…``; ``हिन्दी भाषा`` → ``हिन्दी-भाषा``. An empty result means the text
    has no word characters at all (the caller picks a fallback).
    """
    folded = (_cut(_fold(w)) for w in _words(_APOSTROPHES.sub("", text)))
    return "-".join(islice(filter(None, folded), words))  # words=None: all of them


def _cut(word: str) -> str:
    """The first ``MAX_WORD`` characters, and the marks that belong to the last of them."""
    end = MAX_WORD
    while end < len(word) and unicodedata.category(word[end])[0] == "M":
        end += 1
    return word[:end]


def _fold(word: str) -> str:
    """A word in lower case, each Latin letter stripped of its accents (é → e; ß → ss), other letters
    kept with their marks."""
    if word.isascii():
        return word.lower()
    out = []
    latin = False  # whether the last letter was folded: a mark left on it goes too
    for char in word:
        ascii_form = (
            _LATIN.get(char) or unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        )
        if ascii_form:
            out.append(ascii_form)
            latin = True
        elif unicodedata.category(char)[0] == "M":
            if not latin:
                out.append(char)
        else:
            latin = False
            out.append(char)
    return "".join(out).lower()


def paragraph_anchor(text: str) -> str:
    return "p-" + (slug(text) or FALLBACK)


# --- fingerprints -------------------------------------------------------------------------


def fingerprint(text: str) -> str:
    """The paragraph's words as a short sketch: the smallest hashes of its word pairs (hex)."""
    words = [w.lower() for w in _words(text)]
    pairs = {" ".join(words[i : i + 2]) for i in range(max(len(words) - 1, 1))} if words else {""}
    hashes = sorted(
        {int.from_bytes(hashlib.blake2b(p.encode(), digest_size=4).digest(), "big") for p in pairs}
    )
    return "".join(f"{h:08x}" for h in hashes[:SKETCH])


def _hashes(sketch: str) -> set[int]:
    return {int(sketch[i : i + 8], 16) for i in range(0, len(sketch), 8)}


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two paragraphs' word pairs, from their sketches."""
    return _similarity(_hashes(a), _hashes(b))


def _similarity(ha: set[int], hb: set[int]) -> float:
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
#: What ``fingerprint`` writes: one to ``SKETCH`` hashes of eight lower-case hex digits.
_SKETCH_TEXT = re.compile(rf"(?:[0-9a-f]{{8}}){{1,{SKETCH}}}")
_RESTORE = "restore the file from version control (`git checkout -- {name}`): it is written by `build_site.py --update-anchors`, never by hand"


def read_lock(path: Path, display: str | None = None) -> list[Locked] | None:
    """The recorded anchors, or None when the project keeps no lock.

    A lock that cannot be read whole is an error at its line (``ReportError``), never read around:
    a skipped record is an address dropped silently, and ``--update-anchors`` would then write the
    file without it.
    """
    name = display or shown(path)
    restore = _RESTORE.format(name=name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ReportError([Problem(name, 1, f"cannot read the file ({exc.strerror}); {restore}")]) from None
    try:
        text = decode(raw, name)
    except ReportError as exc:
        raise ReportError(
            [replace(p, message=f"{p.message.partition(';')[0]}; {restore}") for p in exc.problems]
        ) from None
    out: list[Locked] = []
    problems: list[Problem] = []
    first: dict[tuple[str, str], Locked] = {}
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        bad = _bad_record(line, restore)
        if bad:
            problems.append(Problem(name, number, bad[1], bad[0]))
            continue
        chapter, anchor, sketch = line.split("\t")
        entry = Locked(chapter, anchor, sketch, line=number)
        earlier = first.setdefault((entry.chapter, entry.anchor), entry)
        if earlier is not entry:
            what = (
                f"this line repeats line {earlier.line}; delete one of the two"
                if earlier == entry
                else f"`#{entry.anchor}` of `{entry.chapter}` is recorded twice, with another fingerprint at line "
                f"{earlier.line} (a merge?); keep the line `git show HEAD:{name}` has, delete the other"
            )
            problems.append(Problem(name, number, what))
            continue
        out.append(entry)
    if problems:
        raise ReportError(problems)
    return out


def _bad_record(line: str, restore: str) -> tuple[int, str] | None:
    """Column and message when ``line`` is not a record ``--update-anchors`` writes."""
    if line[:7] in ("<<<<<<<", "=======", ">>>>>>>", "|||||||"):
        return (
            1,
            "a merge conflict marker: keep the records of both sides, delete the marker lines, then run `build_site.py --update-anchors`",
        )
    fields = line.split("\t")
    if len(fields) != 3:
        if len(line.split()) == 3:
            return len(line.split()[0]) + 1, (
                "the fields are separated by spaces, not a tab (an editor converting tabs?); put back the tabs, "
                f"or {restore}"
            )
        return (
            1,
            f"expected three fields separated by tabs (chapter, anchor, fingerprint), found {len(fields)}; {restore}",
        )
    chapter, anchor, sketch = fields
    if not chapter.strip() or not anchor or any(c.isspace() for c in anchor):
        what = "chapter" if not chapter.strip() else "anchor"
        return (
            1 if what == "chapter" else len(chapter) + 2
        ), f"the {what} field is empty or holds a space; {restore}"
    if not _SKETCH_TEXT.fullmatch(sketch):
        return len(chapter) + len(anchor) + 3, (
            f"`{sketch[:40]}` is not a fingerprint (one to {SKETCH} groups of eight hexadecimal digits, lower case); "
            f"{restore}"
        )
    return None


def lock_text(entries: list[Locked]) -> str:
    return HEADER + "".join(f"{e.chapter}\t{e.anchor}\t{e.fingerprint}\n" for e in entries)


class Current(NamedTuple):
    """A paragraph as this build sees it (what the matching needs)."""

    chapter: str
    anchor: str
    """As the scan numbered it (``p-…-2`` for the second paragraph opening with the same words)."""
    fingerprint: str
    number: int = 0
    """Its ``data-paragraph``: how the page being rendered asks for its anchor."""
    pinned: bool = False
    """The editor gave its id (``{: #id }``): never changed, only checked."""
    base: str = ""
    """The anchor its words give, before numbering (default: ``anchor``)."""
    opening: str = ""
    """Its first words, for messages."""


class Placed(NamedTuple):
    """Where a paragraph is published: its id and the old anchors kept on it."""

    anchor: str
    aliases: tuple[str, ...] = ()


class Conflict(NamedTuple):
    """A pinned id that is a published address of another paragraph."""

    pinned: Current
    record: Locked
    owner: Current


@dataclass
class Reconciled:
    placed: dict[tuple[str, int], Placed]
    """(chapter, paragraph number) → its id and aliases."""
    lost: list[Locked]
    """Recorded anchors whose paragraph is gone."""
    recorded: list[Locked]
    """The lock ``--update-anchors`` would write: this build's anchors, then the old ones kept as aliases
    (with their original fingerprints, so a second rewording still finds them); lost ones dropped."""
    stale: bool
    """The lock differs from ``recorded``."""
    conflicts: list[Conflict] = field(default_factory=list)
    moved: dict[Locked, Current] = field(default_factory=dict)
    """Lost anchors whose paragraph is now in another chapter (an anchor cannot follow it to another page)."""

    @property
    def aliases(self) -> dict[tuple[str, int], tuple[str, ...]]:
        return {k: v.aliases for k, v in self.placed.items() if v.aliases}


def reconcile(locked: list[Locked], current: list[Current]) -> Reconciled:
    """Give every recorded anchor to the paragraph whose words it was recorded with, then number the rest.

    A record belongs to the paragraph with the same fingerprint, else the most similar one (at least
    ``SIMILAR``), else the paragraph that now has its address: the address follows the paragraph's words,
    never the six opening words another paragraph happens to share. A paragraph that owns a record keeps it
    as its id when the record is its own words' anchor (or the scan's id), else as an alias; a paragraph
    whose scanned id belongs to another one is numbered anew (``p-…-2``); a pinned id is never changed.
    """
    chapters: dict[str, list[Current]] = {}
    for c in current:
        chapters.setdefault(c.chapter, []).append(c)
    records: dict[str, list[Locked]] = {}
    for old in locked:
        records.setdefault(old.chapter, []).append(old)
    placed: dict[tuple[str, int], Placed] = {}
    lost: list[Locked] = []
    kept: list[Locked] = []
    conflicts: list[Conflict] = []
    recorded: list[Locked] = []
    for chapter, paragraphs in chapters.items():
        owners = _owners(records.get(chapter, []), paragraphs)
        lost += [old for old, owner in owners.items() if owner is None]
        owned: dict[int, list[Locked]] = {}
        pins = {c.anchor: c for c in paragraphs if c.pinned}
        for old, owner in owners.items():
            if owner is not None:
                owned.setdefault(owner.number, []).append(old)
                holder = pins.get(old.anchor)
                if holder is not None and holder is not owner:
                    conflicts.append(Conflict(holder, old, owner))
        ids = _ids(paragraphs, owned, taken={old.anchor for old in records.get(chapter, [])})
        for c in paragraphs:
            anchor = ids[c.number]
            aliases = tuple(old.anchor for old in owned.get(c.number, []) if old.anchor != anchor)
            placed[(chapter, c.number)] = Placed(anchor, aliases)
            recorded.append(Locked(chapter, anchor, c.fingerprint))
            kept += [old for old in owned.get(c.number, []) if old.anchor != anchor]
    lost += [old for old in locked if old.chapter not in chapters]
    moved = _moved(lost, current)
    recorded += kept
    # A set of records, not a sequence: chapters reordered in nav: publish the same addresses.
    return Reconciled(
        placed, lost, recorded, Counter(recorded) != Counter(locked), conflicts=conflicts, moved=moved
    )


def _owners(records: list[Locked], paragraphs: list[Current]) -> dict[Locked, Current | None]:
    """The paragraph each record of one chapter belongs to (None: lost)."""
    exact: dict[str, list[Current]] = {}
    for c in paragraphs:
        exact.setdefault(c.fingerprint, []).append(c)
    holders = {c.anchor: c for c in paragraphs}
    sketches: dict[int, set[int]] | None = None
    out: dict[Locked, Current | None] = {}
    for old in records:
        holder = holders.get(old.anchor)
        same = exact.get(old.fingerprint)
        if same:  # the holder first: a paragraph repeated word for word keeps each copy's address
            out[old] = holder if holder is not None and holder in same else same[0]
            continue
        if sketches is None:  # hashed once per chapter, only when some paragraph changed
            sketches = {c.number: _hashes(c.fingerprint) for c in paragraphs}
        mine = _hashes(old.fingerprint)
        best, score = holder, -1.0
        for c in paragraphs:
            s = _similarity(mine, sketches[c.number])
            if s > score or (s == score and c is holder):
                best, score = c, s
        out[old] = best if score >= SIMILAR else holder
    return out


def _ids(paragraphs: list[Current], owned: dict[int, list[Locked]], taken: set[str]) -> dict[int, str]:
    """Each paragraph's id: its pin; else a record it owns that is its own (the scan's id, or its words'
    anchor, numbered or not); else the scan's id unless another paragraph owns it; else its words' anchor
    numbered with the first free number. ``taken``: every recorded anchor of the chapter."""
    ids: dict[int, str] = {}
    for c in paragraphs:
        mine = [old.anchor for old in owned.get(c.number, [])]
        base = c.base or c.anchor
        if c.pinned or c.anchor in mine:
            ids[c.number] = c.anchor
        elif family := [
            a for a in mine if a == base or (a.startswith(base + "-") and a[len(base) + 1 :].isdigit())
        ]:
            ids[c.number] = family[0]
    used = set(ids.values()) | taken
    for c in paragraphs:
        if c.number not in ids and c.anchor not in used:
            ids[c.number] = c.anchor
    used |= set(ids.values())
    for c in paragraphs:
        if c.number in ids:
            continue
        base, n = c.base or c.anchor, 2
        anchor = base
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        ids[c.number] = anchor
        used.add(anchor)
    return ids


def _moved(lost: list[Locked], current: list[Current]) -> dict[Locked, Current]:
    """Lost records whose words are now in another chapter."""
    if not lost:
        return {}
    sketches = [(c, _hashes(c.fingerprint)) for c in current]
    out = {}
    for old in lost:
        mine = _hashes(old.fingerprint)
        scored = [(_similarity(mine, h), c) for c, h in sketches if c.chapter != old.chapter]
        best = max(scored, key=lambda s: s[0], default=None)
        if best is not None and best[0] >= SIMILAR:
            out[old] = best[1]
    return out


def updated(locked: list[Locked], current: list[Current]) -> list[Locked]:
    """The lock after recording this build (``Reconciled.recorded``)."""
    return reconcile(locked, current).recorded


def problems(
    state: Reconciled,
    lock: str,
    display: dict[str, str],
    present: set[str],
    pin_at: Callable[[str, str], tuple[int, int] | None] | None = None,
) -> list[Problem]:
    """What an editor is told about ``state``, each at the anchor's line in the lock (``lock`` as shown).

    A pinned id that takes another paragraph's published address: an error at the pin (``pin_at`` finds
    its line and column in a chapter). A lost paragraph: one warning per anchor, with the ways out (or
    where the paragraph went). A chapter no longer in the report (``present`` holds those that are): one
    warning for all its anchors. A lock that only needs re-recording: one line.
    """
    out = []
    for conflict in state.conflicts:
        where = pin_at(conflict.pinned.chapter, conflict.pinned.anchor) if pin_at else None
        if where:
            path, (line, column) = display.get(conflict.pinned.chapter, conflict.pinned.chapter), where
        else:  # the pin not found in its chapter: the record it takes
            path, line, column = lock, conflict.record.line or 1, 1
        out.append(
            Problem(
                path,
                line,
                f"the id `{conflict.record.anchor}` is the published address of another paragraph "
                f"(“{conflict.owner.opening}…”, {lock} line {conflict.record.line}): pinned here, links to it "
                f"would land on this paragraph instead; choose another id",
                column,
            )
        )
    for old in state.lost:
        if old.chapter not in present:
            continue
        shown_chapter = display.get(old.chapter, old.chapter)
        moved = state.moved.get(old)
        if moved is not None:
            message = (
                f"the paragraph of the published anchor `#{old.anchor}` moved from {shown_chapter} to "
                f"{display.get(moved.chapter, moved.chapter)} (“{moved.opening}…”), and an address cannot follow "
                f"it to another page, so links to it land at the top of {shown_chapter}; move the paragraph "
                f"back, or retire the address with `build_site.py --update-anchors`"
            )
        else:
            message = (
                f"the published anchor `#{old.anchor}` of {shown_chapter} no longer matches any "
                f"paragraph (deleted, or reworded beyond recognition), so links to it land at the top of the page; "
                f"restore the paragraph, or end the paragraph that replaces it with `{{: #{old.anchor} }}`, or "
                f"retire the address with `build_site.py --update-anchors`"
            )
        out.append(Problem(lock, old.line or 1, message, severity="warning"))
    gone: dict[str, list[Locked]] = {}
    for old in state.lost:
        if old.chapter not in present:
            gone.setdefault(old.chapter, []).append(old)
    for chapter, olds in gone.items():
        elsewhere = Counter(display.get(m.chapter, m.chapter) for o in olds if (m := state.moved.get(o)))
        moved_to = "".join(f"; {n} of those paragraphs are now in {c}" for c, n in elsewhere.items())
        out.append(
            Problem(
                lock,
                olds[0].line or 1,
                f"`{chapter}` is no longer in the report, so its {len(olds)} published paragraph address(es) lead "
                f"nowhere{moved_to}; restore the chapter, or retire them with `build_site.py --update-anchors`",
                severity="warning",
            )
        )
    if state.stale and not state.lost and not state.conflicts:
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


class Update(NamedTuple):
    """What ``--update-anchors`` did."""

    path: Path
    recorded: int
    aliases: int
    retired: list[str]
    """Every address it dropped, as ``chapter#anchor`` (with the chapter's file as shown)."""


def update_lock(config_file: Path) -> Update:
    """Record this build's anchors in ``anchors.lock`` (``build_site.py --update-anchors``).

    It writes the lock, and only on that explicit request (the commands that write a source file are this,
    ``make citation``, and ``make site`` refreshing a stale CITATION.cff). The sources are
    analysed as the build analyses them, except that no warning stops it: ``strict_references: true`` turns
    the lock's own warnings into errors, and they would stop the command that retires them.
    """
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(config_file))
    config = config.plugins.on_config(config)
    plugin: Any = config.plugins[
        "report-site"
    ]  # the ReportSitePlugin (not imported: the plugin imports this)
    plugin.config.strict_references = False
    result = plugin._analyse(get_files(config), config)
    path = Path(config.config_file_path or config_file).parent / LOCK_NAME
    state = result.anchor_state
    path.write_text(lock_text(state.recorded), "utf-8")
    display = {c: shown(Path(config.docs_dir) / c) for c in {old.chapter for old in state.lost}}
    retired = [f"{display[old.chapter]}#{old.anchor}" for old in state.lost]
    return Update(
        path, len(result.current_anchors), len(state.recorded) - len(result.current_anchors), retired
    )
