"""Whole-process overhead: ``mkdocs build`` with the plugin against plain mkdocs on the same pages.

Each build is a fresh interpreter (``benchmarks._whole_build``, PDF off), so start-up and
every import count as they do for an editor; plugin and plain builds alternate (which goes
first alternates too) and each build's CPU time comes from the OS, as the growth of
``resource.getrusage(RUSAGE_CHILDREN)`` across it. The ratio is the median of the pairs.
Writes its section of ``benchmarks/RESULTS.md`` (between the markers below), leaving the rest.

Fair to both sides: each build compiles nothing it compiled before (children get a shared
``PYTHONPYCACHEPREFIX``, even where ``PYTHONDONTWRITEBYTECODE`` is set, and one unmeasured
build per side fills it), as an installed mkdocs has its bytecode from pip and an editor's
second build has the plugin's. The headline has the plugin's caches warm (schema-valid
digests and cards in ``.cache/`` beside mkdocs.yml), as on every rebuild; a third series
empties the schema cache before each build (a first build, or a fresh CI runner), whose
cold card cost is measured apart by bench_cards.py.

    BENCH_RUNS=7     pairs of builds (≥ 5)
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.materialise import materialise

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
BEGIN, END = (
    "<!-- whole-process overhead: benchmarks/bench_overhead.py -->",
    "<!-- end whole-process overhead -->",
)
TARGET = 1.10


def process_cpu(config: Path, site_dir: Path, env: dict[str, str] = ENV, *options: str) -> float:
    """CPU seconds (user + system) of one whole build process and everything it waited for."""
    shutil.rmtree(site_dir, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "benchmarks._whole_build", str(config), str(site_dir), *options],
        cwd=config.parent,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(runs: int) -> tuple[list[float], list[float], list[float], list[float]]:
    """(plugin, warm caches), (plain), (plugin, empty schema cache), (plugin, theme compiled as plain compiles
    it): one build each per round."""
    with tempfile.TemporaryDirectory(prefix="report-overhead-") as tmp:
        work = Path(tmp)
        plain = materialise(ROOT / "mkdocs.yml", work / "plain")
        base = {k: v for k, v in ENV.items() if k != "PYTHONDONTWRITEBYTECODE"}
        base["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        warm = cold = base
        digests = ROOT / ".cache" / "report-site" / "schema-valid"  # validated.py's, beside mkdocs.yml
        process_cpu(ROOT / "mkdocs.yml", work / "site-plugin", warm)  # unmeasured: bytecode and caches
        process_cpu(plain, work / "site-plain", warm)
        with_plugin: list[float] = []
        without: list[float] = []
        first: list[float] = []
        compiling: list[float] = []
        for i in range(runs):
            sides = [
                (with_plugin, ROOT / "mkdocs.yml", "plugin", warm, ()),
                (without, plain, "plain", warm, ()),
                (first, ROOT / "mkdocs.yml", "plugin-cold", cold, ()),
                (compiling, ROOT / "mkdocs.yml", "plugin-compiling", warm, ("theme_cache=false",)),
            ]
            for times, config, name, env, options in sides if i % 2 == 0 else sides[::-1]:
                if name == "plugin-cold":
                    digests.unlink(missing_ok=True)
                times.append(process_cpu(config, work / f"site-{name}", env, *options))
    return with_plugin, without, first, compiling


def section(
    with_plugin: list[float], without: list[float], first: list[float], compiling: list[float]
) -> str:
    ratios = [a / b for a, b in zip(with_plugin, without, strict=False)]
    cold = [a / b for a, b in zip(first, without, strict=False)]
    own = [a / b for a, b in zip(compiling, without, strict=False)]
    ratio = statistics.median(ratios)
    verdict = "met" if ratio <= TARGET else "**missed**"
    own_verdict = "met" if statistics.median(own) <= TARGET else "**missed**"
    return "\n".join(
        [
            BEGIN,
            "## Whole-process overhead (`mkdocs build`, PDF off)",
            "",
            "Fresh interpreter per build, start-up and imports included, CPU time from the OS "
            "(`getrusage(RUSAGE_CHILDREN)`, so `git` run for page dates counts too); plugin and plain builds alternate. "
            "Both sides run with bytecode already compiled (a shared `PYTHONPYCACHEPREFIX`, filled by one unmeasured "
            "build each), as an installed mkdocs and an editor's second build have it. The headline has the plugin's "
            "caches warm (schema-valid digest, social cards): every rebuild. The last row empties the schema cache "
            "before each build (a first build, or a fresh CI runner: `jsonschema` is imported and the data checked); "
            "the cold cost of the social cards is in `benchmarks/results/cards.md`. The plugin keeps the theme's compiled "
            "templates between builds (`theme_cache`), which plain mkdocs does not: the row with `theme_cache: false` "
            "compiles them as plain mkdocs does, so its ratio is the generator's own work alone.",
            "",
            "| build | median CPU s |",
            "| --- | ---: |",
            f"| with the plugin, caches warm | {statistics.median(with_plugin):.3f} |",
            f"| plain mkdocs, materialised pages | {statistics.median(without):.3f} |",
            f"| with the plugin, schema cache empty | {statistics.median(first):.3f} |",
            f"| with the plugin, `theme_cache: false` (the theme compiled, as plain mkdocs does) | {statistics.median(compiling):.3f} |",
            "",
            f"**Ratio plugin / plain: {ratio:.3f}** (target ≤ {TARGET:.2f}: {verdict}; median of {len(ratios)} pairs: "
            + ", ".join(f"{r:.2f}" for r in ratios)
            + ").",
            f"Schema cache empty: {statistics.median(cold):.3f} ("
            + ", ".join(f"{r:.2f}" for r in cold)
            + ").",
            f"**The generator's own work** (`theme_cache: false` / plain): **{statistics.median(own):.3f}** (≤ {TARGET:.2f}: "
            f"{own_verdict}; " + ", ".join(f"{r:.2f}" for r in own) + ").",
            END,
        ]
    )


def write(text: str, begin: str = BEGIN, end: str = END) -> None:
    """Put ``text`` in RESULTS.md in place of the section between ``begin`` and ``end`` (appended the first time)."""
    old = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    RESULTS.write_text(
        pattern.sub(lambda _: text, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + text + "\n",
        "utf-8",
    )


def main() -> None:
    runs = max(5, int(os.environ.get("BENCH_RUNS", "7")))
    text = section(*measure(runs))
    write(text)
    print(text)


if __name__ == "__main__":
    main()
