"""How long ``build_site.py --check`` takes: the validation itself, the check, the command.

* validation: the plugin's own work (load and validate the YAML, parse every chapter,
  resolve references), in-process after a warm-up;
* check: ``report_site.build.check`` (adds mkdocs' config loading and its plugins'
  ``on_config``; what the command prints as ``OK: … (0.10 s)``);
* command: the whole ``python build_site.py --check`` (adds start-up and imports).

Results go to ``test-artifacts/bench-check.json``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 15


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from report_site.commands import build

    config = ROOT / "mkdocs.yml"
    build.check(config)  # warm-up: imports, schema, templates
    own: list[float] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        build.check(config)
        own.append(time.perf_counter() - started)
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from report_site.chapters import analysis

    cfg = load_config(str(config))
    cfg = cfg.plugins.on_config(cfg)
    files = get_files(cfg)
    plugin = cfg.plugins["report-site"]
    validation = []
    for _ in range(RUNS):
        started = time.perf_counter()
        plugin.last_analysis = analysis.LastAnalysis()  # type: ignore[attr-defined]  # time the analysis, not its reuse
        plugin._analyse(files, cfg)  # type: ignore[attr-defined]
        validation.append(time.perf_counter() - started)
    command = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "build_site.py"), "--check"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        command.append(time.perf_counter() - started)
    result = {
        "validation_median_s": round(statistics.median(validation), 4),
        "own_work_median_s": round(statistics.median(own), 4),
        "own_work_max_s": round(max(own), 4),
        "command_median_s": round(statistics.median(command), 4),
        "runs": RUNS,
    }
    out = ROOT / "test-artifacts" / "bench-check.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    print(
        f"validation: median {result['validation_median_s'] * 1000:.1f} ms; "
        f"check: median {result['own_work_median_s'] * 1000:.0f} ms (max {result['own_work_max_s'] * 1000:.0f} ms); "
        f"whole command: median {result['command_median_s'] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
