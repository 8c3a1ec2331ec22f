"""Stage 3, the site's pages: what the generator adds to mkdocs' site and how pages render.

``generate`` makes the recommendation pages and the blocks directives stand for (``render``: Jinja);
``nav`` the reading order and the navigation; ``addresses`` one owner per URL; ``edition`` the dates and
later life a reader sees; ``history``/``gitinfo`` the sitemap's dates; ``repository`` "Edit this page";
``compact`` the published HTML and CSS without template whitespace.
"""
