"""The command line: ``report-site`` (``cli``; ``build_site.py`` in this repository).

``build`` (with ``buildlog``, ``locate``, ``sitedir``) runs a build or a check atomically and reproducibly
and says what went wrong on one line each; ``skeleton`` starts a new report project; ``preview`` serves a
built site. The report checks (``checks/``) and the Word import (``wordimport/``) are commands' tools too.
"""
