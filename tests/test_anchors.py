"""Anchors from words in any script, and the lock that keeps published anchors working."""

from __future__ import annotations

from pathlib import Path

from report_site import anchors

LONG = ("The alliance’s weathering of that period and overall resilience reflect several sources of strength. "
        "One is the partnership’s deep history going back to the Korean War. Another source is the vast connections "
        "between the two societies at both the elite and popular levels.")
OTHER = "Those meetings resulted in several outcomes, including a Special Measures Agreement on burden-sharing."


def _current(*pairs: tuple[str, str]) -> list[anchors.Current]:
    return [anchors.Current("intro.md", a, anchors.fingerprint(t)) for a, t in pairs]


def test_slugs_fold_latin_and_keep_other_scripts() -> None:
    assert anchors.slug("Seoul’s U.S.-ROK ties") == "seouls-u-s-rok-ties"
    assert anchors.slug("대한민국은 민주공화국이다") == "대한민국은-민주공화국이다"
    assert anchors.slug("Ελλάδα και Κύπρος") == "ελλάδα-και-κύπρος"  # only Latin letters are folded
    assert anchors.paragraph_anchor("— * —") == "p-paragraph"


def test_a_reworded_paragraph_inherits_its_old_anchor() -> None:
    locked = [anchors.Locked(c.chapter, c.anchor, c.fingerprint) for c in _current(("p-the-alliances", LONG), ("p-those", OTHER))]
    reworded = LONG.replace("The alliance’s weathering of that period", "Having weathered that period, the alliance’s")
    now = _current(("p-having-weathered", reworded), ("p-those", OTHER))
    result = anchors.reconcile(locked, now)
    assert result.aliases == {("intro.md", "p-having-weathered"): ["p-the-alliances"]}
    assert result.lost == [] and result.stale
    recorded = anchors.updated(locked, now)
    assert {e.anchor for e in recorded} == {"p-having-weathered", "p-those", "p-the-alliances"}
    assert not anchors.reconcile(recorded, now).stale


def test_a_deleted_paragraph_is_lost_and_dropped_on_update() -> None:
    locked = [anchors.Locked(c.chapter, c.anchor, c.fingerprint) for c in _current(("p-the-alliances", LONG), ("p-those", OTHER))]
    now = _current(("p-those", OTHER))
    result = anchors.reconcile(locked, now)
    assert [l.anchor for l in result.lost] == ["p-the-alliances"] and not result.aliases
    assert [e.anchor for e in anchors.updated(locked, now)] == ["p-those"]


def test_lock_round_trips(tmp_path: Path) -> None:
    entries = [anchors.Locked("a b.md", "p-대한민국은", anchors.fingerprint("대한민국은 민주공화국이다"))]
    path = tmp_path / anchors.LOCK_NAME
    path.write_text(anchors.lock_text(entries), "utf-8")
    assert anchors.read_lock(path) == entries
    assert anchors.read_lock(tmp_path / "missing") is None
