"""Data files already found valid against the schema, remembered across builds by digest.

Checking ``recommendations.yaml`` against its JSON Schema needs the ``jsonschema``
library, whose import alone costs about as much as the rest of the generator's start-up.
A file whose exact bytes passed under the exact same schema passes again, so a build
whose data file is unchanged (most builds: chapters change more often) skips the check.
Kept in the per-user cache directory; when that is not writable nothing is remembered
and every build checks.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

#: Digests remembered (the newest last); a handful covers switching between branches.
KEEP = 32


def _store() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "report-site" / "schema-valid"


def digest(schema_text: str, data_text: str) -> str:
    return hashlib.sha256(f"{len(schema_text)}:{schema_text}{data_text}".encode()).hexdigest()


def _known() -> list[str]:
    try:
        return _store().read_text("ascii").split()
    except (OSError, UnicodeDecodeError):
        return []


def seen(key: str) -> bool:
    return key in _known()


def remember(key: str) -> None:
    known = _known()
    if known[-1:] == [key]:
        return  # already the newest: most builds, whose data file did not change
    known = [k for k in known if k != key][-(KEEP - 1) :] + [key]
    store = _store()
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=store.parent, delete=False, encoding="ascii") as f:
            f.write("\n".join(known) + "\n")
        os.replace(f.name, store)  # atomic: concurrent builds never read half a file
    except OSError:
        pass
