# Two commands for a new user: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8501
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run check test lint typecheck format bench screenshots geo sync clean bytecode

# The venv is rebuilt whenever the lock file changes. uv lives in its own small venv so that
# `uv sync` (which removes what the lock does not list) never uninstalls it.
$(VENV)/.synced: uv.lock pyproject.toml | .tools/bin/uv
	.tools/bin/uv sync --locked --python python3
	touch $@

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

sync: $(VENV)/.synced

# The app's own bytecode, written ahead (compileall skips what is up to date): uv compiles the
# dependencies (pyproject: compile-bytecode), and a Python run with PYTHONDONTWRITEBYTECODE
# would otherwise compile usmx from source on every server start.
bytecode: $(VENV)/.synced
	@$(PY) -m compileall -q usmx harness >/dev/null

run: bytecode
	$(VENV)/bin/streamlit run dashboard.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# axe-core for the accessibility tests, from package-lock.json; reinstalled when the lock changes.
# Without npm the a11y tests skip on a developer machine (and fail under CI=true).
node_modules/.package-lock.json: package-lock.json package.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: tests/test_a11y.py will be skipped (apt-get install npm)"; fi

# Two tiers. `make check`: the inner loop (a minute or two) — lint, format, types, the dataset,
# every test but the real-browser ones. `make test`: the full suite, what .ci/run runs.
lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Type checks: mypy over the files pyproject.toml lists ([tool.mypy]); both tiers run this target.
typecheck: $(VENV)/.synced
	$(VENV)/bin/mypy

check: lint typecheck bytecode
	$(VENV)/bin/usmx validate
	$(VENV)/bin/python -m pytest -m "not browser" -q

test: lint typecheck bytecode node_modules/.package-lock.json
	$(VENV)/bin/usmx validate
	$(VENV)/bin/python -m pytest

format: $(VENV)/.synced
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# `make bench SECTIONS=cold,extraction` measures only those (see bench/README.md);
# `BASELINE=<git ref>` adds that commit's app to the cold start, measured in the same runs.
bench: bytecode
	$(if $(BASELINE),BENCH_BASELINE=$(BASELINE)) $(PY) -m bench $(if $(SECTIONS),--sections $(SECTIONS))

screenshots: $(VENV)/.synced
	$(PY) scripts/screenshots.py

geo: $(VENV)/.synced
	$(PY) scripts/build_geo.py
	$(PY) scripts/build_map_layers.py

clean:
	rm -rf $(VENV) .tools .pytest_cache .ruff_cache node_modules
