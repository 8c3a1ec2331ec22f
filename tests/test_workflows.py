"""The GitHub Actions workflows: schema-valid, zizmor-clean, and doing what CONTRIBUTING.md promises."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    # YAML 1.1 reads the key `on:` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def run_text(workflow: dict[str, Any]) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow))


def by_trigger(trigger: str) -> dict[str, Any]:
    matches = [load(p) for p in FILES if trigger in load(p)["on"]]
    assert len(matches) == 1, f"expected one workflow on {trigger}"
    return matches[0]


def test_there_are_workflows() -> None:
    assert {p.name for p in FILES} >= {"pull-request.yml", "pages.yml"}


def test_workflows_match_githubs_schema() -> None:
    out = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, FILES)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_zizmor_finds_nothing_even_pedantic() -> None:
    """Every finding, down to pedantic ones, is fixed or justified in .github/zizmor.yml."""
    out = subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--pedantic",
            "--format",
            "json",
            "--config",
            str(ROOT / ".github" / "zizmor.yml"),
            str(WORKFLOWS),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    findings = json.loads(out.stdout or "[]")
    summary = [
        (f["ident"], f["determinations"]["severity"], f["locations"][0]["symbolic"]["key"]) for f in findings
    ]
    assert findings == [], summary
    assert out.returncode == 0, out.stderr


def test_zizmor_config_justifies_every_ignore() -> None:
    text = (ROOT / ".github" / "zizmor.yml").read_text("utf-8")
    config = yaml.safe_load(text)
    for rule in config.get("rules", {}):
        block = text.split(f"  {rule}:", 1)[1].split("ignore:", 1)[0]
        assert len(re.findall(r"^\s*#", block, re.M)) >= 2, f"{rule}: ignored without a written reason"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_least_privilege_pins_and_no_persisted_credentials(path: Path) -> None:
    wf = load(path)
    assert wf.get("permissions") == {}, (
        "top-level permissions must grant nothing; jobs ask for what they need"
    )
    assert wf.get("concurrency", {}).get("group")
    for name, job in wf["jobs"].items():
        assert "permissions" in job, f"{name}: no explicit permissions"
        assert "write-all" not in str(job["permissions"]) and "read-all" not in str(job["permissions"])
        assert "timeout-minutes" in job
    lines = path.read_text("utf-8").splitlines()
    for step in steps(wf):
        if "uses" in step:
            assert SHA_PIN.match(step["uses"]), f"{step['uses']} is not pinned to a full commit SHA"
            line = next(ln for ln in lines if step["uses"] in ln)
            assert re.search(r"# v\d+\.\d+\.\d+$", line), f"{step['uses']}: say which release the SHA is"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
            assert step["with"]["fetch-depth"] == 0, "full history, for last-updated dates"
        assert "${{" not in step.get("run", ""), "expressions go through env:, never into a shell script"


def _apt_packages(text: str) -> set[str]:
    """Packages named by `apt-get install` lines, with simple `name="a b"` shell variables expanded."""
    for name, value in re.findall(r'^\s*(\w+)="([^"$]*)"', text, re.M):
        text = text.replace(f"${name}", value)
    packages: set[str] = set()
    for m in re.finditer(r"apt-get install((?:\\\n|[^\n])*)", text):
        packages |= {
            w
            for w in shlex.split(m.group(1).replace("\\\n", " "))
            if not w.startswith("-") and not w.startswith(">")
        }
    return packages


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflows_install_what_ci_installs(path: Path) -> None:
    """.ci/run is the reference machine: a package it installs must be installed here too."""
    wf = load(path)
    if not any("make " in s.get("run", "") for s in steps(wf)):
        return
    needed = _apt_packages((ROOT / ".ci" / "run").read_text("utf-8"))
    if any(s.get("uses", "").startswith("actions/setup-node@") for s in steps(wf)):
        needed -= {"nodejs", "npm"}  # the workflow brings Node 20 with actions/setup-node
    if "make test" not in run_text(wf):
        needed -= {"chromium", "nodejs", "npm"}  # only the tests drive a browser or need npm
    assert needed <= _apt_packages(run_text(wf)), f"missing: {needed - _apt_packages(run_text(wf))}"


def test_pull_requests_check_test_and_upload_a_preview() -> None:
    wf = by_trigger("pull_request")
    script = run_text(wf)
    for command in ("make check", "make test", "make site"):
        assert re.search(rf"^{command}$", script, re.M), command
    assert script.index("make check") < script.index("make test") < script.index("make site")
    uploads = [s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    paths = [u["with"]["path"] for u in uploads]
    assert "site/" in paths and any(p.endswith(".pdf") for p in paths)
    assert all(job["permissions"] == {"contents": "read"} for job in wf["jobs"].values())


def test_main_deploys_to_pages_with_the_pages_base_url() -> None:
    wf = by_trigger("push")
    assert wf["on"]["push"]["branches"] == ["main"]
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    configure = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages@"))
    site = next(s for s in build["steps"] if s.get("run") == "make site")
    assert site["env"]["SITE_URL"] == "${{{{ steps.{}.outputs.base_url }}}}".format(configure["id"])
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "write" not in build["permissions"].values()
    assert wf["concurrency"]["cancel-in-progress"] is False


@pytest.mark.slow
def test_pages_base_url_puts_the_site_under_its_subpath(tmp_path: Path) -> None:
    """configure-pages gives base_url without a trailing slash; canonical links, sitemap and 404 page must still be right."""
    from bs4 import BeautifulSoup
    from helpers import build_here, copy_project

    project = copy_project(tmp_path / "p")
    out = tmp_path / "site"
    build_here(project, out, check=True, env=dict(SITE_URL="https://acme.github.io/peninsula-plus"))
    page = BeautifulSoup(
        (out / "recommendations/threats-from-china/index.html").read_text("utf-8"), "html.parser"
    )
    assert (
        page.select_one('link[rel="canonical"]')["href"]
        == "https://acme.github.io/peninsula-plus/recommendations/threats-from-china/"
    )
    assert "<loc>https://acme.github.io/peninsula-plus/introduction/</loc>" in (
        out / "sitemap.xml"
    ).read_text("utf-8")
    missing = BeautifulSoup((out / "404.html").read_text("utf-8"), "html.parser")
    assert all(ln["href"].startswith("/peninsula-plus/") for ln in missing.select('link[rel="stylesheet"]'))
