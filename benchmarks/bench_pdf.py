"""How long the full-report PDF adds to a build: real builds with and without it, median of 3.

Writes ``benchmarks/results/pdf.md`` (committed). Timings depend on the machine and its load.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def _build(out: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--site-dir", str(out), *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with_pdf = [_build(Path(tmp) / f"a{i}") for i in range(RUNS)]
        without = [_build(Path(tmp) / f"b{i}", "--no-pdf") for i in range(RUNS)]
        pdf = Path(tmp) / "a0" / "peninsula-plus.pdf"
        pages, size = len(PdfReader(pdf).pages), pdf.stat().st_size
    a, b = statistics.median(with_pdf), statistics.median(without)
    lines = [
        "# PDF build time",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; median of {RUNS} "
        "runs of `build_site.py` (wall clock, process start included).",
        "",
        "| Build | Median (s) | Runs (s) |",
        "| --- | --- | --- |",
        f"| with PDF | {a:.1f} | {', '.join(f'{t:.1f}' for t in with_pdf)} |",
        f"| `--no-pdf` | {b:.1f} | {', '.join(f'{t:.1f}' for t in without)} |",
        "",
        f"The PDF: {pages} pages, {size / 1024:.0f} KiB; it adds about {a - b:.1f} s to a build.",
        "",
    ]
    target = ROOT / "benchmarks" / "results" / "pdf.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines), "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
