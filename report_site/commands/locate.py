"""Put mkdocs' messages on a line: ``path:line:column: message`` for what mkdocs logs unlocated.

mkdocs reports a broken link, a nav entry naming a missing page or a bad config value
without a position; the editor needs the line to open. Positions in mkdocs.yml come
from the YAML library's node marks, never from counting lines by hand.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import errors
from ..data.positions import PLUGIN, child, compose, config_position

_DOC_LINK = re.compile(r"^Doc file '(?P<file>[^']+)' contains .*?link '(?P<link>[^']*)'")
_NAV_REF = re.compile(r"^A reference to '(?P<target>[^']+)' is included in the 'nav' configuration")
_NOT_IN_NAV = re.compile(
    r"^The following pages exist in the docs directory, but are not included in the \"nav\" configuration:"
)
_NOT_IN_NAV_ITEM = re.compile(r"^-\s+(?P<page>\S.*)$")
_CONFIG = re.compile(r"^Config value '(?P<key>[^']+)': (?P<rest>.*)$")
_PLUGIN_OPTION = re.compile(r"^Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<rest>.*)$")
_SUB_OPTION = re.compile(r"^Sub-option '(?P<option>[^']+)': (?P<rest>.*)$")


@dataclass
class Locator:
    """Where one build's files are, to turn mkdocs' messages into located lines."""

    config_file: Path | None = None
    docs_dir: Path | None = None

    def lines(self, message: str) -> list[str]:
        """One located line per problem in ``message`` (mkdocs may put several in one record)."""
        parts = [ln.strip() for ln in message.splitlines() if ln.strip()]
        if parts and _NOT_IN_NAV.match(parts[0]):
            return [self.not_in_nav(m["page"]) for p in parts[1:] if (m := _NOT_IN_NAV_ITEM.match(p))]
        return [self.locate(p) for p in parts]

    def not_in_nav(self, page: str) -> str:
        """A chapter missing from ``nav``: pointed at the nav list in mkdocs.yml, where the fix goes."""
        if self.config_file is None:
            return f"{page}:1:1: this page is not listed in `nav`; add it to `nav` in mkdocs.yml"
        line, col = config_position(self.config_file, ["nav"])
        return f"{rel(self.config_file)}:{line}:{col}: `{page}` is not listed in `nav`; add `- {page}` to `nav`, or remove the file"

    def locate(self, message: str) -> str:
        """``path:line:column: message`` for a message mkdocs logs without a position."""
        config_file, docs_dir = self.config_file, self.docs_dir
        problem = errors.parse(message)
        if problem:
            if config_file is not None and "recommendations file does not exist" in problem.message:
                line, col = config_position(config_file, ["plugins", PLUGIN, "recommendations"])
                return f"{rel(config_file)}:{line}:{col}: the recommendations file `{problem.path}` does not exist; create it or correct this setting"
            return message
        m = _DOC_LINK.match(message)
        if m and docs_dir is not None:
            where = _find_text(docs_dir / m["file"], [f"({m['link']}", f"]({m['link']}", m["link"]])
            if where:
                return f"{rel(docs_dir / m['file'])}:{where[0]}:{where[1]}: {_missing_file(message, m, docs_dir)}"
        m = _NAV_REF.match(message)
        if m and config_file is not None:
            where = _nav_entry(config_file, m["target"])
            if where:
                return f"{rel(config_file)}:{where[0]}:{where[1]}: {message}"
        m = _CONFIG.match(message)
        if m and config_file is not None:
            return _locate_config(m["key"], m["rest"], config_file)
        return message


#: What a link to a missing file names when it is a picture (an image, or a figure a chapter shows).
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"}


def _missing_file(message: str, m: re.Match[str], docs_dir: Path) -> str:
    """mkdocs' sentence about a link to a file (not a page) that is not in the docs directory, said as what
    to do: the path it looked for, and where to put the file."""
    target = m["link"].split("#", 1)[0].split("?", 1)[0]
    if "target is not found" not in message or not target or target.endswith(".md") or "://" in target:
        return message
    looked_for = os.path.normpath((docs_dir / m["file"]).parent / target)
    kind = "image" if Path(target).suffix.lower() in IMAGE_SUFFIXES else "file"
    return (
        f"the {kind} `{m['link']}` is not in the docs folder (there is no {rel(Path(looked_for))}); add the "
        f"file under {rel(docs_dir)}/ or fix the path (it is relative to {rel(docs_dir / m['file'])})"
    )


def _locate_config(key: str, rest: str, config_file: Path) -> str:
    path: list[str] = [key]
    m = _PLUGIN_OPTION.match(rest)
    if m:
        path += [m["plugin"], m["option"]]
        rest = m["rest"]
        s = _SUB_OPTION.match(rest)
        if s:
            path.append(s["option"])
            rest = s["rest"]
    elif p := re.match(r'^The "(?P<plugin>[^"]+)" plugin is not installed', rest):
        path.append(p["plugin"])
    line, col = config_position(config_file, path)
    label = ".".join(path)
    rest = re.sub(r"<class '([\w.]+)'>", lambda c: c.group(1).rsplit(".", 1)[-1], rest)
    if "Unrecognised configuration name" in rest:
        hint = errors.nearest(path[-1], _plugin_options(path))
        rest += (
            f"; did you mean `{hint}`?" if hint else "; check the spelling against the plugin's documentation"
        )
    elif "Expected type: date" in rest:
        rest += "; write the date as YYYY-MM-DD"
    return f"{rel(config_file)}:{line}:{col}: `{label}`: {rest}"


def _plugin_options(path: list[str]) -> list[str]:
    """Option names a plugin declares, for a "did you mean" on a misspelt one."""
    if len(path) != 3 or path[0] != "plugins":
        return []
    try:
        from mkdocs.plugins import get_plugins

        plugin_class = get_plugins()[path[1]].load()
        return [name for name, _ in plugin_class.config_class._schema]
    except Exception:
        return []


def _nav_entry(config_file: Path, target: str) -> tuple[int, int] | None:
    """Line and column of the ``nav`` entry whose value is ``target`` (from the YAML nodes)."""
    node = compose(config_file)
    found = child(node, "nav")
    stack = [found[1]] if found else []
    while stack:
        item = stack.pop(0)
        if isinstance(item, yaml.ScalarNode) and item.value == target:
            return item.start_mark.line + 1, item.start_mark.column + 1
        if isinstance(item, yaml.SequenceNode):
            stack[:0] = item.value
        elif isinstance(item, yaml.MappingNode):
            stack[:0] = [v for _, v in item.value]
    return None


def _find_text(path: Path, needles: list[str]) -> tuple[int, int] | None:
    try:
        lines = errors.split_lines(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    for needle in needles:
        for i, line in enumerate(lines):
            if needle and needle in line:
                return i + 1, line.index(needle) + needle.index(needles[-1]) + 1
    return None


def config_syntax(text: str, config_file: Path) -> str:
    """mkdocs' multi-line YAML error about mkdocs.yml, as one located line."""
    marks = re.findall(r"line (\d+), column (\d+)", text)
    body = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("in ")]
    body = [re.sub(r"^MkDocs encountered an error parsing the configuration file: ", "", ln) for ln in body]
    line, col = marks[-1] if marks else ("1", "1")
    try:
        line, col = errors.on_a_line(config_file.read_text("utf-8"), int(line), int(col))
    except (OSError, UnicodeDecodeError):
        pass
    what = "; ".join(body[-1:] or ["invalid YAML"])
    hint = (
        "a `[`, `{` or quote opened on this line or above is never closed; close it"
        if "<stream end>" in what or "end of stream" in what
        else "check the indentation and quoting"
    )
    return f"{rel(config_file)}:{line}:{col}: YAML syntax error: {what}; {hint}"


def rel(path: Path) -> str:
    """A path as an editor sees it: relative to the working directory unless far away."""
    try:
        out = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if out.startswith("../../") else out
