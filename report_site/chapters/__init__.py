"""Stage 2, the chapters: read with the passage engine, then resolved against the data.

``scanner`` parses each chapter as mkdocs will (with ``passages``) and places every finding on its line;
``anchors`` keeps published paragraph addresses (``anchors.lock``); ``references`` ties passages to
recommendations and numbers notes, figures and tables across the report; ``analysis`` runs stage 1 and
this stage in one call and raises every problem at once.
"""
