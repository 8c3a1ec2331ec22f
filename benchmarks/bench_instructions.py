"""The overhead in instructions: a count that does not move when the shared machine is busy.

CPU seconds of a ~1 s build vary by ±20 % here as other sessions come and go, so the
median ratio of ``bench_overhead.py`` moves by more than most single improvements. This
benchmark runs the same whole-process builds (``benchmarks._whole_build``, PDF off, bytecode
and the plugin's caches warm) under valgrind's callgrind and reads the number of
instructions each executed: identical from run to run to ~0.1 % (a part priced as the difference
of two builds, ±10 M), so a change's cost or saving can be read directly. It also prices the parts that can be switched off by
configuration (social cards, passage search) and the import of the plugin's modules.
Instructions are not seconds (cache misses and system calls are not counted); the
headline ratio stays the CPU time of ``bench_overhead.py``.

Needs ``valgrind`` (``apt-get install valgrind``); without it this benchmark says so and
writes nothing. About 4 minutes (each build runs ~50× slower under callgrind).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.bench_overhead import ENV, ROOT, TARGET, write
from benchmarks.materialise import materialise

BEGIN, END = "<!-- instructions: benchmarks/bench_instructions.py -->", "<!-- end instructions -->"
#: Imported by a plain build as well: the import row prices only what the plugin adds.
SHARED_IMPORTS = (
    "mkdocs.commands.build, mkdocs.config, mkdocs.config.defaults, mkdocs.theme, material.plugins.search.plugin, "
    "mkdocs.plugins, mkdocs.structure.files, mkdocs.structure.pages, markdown, yaml, jinja2, jinja2.ext, babel, "
    "babel.support, babel.numbers, markupsafe, subprocess, html.parser, backrefs.bre, report_site.labels"
)


def instructions(argv: list[str], env: dict[str, str], cwd: Path) -> int:
    """Instructions executed by ``argv`` (and nothing it starts: git's share is negligible)."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", out.stderr)
    assert match, out.stderr[-2000:]
    return int(match.group(1))


def measure() -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix="report-instructions-") as tmp:
        work = Path(tmp)
        plain = materialise(ROOT / "mkdocs.yml", work / "plain")
        env = {k: v for k, v in ENV.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), XDG_CACHE_HOME=str(work / "cache"))

        def build(name: str, config: Path, *options: str) -> list[str]:
            return [
                sys.executable,
                "-m",
                "benchmarks._whole_build",
                str(config),
                str(work / f"site-{name}"),
                *options,
            ]

        runs = {
            "plugin": build("plugin", ROOT / "mkdocs.yml"),
            "plain": build("plain", plain),
            "plugin, theme_cache off (the theme compiled, as plain mkdocs does)": build(
                "compiling", ROOT / "mkdocs.yml", "theme_cache=false"
            ),
            "plugin, cards off": build("nocards", ROOT / "mkdocs.yml", "cards=false"),
            "plugin, passage search off": build("nosearch", ROOT / "mkdocs.yml", "search_passages=false"),
            "imports shared with a plain build": [sys.executable, "-c", f"import {SHARED_IMPORTS}"],
            "the same, then the plugin's modules": [
                sys.executable,
                "-c",
                f"import {SHARED_IMPORTS}; import report_site.plugin",
            ],
        }
        for argv in (runs["plugin"], runs["plain"]):  # unmeasured: bytecode, schema digest, cards
            subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = dict(
                zip(runs, pool.map(lambda argv: instructions(argv, env, ROOT), runs.values()), strict=False)
            )
        shutil.rmtree(work / "pycache", ignore_errors=True)
    return counts


def section(counts: dict[str, int]) -> str:
    plugin, plain = counts["plugin"], counts["plain"]
    own = counts["plugin, theme_cache off (the theme compiled, as plain mkdocs does)"]
    extra = own - plain
    imports = counts["the same, then the plugin's modules"] - counts["imports shared with a plain build"]
    parts = [
        ("importing the plugin's modules", imports),
        ("social cards (cache warm: keys and copies)", plugin - counts["plugin, cards off"]),
        ("passage search entries", plugin - counts["plugin, passage search off"]),
    ]
    rest = extra - sum(n for _, n in parts)
    verdict = "met" if plugin / plain <= TARGET else "missed"
    own_verdict = "met" if own / plain <= TARGET else "missed"
    return "\n".join(
        [
            BEGIN,
            "## Overhead in instructions (callgrind; deterministic)",
            "",
            "The builds of the overhead benchmark (fresh process, PDF off, bytecode and caches warm) counted in "
            "instructions by valgrind's callgrind, which does not vary with the machine's load (±0.1 % between runs). "
            "Instructions are not seconds; read this for the size of each part and for before/after comparisons.",
            "",
            "| build | instructions (millions) |",
            "| --- | ---: |",
            *(f"| {name} | {n / 1e6:,.0f} |" for name, n in counts.items()),
            "",
            f"**Ratio plugin / plain: {plugin / plain:.3f}** in instructions (target ≤ {TARGET:.2f} in CPU time: {verdict} "
            f"by this measure), the theme's compiled templates kept between builds. **The generator's own work** "
            f"(`theme_cache: false`, the theme compiled as plain mkdocs compiles it): **{own / plain:.3f}** ({own_verdict}). "
            f"Its {extra / 1e6:,.0f} M extra instructions:",
            "",
            "| part | millions | share of the extra |",
            "| --- | ---: | ---: |",
            *(f"| {name} | {n / 1e6:,.0f} | {n / extra:.0%} |" for name, n in parts),
            f"| everything else (scanning the chapters, generated blocks and pages, citations, compaction, …) | {rest / 1e6:,.0f} | {rest / extra:.0%} |",
            END,
        ]
    )


def main() -> None:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind): instruction counts skipped")
        return
    text = section(measure())
    write(text, BEGIN, END)
    print(text)


if __name__ == "__main__":
    main()
