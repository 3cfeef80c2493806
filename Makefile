# The portal's commands. On a fresh machine with Python 3.11: `make serve`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SITE_READY := $(VENV)/.site-installed
DEV_READY := $(VENV)/.dev-installed
.PHONY: html serve publish deploy rollback new lint test check regulations bench lock clean

# Only what changed since the last build is redone; output/ changes whole or not at all.
html: $(SITE_READY)
	$(BIN)/python scripts/build.py

serve: $(SITE_READY)
	$(BIN)/python scripts/serve.py

# Builds into a fresh folder and swaps it in for output/ only when the build succeeded.
publish: $(SITE_READY)
	$(BIN)/python scripts/publish.py

# output/ to $$DEPLOY_TARGET as a new release, switched live once complete; rollback goes
# back to the release before the live one (see the script for the variables it reads).
deploy:
	scripts/deploy.sh

rollback:
	scripts/deploy.sh rollback

# A new article: `make new`, or `make new TITLE="..." CATEGORY="..."`.
new: $(SITE_READY)
	$(BIN)/python scripts/new_article.py

# Content errors fail; citations the linker could not resolve are listed as warnings.
check: $(SITE_READY)
	$(BIN)/python -m content_intake pelicanconf.py
	$(BIN)/python -m regulations --problems-only content/

# Every citation found in content, per file and line, with its document id.
regulations: $(SITE_READY)
	$(BIN)/python -m regulations content/

# ruff (lint and format) and mypy, settings in pyproject.toml; the tests run them first.
lint: $(DEV_READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Build speed beside stock Pelican and Hugo, into docs/performance.md (1,000 and 10,000
# articles; BENCH_FLAGS=--large adds 100,000; see bench/build_speed.py --help).
bench: $(SITE_READY)
	$(BIN)/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	$(BIN)/python bench/build_speed.py $(BENCH_FLAGS)

# plugins/ is installed in editable mode: changes to the code need no reinstall.
$(SITE_READY): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
	  --config-settings editable_mode=compat -e .
	touch $@

$(DEV_READY): $(SITE_READY) requirements-dev.txt package-lock.json
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	npm ci --no-audit --no-fund --silent
	touch $@

# Re-pin requirements*.txt after editing requirements*.in (needs the registry).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned from requirements.in: the site's build dependencies and theirs."; \
	  .lock-venv/bin/pip freeze --all | grep -v '^pip=='; } > requirements.txt
	.lock-venv/bin/pip install --quiet -r requirements-dev.in
	{ echo "# Pinned from requirements-dev.in: test dependencies and theirs, on top of requirements.txt."; \
	  echo "-r requirements.txt"; .lock-venv/bin/pip freeze | grep -vxFf requirements.txt; } \
	  > requirements-dev.txt
	rm -rf .lock-venv

clean:
	rm -rf output $(VENV) node_modules
