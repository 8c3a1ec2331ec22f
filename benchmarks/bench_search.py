"""What paragraph-level search costs in index size: the real report and synthetic reports.

Each report is built twice, with one search entry per passage (the default) and with
``search_passages: false`` (Material's index as it comes), and ``search/search_index.json`` is
measured raw and gzipped (level 6, as a static host serves it). Targets: at most 60 % growth on
the real report; linear in the text for the synthetic reports (bytes per source word constant,
exponent ≈ 1 between sizes). The index is fetched when search is first used, so it is not part of
the first view (``bench_build`` measures that).

Ranking (needs ``node``): every generated query (``search_queries.py``) for the real report runs
through Material's own search worker (``search_rank.js``), after and before.

Writes ``benchmarks/results/search.md`` (committed).

    python -m benchmarks search            # real report + synthetic 100 and 400 chapters
    BENCH_SEARCH_SIZES=20,50 python -m benchmarks search
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from benchmarks import search_queries, synthetic
from benchmarks.bench_build import build_once, exponent

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(n) for n in os.environ.get("BENCH_SEARCH_SIZES", "100,400").split(",")]
TARGET_GROWTH = 0.60


@dataclass
class Index:
    raw: int
    gz: int
    docs: int
    passages: int


def measure(site: Path) -> Index:
    data = (site / "search" / "search_index.json").read_bytes()
    docs = json.loads(data)["docs"]
    return Index(len(data), len(gzip.compress(data, 6)), len(docs), sum("#p-" in d["location"] for d in docs))


def without_passages(config: Path) -> Path:
    """A copy of ``config`` with ``search_passages: false`` under the report-site plugin."""
    text = config.read_text("utf-8")
    if "  - report-site:\n" not in text:
        raise SystemExit(f"{config}: no `- report-site:` plugin entry to switch off")
    out = config.with_name("mkdocs.plain-search.yml")
    out.write_text(
        text.replace("  - report-site:\n", "  - report-site:\n      search_passages: false\n", 1), "utf-8"
    )
    return out


def both(config: Path, work: Path) -> tuple[Index, Index]:
    build_once(config, work / "with")
    build_once(without_passages(config), work / "without")
    return measure(work / "with"), measure(work / "without")


def source_words(project: Path) -> int:
    docs = project / "report"
    return sum(len(p.read_text("utf-8").split()) for p in docs.rglob("*.md"))


def run_worker(site: Path, queries: list[str], shim: bool) -> dict[str, list[list[str]]]:
    """Material's own search worker in node over ``site``'s index (with the theme's query rewrite)."""
    material = Path(str(resources.files("material")))
    worker = next(material.glob("templates/assets/javascripts/workers/search.*.min.js"))
    partial = Path(str(resources.files("report_site"))) / "theme" / "partials" / "report-search.html"
    qfile = site / "bench-queries.json"
    qfile.write_text(json.dumps(queries), "utf-8")
    cmd = [
        "node",
        str(Path(__file__).with_name("search_rank.js")),
        str(worker),
        str(site / "search" / "search_index.json"),
        str(qfile),
    ] + ([str(partial)] if shim else [])
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def ranking(project: Path, after: Path, before: Path) -> list[str]:
    """How many generated queries land, the way the browser tests count, on every passage."""
    recs = yaml.safe_load((project / "recommendations.yaml").read_text("utf-8"))["recommendations"]
    titles = [r["title"] for r in recs]
    phrases = search_queries.phrases(str(after), titles)
    cases = [("phrase → its paragraph in the first 3 results", p.query, p.target, 3) for p in phrases]
    cases += [("phrase → its chapter in the first 3 results", p.query, p.chapter, 3) for p in phrases]
    for i, r in enumerate(recs, 1):
        page, n = f"recommendations/{r['id']}/", str(r.get("label") or i)
        cases.append(
            (
                "topic words → the recommendation in the first 3",
                search_queries.topic(r["title"], titles),
                page,
                3,
            )
        )
        cases.append(("whole title → the recommendation first", r["title"], page, 1))
        cases += [
            ("number (`recommendation N`, `rec N`, `N`) → first", q, page, 1)
            for q in (f"recommendation {n}", f"rec {n}", n)
        ]
    queries = sorted({c[1] for c in cases})
    results = {"after": run_worker(after, queries, True), "before": run_worker(before, queries, False)}
    out = [
        "## Ranking",
        "",
        f"Generated queries (`benchmarks/search_queries.py`: a phrase of each of the {len(phrases)} paragraphs, each",
        "recommendation's topic words, title and number) run through Material's own worker in node",
        "(`benchmarks/search_rank.js`), counted as the browser tests count them (the results a reader sees:",
        "each page and the passages shown under it). Before: Material's index and query as they come.",
        "",
        "| query → expected | after | before |",
        "| --- | ---: | ---: |",
    ]
    for kind in dict.fromkeys(c[0] for c in cases):
        mine = [c for c in cases if c[0] == kind]
        counts = {}
        for state, res in results.items():
            counts[state] = sum(any(target in links for links in res[q][:top]) for _, q, target, top in mine)
        out.append(f"| {kind} | {counts['after']}/{len(mine)} | {counts['before']}/{len(mine)} |")
    return out + [""]


def row(label: str, words: int, after: Index, before: Index) -> str:
    growth = after.raw / before.raw - 1
    gz_growth = after.gz / before.gz - 1
    return (
        f"| {label} | {words:,} | {after.passages:,} | {before.raw:,} | {after.raw:,} | {100 * growth:+.1f} % | "
        f"{before.gz:,} | {after.gz:,} | {100 * gz_growth:+.1f} % | {after.raw / words:.2f} |"
    )


def main() -> None:
    lines = [
        "# Search index size",
        "",
        f"Generated by `make bench` (`python -m benchmarks search`); {platform.machine()}, Python {platform.python_version()}.",
        "Each report built with one search entry per passage (after) and with `search_passages: false`",
        "(before: Material's index as it comes). gzip at level 6.",
        "",
        "| report | source words | passage entries | before bytes | after bytes | growth | before gzip | after gzip | gzip growth | after bytes / word |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        work = Path(tmp)
        project = work / "real"
        project.mkdir()
        for name in ("mkdocs.yml", "recommendations.yaml"):
            shutil.copy2(ROOT / name, project / name)
        shutil.copytree(ROOT / "report", project / "report")
        after, before = both(project / "mkdocs.yml", project)
        real_growth = after.raw / before.raw - 1
        lines.append(row("the real report", source_words(project), after, before))
        print(lines[-1], flush=True)
        rank = (
            ranking(project, project / "with", project / "without")
            if shutil.which("node")
            else ["## Ranking", "", "Not measured: `node` is not installed.", ""]
        )
        print("\n".join(rank), flush=True)
        for n in SIZES:
            s = synthetic.generate(work / f"syn-{n}", chapters=n, recommendations=9)
            a, b = both(s.config, s.root)
            results.append((n, s.words, a, b))
            lines.append(row(f"synthetic, {n} chapters", s.words, a, b))
            print(lines[-1], flush=True)
    lines.append("")
    lines.append(
        f"Real report: the index grows {100 * real_growth:.1f} % (target ≤ {100 * TARGET_GROWTH:.0f} %): "
        f"{'met' if real_growth <= TARGET_GROWTH else 'missed'}."
    )
    if len(results) >= 2:
        (n1, w1, a1, _), (n2, w2, a2, _) = results[0], results[-1]
        k = exponent(w1, w2, a1.raw, a2.raw)
        lines.append(
            f"Synthetic {n1} → {n2} chapters: index size ∝ text^{k:.2f} (target: linear, ≈ 1.0): "
            f"{'met' if 0.9 <= k <= 1.1 else 'missed'}."
        )
    lines += [
        "",
        "Every passage's words move from its page's entry to its own: the growth is each entry's",
        "location, title and boost (about 90 bytes a passage), not a second copy of the text.",
        "",
    ]
    lines += rank
    target = ROOT / "benchmarks" / "results" / "search.md"
    target.write_text("\n".join(lines), "utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
