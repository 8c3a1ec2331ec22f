"""Data files already found valid against the schema, remembered across builds by digest.

Checking ``recommendations.yaml`` against its JSON Schema needs the ``jsonschema``
library, whose import alone costs about as much as the rest of the generator's start-up.
A file whose exact bytes passed under the exact same schema passes again, so a build
whose data file is unchanged (most builds: chapters change more often) skips the check:
6 % of a build of Peninsula Plus (3,100 M against 3,300 M instructions, callgrind, `make bench`).
Kept in the project's ``.cache/report-site/`` beside mkdocs.yml, like the build's other caches; when
that is not writable nothing is remembered and every build checks.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

#: Digests remembered (the newest last); a handful covers switching between branches.
KEEP = 32
NAME = "schema-valid"


def digest(schema_text: str, data_text: str) -> str:
    return hashlib.sha256(f"{len(schema_text)}:{schema_text}{data_text}".encode()).hexdigest()


def _known(folder: Path) -> list[str]:
    try:
        return (folder / NAME).read_text("ascii").split()
    except (OSError, UnicodeDecodeError):
        return []


def seen(key: str, folder: Path | None) -> bool:
    return folder is not None and key in _known(folder)


def remember(key: str, folder: Path | None) -> None:
    if folder is None:
        return
    known = _known(folder)
    if known[-1:] == [key]:
        return  # already the newest: most builds, whose data file did not change
    known = [k for k in known if k != key][-(KEEP - 1) :] + [key]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, encoding="ascii") as f:
            f.write("\n".join(known) + "\n")
        os.replace(f.name, folder / NAME)  # atomic: concurrent builds never read half a file
    except OSError:
        pass
