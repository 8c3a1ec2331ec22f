"""Where a value of mkdocs.yml (or of front matter) is written, from the YAML library's node marks.

Messages about the configuration name the line an editor opens; these helpers find it by composing the
YAML (custom tags such as ``!ENV`` left unresolved), never by counting lines by hand. Used by the data's
own checks (``sources``), the analysis (a date that is no date) and the command's messages (``locate``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: The plugin's name in mkdocs.yml's ``plugins:``.
PLUGIN = "report-site"


class _AnyTagLoader(yaml.SafeLoader):
    """Composes mkdocs.yml with its custom tags (``!ENV``, ``!relative``) left unresolved."""


def compose(config_file: Path) -> Any:
    try:
        return yaml.compose(config_file.read_text("utf-8"), Loader=_AnyTagLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None


def bad_timestamp(yaml_text: str) -> tuple[int, int, str, str] | None:
    """Line, column, text and reason of the first value YAML reads as a date that is no date (``2023-02-30``):
    PyYAML raises a bare ValueError for it, without a position, while loading mkdocs.yml or front matter."""
    try:
        stack = [yaml.compose(yaml_text, Loader=_AnyTagLoader)]
    except (yaml.YAMLError, RecursionError):
        return None
    constructor = yaml.constructor.SafeConstructor()
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                constructor.construct_yaml_timestamp(node)
            except ValueError as exc:
                return node.start_mark.line + 1, node.start_mark.column + 1, node.value, str(exc)
        elif isinstance(node, yaml.SequenceNode):
            stack[:0] = node.value
        elif isinstance(node, yaml.MappingNode):
            stack[:0] = [n for pair in node.value for n in pair]
    return None


def config_position(config_file: Path, path: list[str]) -> tuple[int, int]:
    """Line and column of the deepest key of ``path`` found in ``config_file``."""
    node = compose(config_file)
    best = (1, 1)
    for part in path:
        found = child(node, part)
        if found is None:
            break
        key_node, node = found
        best = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return best


def config_value(config_file: Path, path: list[str]) -> Any:
    """The YAML node of the setting ``path`` in ``config_file`` (None when it is not there): its items keep
    their own lines and whether they were written as text or as a mapping."""
    node = compose(config_file)
    for part in path:
        found = child(node, part)
        if found is None:
            return None
        node = found[1]
    return node


def child(node: Any, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == name:
                return k, v
    if isinstance(node, yaml.SequenceNode):  # plugins: a list of names or one-key mappings
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == name:
                return item, item
            if isinstance(item, yaml.MappingNode) and (hit := child(item, name)):
                return hit
    return None
