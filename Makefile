# The maintainer's commands. `make serve` and `make test` are all a newcomer needs.
PYTHON ?= python3
# Material prints a long notice about its future on every build; the maintainer has seen it.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
# Reinstalled whenever a requirements file changes.
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: serve build test bench clean

serve: $(STAMP) ## Build the site and serve it at http://127.0.0.1:8000 (reloads on edits)
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the site into site/; a failed build leaves the last good site/ alone
	$(PY) scripts/tools/build.py

test: $(STAMP) $(NODE_STAMP) ## Run every test, browser tests included
	$(PY) -m pytest

bench: $(STAMP) ## Print build-time and page-weight measurements
	$(PY) scripts/tools/bench_build.py
	$(PY) scripts/tools/bench_checklists.py

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	# The build library (scripts/sitegen) and test support (tests/testkit), importable everywhere.
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The Nu HTML Checker for the tests, pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

clean:
	rm -rf site .site.building-* site.old .venv node_modules
