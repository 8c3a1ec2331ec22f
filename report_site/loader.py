"""Load ``recommendations.yaml`` into the model, or report every problem with its line.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of
duplicate keys, so the file is composed into nodes first: each value keeps its line,
and duplicates are caught. Structure is checked by the JSON Schema shipped with the
package (the same file editors' YAML language servers read), meaning is checked here.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import Problem, ReportError
from .model import FocusArea, Recommendation, Report

Pointer = tuple[Any, ...]


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("schemas/recommendations.schema.json").read_text("utf-8")
    return json.loads(text)


def load(path: str | Path, display: str | None = None) -> Report:
    """Read, validate and build the report's recommendations; raise ``ReportError``."""
    path = Path(path)
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportError([Problem(name, 1, f"cannot read the recommendations file: {exc.strerror}")]) from None
    return parse(raw, name)


def parse(raw: bytes | str, name: str) -> Report:
    """Validate the document text; every problem found is raised together."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ReportError([Problem(name, line, "the file is not UTF-8 text; save it as UTF-8")]) from None
    else:
        text = raw
    data, lines = _compose(text, name)
    problems = _schema_problems(data, lines, name)
    if problems:
        raise ReportError(problems)
    report, problems = _build(data, lines, name)
    if problems:
        raise ReportError(problems)
    return report


def _compose(text: str, name: str) -> tuple[Any, dict[Pointer, tuple[int, int]]]:
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise ReportError([Problem(name, 1, "the file is empty; it needs `focus_areas:` and `recommendations:` lists")])
    try:
        node = _fast_compose(text)
        if node is None:  # libyaml missing or it objected: PyYAML gives the error (and its wording)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        raise ReportError([Problem(name, line, f"YAML syntax error: {what}; check indentation and quoting", col)]) from None
    except yaml.YAMLError as exc:
        raise ReportError([Problem(name, 1, f"YAML error: {exc}")]) from None
    lines: dict[Pointer, tuple[int, int]] = {}
    problems: list[Problem] = []
    scalars = yaml.SafeLoader("")
    try:
        data = _to_python(node, (), lines, problems, name, scalars)
    finally:
        scalars.dispose()
    if problems:
        raise ReportError(problems)
    return data, lines


def _fast_compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when PyYAML has it: ~8× faster on a long file, same nodes and marks."""
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    try:
        return yaml.compose(text, Loader=loader_class)
    except yaml.YAMLError:
        return None


def _to_python(node: yaml.Node, at: Pointer, lines: dict, problems: list[Problem], name: str, scalars: yaml.SafeLoader) -> Any:
    lines[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(name, line, "a key must be plain text, not a list or mapping", key_node.start_mark.column + 1))
                continue
            key = key_node.value
            if key in seen:
                problems.append(Problem(name, line, f"duplicate key `{key}` (first at line {seen[key]}); remove one of them", key_node.start_mark.column + 1))
                continue
            seen[key] = line
            lines[at + (key, "<key>")] = (line, key_node.start_mark.column + 1)
            out[key] = _to_python(value_node, at + (key,), lines, problems, name, scalars)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(v, at + (i,), lines, problems, name, scalars) for i, v in enumerate(node.value)]
    try:
        return scalars.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problems.append(Problem(name, node.start_mark.line + 1, f"invalid value: {exc}"))
        return None


def _line(lines: dict[Pointer, tuple[int, int]], at: Pointer) -> tuple[int, int]:
    while at not in lines and at:
        at = at[:-1]
    return lines.get(at, (1, 1))


def _describe(at: Pointer) -> str:
    out = ""
    for part in at:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the document"


def _schema_problems(data: Any, lines: dict, name: str) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: _line(lines, tuple(e.absolute_path))):
        at = tuple(err.absolute_path)
        where = _describe(at)
        kw = err.validator
        if kw == "additionalProperties":
            allowed = list(err.schema.get("properties", {}))
            for key in sorted(set(err.instance) - set(allowed)):
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                fix = f"did you mean `{hint[0]}`?" if hint else f"allowed keys: {', '.join(allowed)}"
                line, col = lines.get(at + (key, "<key>"), _line(lines, at))
                problems.append(Problem(name, line, f"unknown key `{key}` in {where}; {fix}", col))
            continue
        line, col = _line(lines, at)
        if kw == "required":
            missing = [k for k in err.validator_value if k not in err.instance]
            msg = f"{where} is missing required field `{missing[0]}`; add it"
        elif kw == "type":
            msg = f"{where} must be {_a(err.validator_value)}, not {_a(_kind(err.instance))}"
        elif kw in ("minLength", "pattern") and err.schema.get("minLength") and not str(err.instance).strip():
            msg = f"{where} is empty; write the text"
        elif kw == "pattern" and "a-z0-9" in err.validator_value:
            msg = f"{where} `{err.instance}` is not a URL-safe id; use lowercase letters, digits and hyphens (e.g. `{_slug_hint(err.instance)}`)"
        elif kw == "minItems":
            msg = f"{where} is empty; list at least one item"
        elif kw == "uniqueItems":
            msg = f"{where} lists the same item twice; remove the repeat"
        elif kw == "maxLength":
            msg = f"{where} is too long (at most {err.validator_value} characters)"
        else:
            msg = f"{where}: {err.message}"
        problems.append(Problem(name, line, msg, col))
    return problems


def _kind(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _a(kind: Any) -> str:
    names = {"object": "a mapping", "array": "a list", "string": "text", "null": "empty", "integer": "a number", "number": "a number", "boolean": "true/false"}
    if isinstance(kind, list):
        return " or ".join(names.get(k, k) for k in kind)
    return names.get(kind, str(kind))


def _slug_hint(value: Any) -> str:
    import re
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "my-recommendation"


def _build(data: dict, lines: dict, name: str) -> tuple[Report, list[Problem]]:
    problems: list[Problem] = []
    areas: list[FocusArea] = []
    for i, item in enumerate(data["focus_areas"]):
        at = ("focus_areas", i)
        if any(a.id == item["id"] for a in areas):
            first = next(a for a in areas if a.id == item["id"])
            problems.append(Problem(name, _line(lines, at + ("id",))[0], f"duplicate focus area id `{item['id']}` (first at line {first.line}); ids must be unique"))
            continue
        areas.append(FocusArea(id=item["id"], title=item["title"], line=_line(lines, at)[0]))
    area_ids = [a.id for a in areas]
    recs: list[Recommendation] = []
    by_id: dict[str, Recommendation] = {}  # duplicate check in one pass, not recommendations²
    for i, item in enumerate(data["recommendations"]):
        at = ("recommendations", i)
        line = _line(lines, at)[0]
        clash = by_id.get(item["id"])
        if clash:
            problems.append(Problem(name, _line(lines, at + ("id",))[0], f"duplicate recommendation id `{item['id']}` (first at line {clash.line}); ids must be unique", _line(lines, at + ("id",))[1]))
            continue
        for j, area in enumerate(item["focus_areas"]):
            if area not in area_ids:
                hint = difflib.get_close_matches(area, area_ids, n=1)
                fix = f"did you mean `{hint[0]}`?" if hint else "use one of the ids under `focus_areas:`"
                l, c = _line(lines, at + ("focus_areas", j))
                problems.append(Problem(name, l, f"unknown focus area `{area}` in recommendations[{i + 1}]; {fix} (valid: {', '.join(area_ids)})", c))
        recs.append(Recommendation(
            id=item["id"], number=len(recs) + 1, title=" ".join(item["title"].split()),
            focus_areas=tuple(item["focus_areas"]), summary=item.get("summary", ""),
            short_title=item.get("short_title", ""), line=line,
        ))
        by_id[item["id"]] = recs[-1]
    return Report(path=name, focus_areas=areas, recommendations=recs), problems
