# Two entry points, both self-installing: `make run` (the main job) and `make test`.
# They create .venv with Python >= 3.12 (found on PATH or under pyenv) and install the project.

PYTHON ?= $(shell for p in python3.12 python3.13 python3 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /root/.pyenv/versions/3.12*/bin/python3.12; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= results
REPLICATES ?=
SEED ?= 1

.PHONY: install run test lint clean browser notebooks

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: Python >= 3.12 not found (tried python3.12, pyenv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,distributed,app]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/korea1950 study --seed $(SEED) --out $(OUT) $(if $(REPLICATES),--replicates $(REPLICATES))

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

# The teaching notebooks in JupyterLab on 127.0.0.1 (installs the `notebooks` extra first).
notebooks: $(STAMP)
	$(BIN)/pip install -q -e '.[notebooks]'
	$(BIN)/korea1950 notebooks --dir notebooks

browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
