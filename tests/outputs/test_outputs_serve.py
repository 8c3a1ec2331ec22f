"""`mkdocs serve` skips the PDF (too slow for live reload) but still serves the data and citation files."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from helpers import copy_project


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_serve_has_no_pdf_but_has_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        home = ""
        while time.monotonic() < deadline:
            try:
                code, home = _status(base)
                if code == 200 and "Peninsula Plus" in home:
                    break
            except OSError:
                pass
            time.sleep(0.25)
        assert "Peninsula Plus" in home, "server never came up"
        assert "peninsula-plus.pdf" not in home
        assert _status(base + "peninsula-plus.pdf")[0] == 404
        code, data = _status(base + "recommendations.json")
        assert code == 200 and '"recommendations"' in data
        assert _status(base + "peninsula-plus.bib")[0] == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
