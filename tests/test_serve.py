"""`mkdocs serve --livereload` picks up edits, and survives broken ones.

A broken edit prints the same one-line ``file:line:column`` error as ``build_site.py``
(no traceback), the server keeps running (mkdocs holds page requests while the
site is broken), and fixing the file recovers without a restart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_project, fetch, mkdocs_serve, wait_for


def page(url: str) -> str:
    return fetch(url)[1]


@pytest.mark.slow
def test_serve_reloads_yaml_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    with mkdocs_serve(project) as server:
        url = server.url + "recommendations/cyber-and-space/"
        assert wait_for(lambda: "cyber and space domains" in page(url)), "server never came up"
        data = project / "recommendations.yaml"
        data.write_text(
            data.read_text("utf-8").replace(
                "Deepen U.S.-ROK cooperation in the cyber and space domains",
                "Deepen U.S.-ROK cooperation in the cyber, space and undersea domains",
            ),
            "utf-8",
        )
        assert wait_for(lambda: "cyber, space and undersea domains" in page(url)), "edit never showed up"
        chapter = project / "report" / "introduction.md"
        chapter.write_text(
            chapter.read_text("utf-8").replace("[[supports: threats-from-china]]\n", ""), "utf-8"
        )
        china = server.url + "recommendations/threats-from-china/"
        assert wait_for(lambda: page(china).count('class="report-passage"') == 3), (
            "chapter edit never showed up"
        )


@pytest.mark.slow
def test_serve_survives_broken_edits_and_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    data = project / "recommendations.yaml"
    chapter = project / "report" / "introduction.md"
    good_data, good_chapter = data.read_text("utf-8"), chapter.read_text("utf-8")
    with mkdocs_serve(project) as output:
        proc = output.proc
        china = output.url + "recommendations/threats-from-china/"
        assert wait_for(lambda: "threats from China" in page(china)), "server never came up"

        # 1. a broken data file: the precise error, no traceback, the server still running
        mark = len(output.lines)
        data.write_text(good_data.replace("focus_areas: [china]", "focus_areas: [chna]"), "utf-8")
        line = good_data.split("\n").index("    focus_areas: [china]") + 1
        expected = f"recommendations.yaml:{line}:19: unknown focus area `chna` in recommendations[2]; did you mean `china`?"
        assert wait_for(lambda: any(expected in ln for ln in output.since(mark))), "\n".join(
            output.since(mark)
        )
        assert wait_for(lambda: any("error happened during the rebuild" in ln for ln in output.since(mark)))
        assert "Traceback" not in "\n".join(output.lines)
        assert proc.poll() is None  # (mkdocs holds page requests until a rebuild succeeds)

        # 2. fixed: recovers without a restart, with a new edit visible
        mark = len(output.lines)
        data.write_text(good_data.replace("in addition to North Korea", "as well as North Korea"), "utf-8")
        assert wait_for(lambda: "as well as North Korea" in page(china)), "\n".join(output.since(mark))

        # 3. a broken chapter: its file and line, and again recovery
        mark = len(output.lines)
        broken = good_chapter.replace(
            "[[supports: threats-from-china]]", "[[supports: threats-from-chna]]", 1
        )
        chapter.write_text(broken, "utf-8")
        n = broken.split("\n").index("[[supports: threats-from-chna]]") + 1
        expected = f"report/introduction.md:{n}:13: unknown recommendation id `threats-from-chna`; did you mean `threats-from-china`?"
        assert wait_for(lambda: any(expected in ln for ln in output.since(mark))), "\n".join(
            output.since(mark)
        )
        assert proc.poll() is None
        chapter.write_text(good_chapter.replace("[[supports: threats-from-china]]\n", "", 1), "utf-8")
        assert wait_for(lambda: page(china).count('class="report-passage"') == 3), "\n".join(
            output.since(mark)
        )
        assert "Traceback" not in "\n".join(output.lines)
