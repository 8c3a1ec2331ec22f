"""Extra outputs of a build: citations, head metadata, open data and the PDF.

Everything here is derived from the same sources as the pages (the report
metadata in mkdocs.yml, the chapters, recommendations.yaml); nothing is copied
by hand. ``publisher.Publisher`` wires these modules to the plugin's events.
"""
