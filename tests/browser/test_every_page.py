"""Every page, in both palettes, at desktop and phone size: the report checks' browser sweep
(``report_site/checks/test_pages.py``) on this repository's report, sharing its ``site`` build."""

from report_site.checks.test_pages import TestDesktop, TestPhone  # noqa: F401 - collected here
