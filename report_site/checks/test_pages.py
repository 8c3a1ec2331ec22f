"""Every page, in both palettes, at desktop and phone size: accessible, contained, private.

Each page is visited once per colour scheme × viewport (``browser.Sweep``); these tests read
what that visit found. axe-core runs the WCAG 2.0/2.1/2.2 A and AA rules and its
best-practice rules (Lighthouse scores accessibility with some of them), none disabled;
Material's stock violations are fixed in the theme (partials/search.html, report_site/assets/a11y.css).
Chromium missing skips these checks on a workstation and fails them under ``CI=true``.
"""

from __future__ import annotations

import pytest

from .browser import SCHEMES, summary

pytestmark = pytest.mark.browser


class EveryPage:
    """The checks of one viewport, in both colour schemes. pytest-xdist (--dist loadscope) runs each
    subclass on one worker, so each (scheme, viewport) is swept once, and the two viewports side by side."""

    viewport: str

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_palette_follows_the_readers_colour_scheme(self, report_sweep, scheme: str) -> None:
        """The palette follows prefers-color-scheme: each sweep really tests the palette it names."""
        wrong = {
            c.path or "/": c.palette
            for c in report_sweep(scheme, self.viewport).values()
            if c.palette != SCHEMES[scheme]
        }
        assert not wrong, wrong

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_axe_wcag_every_page(self, report_sweep, scheme: str) -> None:
        found = {c.path or "/": c.wcag for c in report_sweep(scheme, self.viewport).values() if c.wcag}
        assert not found, summary(found)

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_axe_best_practices_every_page(self, report_sweep, scheme: str) -> None:
        """ARIA roles allowed on an element, landmarks, headings."""
        found = {
            c.path or "/": c.best_practice
            for c in report_sweep(scheme, self.viewport).values()
            if c.best_practice
        }
        assert not found, summary(found)

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_no_page_scrolls_horizontally(self, report_sweep, scheme: str) -> None:
        wide = {c.path or "/": c.overflow for c in report_sweep(scheme, self.viewport).values() if c.overflow}
        assert not wide, wide

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_every_page_has_a_working_skip_link(self, report_sweep, scheme: str) -> None:
        missing = {
            c.path or "/": c.skip_link for c in report_sweep(scheme, self.viewport).values() if c.skip_link
        }
        assert not missing, missing

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_no_page_requests_another_origin(self, report_sweep, scheme: str) -> None:
        checks = report_sweep(scheme, self.viewport).values()
        assert sum(len(c.requests) for c in checks) >= 3 * len(checks), (
            "too few requests recorded to trust this check"
        )
        foreign = {c.path or "/": c.foreign for c in checks if c.foreign}
        assert not foreign, foreign

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_everything_a_page_asks_for_arrives(self, report_sweep, scheme: str) -> None:
        failed = {c.path or "/": c.failed for c in report_sweep(scheme, self.viewport).values() if c.failed}
        assert not failed, failed

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_screenshots_of_each_kind_of_page(self, report_sweep, scheme: str) -> None:
        """Saved under test-artifacts/design/ for review; none blank."""
        shots = [s for c in report_sweep(scheme, self.viewport).values() for s in c.screenshots]
        assert len(shots) == 2 * len(report_sweep.screenshot_names), shots
        assert all(s.stat().st_size > 10_000 for s in shots), [(s.name, s.stat().st_size) for s in shots]


class TestDesktop(EveryPage):
    viewport = "desktop"


class TestPhone(EveryPage):
    viewport = "phone"
