"""The checks every report runs (``report_site/checks/test_report.py``, ``report-site test``), on this
repository's report; they share the ``site`` build (``report_build`` in conftest.py). A new report passes
them as made: ``tests/test_skeleton.py`` runs them in a project made by ``build_site.py new``."""

from report_site.checks.test_report import *  # noqa: F403 - collected here as this report's tests
