#!/usr/bin/env python3
"""This repository's command: ``report-site`` (``report_site/cli.py``) under the name the docs and hooks use.

    python build_site.py              validate, then build site/ (strict)
    python build_site.py --check      validate without building
    python build_site.py new DIR      start a new report project in DIR

``python build_site.py --help`` lists the rest; a report project runs the same command as ``report-site``.
"""

from __future__ import annotations

import signal
import sys

from report_site.commands import cli

main = cli.entry(prog="build_site.py")

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, cli.terminate)
    sys.exit(main())
