"""report_site/validated.py: a data file is checked against the schema until its exact bytes have passed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

from report_site import loader, validated
from report_site.errors import ReportError

VALID = (ROOT / "recommendations.yaml").read_text("utf-8")
# Breaks the schema only (a title must be text), not the loader's own checks.
INVALID = VALID.replace("title: ", "title:\n      - ", 1)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_valid_file_is_remembered_and_loads_the_same_again() -> None:
    key = validated.digest(loader.schema_text(), VALID)
    assert not validated.seen(key)
    first = loader.parse(VALID, "r.yaml")
    assert validated.seen(key)
    assert loader.parse(VALID, "r.yaml") == first


def test_invalid_file_is_never_remembered() -> None:
    for _ in range(2):
        with pytest.raises(ReportError) as err:
            loader.parse(INVALID, "r.yaml")
        assert "must be text" in str(err.value)
    assert not validated.seen(validated.digest(loader.schema_text(), INVALID))


def test_a_changed_schema_checks_again() -> None:
    loader.parse(VALID, "r.yaml")
    assert not validated.seen(validated.digest(loader.schema_text() + " ", VALID))


def test_without_a_writable_cache_every_build_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert loader.parse(VALID, "r.yaml").recommendations
    assert not validated.seen(validated.digest(loader.schema_text(), VALID))
    with pytest.raises(ReportError):
        loader.parse(INVALID, "r.yaml")
