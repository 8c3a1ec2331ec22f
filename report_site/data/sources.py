"""Checks on the sources that no parser makes: readable files, printable text, usable metadata and labels.

A dangling symbolic link, a lone surrogate (``"\\ud800"`` in a YAML string) or a
control character passes mkdocs and YAML, then crashes (or corrupts) an output far
away from the line that caused it. These checks run first and name that line.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from ..errors import Problem, nearest
from .labels import PLURAL_FORMS, shipped

#: Characters no published text may hold: C0/C1 controls (tab and newline are whitespace), lone surrogates and
#: the noncharacters U+FFFE/U+FFFF (none is allowed in XML, which the generated blocks and the PDF pass through).
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_character(text: str) -> str | None:
    """A description of the first character ``text`` must not hold, or None."""
    m = _BAD.search(text)
    if not m:
        return None
    code = ord(m.group(0))
    kind = (
        "a lone surrogate"
        if 0xD800 <= code <= 0xDFFF
        else "the noncharacter"
        if code >= 0xFFFE
        else "the control character"
    )
    return f"{kind} U+{code:04X}"


def unpublishable_characters(text: str, shown: str) -> list[Problem]:
    """Each line of a chapter that holds a character no page may hold (a control character
    pasted from a PDF, a lone surrogate), at its line and column."""
    if not _BAD.search(text):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        if m := _BAD.search(line):
            problems.append(
                Problem(
                    shown,
                    number,
                    f"the text contains {bad_character(m.group(0))}, which cannot be published; delete it",
                    m.start() + 1,
                )
            )
    return problems


def unreadable_files(files: Files, display: Callable[[File], str]) -> list[Problem]:
    """Files of the docs directory that cannot be read: dangling links, unreadable files."""
    problems = []
    for file in files:
        path = file.abs_src_path
        if file.generated_by or not path:
            continue
        if os.path.islink(path) and not os.path.exists(path):
            problems.append(
                Problem(
                    display(file),
                    1,
                    f"this is a symbolic link to `{os.readlink(path)}`, which does not exist; restore its target or delete the link",
                )
            )
        elif not os.access(path, os.R_OK):
            problems.append(
                Problem(
                    display(file),
                    1,
                    "this file cannot be read (permission denied); fix its permissions or move it out of the docs directory",
                )
            )
    return problems


def metadata_problems(meta: dict[str, Any], config_file: Path, shown: str) -> list[Problem]:
    """The report metadata in mkdocs.yml: text that every output can print, a usable slug and language tag."""
    problems = []

    def at(*path: object) -> tuple[int, int]:
        return _position(config_file, "metadata", *[str(p) for p in path])

    for key, value in meta.items():
        values = (
            [(key, value)]
            if isinstance(value, str)
            else [(f"{key}[{i + 1}]", v) for i, v in enumerate(value)]
            if isinstance(value, list)
            else []
        )
        for label, text in values:
            text = getattr(text, "display", text)  # an author: the name as printed
            if isinstance(text, str) and text.startswith("TODO"):
                line, col = at(key)
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"`metadata.{label}` is still a to-do: {text.removeprefix('TODO').lstrip(': ')}",
                        col,
                    )
                )
            elif isinstance(text, str) and (bad := bad_character(text)):
                line, col = at(key)
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"`metadata.{label}` contains {bad}; delete it (or write the character itself)",
                        col,
                    )
                )
    if not str(meta.get("title") or "").strip():
        line, col = at("title")
        problems.append(
            Problem(
                shown, line, "`metadata.title` is empty; write the report's title as set on its cover", col
            )
        )
    slug = meta.get("slug")
    if isinstance(slug, str) and slug and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        line, col = at("slug")
        problems.append(
            Problem(
                shown,
                line,
                f"`metadata.slug` `{slug}` is not a file-name-safe slug; use lowercase letters, digits and single hyphens, e.g. `{re.sub(r'[^a-z0-9]+', '-', slug.lower()).strip('-') or 'report'}`",
                col,
            )
        )
    language = meta.get("language")
    if isinstance(language, str) and not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", language):
        line, col = at("language")
        problems.append(
            Problem(
                shown,
                line,
                f"`metadata.language` `{language}` is not a language tag; write a BCP 47 tag such as `en` or `pt-BR`",
                col,
            )
        )
    return problems


#: Words that name an institution rather than a person, in the languages shipped and a few near ones.
ORGANISATION_WORDS = frozenset(
    """Institute Institution Center Centre Office Commission Panel Council Agency Ministry University Department
    Foundation Association Committee Board Bureau Authority Organisation Organization Society Trust Network
    Secretariat Service Court Parliament Government Programme Program Fund Bank Academy College School
    Laboratory Corporation Company Forum Alliance Coalition Initiative Project Group
    Institut Zentrum Kommission Ministerium Universität Stiftung Bundesamt Amt Verband Rat Akademie
    Université Ministère Conseil Agence Fondation Cour""".split()  # noqa: SIM905 - a word list reads as words
)


def looks_like_organisation(name: str) -> bool:
    """A byline written as a person's name that holds a word institutions are named with."""
    return any(word.strip(".,()&") in ORGANISATION_WORDS for word in name.split())


def author_warnings(meta: dict[str, Any], config_file: Path, shown: str) -> list[Problem]:
    """An author written as text ("Institute for Water Policy Research") is read as a person and cited as
    one ("Research, I. f. W. P."): when the name looks like an institution's, a warning at its line says
    how to write an organisation. A mapping (``{given:, family:}``) is taken as meant."""
    suspects = [
        a for a in meta.get("authors") or [] if not a.is_organisation and looks_like_organisation(a.display)
    ]
    if not suspects:
        return []  # the usual case: mkdocs.yml is not read again
    import yaml

    from .positions import PLUGIN, config_value

    node = config_value(config_file, ["plugins", PLUGIN, "metadata", "authors"])
    items = node.value if isinstance(node, yaml.SequenceNode) else [node] if node is not None else []
    return [
        Problem(
            shown,
            item.start_mark.line + 1,
            f"author `{item.value}` looks like an organisation but is written as a person's name, so it is cited "
            f"as one (family name `{item.value.split()[-1]}`); for an organisation write "
            f"`- {{name: {item.value}}}` (or `{{given: …, family: …}}` if it is a person)",
            item.start_mark.column + 1,
            severity="warning",
        )
        for item in items
        if isinstance(item, yaml.ScalarNode) and looks_like_organisation(item.value)
    ]


def _position(config_file: Path, *path: str) -> tuple[int, int]:
    """Line and column of the plugin's setting ``path`` in mkdocs.yml (``locate`` is imported only when a
    problem needs placing: a build without problems never does)."""
    from .positions import PLUGIN, config_position

    return config_position(config_file, ["plugins", PLUGIN, *path])


def label_problems(overrides: Any, config_file: Path, shown: str) -> list[Problem]:
    """``labels:`` in mkdocs.yml: known keys only, each a text (or, for a counted message, forms by number)."""
    english = shipped("en")

    def at(*path: str) -> tuple[int, int]:
        return _position(config_file, "labels", *path)

    if overrides is None:
        return []
    if not isinstance(overrides, dict):
        line, col = at()
        return [
            Problem(
                shown,
                line,
                "`labels` must be a mapping of label keys to texts, e.g. `labels: {notes: Endnotes}`",
                col,
            )
        ]
    problems = []
    for key, value in overrides.items():
        line, col = at(str(key))
        if key not in english:
            hint = nearest(str(key), english)
            problems.append(
                Problem(
                    shown,
                    line,
                    f"`labels.{key}` is not a label{f'; did you mean `{hint}`?' if hint else ';'}"
                    f" valid keys: {', '.join(sorted(english))}",
                    col,
                )
            )
        elif isinstance(model := english[key], dict) and not (
            isinstance(value, dict)
            and value
            and set(value) <= set(PLURAL_FORMS)
            and "other" in value
            and all(isinstance(v, str) for v in value.values())
        ):
            problems.append(
                Problem(
                    shown,
                    line,
                    f"`labels.{key}` is counted: give its forms by number, e.g. "
                    f"`{{one: {model['one']!r}, other: {model['other']!r}}}`",
                    col,
                )
            )
        elif isinstance(english[key], str) and not isinstance(value, str):
            problems.append(
                Problem(shown, line, f"`labels.{key}` must be a text, e.g. `{key}: {english[key]!r}`", col)
            )
        elif bad := next(
            filter(
                None,
                (bad_character(str(v)) for v in (value.values() if isinstance(value, dict) else [value])),
            ),
            None,
        ):
            problems.append(
                Problem(
                    shown,
                    line,
                    f"`labels.{key}` contains {bad}; delete it (or write the character itself)",
                    col,
                )
            )
        else:
            forms = list(value.values()) if isinstance(value, dict) else [value]
            model = english[key]
            known = list(model.values()) if isinstance(model, dict) else [model]
            allowed: set[str] = set().union(*(_placeholders(k) for k in known))
            may = ", ".join("{" + a + "}" for a in sorted(allowed)) or "no placeholder"
            if bad_field := next(filter(None, (_bad_field(form) for form in forms)), None):
                problems.append(Problem(shown, line, f"`labels.{key}` {bad_field}; it may use {may}", col))
            elif unfilled := set().union(*map(_placeholders, forms)) - allowed:
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"`labels.{key}` uses {', '.join('{' + b + '}' for b in sorted(unfilled))}, "
                        f"which this label does not fill; it may use {may}",
                        col,
                    )
                )
    return problems


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _bad_field(text: str) -> str | None:
    """What is wrong with a label's ``{…}`` fields, or None: each must be a bare name (``{number}``), which the
    generator fills with text; a position, conversion or format (``{}``, ``{number!r}``, ``{number:>5d}``) is
    not one the generator can fill, whatever its value."""
    try:
        fields = [(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text)]
    except ValueError:
        return "has a `{` or `}` that opens or closes nothing; write `{{` or `}}` for a brace itself"
    for name, conversion, spec in fields:
        if name is None:
            continue
        if not name or name.isdigit():
            return f"uses `{{{name}}}`, a placeholder without a name"
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if conversion or spec:
            return f"writes `{shown}`: a placeholder is a bare name here, `{{{name}}}` (no `!` or `:`)"
        if not name.isidentifier():
            return f"writes `{shown}`: a placeholder is a bare name here (no `.` or `[…]`)"
    return None
