"""Property tests of the passage engine over chapters generated from Markdown constructs.

Each example is a chapter assembled from headings (ATX and setext, with and without
blank lines), tight and loose lists, nested quotes, tables, fences of three or more
backticks and tildes, indented code, HTML blocks and comments, directives in every
position, ``rec:`` links in every syntax and non-Latin text. The scan (which builds
the index) and the page render are both the real Python-Markdown parse.
"""

from __future__ import annotations

import re
import shutil

import markdown
import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURES, build_here
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_site import errors
from report_site.chapters import scanner as chapters
from report_site.passages import DirectiveName, PageNumbers, PassageExtension

RECS = ("save-water", "test-soil", "plant-trees")
WORDS = st.sampled_from(
    ["alliance", "Seoul", "대한민국은", "союз", "中华人民共和国", "résumé", "policy", "2023.", "the", "and"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=7).map(" ".join)
REC_ID = st.sampled_from([*RECS, "bogus"])
REC_LINK = st.one_of(
    st.builds(lambda t, r: f"[{t}](rec:{r})", SENTENCE, REC_ID),
    st.builds(lambda t, r: f'[{t}](rec:{r} "a title")', SENTENCE, REC_ID),
    st.builds(lambda t, r: f"[{t}](<rec:{r}>)", SENTENCE, REC_ID),
    st.builds(lambda t, r: f"[{t}](rec:{r}#recommendation)", SENTENCE, REC_ID),
    st.builds(lambda t: f"`[{t}](rec:bogus)`", SENTENCE),
)
INLINE = st.one_of(
    SENTENCE, REC_LINK, st.builds(lambda s: f"*{s}*", SENTENCE), st.just("&mdash;"), st.just("[^1]")
)
LINE = st.lists(INLINE, min_size=1, max_size=4).map(" ".join)
DIRECTIVE = st.one_of(
    st.builds(lambda ids: f"[[supports: {', '.join(ids)}]]", st.lists(REC_ID, min_size=1, max_size=2)),
    st.sampled_from(
        ["[[pull-quote]]", "[[supports:]]", "[[suports: save-water]]", "{: #pinned }", "{: .cls }"]
    ),
)
FENCE = st.builds(
    lambda ch, n, body: f"{ch * n}\n{body}\n{ch * n}",
    st.sampled_from("`~"),
    st.integers(3, 5),
    st.one_of(DIRECTIVE, REC_LINK, LINE),
)
BLOCK = st.one_of(
    LINE,
    st.builds(lambda a, b: f"{a}\n{b}", LINE, LINE),
    st.builds(lambda n, s: "#" * n + " " + s, st.integers(1, 3), SENTENCE),
    st.builds(lambda s, u: f"{s}\n{u * 3}", SENTENCE, st.sampled_from("=-")),
    st.lists(LINE, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(LINE, min_size=2, max_size=3).map(lambda items: "\n\n".join(f"1. {i}" for i in items)),
    st.builds(lambda a, b: f"> {a}\n> > {b}", LINE, LINE),
    st.builds(lambda a, b: f"| a | b |\n| - | - |\n| {a} | {b} |", SENTENCE, st.one_of(SENTENCE, DIRECTIVE)),
    FENCE,
    st.one_of(DIRECTIVE, REC_LINK).map(lambda d: "    " + d),
    st.builds(lambda d: f"<div>\n{d}\n</div>", st.one_of(DIRECTIVE, LINE)),
    st.builds(lambda d: f"<!-- note\n\n{d}\n\n-->", st.one_of(DIRECTIVE, LINE)),
    DIRECTIVE,
    st.builds(lambda s, d: f"{s}\n{d}", LINE, DIRECTIVE),
    st.builds(lambda s, d: f"{s} {d}", SENTENCE, DIRECTIVE),
    st.builds(lambda a, d, b: f"- {a}\n  {d}\n- {b}", LINE, DIRECTIVE, LINE),
    st.builds(lambda a, d: f"1. {a}\n\n    {d}", LINE, DIRECTIVE),
    st.builds(lambda q: f"[[pull-quote]]\n> {q}", SENTENCE),
    st.builds(lambda t, r: f"See [{t}][ref].\n\n[ref]: rec:{r}", SENTENCE, REC_ID),
)
CHAPTER = st.lists(st.tuples(BLOCK, st.sampled_from(["\n\n", "\n"])), min_size=1, max_size=8).map(
    lambda parts: "".join(b + sep for b, sep in parts)
)


class _Renderer:
    """The plugin's answers, for a report whose recommendations are ``RECS``."""

    permalinks = True
    numbers = PageNumbers({}, [], [])

    def generated(self, name: DirectiveName, ids: tuple[str, ...]) -> str:
        links = " ".join(f'<a href="recommendations/{i}.md">{i}</a>' for i in ids if i in RECS)
        return f'<p class="report-supports">Argues for {links}</p>' if name is DirectiveName.SUPPORTS else ""

    def endnotes(self, numbers: list[str]) -> str:
        return '<h2 id="endnotes">Notes</h2><p>See the full report.</p>'

    def rec_href(self, rec_id: str) -> str | None:
        return f"recommendations/{rec_id}.md" if rec_id in RECS else None

    def anchor(self, number: int, scanned: str) -> str:
        return scanned

    def aliases(self, anchor: str) -> list[str]:
        return []

    def image_size(self, src: str) -> tuple[int, int] | None:
        return None

    def table_csv(self, index: int) -> str | None:
        return None


def _render(text: str, with_engine: bool = True) -> str:
    ext = PassageExtension()
    ext.renderer = _Renderer()
    return markdown.markdown(text, extensions=[*chapters.DEFAULT_EXTENSIONS, *([ext] if with_engine else [])])


def _problems(chapter: chapters.Chapter) -> list[errors.Problem]:
    unknown = [r for r in chapter.references if r.rec_id not in RECS]
    unknown += [s for p in chapter.passages for s in p.supports if s.rec_id not in RECS]  # type: ignore[misc]
    return [*chapter.problems, *unknown]  # type: ignore[list-item]


def _text_outside_code(soup: BeautifulSoup) -> str:
    for code in soup.find_all(["code", "pre"]):
        code.decompose()
    return soup.get_text(" ")


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(CHAPTER)
def test_scan_and_render_agree_and_nothing_leaks(text: str) -> None:
    chapter = chapters.scan(text, "c.md", 0, "report/c.md")
    lines = text.count("\n") + 1
    for problem in chapter.problems:
        assert errors.parse(str(problem)) == problem
        assert 1 <= problem.line <= lines and problem.column >= 1, problem
    for ref in chapter.references:
        assert 1 <= ref.at.line <= lines
        assert text.split("\n")[ref.at.line - 1][ref.at.column - 1 :].startswith(ref.rec_id), (ref, text)
    soup = BeautifulSoup(_render(text), "html.parser")
    # every anchor the index records exists in the page, in the same order and numbering
    assert [(el["id"], int(el["data-paragraph"])) for el in soup.select("[data-paragraph]")] == [
        (p.anchor, p.number) for p in chapter.paragraphs
    ]
    # every rec: link is either resolved or reported
    left = [a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith("rec:")]
    assert len(left) <= len([r for r in chapter.references if r.rec_id not in RECS])
    if not chapter.problems:
        text_out = _text_outside_code(soup)
        assert "[[" not in text_out or not re.search(r"\[\[[ \t]*[A-Za-z]", text_out), text_out
        assert "{:" not in text_out, text_out


@SETTINGS
@given(st.lists(st.lists(LINE, min_size=1, max_size=3), min_size=1, max_size=3), st.booleans())
def test_list_tightness_is_preserved(lists: list[list[str]], loose: bool) -> None:
    sep = "\n\n" if loose else "\n"
    text = "Intro.\n\n" + "\n\nBetween.\n\n".join(sep.join(f"- {i}" for i in items) for items in lists) + "\n"
    plain = BeautifulSoup(_render(text, with_engine=False), "html.parser")
    ours = BeautifulSoup(_render(text), "html.parser")
    assert [bool(li.find("p")) for li in plain.find_all("li")] == [
        bool(li.find("p")) for li in ours.find_all("li")
    ]


@pytest.mark.slow
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(CHAPTER)
def test_real_build_succeeds_or_fails_with_located_lines(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    """A real build of a generated chapter: exit 0, or exit 1 with every line located in the chapter."""
    project = tmp_path_factory.mktemp("gen") / "mini"
    shutil.copytree(FIXTURES / "mini-report", project)
    chapter = project / "docs" / "two.md"
    chapter.write_text(chapter.read_text("utf-8") + "\n" + text, "utf-8")
    result = build_here(project, project / "site")
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        page = BeautifulSoup((project / "site" / "two" / "index.html").read_text("utf-8"), "html.parser")
        article = page.select_one("article")
        assert not article.select('a[href^="rec:"]')
        assert "{:" not in _text_outside_code(article)
    else:
        assert result.returncode == 1
        messages = [ln for ln in result.stderr.splitlines() if not ln.startswith("build_site.py:")]
        assert messages and all(errors.parse(ln) for ln in messages), result.stderr
