"""``python -m report_site``: the ``report-site`` command."""

import sys

from report_site.commands.cli import run

sys.exit(run())
