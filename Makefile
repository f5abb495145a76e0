# kompaskit: the two commands are `make report` (the main job) and `make test` (every test).
# Default: a .venv made with Python 3.11. With conda: `conda activate kompaskit` then
# `make report PYTHON=python` (no venv is made when PYTHON is given).

PY311 ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PYTHON ?= $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

ifeq ($(PYTHON),$(VENV)/bin/python)
SETUP := $(STAMP)
else
SETUP :=
endif

.PHONY: all install build notebooks report test test-fast bench corpus clean-processed clean

all: report

$(STAMP): pyproject.toml
	@test -x $(VENV)/bin/python || $(PY311) -m venv $(VENV) || { \
	  echo "Could not create $(VENV) with $(PY311). On Debian/Ubuntu: apt install python3.11-venv"; exit 1; }
	$(VENV)/bin/python -m pip install --quiet --upgrade "pip>=24"
	$(VENV)/bin/python -m pip install --quiet -e ".[dev,dask]"
	@touch $(STAMP)

install: $(SETUP)

## build data/processed/ from data/raw/ (incremental)
build: $(SETUP)
	$(PYTHON) -m kompaskit build data/raw --out data/processed

## execute every notebook headless on freshly built tables; figures go to reports/figures/
notebooks: build
	$(PYTHON) -m kompaskit report

## the main job: build the tables, run the notebooks, export figures (in that order, also with -j)
report: notebooks
	@ls reports/figures/*.png >/dev/null 2>&1 || { echo "no figures were exported"; exit 1; }
	@echo "tables: data/processed/  figures: reports/figures/  report tables: reports/tables/  executed notebooks: reports/notebooks/"

## every test (unit, property, notebook, browser); pytest exits non-zero if none ran
test: $(SETUP)
	$(PYTHON) -m pytest

test-fast: $(SETUP)
	$(PYTHON) -m pytest -m "not browser and not notebook"

## hydrate the curated Russia-DPRK manifest into data/raw/ (needs the network; resumable)
corpus: $(SETUP)
	$(PYTHON) -m kompaskit hydrate data/manifests/russia-dprk-kompas.csv --to data/raw

bench: $(SETUP)
	$(PYTHON) -m kompaskit bench

clean-processed:
	find data/processed -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

clean: clean-processed
	rm -rf $(VENV) reports/notebooks reports/tables
	find reports/figures -mindepth 1 ! -name .gitkeep -delete
