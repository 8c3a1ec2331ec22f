"""The report-level checks every report runs with ``report-site test`` (``make test`` in a report project).

They travel with the generator, so a report project has no test code of its own:

* ``test_report.py``: the strict build warns about nothing; pages, numbers, groupings and links both ways
  follow the data; every link and ``#fragment`` in the site resolves; ``anchors.lock`` is current; the text
  is published verbatim when mkdocs.yml names a ``source_text``.
* ``test_pages.py``: every page in both colour schemes at desktop and phone size, in Chromium: axe-core
  (WCAG 2.2 A/AA and best practices), no sideways scrolling, a working skip link, no request to another
  origin, nothing missing; screenshots of each kind of page in ``test-artifacts/``.

``plugin.py`` holds their fixtures (a pytest plugin, registered by entry point), ``site.py`` the build and
link helpers, ``browser.py`` Chromium and the sweep, ``runner.py`` the command. This repository's own tests
run the same modules on its report (``tests/test_report.py``, ``tests/browser/test_every_page.py``).
"""
