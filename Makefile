# newsfuse — every target sets itself up on a fresh machine.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SHARED  ?= ../shared
TORCH   ?= torch==2.13.0

.PHONY: install demo test fuzz lint eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	# The CPU build of torch first (from local disk where the machine has it), so that
	# sentence-transformers does not pull the multi-GB CUDA build.
	$(BIN)/pip install --quiet "$(TORCH)" || $(BIN)/pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu
	$(BIN)/pip install --quiet -e ".[test,postgres]"
	touch $(STAMP)

demo: install
	$(BIN)/newsfuse brief examples/ --date 2026-03-14 --format text

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest -q

# The long fuzz run: FUZZ_READERS inputs through the readers and extraction, FUZZ_ANALYSIS
# through the whole analysis, briefing and every renderer (hypothesis counts them).
FUZZ_READERS  ?= 99000
FUZZ_ANALYSIS ?= 1000
fuzz: install
	FUZZ_READERS=$(FUZZ_READERS) FUZZ_ANALYSIS=$(FUZZ_ANALYSIS) $(BIN)/pytest -q tests/test_fuzz.py \
		-p no:cacheprovider -p no:warnings --hypothesis-show-statistics

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

eval: install
	$(BIN)/python -m newsfuse.evaluate --data $(SHARED)/data --out docs/evaluation.md

bench: install
	$(BIN)/python -m benchmarks.run --data $(SHARED)/data --out docs/performance.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
