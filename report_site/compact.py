"""Drop the indentation Material's templates leave between tags.

Material's navigation markup is mostly template indentation (~700 bytes per nav link),
and the nav is repeated on every page, so that whitespace grows with pages × nav
size. Whitespace between two tags that starts with a line break renders exactly like a
single line break (HTML collapses it), so it is replaced by one; text,
attributes, non-breaking spaces and the raw-text elements (``pre``, ``textarea``,
``script``, ``style``) are left as they are.
"""

from __future__ import annotations

import re

_RAW = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_GAP = re.compile(r">\n[ \t\r\n]*<")  # whitespace between two tags that starts with a line break


def compact_html(html: str) -> str:
    parts = _RAW.split(html)
    out: list[str] = []
    # split() yields text, then the two groups of each raw element, then text again.
    for i in range(0, len(parts), 3):
        out.append(_GAP.sub(">\n<", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
