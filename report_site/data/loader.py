"""Load ``recommendations.yaml`` into the model, or report every problem with its line.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of
duplicate keys, so the file is composed into nodes first: each value keeps its line,
and duplicates are caught. Structure is checked by the JSON Schema shipped with the
package (the same file editors' YAML language servers read, and the fields the model
is built from), meaning (unique ids, known focus areas) is checked here. Every
problem found is raised together, each once, as one line an editor can act on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import Problem, ReportError, decode, nearest, on_a_line
from . import dates, validated
from .model import DEFAULT_STATUSES, FocusArea, Recommendation, Report, Status, StatusUpdate
from .sources import bad_character

if TYPE_CHECKING:
    import jsonschema

Pointer = tuple[Any, ...]
Lines = dict[Pointer, tuple[int, int]]

#: Nodes converted at most: aliases can make a small file expand enormously.
MAX_NODES = 50_000
#: Nesting levels at most: deeper YAML exhausts the parser's recursion, and no report needs it.
MAX_DEPTH = 50
#: Bytes at most: a recommendations file is a few kilobytes; a huge one is a mistake, said as such.
MAX_BYTES = 5_000_000
KEY = "<key>"  # pointer suffix for where a mapping key (rather than its value) sits


@lru_cache(maxsize=1)
def schema_text() -> str:
    return resources.files("report_site").joinpath("schemas/recommendations.schema.json").read_text("utf-8")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(schema_text())


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    """Built once per process (``mkdocs serve`` reuses it); jsonschema is imported only here."""
    import jsonschema

    standard = jsonschema.Draft202012Validator.VALIDATORS["type"]

    def type_(validator: Any, types: Any, instance: Any, subschema: dict[str, Any]) -> Any:
        """YAML reads an unquoted ``2024-01-10`` as a date, which JSON writes as text: where the schema
        wants a date written as text (``format: date``), a date is that text."""
        if subschema.get("format") == "date" and type(instance) is dt.date:
            return
        yield from standard(validator, types, instance, subschema)

    validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"type": type_})
    return validator(schema())


def fields(definition: str) -> dict[str, Any]:
    """The properties the schema allows for ``definition`` (``recommendation``, ``focusArea``)."""
    return schema()["$defs"][definition]["properties"]


def load(
    path: str | Path,
    display: str | None = None,
    cache: Path | None = None,
    *,
    published: dt.date | None = None,
    latest: dt.date | None = None,
) -> Report:
    """Read, validate and build the report's recommendations; raise ``ReportError``.

    ``published`` and ``latest`` bound the dates of status updates (``dates.problem``)."""
    path = Path(path)
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(
            [
                Problem(
                    name,
                    1,
                    "the recommendations file does not exist; create it or fix `recommendations:` under `report-site` in mkdocs.yml",
                )
            ]
        ) from None
    except OSError as exc:
        raise ReportError(
            [Problem(name, 1, f"cannot read the recommendations file: {exc.strerror}")]
        ) from None
    return parse(raw, name, cache, published=published, latest=latest)


def parse(
    raw: bytes | str,
    name: str,
    cache: Path | None = None,
    *,
    published: dt.date | None = None,
    latest: dt.date | None = None,
) -> Report:
    """Validate the document text; every problem found is raised together. ``cache``: the folder where
    digests of files that passed the schema are kept (``validated.py``); None checks every time."""
    if len(raw) > MAX_BYTES:  # before parsing: a huge file would otherwise meet the alias limit first
        raise ReportError(
            [
                Problem(
                    name,
                    1,
                    f"the file is {len(raw) / 1e6:.1f} MB, more than a recommendations file can be ({MAX_BYTES // 1_000_000} MB at most); check that this is the right file",
                )
            ]
        )
    text = decode(raw, name) if isinstance(raw, bytes) else raw
    data, lines = _compose(text, name)
    key = validated.digest(schema_text(), text)
    problems = [] if validated.seen(key, cache) else _schema_problems(data, lines, name)
    report, semantic = _build(data, lines, name, published, latest)
    problems += semantic
    if problems or report is None:
        raise ReportError(problems or [Problem(name, 1, "invalid recommendations file")])
    validated.remember(key, cache)
    return report


# --- YAML → Python, remembering lines -------------------------------------------------


def _compose(text: str, name: str) -> tuple[Any, Lines]:
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise ReportError(
            [
                Problem(
                    name, 1, "the file is empty; it needs a `focus_areas:` list and a `recommendations:` list"
                )
            ]
        )
    if (deep := too_deep(text)) is not None:
        raise ReportError(
            [
                Problem(
                    name,
                    deep[0],
                    f"the data is nested more than {MAX_DEPTH} levels deep here; check the brackets and indentation",
                    deep[1],
                )
            ]
        )
    try:
        node = _compose_nodes(text)
    except yaml.MarkedYAMLError as exc:
        raise ReportError([_syntax_problem(exc, name, text)]) from None
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise ReportError(
            [
                Problem(
                    name,
                    line,
                    f"the file contains the control character {char}, which YAML does not allow; delete it",
                    col,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        raise ReportError([Problem(name, 1, f"YAML error: {' '.join(str(exc).split())}")]) from None
    if node is None:
        raise ReportError(
            [
                Problem(
                    name, 1, "the file is empty; it needs a `focus_areas:` list and a `recommendations:` list"
                )
            ]
        )
    converter = _Converter(name)
    data = converter.convert(node, ())
    if converter.problems:
        raise ReportError(converter.problems)
    return data, converter.lines


def too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting first exceeds ``MAX_DEPTH`` (PyYAML's event parser does not recurse;
    its composer and our converter do, so this is checked before either runs)."""
    if text.count("[") + text.count("{") + text.count("-") + text.count(":") < MAX_DEPTH:
        return None  # too few openers to nest that deep: skip the second parse
    for loader in dict.fromkeys([getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader]):
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    depth += 1
                    if depth > MAX_DEPTH:
                        return event.start_mark.line + 1, event.start_mark.column + 1
                elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    depth -= 1
            return None
        except yaml.YAMLError:
            continue  # libyaml stops at its own depth limit: read again by PyYAML's parser
    return None  # a syntax error: reported by the composer with its own message


def _compose_nodes(text: str) -> yaml.Node | None:
    """Nodes with positions, by libyaml when present (for ``--check`` in a pre-commit hook);
    a file it rejects is read again by PyYAML's own parser, whose messages (and so ours)
    stay the same whichever is installed."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = on_a_line(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = " ".join((exc.problem or "invalid YAML").split())
    context = " ".join((exc.context or "").split())
    if "found another document" in what:
        return Problem(
            name,
            line,
            "the file holds more than one YAML document; remove this `---` line and what follows, or merge the documents",
            col,
        )
    if "'\\t'" in what:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in what:
        hint = "a value containing `: ` must be quoted, or the line is indented wrongly"
    elif "undefined alias" in what:
        hint = "text starting with `*` must be quoted; an alias `*name` needs an anchor `&name` before it"
    elif (
        "expected <block end>, but found '<block mapping start>'" in what
        or "expected <block end>, but found '<block sequence start>'" in what
    ):
        return Problem(
            name,
            line,
            "YAML syntax error: this line is indented differently from the lines above it; indent it like the other keys at its level (with spaces)",
            col,
        )
    elif "expected <block end>, but found '<scalar>'" in what:
        return Problem(
            name,
            line,
            "YAML syntax error: text continues after a closing quote; inside '…' write an apostrophe as '' (or use \"…\")",
            col,
        )
    elif "could not find expected ':'" in what:
        hint = "each key needs a `: ` after it; check the quoting and indentation of the lines above"
    elif exc.context_mark and context and exc.context_mark.line != line - 1:
        hint = f"check {_CONTEXTS.get(context, 'the block')} that starts at line {exc.context_mark.line + 1} (quotes and brackets must be closed)"
    elif context in _CONTEXTS and ("end of stream" in what or "<stream end>" in what):
        hint = f"close {_CONTEXTS[context]} on this line (quotes and brackets must be closed)"
    else:
        hint = "check the indentation and quoting on this line"
    return Problem(name, line, f"YAML syntax error: {what}; {hint}", col)


_CONTEXTS = {
    "while parsing a flow sequence": "the `[…]` list",
    "while parsing a flow mapping": "the `{…}` mapping",
    "while scanning a quoted scalar": "the quoted text",
    "while parsing a block mapping": "the mapping",
    "while parsing a block collection": "the list",
    "while scanning a simple key": "the key",
}


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


class _Converter:
    """Turn composed nodes into plain Python, recording each value's line and column."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: Lines = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.active: set[int] = set()
        self._scalars: yaml.SafeLoader | None = None

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(
            Problem(self.name, node.start_mark.line + 1, message, node.start_mark.column + 1)
        )

    def convert(self, node: yaml.Node, at: Pointer) -> Any:
        self.lines.setdefault(at, (node.start_mark.line + 1, node.start_mark.column + 1))
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self.problem(
                    node,
                    f"the file expands to more than {MAX_NODES} values (through aliases?); write the data out plainly",
                )
            return None
        if id(node) in self.active:
            self.problem(node, "this alias refers to the list or mapping that contains it; remove the alias")
            return None
        if isinstance(node, yaml.MappingNode):
            self.active.add(id(node))
            try:
                return self.mapping(node, at)
            finally:
                self.active.discard(id(node))
        if isinstance(node, yaml.SequenceNode):
            self.active.add(id(node))
            try:
                return [self.convert(v, at + (i,)) for i, v in enumerate(node.value)]
            finally:
                self.active.discard(id(node))
        return self.scalar(node, at)

    def mapping(self, node: yaml.MappingNode, at: Pointer) -> dict[str, Any]:
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node, "a key must be plain text, not a list or mapping; check the indentation"
                )
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node, "YAML merge keys (`<<:`) are not supported here; write the fields out in full"
                )
                continue
            if key in seen:
                more = ", or start a new item with `- `" if at and isinstance(at[-1], int) else ""
                self.problem(
                    key_node, f"duplicate key `{key}` (first at line {seen[key]}); keep one of them{more}"
                )
                continue
            seen[key] = line
            self.lines[at + (key, KEY)] = (line, key_node.start_mark.column + 1)
            out[key] = self.convert(value_node, at + (key,))
        return out

    def scalar(self, node: yaml.Node, at: Pointer = ()) -> Any:
        """One constructor serves every scalar (a new one per value made big files slow);
        it is replaced after a failure so no half-built state leaks into the next value."""
        if self._scalars is None:
            self._scalars = yaml.SafeLoader("")
        try:
            value = self._scalars.construct_object(node, deep=True)
            if isinstance(value, str) and (bad := bad_character(value)):
                self.problem(node, f"the text contains {bad}, which cannot be published; delete it")
                return None
            return value
        except yaml.constructor.ConstructorError as exc:
            if "could not determine a constructor" in str(exc.problem):
                self.problem(
                    node,
                    f"unknown YAML tag `{node.tag.replace('tag:yaml.org,2002:', '!!')}`; remove it (values here are plain text, lists and mappings)",
                )
            else:
                self.problem(
                    node,
                    f"cannot read the value `{_clip(node.value)}`: {' '.join(str(exc.problem).split())}; fix it or quote it as text",
                )
        except Exception as exc:
            if at[-1:] == ("date",) and node.tag == "tag:yaml.org,2002:timestamp":
                self.problem(node, f"{_describe(at)} {dates.not_a_day(str(node.value))}")
            else:
                self.problem(
                    node,
                    f"cannot read the value `{_clip(node.value)}` as {_tag(node.tag)} ({' '.join(str(exc).split())}); fix it or quote it as text",
                )
        self._scalars.dispose()
        self._scalars = None
        return None


def _clip(value: Any, width: int = 40) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _tag(tag: str) -> str:
    return {
        "tag:yaml.org,2002:timestamp": "a date",
        "tag:yaml.org,2002:float": "a number",
        "tag:yaml.org,2002:int": "a number",
    }.get(tag, f"`{tag}`")


# --- structure: the JSON Schema -------------------------------------------------------


def _line(lines: Lines, at: Pointer) -> tuple[int, int]:
    while at not in lines and at:
        at = at[:-1]
    return lines.get(at, (1, 1))


def _describe(at: Pointer) -> str:
    out = ""
    for part in at:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


#: Which schema failure speaks first when one value breaks several rules.
_PRIORITY = {"type": 0, "required": 1, "additionalProperties": 1, "minLength": 2, "pattern": 3, "minItems": 2}


def _schema_problems(data: Any, lines: Lines, name: str) -> list[Problem]:
    if not isinstance(data, dict):
        line, col = _line(lines, ())
        return [
            Problem(
                name,
                line,
                f"the file must be a mapping with `focus_areas:` and `recommendations:`, not {described(json_type(data))}",
                col,
            )
        ]
    by_path: dict[Pointer, list[jsonschema.ValidationError]] = defaultdict(list)
    for err in _validator().iter_errors(data):
        by_path[tuple(err.absolute_path)].append(err)
    problems: list[Problem] = []
    for at, errors in by_path.items():
        errors.sort(key=lambda e: _PRIORITY.get(str(e.validator), 9))
        unknown = [e for e in errors if e.validator == "additionalProperties"]
        required = [e for e in errors if e.validator == "required"]
        if unknown or required:
            problems += _key_problems(at, unknown, required, lines, name)
            continue
        problems.append(_value_problem(at, errors[0], lines, name))
    return problems


def _key_problems(at: Pointer, unknown: list, required: list, lines: Lines, name: str) -> list[Problem]:
    """Unknown and missing keys of one mapping, read together: a misspelt key is one problem."""
    instance = (unknown or required)[0].instance
    allowed = list((unknown or required)[0].schema.get("properties", {}))
    missing = [k for k in (unknown or required)[0].schema.get("required", []) if k not in instance]
    where = _describe(at)
    problems = []
    explained: set[str] = set()
    for key in [k for k in instance if k not in allowed] if unknown else []:
        candidates = [k for k in allowed if k not in instance]
        hint = nearest(str(key).lower(), candidates)
        if hint:
            explained.add(hint)
            fix = f"did you mean `{hint}`?"
        else:
            fix = f"allowed keys: {', '.join(allowed)}"
        line, col = lines.get(at + (key, KEY), _line(lines, at))
        problems.append(
            Problem(
                name, line, f"unknown key `{key}` {'in ' + where if at else 'at the top level'}; {fix}", col
            )
        )
    line, col = _line(lines, at)
    for key in missing:
        if key not in explained:
            problems.append(
                Problem(name, line, f"{where} is missing the required field `{key}`; add `{key}: …`", col)
            )
    return problems


def _value_problem(at: Pointer, err: jsonschema.ValidationError, lines: Lines, name: str) -> Problem:
    where = _describe(at)
    line, col = _line(lines, at)
    kw, value = err.validator, err.instance
    if (kw == "type" and value is None) or (
        isinstance(value, str) and kw in ("minLength", "pattern") and not value.strip()
    ):
        optional = (
            len(at) == 3
            and at[0] == "recommendations"
            and at[2] not in schema()["$defs"]["recommendation"]["required"]
        )
        text_fix = "write the text, or remove the line (it is optional)" if optional else "write the text"
        msg = (
            f"{where} is empty; {text_fix}"
            if "string" in str(err.validator_value) or kw != "type"
            else f"{where} is empty; it must be {described(err.validator_value)}"
        )
        if kw == "type" and err.validator_value == "array":
            msg = f"{where} is empty; list at least one item"
    elif err.schema.get("format") == "date" and kw in ("type", "pattern"):
        msg = f"{where} {dates.not_a_day(str(value))}"
    elif err.schema.get("format") == "uri" and kw in ("type", "pattern"):
        msg = f"{where} `{_clip(value)}` is not a web address; write it in full, starting with https://"
    elif kw == "anyOf" and at[-1:] == ("source",):
        return _source_problem(at, err, lines, name)
    elif kw == "type":
        msg = f"{where} must be {described(err.validator_value)}, not {described(json_type(value))}"
        if err.validator_value == "string" and not isinstance(value, (dict, list)):
            msg += "; put the value in quotes"
        elif err.validator_value == "array" and isinstance(value, str):
            msg += f"; write it as a list: `[{value.strip('[] ')}]`"
        elif err.validator_value == "array":
            msg += "; write the items on lines starting with `- `"
        elif err.validator_value == "object" and len(at) == 2:
            msg += "; write each item as `- id: …` with its fields indented below"
    elif kw == "pattern" and str(err.validator_value).startswith("^[a-z0-9]"):
        msg = f"{where} `{value}` is not a URL-safe id; use lowercase letters, digits and single hyphens, e.g. `{slug_hint(value)}`"
    elif kw == "not" and "enum" in err.validator_value:
        msg = f"{where} `{value}` is reserved (the generator publishes its own page at that address); choose another id"
    elif kw == "maxLength":
        msg = f"{where} is too long ({len(value)} characters, at most {err.validator_value}); shorten it"
    elif kw == "minItems":
        msg = f"{where} is empty; list at least one item"
    elif kw == "uniqueItems":
        dup = next(v for i, v in enumerate(value) if v in value[:i])
        line, col = _line(lines, at + (max(i for i, v in enumerate(value) if v == dup),))
        msg = f"{where} lists `{dup}` twice; remove the repeat"
    else:  # pragma: no cover - a rule added to the schema without a message here
        msg = f"{where}: {err.message}"
    return Problem(name, line, msg, col)


def _source_problem(at: Pointer, err: jsonschema.ValidationError, lines: Lines, name: str) -> Problem:
    """``source:`` is a URL or a list of them: say which of the two went wrong, at the item that did."""
    value = err.instance
    line, col = _line(lines, at)
    if isinstance(value, str):
        msg = (
            f"{_describe(at)} `{_clip(value)}` is not a web address; write it in full, starting with https://"
        )
    elif isinstance(value, list) and value:
        item = next((e for e in err.context or [] if e.relative_path), None)
        if item is not None:
            index = item.relative_path[0]
            line, col = _line(lines, at + (index,))
            msg = f"{_describe(at + (index,))} `{_clip(value[index])}` is not a web address; write it in full, starting with https://"
        else:
            dup = next((v for i, v in enumerate(value) if v in value[:i]), value[0])
            line, col = _line(lines, at + (max(i for i, v in enumerate(value) if v == dup),))
            msg = f"{_describe(at)} lists `{_clip(dup)}` twice; remove the repeat"
    elif isinstance(value, list):
        msg = f"{_describe(at)} is empty; give a web address or remove the line (it is optional)"
    else:
        msg = f"{_describe(at)} must be a web address (https://…) or a list of them, not {described(json_type(value))}"
    return Problem(name, line, msg, col)


def json_type(value: Any) -> str:
    """The JSON Schema type name of a YAML value (what the schema's ``type`` speaks of)."""
    if isinstance(value, bool):
        return "boolean"
    if hasattr(value, "isoformat"):
        return "date"
    return {
        dict: "object",
        list: "array",
        str: "string",
        int: "integer",
        float: "number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def described(kind: Any) -> str:
    """A JSON Schema type (or list of types) in an editor's words: "a mapping", "a list", "text"."""
    names = {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "null": "empty",
        "integer": "a number",
        "number": "a number",
        "boolean": "true/false",
        "date": "a date",
    }
    if isinstance(kind, list):
        return " or ".join(names.get(str(k), str(k)) for k in kind)
    return names.get(kind, str(kind))


def slug_hint(value: Any) -> str:
    """A URL-safe id close to ``value``, to suggest in a message."""
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")[:64].strip("-") or "my-recommendation"


# --- meaning: unique ids, known focus areas; then the model ---------------------------


def _items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    items = data.get(key) if isinstance(data, dict) else None
    return [(i, v) for i, v in enumerate(items) if isinstance(v, dict)] if isinstance(items, list) else []


def _unique_ids(
    data: Any,
    key: str,
    what: str,
    lines: Lines,
    name: str,
    problems: list[Problem],
    field: str = "id",
    fix: str = "ids must be unique",
) -> dict[str, int]:
    """The values of ``field`` in the items under ``key`` (value → line); a repeated value is a problem."""
    ids: dict[str, int] = {}
    for i, item in _items(data, key):
        item_id = item.get(field)
        if not isinstance(item_id, str):
            continue
        line, col = _line(lines, (key, i, field))
        if item_id in ids:
            problems.append(
                Problem(
                    name, line, f"duplicate {what} `{item_id}` (first at line {ids[item_id]}); {fix}", col
                )
            )
        else:
            ids[item_id] = line
    return ids


def _build(
    data: Any, lines: Lines, name: str, published: dt.date | None = None, latest: dt.date | None = None
) -> tuple[Report | None, list[Problem]]:
    """Check what the schema cannot (uniqueness, cross-references, dates) on whatever is readable."""
    problems: list[Problem] = []
    areas = _unique_ids(data, "focus_areas", "focus area id", lines, name, problems)
    statuses = _unique_ids(data, "statuses", "status id", lines, name, problems)
    if not (isinstance(data, dict) and "statuses" in data):
        statuses = {s.id: 0 for s in DEFAULT_STATUSES}
    _unique_ids(data, "recommendations", "recommendation id", lines, name, problems)
    labels = _unique_ids(
        data, "recommendations", "label", lines, name, problems, "label", "each recommendation needs its own"
    )
    uses_areas = False
    for i, item in _items(data, "recommendations"):
        uses_areas = uses_areas or bool(item.get("focus_areas"))
        listed = item.get("focus_areas")
        for j, area in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(area, str) and areas and area not in areas:
                hint = nearest(area, areas)
                fix = (
                    f"did you mean `{hint}`?"
                    if hint
                    else f"use one of the ids under `focus_areas:` ({', '.join(areas)})"
                )
                line, col = _line(lines, ("recommendations", i, "focus_areas", j))
                problems.append(
                    Problem(
                        name,
                        line,
                        f"unknown focus area `{area}` in {_describe(('recommendations', i))}; {fix}",
                        col,
                    )
                )
        problems += _update_problems(i, item, statuses, lines, name, published, latest)
    for i, item in _items(data, "recommendations"):
        shown = str(i + 1)  # what an unlabelled recommendation is called: its position
        if not isinstance(item.get("label"), str) and shown in labels:
            line, col = _line(lines, ("recommendations", i))
            problems.append(
                Problem(
                    name,
                    line,
                    f"recommendation `{item.get('id')}` has no `label:`, so it is shown as number {shown}, like "
                    f"the recommendation labelled `{shown}` at line {labels[shown]}; give it a `label:` of its own",
                    col,
                )
            )
    if uses_areas and isinstance(data, dict) and "focus_areas" not in data:
        problems.append(
            Problem(name, 1, "the file is missing the required field `focus_areas`; add `focus_areas: …`", 1)
        )
    if problems or not isinstance(data, dict):
        return None, problems
    try:
        return _model(data, lines, name), problems
    except (KeyError, TypeError, AttributeError, ValueError):
        return None, problems  # the schema problems already say why


def _update_problems(
    i: int,
    item: dict[str, Any],
    statuses: dict[str, int],
    lines: Lines,
    name: str,
    published: dt.date | None,
    latest: dt.date | None,
) -> list[Problem]:
    """A recommendation's history: known statuses, real dates after publication and not in the
    future, oldest first (each update's first problem only: one fix at a time per line)."""
    updates = item.get("updates")
    out: list[Problem] = []
    previous: tuple[dt.date, int] | None = None
    for j, update in enumerate(updates if isinstance(updates, list) else []):
        if not isinstance(update, dict):
            continue
        at = ("recommendations", i, "updates", j)
        status = update.get("status")
        if isinstance(status, str) and statuses and status not in statuses:
            hint = nearest(status, statuses)
            listed = "under `statuses:`" if any(statuses.values()) else "of the default statuses"
            fix = (
                f"did you mean `{hint}`?" if hint else f"use one of the ids {listed} ({', '.join(statuses)})"
            )
            line, col = _line(lines, at + ("status",))
            out.append(Problem(name, line, f"unknown status `{status}` in {_describe(at)}; {fix}", col))
        raw = update.get("date")
        day = raw if type(raw) is dt.date else dates.parse(raw) if isinstance(raw, str) else None
        line, col = _line(lines, at + ("date",))
        where = _describe(at + ("date",))
        if day is None:
            if isinstance(raw, str) and dates.ISO_DATE.match(
                raw.strip()
            ):  # the form is right: the day is not
                out.append(Problem(name, line, f"{where} {dates.not_a_day(raw)}", col))
            continue  # otherwise the schema (or the YAML reader) says what is wrong
        if why := dates.problem(day, published, latest):
            out.append(Problem(name, line, f"{where} {day.isoformat()} {why}", col))
        elif previous is not None and day < previous[0]:
            out.append(
                Problem(
                    name,
                    line,
                    f"{where} {day.isoformat()} is earlier than the update before it ({previous[0].isoformat()}, "
                    f"line {previous[1]}); list updates oldest first, the current status last",
                    col,
                )
            )
        previous = (day, line)
    return out


def _model(data: dict[str, Any], lines: Lines, name: str) -> Report:
    """The model, built from the fields the schema declares (so the two cannot drift)."""
    area_fields = fields("focusArea")
    areas = [
        FocusArea(**{k: item.get(k, "") for k in area_fields}, line=_line(lines, ("focus_areas", i))[0])
        for i, item in enumerate(data.get("focus_areas") or [])
    ]
    rec_fields = fields("recommendation")
    recs = []
    for i, item in enumerate(data["recommendations"]):
        values = {k: item.get(k, "") for k in rec_fields}
        values["title"] = " ".join(values["title"].split())
        values["focus_areas"] = tuple(values["focus_areas"] or ())
        values["number_label"] = values.pop("label")
        values["updates"] = tuple(
            _update(u, _line(lines, ("recommendations", i, "updates", j)))
            for j, u in enumerate(values["updates"] or ())
        )
        line, column = _line(lines, ("recommendations", i))
        recs.append(Recommendation(**values, number=i + 1, line=line, column=column))
    statuses = [
        Status(item["id"], " ".join(item["title"].split()), _line(lines, ("statuses", i))[0])
        for i, item in enumerate(data.get("statuses") or [])
    ]
    return Report(
        path=name, focus_areas=areas, recommendations=recs, statuses=statuses or list(DEFAULT_STATUSES)
    )


def _update(item: dict[str, Any], at: tuple[int, int]) -> StatusUpdate:
    source = item.get("source") or ()
    day = item["date"]
    return StatusUpdate(
        date=day if isinstance(day, dt.date) else dt.date.fromisoformat(day.strip()),
        status=item["status"],
        note=" ".join(item["note"].split()),
        sources=(source,) if isinstance(source, str) else tuple(source),
        line=at[0],
        column=at[1],
    )
