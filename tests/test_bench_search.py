"""The search-size benchmark's moving parts (no timings, no big builds): the switch it flips is the
plugin's real option, and it measures what a build wrote."""

from __future__ import annotations

import shutil
import sys

import pytest

from helpers import FIXTURES, ROOT, run_build

sys.path.insert(0, str(ROOT))

from benchmarks import bench_search  # noqa: E402


def test_switching_passages_off_is_a_valid_config(tmp_path) -> None:
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini-report", project)
    plain = bench_search.without_passages(project / "mkdocs.yml")
    assert "search_passages: false" in plain.read_text("utf-8")
    shutil.copy2(plain, project / "mkdocs.yml")
    result = run_build(project, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    index = bench_search.measure(tmp_path / "site")
    assert index.passages == 0 and index.docs > 0 and 0 < index.gz < index.raw


def test_a_config_without_the_plugin_is_refused(tmp_path) -> None:
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: x\nplugins:\n  - search\n", "utf-8")
    with pytest.raises(SystemExit):
        bench_search.without_passages(cfg)
