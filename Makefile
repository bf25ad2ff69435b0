# Regietafel — two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
CONSTRAINTS := requirements/constraints.txt
SHARED_DATA ?= ../shared/data
GEMEENTEN_CSV := $(SHARED_DATA)/cbs_gemeenten_2025_inwoners_2023.csv
# the demo loader and the map read the shared folder through the settings, so pass it on
DEBUG ?= 0
RUN_ENV := DJANGO_SETTINGS_MODULE=config.settings.local DEBUG=$(DEBUG) \
	REFERENCE_DATA_DIR="$(or $(REFERENCE_DATA_DIR),$(abspath $(SHARED_DATA)))" \
	PROVINCE_MAP_FILE="$(or $(PROVINCE_MAP_FILE),$(wildcard $(abspath $(SHARED_DATA))/cbs_provincies_2025_wgs84.topojson))"
HOST ?= 127.0.0.1
PORT ?= 8000
# links in mail point where this run serves (SITE_URL wins when given)
RUN_ENV += SITE_URL="$(or $(SITE_URL),http://$(HOST):$(PORT))"

.PHONY: run test lint install install-test services migrate demo bench fuzz schema vendor clean help

help:
	@echo "make run   - installeren, migreren, demogegevens laden en serveren op http://$(HOST):$(PORT)"
	@echo "make test  - diensten starten, controles en de hele testsuite op PostgreSQL en Redis"
	@echo "make bench - belastingtest; resultaten in docs/performance.md"
	@echo "make fuzz  - de volledige ronde schemathesis (ST_VOORBEELDEN=100 per bewerking) en de formulierfuzz"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml $(CONSTRAINTS) | $(PY)
	$(PIP) install -q -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(CONSTRAINTS) | $(PY)
	$(PIP) install -q -c $(CONSTRAINTS) -e ".[test]"
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

run: install
	@mkdir -p var
	@bash scripts/ensure-pango.sh
	$(RUN_ENV) $(PY) manage.py demo_starten --gemeenten "$(GEMEENTEN_CSV)"
	@echo ""
	@echo "Regietafel draait op http://$(HOST):$(PORT)  (stoppen: Ctrl-C)"
	@echo "Demogebruikers (wachtwoord regietafel-demo): ministerie, coa, prt-<provincie> (bv. prt-gelderland),"
	@echo "  gemeente-amsterdam, gemeente-zaanstad, gemeente-purmerend, gemeente-arnhem, gemeente-nijmegen,"
	@echo "  gemeente-utrecht, gemeente-heerlen"
	@echo ""
	$(RUN_ENV) ALLOWED_HOSTS="$(HOST),127.0.0.1,localhost" $(PY) manage.py runserver $(HOST):$(PORT)

services:
	bash scripts/ensure-services.sh

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: services install-test
	bash scripts/run-tests.sh

bench: services install-test
	bash bench/run.sh

# The fuzzing rounds alone (`make test` runs them too, at the same 100 examples): schemathesis
# with ST_VOORBEELDEN examples per API operation as the ministry (a quarter as each other
# role) and the stateful round along the schema's links, and the test over every HTML form.
ST_VOORBEELDEN ?= 100
fuzz: services install-test
	ST_VOORBEELDEN=$(ST_VOORBEELDEN) DJANGO_SETTINGS_MODULE=config.settings.test \
	  $(PY) -m pytest -p no:xdist -q tests/robuustheid/test_schemathesis_wsgi.py \
	  tests/robuustheid/test_formulieren_fuzz.py

schema: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py spectacular --file docs/openapi.yaml --validate --fail-on-warn

vendor:
	bash scripts/vendor-frontend.sh

clean:
	rm -rf var/static .pytest_cache
