"""Lighthouse scores of the built site, as a reader's browser would meet it.

Builds the site into a temporary directory, serves it with the gzip preview server
(``report_site.preview``) on loopback, and runs Lighthouse (npm, pinned in
package.json) with Debian's Chromium on the landing page, a chapter and a
recommendation page, mobile (Lighthouse's default, simulated slow 4G and a 4x slower
CPU) and desktop. Writes the four category scores to ``benchmarks/LIGHTHOUSE.md``;
full reports go to ``test-artifacts/lighthouse/`` (git-ignored).

A benchmark, not a test: scores, performance above all, depend on the machine and its
load. Each page runs ``LH_RUNS`` times (default 3) and the run with the median
performance score is reported. Environment: ``CHROMIUM`` (default /usr/bin/chromium),
``LH_RUNS``.

    make bench                          # every benchmark
    .venv/bin/python -m benchmarks lighthouse
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from report_site.commands.preview import PreviewServer

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "LIGHTHOUSE.md"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "Landing": "",
    "Chapter": "introduction/",
    "Recommendation": "recommendations/trilateral-cooperation/",
}
FORMS = ("mobile", "desktop")
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
TARGETS = {
    "performance": {"mobile": 95, "desktop": 100},
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


@dataclass
class Result:
    page: str
    form: str
    scores: dict[str, int]
    metrics: dict[str, str]
    misses: list[str]  # audits that cost points, for the write-up


def chromium() -> str:
    exe = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not Path(exe).is_file():
        sys.exit(f"bench_lighthouse: Chromium not found at {exe}; set CHROMIUM or `apt-get install chromium`")
    return exe


def build(out: Path) -> None:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1678838400"),
    }
    proc = subprocess.run(
        [sys.executable, str(ROOT / "build_site.py"), "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"bench_lighthouse: build failed:\n{proc.stdout}{proc.stderr}")


def lighthouse(url: str, form: str, name: str, exe: str) -> dict:
    """One Lighthouse run; returns the JSON report (the HTML one is kept for people)."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    stem = REPORTS / name
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output=html",
        f"--output-path={stem}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    if form == "desktop":
        cmd.append("--preset=desktop")
    proc = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": exe}, capture_output=True, text=True)
    report = Path(f"{stem}.report.json")
    if proc.returncode != 0 or not report.is_file():
        sys.exit(f"bench_lighthouse: lighthouse failed on {url} ({form}):\n{proc.stderr[-2000:]}")
    return json.loads(report.read_text("utf-8"))


def summarise(page: str, form: str, lhr: dict) -> Result:
    scores = {k: round(lhr["categories"][k]["score"] * 100) for k in CATEGORIES}
    metrics = {label: lhr["audits"][k].get("displayValue", "") for k, label in METRICS.items()}
    misses = []
    for key, cat in lhr["categories"].items():
        for ref in cat["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                misses.append(
                    f"{CATEGORIES[key]}: {audit['title']} ({audit['score']:.2f}"
                    + (f", {audit['displayValue']})" if audit.get("displayValue") else ")")
                )
    return Result(page, form, scores, metrics, misses)


def run_all(base: str, exe: str, runs: int) -> list[Result]:
    results = []
    for form in FORMS:
        for page, path in PAGES.items():
            tries = []
            for i in range(runs):
                name = f"{page.lower()}-{form}-{i + 1}"
                print(f"  lighthouse {form:7} {page:14} run {i + 1}/{runs}", flush=True)
                tries.append(summarise(page, form, lighthouse(base + path, form, name, exe)))
            tries.sort(key=lambda r: r.scores["performance"])
            results.append(tries[len(tries) // 2])
    return results


def versions(exe: str) -> dict[str, str]:
    def out(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"

    from importlib.metadata import version

    lh = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text("utf-8"))["version"]
    return {
        "Lighthouse": lh,
        "Chromium": out([exe, "--version"]).removeprefix("Chromium "),
        "Node": out(["node", "--version"]),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "Python": platform.python_version(),
    }


def machine() -> str:
    mem = cpu = "?"
    try:
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        mem = f"{kib / 1024 / 1024:.0f} GiB"
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores ({cpu}), {mem} memory, {platform.system()} {platform.release()}; load average at start {load}"


def meets(key: str, form: str, score: int) -> bool:
    target = TARGETS[key]
    return score >= int(target[form] if isinstance(target, dict) else target)  # type: ignore[arg-type]


def write(results: list[Result], exe: str, runs: int, started: dt.datetime) -> str:
    lines = [
        "# Lighthouse scores",
        "",
        "Written by `benchmarks/bench_lighthouse.py` (`make bench`); a benchmark, not a test. The site is built",
        "from this checkout and served on loopback by `report_site.preview` (gzip, like a static host).",
        f"Each page ran {runs} time{'s' if runs > 1 else ''}; the run with the median performance score is shown. Mobile is Lighthouse's",
        "default (simulated slow 4G, 4x CPU slowdown, Moto G Power screen); desktop is `--preset=desktop`.",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in versions(exe).items()),
        f"- Chrome flags: `{CHROME_FLAGS}`",
        "- Targets: accessibility, best practices and SEO 100; performance ≥ 95 mobile, 100 desktop",
        "",
        "| Page | Form factor | "
        + " | ".join(CATEGORIES.values())
        + " | "
        + " | ".join(METRICS.values())
        + " |",
        "| --- | --- | "
        + " | ".join("---:" for _ in CATEGORIES)
        + " | "
        + " | ".join("---:" for _ in METRICS)
        + " |",
    ]
    for r in results:
        cells = [f"{s}" if meets(k, r.form, s) else f"**{s}** (below target)" for k, s in r.scores.items()]
        lines.append(
            f"| {r.page} | {r.form} | " + " | ".join(cells) + " | " + " | ".join(r.metrics.values()) + " |"
        )
    misses = [(r, m) for r in results for m in r.misses]
    lines += ["", "## Audits that cost points", ""]
    lines += [f"- {r.page}, {r.form}: {m}" for r, m in misses] or ["None: every scored audit passed."]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, "utf-8")
    return text


def main() -> None:
    if not LIGHTHOUSE.is_file():
        sys.exit("bench_lighthouse: lighthouse missing: run `npm ci` (make bench does)")
    exe = chromium()
    runs = max(1, int(os.environ.get("LH_RUNS", "3")))
    started = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = Path(tmp) / "site"
        build(site)
        with PreviewServer(site) as server:
            results = run_all(server.url, exe, runs)
    print(write(results, exe, runs, started))
    below = [(r.page, r.form, k) for r in results for k, s in r.scores.items() if not meets(k, r.form, s)]
    if below:
        print("below target: " + ", ".join("/".join(b) for b in below), file=sys.stderr)


if __name__ == "__main__":
    main()
