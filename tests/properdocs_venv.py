"""The ProperDocs environment, ``.venv-properdocs``: made by ``make`` (like ``.venv``), checked by the tests.

It holds every pin of requirements.txt except mkdocs itself (so nothing can quietly fall
back to mkdocs) plus ProperDocs, and is rebuilt only when a pin changes: its stamp file
records a digest of the pin files.

    python tests/properdocs_venv.py      # create or refresh it (``make`` runs this)
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-properdocs"
STAMP = VENV / ".installed"
PIN_FILES = ("requirements.txt", "requirements-properdocs.txt", "pyproject.toml")
NOT_WITH_PROPERDOCS = re.compile(r"^(mkdocs|mkdocs-get-deps)==", re.I)


def pins_digest() -> str:
    return hashlib.sha256(b"".join((ROOT / f).read_bytes() for f in PIN_FILES)).hexdigest()


def is_current() -> bool:
    return STAMP.is_file() and STAMP.read_text() == pins_digest()


def ensure() -> Path:
    """The environment, (re)created when any pin changed since it was made (one process at a time)."""
    with open(__file__) as lock:  # pytest-xdist workers may ask at once
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _ensure()


def _ensure() -> Path:
    digest = pins_digest()
    if is_current():
        STAMP.touch()  # for make: up to date with the pin files
        return VENV
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pins = VENV / "requirements-without-mkdocs.txt"
    pins.write_text(
        "".join(
            ln + "\n"
            for ln in (ROOT / "requirements.txt").read_text("utf-8").splitlines()
            if not NOT_WITH_PROPERDOCS.match(ln)
        ),
        "utf-8",
    )
    pip = [
        str(VENV / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
    ]
    for args in (["-r", str(pins), "-r", str(ROOT / "requirements-properdocs.txt")], ["-e", str(ROOT)]):
        out = subprocess.run([*pip, *args], capture_output=True, text=True, timeout=900)
        if out.returncode != 0:
            raise RuntimeError(f"installing ProperDocs' environment failed:\n{out.stderr[-3000:]}")
    STAMP.write_text(digest)
    return VENV


if __name__ == "__main__":
    ensure()
