"""Anchors from words in any script, and the lock that keeps published anchors working."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from helpers import PENINSULA, Built, build_here, copy_project

from report_site.chapters import anchors
from report_site.chapters import scanner as chapters
from report_site.errors import ReportError

LONG = (
    "The alliance’s weathering of that period and overall resilience reflect several sources of strength. "
    "One is the partnership’s deep history going back to the Korean War. Another source is the vast connections "
    "between the two societies at both the elite and popular levels."
)
OTHER = (
    "Those meetings resulted in several outcomes, including a Special Measures Agreement on burden-sharing."
)


def _current(*pairs: tuple[str, str]) -> list[anchors.Current]:
    return [
        anchors.Current("intro.md", a, anchors.fingerprint(t), n, base=anchors.paragraph_anchor(t))
        for n, (a, t) in enumerate(pairs, 1)
    ]


def test_slugs_fold_latin_and_keep_other_scripts() -> None:
    assert anchors.slug("Seoul’s U.S.-ROK ties") == "seouls-u-s-rok-ties"
    assert anchors.slug("대한민국은 민주공화국이다") == "대한민국은-민주공화국이다"
    assert anchors.slug("Ελλάδα και Κύπρος") == "ελλάδα-και-κύπρος"  # only Latin letters are folded
    assert anchors.paragraph_anchor("— * —") == "p-paragraph"


def test_a_reworded_paragraph_inherits_its_old_anchor() -> None:
    locked = [
        anchors.Locked(c.chapter, c.anchor, c.fingerprint)
        for c in _current(("p-the-alliances", LONG), ("p-those", OTHER))
    ]
    reworded = LONG.replace(
        "The alliance’s weathering of that period", "Having weathered that period, the alliance’s"
    )
    now = _current(("p-having-weathered", reworded), ("p-those", OTHER))
    result = anchors.reconcile(locked, now)
    assert result.aliases == {("intro.md", 1): ("p-the-alliances",)}
    assert result.placed[("intro.md", 1)] == ("p-having-weathered", ("p-the-alliances",))
    assert result.lost == [] and result.stale
    recorded = anchors.updated(locked, now)
    assert {e.anchor for e in recorded} == {"p-having-weathered", "p-those", "p-the-alliances"}
    assert not anchors.reconcile(recorded, now).stale


def test_a_deleted_paragraph_is_lost_and_dropped_on_update() -> None:
    locked = [
        anchors.Locked(c.chapter, c.anchor, c.fingerprint)
        for c in _current(("p-the-alliances", LONG), ("p-those", OTHER))
    ]
    now = _current(("p-those", OTHER))
    result = anchors.reconcile(locked, now)
    assert [ln.anchor for ln in result.lost] == ["p-the-alliances"] and not result.aliases
    assert [e.anchor for e in anchors.updated(locked, now)] == ["p-those"]


def test_lock_round_trips(tmp_path: Path) -> None:
    entries = [anchors.Locked("a b.md", "p-대한민국은", anchors.fingerprint("대한민국은 민주공화국이다"))]
    path = tmp_path / anchors.LOCK_NAME
    path.write_text(anchors.lock_text(entries), "utf-8")
    assert anchors.read_lock(path) == entries
    assert anchors.read_lock(tmp_path / "missing") is None


def test_chapters_in_another_order_publish_the_same_anchors() -> None:
    """Reordering `nav:` moves records in the lock but changes no address: not out of date."""
    first = [anchors.Current("intro.md", "p-the-alliances", anchors.fingerprint(LONG))]
    second = [anchors.Current("annex.md", "p-those", anchors.fingerprint(OTHER))]
    locked = anchors.updated([], first + second)
    assert not anchors.reconcile(locked, second + first).stale
    assert anchors.reconcile(locked, second).stale  # a chapter gone is a change


def test_what_the_editor_is_told_about_the_lock() -> None:
    """One warning per lost paragraph, one per removed chapter, one line for a lock that only needs recording."""
    locked = [
        anchors.Locked("intro.md", "p-the-alliances", anchors.fingerprint(LONG), line=3),
        anchors.Locked("annex.md", "p-those", anchors.fingerprint(OTHER), line=5),
        anchors.Locked("annex.md", "p-more", anchors.fingerprint(OTHER + " More."), line=6),
    ]
    state = anchors.reconcile(
        locked, _current(("p-unrelated", "Entirely different words about something else."))
    )
    told = [
        str(p) for p in anchors.problems(state, "anchors.lock", {"intro.md": "report/intro.md"}, {"intro.md"})
    ]
    assert told == [
        "anchors.lock:3:1: warning: the published anchor `#p-the-alliances` of report/intro.md no longer matches any "
        "paragraph (deleted, or reworded beyond recognition), so links to it land at the top of the page; restore the "
        "paragraph, or end the paragraph that replaces it with `{: #p-the-alliances }`, or retire the address with "
        "`build_site.py --update-anchors`",
        "anchors.lock:5:1: warning: `annex.md` is no longer in the report, so its 2 published paragraph address(es) lead "
        "nowhere; restore the chapter, or retire them with `build_site.py --update-anchors`",
    ]
    added = anchors.reconcile(
        anchors.updated([], _current(("p-those", OTHER))), _current(("p-those", OTHER), ("p-new", LONG))
    )
    assert [str(p) for p in anchors.problems(added, "anchors.lock", {}, {"intro.md"})] == [
        "anchors.lock:1:1: warning: anchors.lock is out of date (paragraphs were added, reworded or removed); run "
        "`build_site.py --update-anchors` and commit it"
    ]


def test_update_anchors_retires_a_lost_address_even_under_strict_references(mini: Path) -> None:
    """The warning tells the editor to run `--update-anchors`; `strict_references: true` must not stop it,
    and the command names every address it retires."""
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      recommendations: recs.yaml\n",
            "      recommendations: recs.yaml\n      strict_references: true\n",
        ),
        "utf-8",
    )
    (mini / anchors.LOCK_NAME).write_text(
        anchors.lock_text(
            [
                anchors.Locked("one.md", "p-a-paragraph-long-deleted", anchors.fingerprint(OTHER)),
                anchors.Locked("one.md", "p-another-one-gone", anchors.fingerprint(LONG)),
            ]
        ),
        "utf-8",
    )
    check = build_here(mini, mini / "unused", "--check")
    assert check.returncode == 1 and "`#p-a-paragraph-long-deleted`" in check.stderr, check.stderr
    update = build_here(mini, mini / "unused", "--update-anchors")
    assert update.returncode == 0, update.stderr
    assert update.stdout.splitlines() == [
        "retired docs/one.md#p-a-paragraph-long-deleted (no paragraph of its page has its words; links to it land "
        "at the top of the page)",
        "retired docs/one.md#p-another-one-gone (no paragraph of its page has its words; links to it land at the "
        "top of the page)",
        f"OK: recorded 4 anchors (0 old ones kept as aliases, 2 retired) in {mini / anchors.LOCK_NAME}",
    ]
    entries = anchors.read_lock(mini / anchors.LOCK_NAME)
    assert entries is not None and len(entries) == 4
    assert build_here(mini, mini / "unused", "--check").returncode == 0


# --- a published anchor never moves to another paragraph -------------------------------------


def test_a_new_paragraph_opening_with_the_same_words_gets_the_new_address() -> None:
    """Inserted above the published paragraph, the newcomer takes its six words but not its address."""
    opening = "The alliance’s weathering of that period and overall resilience"
    newcomer = opening + " " + OTHER  # the same six words, another paragraph's text
    locked = anchors.updated([], _current(("p-the-alliances-weathering-of-that-period", LONG)))
    # the scan numbers them in page order: the newcomer first
    now = _current(
        ("p-the-alliances-weathering-of-that-period", newcomer),
        ("p-the-alliances-weathering-of-that-period-2", LONG),
    )
    state = anchors.reconcile(locked, now)
    assert state.placed == {
        ("intro.md", 1): ("p-the-alliances-weathering-of-that-period-2", ()),
        ("intro.md", 2): ("p-the-alliances-weathering-of-that-period", ()),
    }
    assert not state.lost and state.stale  # the newcomer's address is to be recorded
    recorded = anchors.updated(locked, now)
    again = anchors.reconcile(recorded, now)
    assert again.placed == state.placed and not again.stale  # and stays put once recorded


def test_a_reworded_paragraph_that_comes_to_open_like_another_takes_nothing_from_it() -> None:
    locked = anchors.updated(
        [], _current(("p-the-alliances-weathering-of-that-period", LONG), ("p-those-meetings", OTHER))
    )
    reworded = "The alliance’s weathering of that period " + OTHER
    now = _current(
        ("p-the-alliances-weathering-of-that-period", reworded),  # moved up and reworded
        ("p-the-alliances-weathering-of-that-period-2", LONG),
    )
    state = anchors.reconcile(locked, now)
    assert state.placed == {
        ("intro.md", 1): ("p-the-alliances-weathering-of-that-period-2", ("p-those-meetings",)),
        ("intro.md", 2): ("p-the-alliances-weathering-of-that-period", ()),
    }
    assert not state.lost and not state.conflicts


def test_a_pin_equal_to_a_live_alias_is_an_error_at_the_pin() -> None:
    reworded = LONG.replace("The alliance’s weathering of that period", "Having weathered that period")
    locked = anchors.updated(
        anchors.updated([], _current(("p-the-alliances-weathering-of-that-period", LONG))),
        _current(("p-having-weathered-that-period-and-overall", reworded)),
    )
    pinned = anchors.Current(
        "intro.md", "p-the-alliances-weathering-of-that-period", anchors.fingerprint(OTHER), 1, pinned=True
    )
    owner = _current(("p-having-weathered-that-period-and-overall", reworded))[0]._replace(
        number=2, opening="Having weathered that period, the"
    )
    state = anchors.reconcile(locked, [pinned, owner])
    assert state.placed[("intro.md", 2)].aliases == ("p-the-alliances-weathering-of-that-period",)
    told = anchors.problems(
        state, "anchors.lock", {"intro.md": "report/intro.md"}, {"intro.md"}, lambda c, a: (7, 3)
    )
    assert [str(p) for p in told] == [
        "report/intro.md:7:3: the id `p-the-alliances-weathering-of-that-period` is the published address of another "
        "paragraph (“Having weathered that period, the…”, anchors.lock line 0): pinned here, links to it would land "
        "on this paragraph instead; choose another id"
    ]
    # a pin that takes a lost address is how an editor rescues it: no problem
    rescue = anchors.reconcile(locked[1:], [pinned])
    assert rescue.placed[("intro.md", 1)].anchor == "p-the-alliances-weathering-of-that-period"
    assert not rescue.conflicts and not rescue.lost


def test_a_paragraph_moved_to_another_chapter_is_named_where_it_went() -> None:
    locked = anchors.updated([], _current(("p-the-alliances", LONG), ("p-those", OTHER)))
    now = [
        *_current(("p-those", OTHER)),
        anchors.Current(
            "annex.md", "p-the-alliances", anchors.fingerprint(LONG), 1, opening="The alliance’s"
        ),
    ]
    state = anchors.reconcile(locked, now)
    told = anchors.problems(
        state,
        "anchors.lock",
        {"intro.md": "report/intro.md", "annex.md": "report/annex.md"},
        {"intro.md", "annex.md"},
    )
    assert [str(p) for p in told] == [
        "anchors.lock:1:1: warning: the paragraph of the published anchor `#p-the-alliances` moved from "
        "report/intro.md to report/annex.md (“The alliance’s…”), and an address cannot follow it to another page, "
        "so links to it land at the top of report/intro.md; move the paragraph back, or retire the address with "
        "`build_site.py --update-anchors`"
    ]


# --- the lock is read whole or not at all ---------------------------------------------------


GOOD = "intro.md\tp-the-alliances\t" + anchors.fingerprint(LONG)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            GOOD.replace("\t", "    ") + "\n",
            "anchors.lock:3:9: the fields are separated by spaces, not a tab (an editor converting tabs?); put back "
            "the tabs, or restore the file from version control (`git checkout -- anchors.lock`): it is written by "
            "`build_site.py --update-anchors`, never by hand",
        ),
        (
            "intro.md\tp-the-alliances\n",
            "anchors.lock:3:1: expected three fields separated by tabs (chapter, anchor, fingerprint), found 2; "
            "restore the file from version control (`git checkout -- anchors.lock`): it is written by "
            "`build_site.py --update-anchors`, never by hand",
        ),
        (
            "intro.md\tp-the-alliances\tnot-hex\n",
            "anchors.lock:3:26: `not-hex` is not a fingerprint (one to 16 groups of eight hexadecimal digits, lower "
            "case); restore the file from version control (`git checkout -- anchors.lock`): it is written by "
            "`build_site.py --update-anchors`, never by hand",
        ),
        (
            GOOD + "\n" + GOOD + "\n",
            "anchors.lock:4:1: this line repeats line 3; delete one of the two",
        ),
        (
            GOOD + "\nintro.md\tp-the-alliances\t" + anchors.fingerprint(OTHER) + "\n",
            "anchors.lock:4:1: `#p-the-alliances` of `intro.md` is recorded twice, with another fingerprint at line 3 "
            "(a merge?); keep the line `git show HEAD:anchors.lock` has, delete the other",
        ),
        (
            "<<<<<<< HEAD\n" + GOOD + "\n",
            "anchors.lock:3:1: a merge conflict marker: keep the records of both sides, delete the marker lines, then "
            "run `build_site.py --update-anchors`",
        ),
    ],
    ids=["tabs-to-spaces", "two-fields", "bad-fingerprint", "duplicated", "two-fingerprints", "merge-marker"],
)
def test_a_lock_line_that_cannot_be_read_is_an_error_at_its_line(
    tmp_path: Path, body: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / anchors.LOCK_NAME).write_text(anchors.HEADER + body, "utf-8")
    with pytest.raises(ReportError) as caught:
        anchors.read_lock(tmp_path / anchors.LOCK_NAME)
    assert [str(p) for p in caught.value.problems] == [expected]


def test_an_undecodable_lock_is_an_error_not_an_empty_lock(mini: Path) -> None:
    """Read as "no lock", every address would be dropped by the next `--update-anchors`."""
    lock = mini / anchors.LOCK_NAME
    lock.write_bytes(anchors.HEADER.encode() + "one.md\tp-caf\xe9\t0123abcd\n".encode("latin-1"))
    for command in ("--check", "--update-anchors"):
        result = build_here(mini, mini / "unused", command)
        assert result.returncode == 1, result.stdout
        assert result.stderr.splitlines()[0] == (
            "anchors.lock:3:13: the file is not UTF-8 text (byte 0xe9); restore the file from version control "
            "(`git checkout -- anchors.lock`): it is written by `build_site.py --update-anchors`, never by hand"
        ), result.stderr
    assert lock.read_bytes().endswith(b"p-caf\xe9\t0123abcd\n")  # never rewritten


# --- Unicode: the same words give the same anchor --------------------------------------------


def test_a_file_saved_decomposed_keeps_its_anchors() -> None:
    """NFD (macOS file names, some converters) and NFC text are the same words."""
    text = "Die Straße über den Öresund verbindet Dänemark und Schweden."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert (
        anchors.paragraph_anchor(nfd)
        == anchors.paragraph_anchor(text)
        == "p-die-strasse-uber-den-oresund-verbindet"
    )
    assert anchors.fingerprint(nfd) == anchors.fingerprint(text)


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("हिन्दी भारत की राजभाषा है", "p-हिन्दी-भारत-की-राजभाषा-है"),  # Hindi: vowel signs and virama kept
        ("தமிழ் மொழி இந்தியாவின் செம்மொழி", "p-தமிழ்-மொழி-இந்தியாவின்-செம்மொழி"),  # Tamil
        ("ภาษาไทย เป็นภาษาราชการ", "p-ภาษาไทย-เป็นภาษาราชการ"),  # Thai: tone marks and vowels kept
        ("Die Straße nach Øresund", "p-die-strasse-nach-oresund"),  # ß and ø transliterated, never dropped
        ("Łódź i Gdańsk", "p-lodz-i-gdansk"),  # ł too
        ("Þingvellir ða Ærø", "p-thingvellir-da-aero"),
        ("inter\u00adnational co\u200boperation and\u200d trade", "p-international-cooperation-and-trade"),
    ],
    ids=["hindi", "tamil", "thai", "german-danish", "polish", "icelandic", "invisible"],
)
def test_words_of_every_script_give_whole_words(text: str, anchor: str) -> None:
    assert anchors.paragraph_anchor(text) == anchor


def test_combining_marks_do_not_split_words_for_the_fingerprint() -> None:
    """Vowel signs are part of the word: a reworded Hindi paragraph is still recognised by its word pairs."""
    words = "हिन्दी भारत की राजभाषा है और यह देवनागरी लिपि में लिखी जाती है"
    assert len(anchors.fingerprint(words)) == 8 * 12  # twelve word pairs (13 words), not 16+ fragments


def test_peninsula_plus_anchors_are_unchanged() -> None:
    """The published record of the first report holds exactly the anchors this code makes from its text."""
    lock = anchors.read_lock(PENINSULA / anchors.LOCK_NAME)
    assert lock
    scans = {}
    for entry in lock:
        if entry.chapter not in scans:
            text = (PENINSULA / "report" / entry.chapter).read_text("utf-8")
            scans[entry.chapter] = chapters.scan(text, entry.chapter)
        chapter = scans[entry.chapter]
        found = {p.anchor: f for p, f in zip(chapter.paragraphs, chapter.fingerprints, strict=True)}
        assert entry.anchor in found, entry


# --- on real builds ---------------------------------------------------------------------------

WEATHERING = (
    "The alliance’s weathering of that period and overall resilience reflect several sources of strength."
)
PUBLISHED = "p-the-alliances-weathering-of-that-period"


@pytest.mark.slow
def test_a_published_anchor_stays_when_a_paragraph_with_its_words_is_inserted_above(tmp_path: Path) -> None:
    """The newcomer (its six words, another paragraph's text) gets `-2`; links, the recommendation page and
    the lock keep pointing at the paragraph that was published."""
    project = copy_project(tmp_path / "project", lock=True)
    chapter = project / "report" / "introduction.md"
    text = chapter.read_text("utf-8")
    assert WEATHERING in text
    newcomer = "The alliance’s weathering of that period " + OTHER
    chapter.write_text(text.replace(WEATHERING, newcomer + "\n\n" + WEATHERING), "utf-8")
    result = build_here(project, tmp_path / "site", check=True)
    assert "anchors.lock is out of date" in result.stderr
    soup = Built(project, tmp_path / "site").soup("introduction/index.html")
    published = soup.find(id=PUBLISHED)
    assert published is not None and published.get_text().startswith(WEATHERING)
    moved_in = soup.find(id=PUBLISHED + "-2")
    assert moved_in is not None and moved_in.get_text().startswith(
        "The alliance’s weathering of that period Those"
    )
    assert int(moved_in["data-paragraph"]) == int(published["data-paragraph"]) - 1
    assert published.find("a", class_="report-permalink")["href"] == f"#{PUBLISHED}"
    rec = Built(project, tmp_path / "site").html("recommendations/threats-from-china/index.html")
    assert f'introduction/#{PUBLISHED}"' in rec
    update = build_here(project, tmp_path / "unused", "--update-anchors", check=True)
    assert "retired" not in update.stdout
    lock = {(e.chapter, e.anchor) for e in anchors.read_lock(project / anchors.LOCK_NAME) or []}
    assert {("introduction.md", PUBLISHED), ("introduction.md", PUBLISHED + "-2")} <= lock
    assert "anchors.lock" not in build_here(project, tmp_path / "unused", "--check", check=True).stderr


@pytest.mark.slow
def test_pinning_a_live_alias_on_another_paragraph_is_an_error_at_the_pin(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", lock=True)
    chapter = project / "report" / "introduction.md"
    text = chapter.read_text("utf-8")
    reworded = text.replace(
        "The alliance’s weathering of that period and overall resilience",
        "Having weathered that period, the alliance’s overall resilience",
    )  # the published address lives on as an alias of the reworded paragraph
    lines = reworded.split("\n")
    at = next(n for n, ln in enumerate(lines) if ln.startswith("Those meetings resulted in several outcomes"))
    lines.insert(at + 1, f"{{: #{PUBLISHED} }}")  # pinned at the end of another paragraph
    line = at + 2
    pinned = "\n".join(lines)
    chapter.write_text(pinned, "utf-8")
    result = build_here(project, tmp_path / "site", "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"report/introduction.md:{line}:4: the id `{PUBLISHED}` is the published address of another paragraph "
        f"(“Having weathered that period, the alliance’s…”, anchors.lock line "
        f"{next(e.line for e in anchors.read_lock(project / anchors.LOCK_NAME) or [] if e.anchor == PUBLISHED)}): "
        "pinned here, links to it would land on this paragraph instead; choose another id"
    ), result.stderr
