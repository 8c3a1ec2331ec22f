"""`mkdocs serve --livereload` picks up an edit to recommendations.yaml."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
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
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
