"""The harness itself: the built site loads in Chromium from the loopback server, gzipped."""

from __future__ import annotations

from urllib.parse import urlparse


def test_landing_page_loads_locally(open_page, site_url: str, facts) -> None:
    visit = open_page("")
    assert facts.site_name in visit.page.title()  # the report's site (its short name, as mkdocs.yml gives it)
    assert visit.requests, "no requests recorded"
    origin = urlparse(site_url).netloc
    assert all(urlparse(u).netloc == origin or u.startswith(("data:", "blob:")) for u in visit.requests), (
        visit.requests
    )


def test_server_compresses_html(served) -> None:
    import urllib.request

    req = urllib.request.Request(served.url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as r:
        assert r.headers["Content-Encoding"] == "gzip"
