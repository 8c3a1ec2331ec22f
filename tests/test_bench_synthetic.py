"""The benchmark's moving parts, kept from rotting: the synthetic report really builds and
the materialised baseline really is the same site.

No timings here (those live in ``make bench``); these are correctness checks at a tiny size.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, run_build

sys.path.insert(0, str(ROOT))

from benchmarks import synthetic
from benchmarks.bench_build import build_once, exponent, output_stats
from benchmarks.materialise import materialise
from report_site.pages.compact import compact_html


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> synthetic.Synthetic:
    return synthetic.generate(
        tmp_path_factory.mktemp("synthetic"), chapters=12, recommendations=45, words_per_chapter=600
    )


@pytest.mark.slow
def test_synthetic_report_builds_strict_with_every_recommendation_argued_for(
    tiny: synthetic.Synthetic,
) -> None:
    site = tiny.root / "site"
    result = run_build(tiny.root, site, "--strict")
    assert result.returncode == 0, result.stderr
    assert f"{tiny.pages + 1} pages" in result.stdout  # + 404.html
    assert f"{tiny.recommendations} recommendations" in result.stdout
    supports = re.findall(
        r"^\[\[supports: (.*)\]\]$",
        "".join(p.read_text("utf-8") for p in (tiny.root / "report").glob("*.md")),
        re.M,
    )
    counts: dict[str, int] = {}
    for line in supports:
        for rec_id in line.split(", "):
            counts[rec_id] = counts.get(rec_id, 0) + 1
    assert len(counts) == tiny.recommendations
    assert set(counts.values()) <= {2, 3}
    assert sum(counts.values()) == tiny.passages
    # Every recommendation page lists its passages, and the chapters link back.
    rec = (site / "recommendations" / "rec-1" / "index.html").read_text("utf-8")
    assert rec.count('class="report-passage"') == counts["rec-1"]
    assert (site / "search" / "search_index.json").is_file()
    # 45 recommendations are over the grouping threshold: grouped in the nav, pruned elsewhere.
    assert "Recommendations 1–10" in rec
    chapter = (site / "chapter-001" / "index.html").read_text("utf-8")
    assert "rec-45/" not in chapter.split('class="md-content"')[0]


def test_synthetic_words_per_chapter_and_seeded(tmp_path: Path) -> None:
    a = synthetic.generate(tmp_path / "a", chapters=2, recommendations=3, words_per_chapter=2000)
    b = synthetic.generate(tmp_path / "b", chapters=2, recommendations=3, words_per_chapter=2000)
    assert 1900 <= a.words / a.chapters <= 2300
    assert (a.root / "report" / "chapter-002.md").read_text("utf-8") == (
        b.root / "report" / "chapter-002.md"
    ).read_text("utf-8")
    config = (a.root / "mkdocs.yml").read_text("utf-8")
    assert "report-site" in config and "Part 1:" in config and "chapter-002.md" in config


@pytest.mark.slow
def test_materialised_baseline_builds_the_same_pages_without_the_plugin(
    tiny: synthetic.Synthetic, tmp_path: Path
) -> None:
    plain = materialise(tiny.config, tmp_path / "plain")
    assert yaml.safe_load(plain.read_text("utf-8"))["plugins"] == ["search"]
    with_plugin = build_once(tiny.config, tmp_path / "site-plugin")
    without = build_once(plain, tmp_path / "site-plain")
    assert with_plugin.plugin_seconds > 0 and without.plugin_seconds == 0
    assert with_plugin.max_rss_mb > 10
    a = {
        p.relative_to(tmp_path / "site-plugin"): p.read_text("utf-8")
        for p in (tmp_path / "site-plugin").rglob("*.html")
    }
    b = {
        p.relative_to(tmp_path / "site-plain"): p.read_text("utf-8")
        for p in (tmp_path / "site-plain").rglob("*.html")
    }
    assert a.keys() == b.keys()
    # The same pages: each article holds the same text and elements, once the furniture that
    # only the plugin's theme adds after rendering (Cite control, paragraph permalinks, page
    # dates) is set aside; the plugin also compacts whitespace (report_site/compact.py).
    pages_ = [k for k in a if k.name != "404.html"]
    for k in pages_[:8]:
        x, y = (article(BeautifulSoup(h, "html.parser")) for h in (a[k], b[k]))
        assert [" ".join(t.split()) for t in x.stripped_strings] == [
            " ".join(t.split()) for t in y.stripped_strings
        ], k
        assert [t.name for t in x.find_all(True)] == [t.name for t in y.find_all(True)], k
    assert sum(len(compact_html(v)) for v in b.values()) < 0.9 * sum(map(len, b.values()))  # compaction pays
    stats = output_stats(tmp_path / "site-plugin")
    assert stats["search_kb"] > 0 and stats["largest_kb"] > 0
    index = json.loads((tmp_path / "site-plain" / "search" / "search_index.json").read_text("utf-8"))
    from report_site.config import ReportSiteConfig

    boost = ReportSiteConfig.search_boost.default  # the synthetic report keeps the plugin's default
    assert any(
        d["location"].startswith("recommendations/rec-1/") and d.get("boost") == boost for d in index["docs"]
    )


def test_exponent() -> None:
    assert exponent(10, 100, 1.0, 100.0) == pytest.approx(2.0)
    assert exponent(10, 100, 5.0, 50.0) == pytest.approx(1.0)


def test_long_recommendations_file_loads_in_order_with_lines(tmp_path: Path) -> None:
    from report_site.data import loader

    s = synthetic.generate(tmp_path, chapters=1, recommendations=300, words_per_chapter=200)
    report = loader.load(s.root / "recommendations.yaml")
    assert [r.number for r in report.recommendations] == list(range(1, 301))
    text = (s.root / "recommendations.yaml").read_text("utf-8").splitlines()
    assert all(text[r.line - 1].strip() == f"- id: {r.id}" for r in report.recommendations)


def article(soup: BeautifulSoup) -> BeautifulSoup:
    """A page's article without the plugin theme's own furniture."""
    body = soup.select_one("article")
    for el in body.select("details.report-cite, a.report-permalink, .md-source-file, aside.md-source-file"):
        el.decompose()
    return body
