"""Anchors from words in any script, and the lock that keeps published anchors working."""

from __future__ import annotations

from pathlib import Path

from report_site import anchors

LONG = (
    "The alliance’s weathering of that period and overall resilience reflect several sources of strength. "
    "One is the partnership’s deep history going back to the Korean War. Another source is the vast connections "
    "between the two societies at both the elite and popular levels."
)
OTHER = (
    "Those meetings resulted in several outcomes, including a Special Measures Agreement on burden-sharing."
)


def _current(*pairs: tuple[str, str]) -> list[anchors.Current]:
    return [anchors.Current("intro.md", a, anchors.fingerprint(t)) for a, t in pairs]


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
    assert result.aliases == {("intro.md", "p-having-weathered"): ["p-the-alliances"]}
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
    """The warning tells the editor to run `--update-anchors`; `strict_references: true` must not stop it."""
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
            [anchors.Locked("one.md", "p-a-paragraph-long-deleted", anchors.fingerprint(OTHER))]
        ),
        "utf-8",
    )
    path, recorded, kept = anchors.update_lock(config)
    entries = anchors.read_lock(path)
    assert entries is not None and recorded == len(entries) > 0 and kept == 0
    assert "p-a-paragraph-long-deleted" not in {e.anchor for e in entries}
