"""Stage 1, the report's data: ``recommendations.yaml`` and the ``metadata:`` block, loaded and validated.

``loader`` (+ ``validated``) turns the data file into ``model``'s records, every problem at its line;
``metadata`` derives mkdocs' settings from the report's facts; ``language`` and ``labels`` give the
generator's words in the report's language; ``sources`` makes the checks no parser makes; ``dates`` the
rules of the report's later dates.
"""
