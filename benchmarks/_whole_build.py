"""One whole ``mkdocs build`` in a fresh interpreter, PDF off: what the overhead benchmark times from outside.

    python -m benchmarks._whole_build CONFIG SITE_DIR [OPTION=true|false ...]

Nothing else is imported first, so interpreter start-up and every import a build makes
count, as they do for an editor running ``mkdocs build``; the parent reads this process's
CPU time from the OS (``resource.getrusage(RUSAGE_CHILDREN)``). The PDF is turned off on
the loaded config (it is measured by bench_pdf.py), which imports the plugin only when the
config names it. ``OPTION=false`` switches one of the plugin's boolean options (``cards``,
``search_passages``) for a build, so a benchmark can price what that option costs.
"""

from __future__ import annotations

import logging
import os
import sys

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main(config_file: str, site_dir: str, *options: str) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file, site_dir=site_dir)
    if "report-site" in config.plugins:
        plugin_config = config.plugins["report-site"].config
        plugin_config.pdf = False
        for option in options:
            name, _, value = option.partition("=")
            assert name in plugin_config, f"report-site has no option {name!r}"
            plugin_config[name] = value == "true"
    build(config)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
