"""locate.py: mkdocs' unlocated messages put on the line the editor must open (``path:line:col: message``).

The messages are mkdocs' own wording (test_broken_inputs checks, through whole checks, that mkdocs still
says them so); positions in mkdocs.yml come from the YAML nodes.
"""

from __future__ import annotations

from pathlib import Path

from report_site.commands.locate import Locator, config_syntax

MISSING_LINK = (
    "Doc file 'three.md' contains a link 'missing.md', but the target is not found among documentation files."
)


def locator(project: Path) -> Locator:
    return Locator(config_file=project / "mkdocs.yml", docs_dir=project / "docs")


def set_nav(project: Path, nav_yaml: str) -> None:
    config_file = project / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text("utf-8").split("\nnav:\n")[0] + "\nnav:\n" + nav_yaml, "utf-8"
    )


def test_a_broken_link_is_located_at_the_link_not_at_a_mention_of_its_target(mini: Path) -> None:
    (mini / "docs" / "three.md").write_text(
        "# Three\n\nThe old missing.md file is gone.\n\nSee [the plan](missing.md) for more.\n", "utf-8"
    )
    assert locator(mini).locate(MISSING_LINK) == f"docs/three.md:5:16: {MISSING_LINK}"


def test_a_broken_reference_style_link_is_located_at_its_definition(mini: Path) -> None:
    (mini / "docs" / "three.md").write_text(
        "# Three\n\nSee [the plan][plan].\n\n[plan]: missing.md\n", "utf-8"
    )
    assert locator(mini).locate(MISSING_LINK) == f"docs/three.md:5:9: {MISSING_LINK}"


def test_a_missing_chapter_named_inside_a_nav_section_is_located_at_its_entry(mini: Path) -> None:
    set_nav(mini, "  - index.md\n  - Part one:\n      - one.md\n      - Annex: three.md\n  - two.md\n")
    message = "A reference to 'three.md' is included in the 'nav' configuration, which is not found in the documentation files."
    line = (mini / "mkdocs.yml").read_text("utf-8").split("\n").index("      - Annex: three.md") + 1
    assert locator(mini).locate(message) == f"mkdocs.yml:{line}:16: {message}"


def test_each_chapter_missing_from_nav_gets_its_own_line_and_fix(mini: Path) -> None:
    message = (
        'The following pages exist in the docs directory, but are not included in the "nav" configuration:\n'
        "  - annex.md\n  - background/history.md"
    )
    line = (mini / "mkdocs.yml").read_text("utf-8").split("\n").index("nav:") + 1
    assert locator(mini).lines(message) == [
        f"mkdocs.yml:{line}:1: `annex.md` is not listed in `nav`; add `- annex.md` to `nav`, or remove the file",
        f"mkdocs.yml:{line}:1: `background/history.md` is not listed in `nav`; add `- background/history.md` to `nav`, or remove the file",
    ]
    assert (
        Locator().lines(message)[0]
        == "annex.md:1:1: this page is not listed in `nav`; add it to `nav` in mkdocs.yml"
    )


def test_a_misspelt_plugin_option_gets_a_suggestion_only_when_one_is_close(mini: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      metadata:\n", "      cardz: false\n      colour: blue\n      metadata:\n"
        ),
        "utf-8",
    )
    near = (
        "Config value 'plugins': Plugin 'report-site' option 'cardz': Unrecognised configuration name: cardz"
    )
    far = "Config value 'plugins': Plugin 'report-site' option 'colour': Unrecognised configuration name: colour"
    assert (
        locator(mini).locate(near)
        == "mkdocs.yml:11:7: `plugins.report-site.cardz`: Unrecognised configuration name: cardz; did you mean `cards`?"
    )
    assert locator(mini).locate(far) == (
        "mkdocs.yml:12:7: `plugins.report-site.colour`: Unrecognised configuration name: colour; "
        "check the spelling against the plugin's documentation"
    )


def test_a_wrong_type_in_a_metadata_field_names_the_types_plainly(mini: Path) -> None:
    message = (
        "Config value 'plugins': Plugin 'report-site' option 'metadata': Sub-option 'subtitle': "
        "Expected type: <class 'str'> but received: <class 'int'>"
    )
    assert (
        locator(mini).locate(message)
        == "mkdocs.yml:13:9: `plugins.report-site.metadata.subtitle`: Expected type: str but received: int"
    )


def test_what_cannot_be_located_is_passed_on_unchanged(mini: Path) -> None:
    assert locator(mini).locate(MISSING_LINK) == MISSING_LINK  # three.md does not exist (any more)
    assert locator(mini).locate("docs/one.md:3:1: already located") == "docs/one.md:3:1: already located"


def test_a_yaml_error_in_mkdocs_yml_is_one_line_at_its_mark(mini: Path) -> None:
    text = (
        "MkDocs encountered an error parsing the configuration file: while parsing a block mapping\n"
        '  in "mkdocs.yml", line 9, column 5\n'
        "expected <block end>, but found '-'\n"
        '  in "mkdocs.yml", line 11, column 7'
    )
    assert (
        config_syntax(text, mini / "mkdocs.yml")
        == "mkdocs.yml:11:7: YAML syntax error: expected <block end>, but found '-'; check the indentation and quoting"
    )
