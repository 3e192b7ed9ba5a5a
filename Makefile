# pressmine: the table of contents of what the project can do. `make help` lists it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
RAW    ?= data/raw
OUT    ?= data/processed
SOURCES ?= sources.toml
# The dev corpus with gold annotations (present beside the checkout for developers and CI only).
DEV_CORPUS ?= ../shared/corpus
NER_CORPUS ?= ../shared/corpora/swedish-ner-corpus

.DEFAULT_GOAL := help
.PHONY: help install run test score scrape model names classifiers bench schema notebooks report export clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,model,names,reports]"
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project into it (done by the other targets)

run: $(STAMP) ## build data/processed from data/raw and print a summary (REDACT=1 masks phone numbers and e-mail addresses)
	$(BIN)/python -m pipeline build --raw $(RAW) --out $(OUT) $(if $(filter 1,$(REDACT)),--redact-contacts)

test: $(STAMP) ## run the test suite
	$(BIN)/python -m pytest

score: $(STAMP) ## build the dev corpus and score it against the gold annotations
	$(BIN)/python -m pipeline build --raw $(DEV_CORPUS) --out build/dev --quiet
	$(BIN)/python $(DEV_CORPUS)/../scripts/score.py --gold $(DEV_CORPUS)/gold.jsonl --pred build/dev

scrape: $(STAMP) ## fetch new press releases from the sources in sources.toml into data/raw
	$(BIN)/python -m pipeline scrape --sources $(SOURCES) --raw $(RAW)

model: $(STAMP) ## train the Swedish NER model into models/ (about 20 minutes)
	$(BIN)/python -m pipeline model --corpus $(NER_CORPUS)

names: $(STAMP) ## rebuild pipeline/resources/first_names.txt from the curated list, registered Nordic names and the NER corpus (NER_CORPUS=dir)
	$(BIN)/python -m pipeline.resources.build_first_names $(NER_CORPUS)/train_corpus.txt

classifiers: $(STAMP) ## train the relevance classifier on a labelled corpus (CORPUS=dir, NEWS=token file for extra negatives) into pipeline/resources
	$(BIN)/python -m pipeline classifiers --corpus $(or $(CORPUS),$(DEV_CORPUS)) $(if $(NEWS),--news $(NEWS))

bench: $(STAMP) ## throughput and memory of whole builds on a synthetic corpus (DOCS=5000 RUNS=3 MODEL=rules)
	$(BIN)/python -m pipeline.bench --docs $(or $(DOCS),5000) --runs $(or $(RUNS),3) --model $(or $(MODEL),rules)

schema: $(STAMP) ## write the data dictionary of the Parquet tables into README.md
	$(BIN)/python -m pipeline schema --update-readme README.md

notebooks: $(STAMP) ## execute the notebooks on data/processed into reports/<name>.html (figures embedded)
	$(BIN)/python -m pipeline notebooks --processed $(OUT) --out reports

report: $(STAMP) ## write reports/summary.html: counts, NLP base, files set aside, top grants, links to the notebooks
	$(BIN)/python -m pipeline report --processed $(OUT) --out reports

export: $(STAMP) ## write every table to exports/ as CSV (UTF-8 with BOM) and exports/pressmine.xlsx
	$(BIN)/python -m pipeline export --processed $(OUT) --out exports

clean: ## remove processed data, caches and build output (raw data is never touched)
	find data/processed -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf build reports exports .pytest_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -exec rm -rf {} +
