"""One build in a fresh interpreter, for the benchmarks: prints a JSON line of timings.

    python -m benchmarks._driver CONFIG SITE_DIR [--profile OUT.prof]

Times ``load_config`` + ``build`` in process, wall and CPU (CPU time is far less
disturbed by other work on a shared machine) (interpreter start-up is the same for
every build and left out) and, when the report-site plugin is in the config, the
time spent inside its event handlers: the generator's own cost, measured directly
rather than as the small difference of two noisy builds. Peak memory is read by the
parent (``os.wait4``), so it covers this whole process.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

HOOKS = (
    "on_config",
    "on_files",
    "on_nav",
    "on_page_markdown",
    "on_page_content",
    "on_page_context",
    "on_post_page",
    "on_env",
    "on_post_build",
    "on_pre_build",
    "on_page_read_source",
)
spent = {"plugin": 0.0, "plugin_cpu": 0.0}
by_hook: dict[str, float] = {}  # CPU seconds per handler


def _timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t, c = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            cpu = time.process_time() - c
            spent["plugin"] += time.perf_counter() - t
            spent["plugin_cpu"] += cpu
            by_hook[fn.__name__] = by_hook.get(fn.__name__, 0.0) + cpu

    return wrapper


def main(argv: list[str]) -> int:
    config_file, site_dir = argv[0], argv[1]
    profile_out = argv[argv.index("--profile") + 1] if "--profile" in argv else None
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from report_site.plugin import ReportSitePlugin

    for name in HOOKS:  # patch the class before mkdocs instantiates it and registers its events
        if name in vars(ReportSitePlugin):
            setattr(ReportSitePlugin, name, _timed(vars(ReportSitePlugin)[name]))

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    profiler = None
    if profile_out:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu_started = time.perf_counter(), time.process_time()
    config = load_config(config_file, site_dir=site_dir)
    if "report-site" in config.plugins and os.environ.get("BENCH_PDF") != "1":
        # The site alone is compared with plain mkdocs; the PDF is measured by bench_pdf.py.
        config.plugins["report-site"].config.pdf = False
    build(config)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile_out))
    print(
        json.dumps(
            {
                "seconds": total,
                "cpu_seconds": cpu,
                "plugin_seconds": spent["plugin"],
                "plugin_cpu_seconds": spent["plugin_cpu"],
                "hooks": by_hook,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
