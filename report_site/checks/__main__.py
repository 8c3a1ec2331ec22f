"""``python -m report_site.checks``: the same as ``report-site test``."""

import sys

from report_site.checks.runner import main

sys.exit(main(sys.argv[1:], prog="python -m report_site.checks"))
