"""The search benchmark's moving parts (no timings): the switch it flips is the plugin's real option,
it measures what a build wrote, and the queries it (and the browser tests) generate are the report's
own words, each pointing at its own paragraph."""

from __future__ import annotations

import re
import shutil
import sys

import pytest
import yaml
from helpers import FIXTURES, ROOT, build_here

sys.path.insert(0, str(ROOT))

from benchmarks import bench_search, search_queries


@pytest.mark.slow
def test_switching_passages_off_is_a_valid_config(tmp_path) -> None:
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini-report", project)
    plain = bench_search.without_passages(project / "mkdocs.yml")
    assert "search_passages: false" in plain.read_text("utf-8")
    shutil.copy2(plain, project / "mkdocs.yml")
    result = build_here(project, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    index = bench_search.measure(tmp_path / "site")
    assert index.passages == 0 and index.docs > 0 and 0 < index.gz < index.raw


def test_a_config_without_the_plugin_is_refused(tmp_path) -> None:
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nplugins:\n  - search\n", "utf-8")
    with pytest.raises(SystemExit):
        bench_search.without_passages(cfg)


def test_generated_queries_are_the_reports_words(site) -> None:
    titles = [
        r["title"]
        for r in yaml.safe_load((ROOT / "recommendations.yaml").read_text("utf-8"))["recommendations"]
    ]
    found = search_queries.phrases(str(site.site), titles)
    passages = search_queries.passages(str(site.site))
    assert {p.chapter for p in found} == set(passages)  # every chapter
    for p in found:
        text = " ".join(next(ws for a, ws in passages[p.chapter] if a == p.anchor))
        assert p.query in text and len(p.query.split()) == search_queries.PHRASE_WORDS, p
    assert len({p.target for p in found}) == len(found)
    assert all(re.fullmatch(r"\S+ \S+", search_queries.topic(t, titles)) for t in titles)
