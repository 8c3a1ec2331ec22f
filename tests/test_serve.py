"""`mkdocs serve --livereload` picks up edits, and survives broken ones.

A broken edit prints the same one-line ``file:line:column`` error as ``build_site.py``
(no traceback), the server keeps running (mkdocs holds page requests while the
site is broken), and fixing the file recovers without a restart.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from helpers import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def stop(proc: subprocess.Popen) -> None:
    """End the server and everything it started (it runs in its own session)."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


def test_serve_reloads_yaml_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/recommendations/cyber-and-space/"
    try:
        assert wait_for(lambda: "cyber and space domains" in fetch(url)), "server never came up"
        data = project / "recommendations.yaml"
        data.write_text(data.read_text("utf-8").replace(
            "Deepen U.S.-ROK cooperation in the cyber and space domains", "Deepen U.S.-ROK cooperation in the cyber, space and undersea domains"), "utf-8")
        assert wait_for(lambda: "cyber, space and undersea domains" in fetch(url)), "edit never showed up"
        chapter = project / "report" / "introduction.md"
        chapter.write_text(chapter.read_text("utf-8").replace("[[supports: threats-from-china]]\n", ""), "utf-8")
        china = f"http://127.0.0.1:{port}/recommendations/threats-from-china/"
        assert wait_for(lambda: fetch(china).count('class="report-passage"') == 3), "chapter edit never showed up"
    finally:
        stop(proc)


class Output:
    """Everything the server prints, read on a thread so the pipe never fills."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self.thread.start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def since(self, mark: int) -> list[str]:
        return self.lines[mark:]


def test_serve_survives_broken_edits_and_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    output = Output(proc)
    base = f"http://127.0.0.1:{port}/"
    china = base + "recommendations/threats-from-china/"
    data = project / "recommendations.yaml"
    chapter = project / "report" / "introduction.md"
    good_data, good_chapter = data.read_text("utf-8"), chapter.read_text("utf-8")
    try:
        assert wait_for(lambda: "threats from China" in fetch(china)), "server never came up"

        # 1. a broken data file: the precise error, no traceback, the server still running
        mark = len(output.lines)
        data.write_text(good_data.replace("focus_areas: [china]", "focus_areas: [chna]"), "utf-8")
        line = good_data.split("\n").index("    focus_areas: [china]") + 1
        expected = f"recommendations.yaml:{line}:19: unknown focus area `chna` in recommendations[2]; did you mean `china`?"
        assert wait_for(lambda: any(expected in l for l in output.since(mark))), "\n".join(output.since(mark))
        assert wait_for(lambda: any("error happened during the rebuild" in l for l in output.since(mark)))
        assert "Traceback" not in "\n".join(output.lines)
        assert proc.poll() is None  # (mkdocs holds page requests until a rebuild succeeds)

        # 2. fixed: recovers without a restart, with a new edit visible
        mark = len(output.lines)
        data.write_text(good_data.replace("in addition to North Korea", "as well as North Korea"), "utf-8")
        assert wait_for(lambda: "as well as North Korea" in fetch(china)), "\n".join(output.since(mark))

        # 3. a broken chapter: its file and line, and again recovery
        mark = len(output.lines)
        broken = good_chapter.replace("[[supports: threats-from-china]]", "[[supports: threats-from-chna]]", 1)
        chapter.write_text(broken, "utf-8")
        n = broken.split("\n").index("[[supports: threats-from-chna]]") + 1
        expected = f"report/introduction.md:{n}:13: unknown recommendation id `threats-from-chna`; did you mean `threats-from-china`?"
        assert wait_for(lambda: any(expected in l for l in output.since(mark))), "\n".join(output.since(mark))
        assert proc.poll() is None
        chapter.write_text(good_chapter.replace("[[supports: threats-from-china]]\n", "", 1), "utf-8")
        assert wait_for(lambda: fetch(china).count('class="report-passage"') == 3), "\n".join(output.since(mark))
        assert "Traceback" not in "\n".join(output.lines)
    finally:
        stop(proc)
