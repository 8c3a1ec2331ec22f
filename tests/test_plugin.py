"""plugin.py: what the wiring itself decides (the stages have their own tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import build_here


def test_the_theme_is_compiled_once_across_builds_and_renders_the_same(mini: Path, tmp_path: Path) -> None:
    """``theme_cache`` (on by default): a build loads the theme's templates as an earlier build compiled them
    (Jinja's bytecode cache in .cache/ beside mkdocs.yml, keyed by each template's source) instead of
    compiling them again; the pages are the same bytes as a build that compiles every template."""
    cache = mini / ".cache" / "report-site" / "jinja"
    assert build_here(mini, tmp_path / "first").returncode == 0
    compiled = {p: p.stat().st_mtime_ns for p in cache.glob("*/*.cache")}
    assert len(compiled) > 20  # Material's templates and partials, and the plugin's
    assert build_here(mini, tmp_path / "second").returncode == 0
    assert {p: p.stat().st_mtime_ns for p in cache.glob("*/*.cache")} == compiled  # nothing compiled again

    shutil.rmtree(mini / ".cache")
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - report-site:\n", "  - report-site:\n      theme_cache: false\n", 1
        ),
        "utf-8",
    )
    assert build_here(mini, tmp_path / "third").returncode == 0
    assert not list(cache.glob("*/*.cache"))  # off: the theme is compiled in memory, every build
    for page in ("index.html", "one/index.html", "recommendations/index.html"):
        assert (tmp_path / "second" / page).read_bytes() == (tmp_path / "third" / page).read_bytes()
