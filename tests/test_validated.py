"""report_site/validated.py: a data file is checked against the schema until its exact bytes have passed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import PENINSULA

from report_site.data import loader, validated
from report_site.errors import ReportError

VALID = (PENINSULA / "recommendations.yaml").read_text("utf-8")  # the frozen first report: a generator test
# Breaks the schema only (a title must be text), not the loader's own checks.
INVALID = VALID.replace("title: ", "title:\n      - ", 1)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / ".cache" / "report-site"


def test_valid_file_is_remembered_and_loads_the_same_again(cache: Path) -> None:
    key = validated.digest(loader.schema_text(), VALID)
    assert not validated.seen(key, cache)
    first = loader.parse(VALID, "r.yaml", cache)
    assert validated.seen(key, cache)
    assert loader.parse(VALID, "r.yaml", cache) == first


def test_invalid_file_is_never_remembered(cache: Path) -> None:
    for _ in range(2):
        with pytest.raises(ReportError) as err:
            loader.parse(INVALID, "r.yaml", cache)
        assert "must be text" in str(err.value)
    assert not validated.seen(validated.digest(loader.schema_text(), INVALID), cache)


def test_a_changed_schema_checks_again(cache: Path) -> None:
    loader.parse(VALID, "r.yaml", cache)
    assert not validated.seen(validated.digest(loader.schema_text() + " ", VALID), cache)


def test_without_a_writable_cache_every_build_checks(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    assert loader.parse(VALID, "r.yaml", blocker).recommendations
    assert not validated.seen(validated.digest(loader.schema_text(), VALID), blocker)
    with pytest.raises(ReportError):
        loader.parse(INVALID, "r.yaml", blocker)


def test_a_build_keeps_its_digest_in_the_project_not_the_home_folder(mini: Path, tmp_path: Path) -> None:
    from helpers import build_here

    home = tmp_path / "home"
    assert (
        build_here(
            mini, tmp_path / "site", env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
        ).returncode
        == 0
    )
    assert (mini / ".cache" / "report-site" / validated.NAME).is_file()
    assert not home.exists()
