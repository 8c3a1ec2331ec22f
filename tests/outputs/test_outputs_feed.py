"""The Atom feed (report_site/outputs/feed.py): RFC 4287's required elements, stable tag: ids, links that
land, the announcement on every page; checked by parsing the feed the living-report fixture publishes."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from helpers import LIVING_URL, Built, resolve_link

from report_site.data.model import Correction, Recommendation, Report, StatusUpdate
from report_site.outputs import feed
from report_site.pages.edition import Edition

A = "{http://www.w3.org/2005/Atom}"
#: RFC 3339 date-time, as Atom's date constructs require (RFC 4287 §3.3).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
#: tag: URI (RFC 4151): tag:authority,date:specific
TAG = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(?:-\d{2}(?:-\d{2})?)?:[\w./~%!$&'()*+,;=:@?-]*$")


def parse(built: Built) -> ET.Element:
    root = ET.fromstring((built.site / feed.FEED_NAME).read_bytes())
    assert root.tag == f"{A}feed"
    return root


def one(parent: ET.Element, name: str) -> ET.Element:
    found = parent.findall(f"{A}{name}")
    assert len(found) == 1, (name, len(found))
    return found[0]


def test_the_feed_has_rfc_4287s_required_elements(living: Built) -> None:
    root = parse(living)
    for name in ("id", "title", "updated"):  # §4.1.1: exactly one each
        assert one(root, name).text
    assert RFC3339.match(one(root, "updated").text or "")
    assert root.findall(f"{A}author") and one(one(root, "author"), "name").text == "Example Institute"
    self_link = [link for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == [LIVING_URL + "feed.xml"]
    entries = root.findall(f"{A}entry")
    assert entries
    for entry in entries:  # §4.1.2: one id, title, updated; no content, so a link rel=alternate
        for name in ("id", "title", "updated"):
            assert one(entry, name).text
        assert RFC3339.match(one(entry, "updated").text or "")
        assert [link for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
        assert one(entry, "summary").get("type") == "text"
    ids = [one(e, "id").text or "" for e in entries]
    assert len(set(ids)) == len(ids) and all(TAG.match(i) for i in ids), ids
    assert one(root, "updated").text == max(one(e, "updated").text or "" for e in entries)


def test_one_entry_per_update_and_per_correction_newest_first_each_landing_on_its_place(
    living: Built,
) -> None:
    import yaml
    from helpers import FIXTURES

    data = yaml.safe_load((FIXTURES / "living-report" / "recs.yaml").read_text("utf-8"))
    updates = [u for r in data["recommendations"] for u in r.get("updates", [])]
    entries = parse(living).findall(f"{A}entry")
    corrections = [e for e in entries if "/correction/" in (one(e, "id").text or "")]
    assert len(entries) == len(updates) + 2 and len(corrections) == 2
    days = [one(e, "updated").text for e in entries]
    assert days == sorted(days, reverse=True)
    for entry in entries:
        [alternate] = [
            link.get("href") or "" for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"
        ]
        assert alternate.startswith(LIVING_URL)
        target, fragment = resolve_link("index.html", alternate.removeprefix(LIVING_URL))
        assert living.soup(target).find(id=fragment) is not None, alternate


def test_every_page_announces_the_feed(living: Built) -> None:
    pages = sorted(
        p.relative_to(living.site).as_posix() for p in living.site.rglob("*.html") if p.name != "404.html"
    )
    for rel in pages:
        [link] = living.soup(rel).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert link["href"] == LIVING_URL + "feed.xml" and link["title"], rel


def _edition(updates: tuple[StatusUpdate, ...], corrections: list[Correction]) -> Edition:
    rec = Recommendation("save-water", 1, "Save water", (), updates=updates)
    return Edition(Report("r.yaml", [], [rec]), dt.date(2024, 1, 2), corrections)


def _path(src_uri: str) -> str:
    return "" if src_uri == "index.md" else src_uri.removesuffix(".md") + "/"


META = {"title": "Living Report", "publisher": "Example Institute", "language": "en"}
FIRST = StatusUpdate(dt.date(2024, 3, 1), "in-progress", "Test fixture: a step.")
CORRECTION = Correction("one.md", "p-x", 1, dt.date(2024, 2, 10), "Test fixture: a note.", "Chapter One")


def test_ids_stay_when_updates_and_corrections_are_added() -> None:
    """An entry's id names what it is about, never its wording, position in the feed or the site's address."""
    base = feed.tag_base("https://example.org/living/", dt.date(2024, 1, 2))
    before = {e.id for e in feed.entries(_edition((FIRST,), [CORRECTION]), _path, base)}
    later = _edition(
        (FIRST._replace(note="Reworded."), StatusUpdate(dt.date(2024, 3, 1), "implemented", "Same day.")),
        [CORRECTION, CORRECTION._replace(anchor="p-y", date=dt.date(2024, 5, 1))],
    )
    after = {e.id for e in feed.entries(later, _path, base)}
    assert before < after
    assert before == {
        "tag:example.org,2024-01-02:living/status/save-water/update-2024-03-01",
        "tag:example.org,2024-01-02:living/correction/one/2024-02-10",
    }
    assert "tag:example.org,2024-01-02:living/status/save-water/update-2024-03-01-2" in after


@pytest.mark.parametrize("site_url", ["", "https://example.org/living/"])
def test_without_site_url_links_are_relative_to_the_feed(site_url: str) -> None:
    """A local build still writes a valid feed: links resolve against the feed's own address (RFC 4287 §4.2.7)."""
    text = feed.document(_edition((FIRST,), [CORRECTION._replace(src_uri="index.md")]), META, site_url, _path)
    root = ET.fromstring(text.encode("utf-8"))
    hrefs = sorted(link.get("href") or "" for link in root.iter(f"{A}link"))
    if site_url:
        assert all(h.startswith(site_url) for h in hrefs)
        assert (one(root, "id").text or "").startswith("tag:example.org,")
    else:
        assert hrefs == ["./", "./#p-x", "feed.xml", "recommendations/save-water/#update-2024-03-01"]
        assert (one(root, "id").text or "").startswith("tag:localhost,2024-01-02:")


def test_a_report_without_updates_or_corrections_has_no_feed(site: Built) -> None:
    assert not (site.site / feed.FEED_NAME).exists()
    assert not site.soup("index.html").select('link[type="application/atom+xml"]')
