# Two commands from a fresh clone: `make site` and `make test`.
# Both create .venv with the pinned dependencies first (once; again when the pins change).

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PROPERDOCS_STAMP := .venv-properdocs/.installed
# Two workers: browser sweeps and builds overlap (each site configuration is still built once per run).
PYTEST_WORKERS ?= 2
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast lint serve check bench clean citation anchors new-report import

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

site: $(STAMP)            ## build site/ (validates first; previous site/ kept on failure)
	$(PY) build_site.py

check: $(STAMP)           ## validate chapters and recommendations.yaml without building
	$(PY) build_site.py --check

citation: $(STAMP)        ## rewrite CITATION.cff from the metadata in mkdocs.yml (the build says when it is stale)
	$(PY) build_site.py citation

anchors: $(STAMP)         ## record the paragraph anchors in anchors.lock (commit it)
	$(PY) build_site.py --update-anchors

new-report:               ## start a new report project (its own repository): make new-report DIR=../my-report
	@test -n "$(DIR)" || { echo "make new-report: say where to create it: make new-report DIR=../my-report (a new folder)" >&2; exit 2; }
	@$(MAKE) --no-print-directory $(STAMP)
	$(PY) build_site.py new "$(DIR)"

import: $(STAMP)          ## a new report from a Word file: make import DOCX=report.docx DIR=../my-report
	$(PY) build_site.py import "$(DOCX)" "$(DIR)"

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# ProperDocs' own environment (tests/test_properdocs.py), kept like .venv until a pin changes.
$(PROPERDOCS_STAMP): $(STAMP) requirements.txt requirements-properdocs.txt pyproject.toml
	$(PY) tests/properdocs_venv.py

test: $(STAMP) node_modules/.installed $(PROPERDOCS_STAMP) lint   ## the lint, then every test, browser tests included
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadscope

lint: $(STAMP)            ## ruff (format and lint) and mypy, as configured in pyproject.toml
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test-fast: $(STAMP)       ## the editing loop: no browser, no PDF, no repeated builds (under 30 s)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadscope -m "not browser and not slow"

serve: $(STAMP)           ## live preview at http://127.0.0.1:8000/ (reloads on chapter and YAML edits)
	$(VENV)/bin/mkdocs serve --livereload

bench: $(STAMP) node_modules/.installed   ## benchmarks (never part of `make test`)
	$(PY) -m benchmarks

clean:
	rm -rf site .venv .venv-properdocs .pytest_cache
