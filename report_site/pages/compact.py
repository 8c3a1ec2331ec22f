"""Drop the indentation Material's templates leave between tags.

Material's navigation markup is mostly template indentation (~700 bytes per nav link),
and the nav is repeated on every page, so that whitespace grows with pages × nav
size. Whitespace between two tags that starts with a line break renders exactly like a
single line break (HTML collapses it), so it is replaced by one; text,
attributes, non-breaking spaces and the raw-text elements (``pre``, ``textarea``,
``script``, ``style``) are left as they are. The generator's stylesheets leave without their comments
(``compact_css``): they are most of the plugin's weight in a reader's first view.
"""

from __future__ import annotations

import re

#: The start of an element whose whitespace is content. Case folds in the name only, so the search
#: still skips from one ``<`` to the next (a pattern that is wholly case-insensitive reads every character:
#: 14 M more instructions a build of this report, ``benchmarks/bench_instructions.py``).
_RAW_START = re.compile(r"<((?i:pre|textarea|script|style))\b")
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("pre", "textarea", "script", "style")}
_GAP = re.compile(r">\n[ \t\r\n]*<")  # whitespace between two tags that starts with a line break


def compact_html(html: str) -> str:
    out: list[str] = []
    done = 0  # html[:done] is in out
    at = 0  # where to look for the next raw element
    while start := _RAW_START.search(html, at):
        end = _RAW_END[start.group(1).lower()].search(html, start.end())
        if end is None:  # never closed: not a raw element
            at = start.end()
            continue
        out.append(_GAP.sub(">\n<", html[done : start.start()]))
        out.append(html[start.start() : end.end()])
        done = at = end.end()
    out.append(_GAP.sub(">\n<", html[done:]))
    return "".join(out)


_CSS_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)


def compact_css(css: str) -> str:
    """The generator's own stylesheets without their comments (which say why, for maintainers) and blank
    lines: every reader downloads them on the first view. Only for the package's CSS, which puts no
    comment markers inside strings."""
    return "\n".join(line for line in _CSS_COMMENT.sub("", css).split("\n") if line.strip()) + "\n"
