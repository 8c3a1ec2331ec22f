"""Shared helpers for the tests: paths, real builds, the seed's paragraphs, text extraction."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The report text as we received it (a copy, so tests run outside this workplace too;
#: ``test_seed_copy_matches_shared`` keeps it honest where the original is present).
SEED = FIXTURES / "seed" / "peninsula-plus.txt"
#: The first report, frozen as a fixture: generator tests build it, so they pass whatever report
#: the repository publishes (tests of the published report itself are in test_report.py).
PENINSULA = FIXTURES / "peninsula-plus"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_d8207254364bc61e.txt"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

#: Lines of the seed file that are web-page furniture or the repost date, not report text.
FURNITURE = {"Download the Full Report", "No comments:", "22 March 2023"}


@dataclass
class Built:
    root: Path
    site: Path

    def html(self, rel: str) -> str:
        return (self.site / rel).read_text("utf-8")

    def soup(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(rel), "html.parser")


def run_build(project: Path, site_dir: Path, *args: str, pdf: bool = False, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as an editor would (without the PDF unless asked: it is slow)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--config", str(project / "mkdocs.yml"), "--site-dir", str(site_dir), *args,
         *([] if pdf else ["--no-pdf"])],
        cwd=project, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )


def copy_project(dest: Path) -> Path:
    """A scratch copy of the report sources, safe to break."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "recommendations.yaml"):
        shutil.copy2(PENINSULA / name, dest / name)
    shutil.copytree(PENINSULA / "report", dest / "report")
    if (ROOT / "schemas").exists():
        shutil.copytree(ROOT / "schemas", dest / "schemas", symlinks=False)
    return dest


def seed_paragraphs() -> dict[str, list[str]]:
    """Every paragraph of the seed, furniture removed, by the chapter it belongs to.

    The seed glues the recommendations list to its lead-in ("policymakers:Identify");
    that one paragraph is split at the colon, as the report sets it.
    """
    text = SEED.read_text("utf-8")
    paras = [p.strip() for p in text.split("\n\n") if p.strip() and p.strip() not in FURNITURE]
    title, authors, *body = paras
    out: dict[str, list[str]] = {"front": [title, authors], "Executive Summary": [], "Introduction": []}
    chapter = None
    for p in body:
        if p in ("Executive Summary", "Introduction"):
            chapter = p
            continue
        assert chapter, p
        if "policymakers:" in p:
            lead, item = p.split(":", 1)
            out[chapter] += [lead + ":", item]
        else:
            out[chapter].append(p)
    return out


def visible_text(soup: BeautifulSoup) -> str:
    """Text a reader sees in the article, whitespace folded."""
    article = soup.select_one("article") or soup
    return re.sub(r"\s+", " ", article.get_text())


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
