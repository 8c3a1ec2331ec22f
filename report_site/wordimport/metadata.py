"""The report's facts from the Word file (its properties and first page) into mkdocs.yml's ``metadata:``.

The skeleton's mkdocs.yml is edited as a YAML document (ruamel.yaml keeps its comments), so the import's
project differs from a new one only in what the Word file says. A fact the Word file does not give is
written as ``TODO: …``, which the build reports at its line (``sources.metadata_problems``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from . import docxml

#: Words that make a byline an organisation rather than a person.
ORGANISATION_WORDS = re.compile(
    r"\b(office|agency|institute|institut|center|centre|council|commission|department|university|foundation|"
    r"association|committee|government|ministry|bureau|service|board|inc|ltd|llc|gmbh|corporation|"
    r"administration|authority|library|congress|senate|parliament|court|group|project|program|programme)\b",
    re.IGNORECASE,
)
#: Document properties that name the program or account that saved the file, not an author.
NOT_AUTHORS = {
    "python-docx",
    "pandoc",
    "microsoft office user",
    "windows user",
    "user",
    "author",
    "admin",
    "",
}

_DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%b. %d, %Y", "%d.%m.%Y", "%d/%m/%Y")


def todo(what: str) -> str:
    return f"TODO: {what}"


def author(name: str) -> Any:
    """A byline item: an organisation as ``{name: …}``, a person as written."""
    return {"name": name} if ORGANISATION_WORDS.search(name) else name


def parse_date(text: str) -> dt.date | None:
    for candidate in [
        text.strip(),
        *re.findall(r"[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}|\d{4}-\d{2}-\d{2}", text),
    ]:
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


def facts(front: dict[str, list[str]], docx: docxml.Docx) -> dict[str, Any]:
    """title, subtitle, authors, publisher, published, language: from the first page, else the properties."""
    core = docx.core
    out: dict[str, Any] = {}
    out["title"] = (front.get("title") or [core.get("title", "")])[0] or todo(
        "the report's title as set on its cover (the Word file has no Title paragraph or title property)"
    )
    if front.get("subtitle"):
        out["subtitle"] = " ".join(front["subtitle"])
    names = front.get("author") or [
        n.strip()
        for n in re.split(r"[;\n]", core.get("creator", ""))
        if n.strip().casefold() not in NOT_AUTHORS
    ]
    if not names and core.get("company"):
        names = [core["company"]]
    out["authors"] = [author(n) for n in names] or [
        {"name": todo("the authors (a person as `Given Family`, an organisation as `{name: …}`)")}
    ]
    organisations = [a["name"] for a in out["authors"] if isinstance(a, dict) and "TODO" not in a["name"]]
    out["publisher"] = (
        core.get("company")
        or (organisations[0] if len(organisations) == len(out["authors"]) and organisations else "")
        or todo("the organisation that published the report")
    )
    dates = front.get("date") or []
    when = next((d for d in map(parse_date, dates) if d), None)
    if when:
        out["published"] = when
    else:
        said = f" (the Word file's first page says “{dates[0]}”)" if dates else ""
        out["published"] = todo(f"the publication date as YYYY-MM-DD{said}")
    out["language"] = core.get("language") or docx.default_language or "en"
    return out


def mkdocs_yml(skeleton_text: str, meta: dict[str, Any], nav: list[tuple[str, str]]) -> str:
    """The skeleton's mkdocs.yml with this report's site name, metadata and nav."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(skeleton_text)
    data["site_name"] = meta["title"] if not str(meta["title"]).startswith("TODO") else "New Report"
    plugin = next(p["report-site"] for p in data["plugins"] if isinstance(p, dict) and "report-site" in p)
    block = plugin["metadata"]
    for key in ("title", "subtitle", "authors", "publisher", "published", "language"):
        if key not in meta:
            continue
        value = meta[key]
        if key == "authors":
            seq = CommentedSeq()
            for item in value:
                seq.append(CommentedMap(item) if isinstance(item, dict) else item)
                if isinstance(item, dict):
                    seq[-1].fa.set_flow_style()
            value = seq
        if key in block:
            block[key] = value
        else:
            block.insert(list(block).index("title") + 1 if key == "subtitle" else len(block), key, value)
    extensions = data.setdefault("markdown_extensions", CommentedSeq())
    if "sane_lists" not in extensions:
        extensions.append(
            "sane_lists"
        )  # Word's lists: a list restarted at 3 starts at 3; ol and ul kept apart
    data["nav"] = CommentedSeq([CommentedMap([(title, path)]) for title, path in nav])
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
