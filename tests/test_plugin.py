"""plugin.py: what the wiring itself decides (the stages have their own tests)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from helpers import build_here


def test_the_theme_is_compiled_once_across_builds_and_renders_the_same(
    mini: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``theme_cache`` (on by default): a build loads the theme's templates as an earlier build compiled them
    (Jinja's bytecode cache in .cache/ beside mkdocs.yml, keyed by each template's source) instead of
    compiling them; the pages are the same bytes as a build that compiles every template."""
    compiled: list[str] = []
    parse = jinja2.Environment._parse
    monkeypatch.setattr(
        jinja2.Environment,
        "_parse",
        lambda self, source, name, filename: compiled.append(name) or parse(self, source, name, filename),
    )

    assert build_here(mini, tmp_path / "first").returncode == 0
    first = list(compiled)
    assert "base.html" in first and "main.html" in first
    assert list((mini / ".cache" / "report-site" / "jinja").glob("*/*.cache"))
    compiled.clear()
    assert build_here(mini, tmp_path / "second").returncode == 0
    assert "base.html" not in compiled and "main.html" not in compiled and len(compiled) < len(first) / 4, (
        compiled
    )

    compiled.clear()
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - report-site:\n", "  - report-site:\n      theme_cache: false\n", 1
        ),
        "utf-8",
    )
    assert build_here(mini, tmp_path / "third").returncode == 0
    assert "base.html" in compiled and "main.html" in compiled
    for page in ("index.html", "one/index.html", "recommendations/index.html"):
        assert (tmp_path / "second" / page).read_bytes() == (tmp_path / "third" / page).read_bytes()
