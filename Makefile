# shuanggao-kg: two commands on a fresh machine.
#   make run   installs, builds the graph from data/reports/, validates it, serves http://127.0.0.1:8000
#   make test  installs what tests need and runs them
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# browser libraries (charts, graph views) fetched from the npm registry with their licences: scripts/vendor_js.py
VENDORED := api/static/vendor/VENDOR.json
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install vendor run build test lint system-deps bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (Python 3.11) on PATH"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP) $(VENDORED)

$(VENDORED): scripts/vendor_js.py | $(STAMP)
	$(BIN)/python scripts/vendor_js.py

vendor: $(VENDORED)

# exit 3 = written, but some report was quarantined (named in the output): the graph is served anyway
build: $(STAMP) $(VENDORED)
	$(BIN)/sgkg build --reports data/reports --out build || [ $$? -eq 3 ]

run: build
	$(BIN)/sgkg serve --host $(HOST) --port $(PORT) --graph build/kg.trig

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) $(VENDORED)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n auto

# Debian packages the remote-store and browser tests need (Virtuoso, Chromium) and the API load bench (wrk).
system-deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends \
	  virtuoso-opensource chromium chromium-driver fonts-noto-cjk wrk

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf build .pytest_cache
