"""sources.py: what no parser catches, named at its line: characters no page may hold, files that cannot be
read, report metadata that no output can print."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from report_site.data import sources
from report_site.errors import shown


def metadata_problems(project: Path, old: str = "", new: str = "") -> list[str]:
    """The problems in the metadata of the project's mkdocs.yml after replacing ``old`` by ``new``."""
    config_file = project / "mkdocs.yml"
    text = config_file.read_text("utf-8")
    assert old in text
    config_file.write_text(text.replace(old, new), "utf-8")
    config = load_config(str(config_file))
    meta = dict(config.plugins["report-site"].config.metadata)
    return [str(p) for p in sources.metadata_problems(meta, config_file, shown(config_file))]


def test_control_characters_pasted_into_a_chapter_are_located_and_whitespace_is_not() -> None:
    text = (
        "# Title\n\nDry years\x0c are longer.\n\n"
        "Tabs\tand no-break\u00a0spaces are fine, and so is \U0001f30d.\n\nA pasted \x85 next line.\n"
    )
    assert [str(p) for p in sources.unpublishable_characters(text, "report/c.md")] == [
        "report/c.md:3:10: the text contains the control character U+000C, which cannot be published; delete it",
        "report/c.md:7:10: the text contains the control character U+0085, which cannot be published; delete it",
    ]
    assert sources.unpublishable_characters("Tabs\tand\r\nline ends.\n", "report/c.md") == []


def test_the_fixtures_metadata_has_no_problem(mini: Path) -> None:
    assert metadata_problems(mini) == []


def test_each_unusable_metadata_value_is_located_with_its_fix(mini: Path) -> None:
    problems = metadata_problems(
        mini,
        "        authors: [Ada Example]\n        publisher: Example Institute\n        published: 2024-01-02\n        language: en\n",
        '        authors: [Ada Example, "Ben\\u0007 Beispiel"]\n        slug: "Rapport 2024 — Final"\n'
        "        language: pt_BR\n        publisher: Example Institute\n        published: 2024-01-02\n",
    )
    assert problems == [
        "mkdocs.yml:14:9: `metadata.authors[2]` contains the control character U+0007; delete it (or write the character itself)",
        "mkdocs.yml:15:9: `metadata.slug` `Rapport 2024 — Final` is not a file-name-safe slug; use lowercase letters, digits and single hyphens, e.g. `rapport-2024-final`",
        "mkdocs.yml:16:9: `metadata.language` `pt_BR` is not a language tag; write a BCP 47 tag such as `en` or `pt-BR`",
    ]


def test_a_title_of_spaces_is_empty_and_a_slug_of_symbols_gets_a_usable_example(mini: Path) -> None:
    problems = metadata_problems(
        mini, "        title: Mini Report\n", '        title: "   "\n        slug: "— !"\n'
    )
    assert problems == [
        "mkdocs.yml:12:9: `metadata.title` is empty; write the report's title as set on its cover",
        "mkdocs.yml:13:9: `metadata.slug` `— !` is not a file-name-safe slug; use lowercase letters, digits and single hyphens, e.g. `report`",
    ]


def test_regional_language_tags_and_plain_slugs_are_accepted(mini: Path) -> None:
    assert (
        metadata_problems(
            mini, "        language: en\n", "        language: zh-Hant-TW\n        slug: mini-report-2024\n"
        )
        == []
    )


def test_only_a_symbolic_link_to_nothing_is_unreadable(mini: Path) -> None:
    docs = mini / "docs"
    (docs / "annex").mkdir()
    (docs / "annex" / "data.md").symlink_to("../../drafts/data.md")  # a draft folder not copied along
    (docs / "annex" / "one-again.md").symlink_to("../one.md")
    config = load_config(str(mini / "mkdocs.yml"))
    problems = sources.unreadable_files(get_files(config), lambda f: shown(f.abs_src_path or f.src_uri))
    assert [str(p) for p in problems] == [
        "docs/annex/data.md:1:1: this is a symbolic link to `../../drafts/data.md`, which does not exist; restore its target or delete the link"
    ]


def test_override_errors_are_located(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "plugins:\n  - report-site:\n      labels:\n        notes: Endnotes\n        nots: Endnotes\n"
        "        n_recommendations: many\n        read_in_context: Read {where}\n"
        "        the_n_recommendations: {one: 'The {count}', other: 'The {n}'}\n",
        "utf-8",
    )
    overrides = yaml.safe_load(config.read_text("utf-8"))["plugins"][0]["report-site"]["labels"]
    problems = [str(p) for p in sources.label_problems(overrides, config, "mkdocs.yml")]
    assert len(problems) == 4
    assert problems[0].startswith(
        "mkdocs.yml:5:9: `labels.nots` is not a label; did you mean `notes`? valid keys: "
    )
    assert "read_in_context" in problems[0] and "\n" not in problems[0]
    assert problems[1].startswith(
        "mkdocs.yml:6:9: `labels.n_recommendations` is counted: give its forms by number"
    )
    assert problems[2].startswith(
        "mkdocs.yml:7:9: `labels.read_in_context` uses {where}, which this label does not fill"
    )
    assert (
        problems[3]
        == "mkdocs.yml:8:9: `labels.the_n_recommendations` uses {count}, which this label does not fill; it may use {n}"
    )


def test_text_xml_cannot_hold_is_refused_in_labels_and_metadata(tmp_path: Path) -> None:
    """Labels and metadata reach pages through generated blocks, which are parsed as XML: a control character
    or a noncharacter (U+FFFE, U+FFFF, written as YAML escapes) is named at its line, never a parser's traceback."""
    assert sources.bad_character("Title\uffff") == "the noncharacter U+FFFF"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'plugins:\n  - report-site:\n      labels:\n        notes: "Notes\\f"\n        and: "und"\n', "utf-8"
    )
    overrides = yaml.safe_load(config.read_text("utf-8"))["plugins"][0]["report-site"]["labels"]
    problems = [str(p) for p in sources.label_problems(overrides, config, "mkdocs.yml")]
    assert problems == [
        "mkdocs.yml:4:9: `labels.notes` contains the control character U+000C; delete it (or write the character itself)"
    ]


def test_an_organisation_written_as_a_persons_name_is_warned_at_its_line(mini: Path) -> None:
    """A plain-text author is read as a person ("Research, I. f. W. P." in APA): a name with an institution's
    word gets a warning at its own line with the `{name: …}` to write; a mapping is taken as meant."""
    config_file = mini / "mkdocs.yml"
    text = config_file.read_text("utf-8")
    authors = (
        "        authors:\n          - Ada Example\n          - Institute for Water Policy Research\n"
        "          - {given: Panel, family: Person}\n          - name: Office of Audit\n"
    )
    config_file.write_text(text.replace("        authors: [Ada Example]\n", authors), "utf-8")
    meta = dict(load_config(str(config_file)).plugins["report-site"].config.metadata)
    line = (
        config_file.read_text("utf-8").splitlines().index("          - Institute for Water Policy Research")
        + 1
    )
    assert [str(p) for p in sources.author_warnings(meta, config_file, "mkdocs.yml")] == [
        f"mkdocs.yml:{line}:13: warning: author `Institute for Water Policy Research` looks like an organisation "
        "but is written as a person's name, so it is cited as one (family name `Research`); for an organisation "
        "write `- {name: Institute for Water Policy Research}` (or `{given: …, family: …}` if it is a person)"
    ]
    assert sources.looks_like_organisation("Université de Genève") and not sources.looks_like_organisation(
        "Jacob Stokes"
    )
