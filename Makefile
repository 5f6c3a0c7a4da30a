# Konvergensi: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-run-$(shell cksum < requirements.txt | cut -d' ' -f1)
DEVSTAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8050

WORKERS ?= 3

.PHONY: validation-layout setup dev lint run serve load load-import load-postgres bench-postgres faults test unit e2e chromium postgres demo-data templates bench clean

# Runtime packages (requirements.txt) for `make run`; test tools too (requirements-dev.txt) for `make test`.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0] + " (set PYTHON=python3.x)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

$(DEVSTAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-dev-*
	@touch $(DEVSTAMP)

setup: $(STAMP)

dev: $(DEVSTAMP)

run: setup
	HOST=$(HOST) PORT=$(PORT) $(PY) app.py

# Production: gunicorn with several workers (WORKERS, HOST, PORT from the environment).
serve: setup
	$(VENV)/bin/gunicorn app:server --workers $(WORKERS) --bind $(HOST):$(PORT) \
		--access-logfile - --error-logfile - --timeout 120 --graceful-timeout 30 \
		--limit-request-line 8190 --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# 50 simulated viewers for 60 s against gunicorn on loopback (see bench/load.py).
load: setup
	$(PY) bench/load.py

# The same while an admin imports a new dataset half-way: no failure, no version mix.
load-import: setup
	$(PY) bench/load.py --import-kind prevalensi --import-file data/demo/prevalensi.csv

# The same with two gunicorn instances sharing a throwaway PostgreSQL (issue 12).
load-postgres: setup postgres
	$(PY) bench/load.py --database-url auto --import-kind prevalensi --import-file data/demo/prevalensi.csv

# Faults (killed worker/import, read-only folder, full disk) and hostile input, bounded in time.
faults: dev
	$(PY) -m pytest tests/e2e/test_faults.py tests/unit/test_store_faults.py \
		tests/unit/test_hostile_input.py tests/e2e/test_load.py tests/e2e/test_hardening.py \
		tests/e2e/test_security_fixes.py tests/unit/test_security_fixes.py tests/unit/test_auth.py

# A headless Chromium for the end-to-end tests: $CHROMIUM, or Debian's chromium,
# installed with apt-get when we are root and it is missing.
chromium:
	@if [ -n "$$CHROMIUM" ] && [ -x "$$CHROMIUM" ]; then echo "chromium: $$CHROMIUM"; \
	elif command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif command -v chromium-browser >/dev/null 2>&1; then echo "chromium: $$(command -v chromium-browser)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium (needed by the end-to-end tests)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && echo "chromium: installed"; \
	else \
		echo "The end-to-end tests need a headless Chromium. Install it with:"; \
		echo "    sudo apt-get install chromium"; \
		echo "or set CHROMIUM=/path/to/chromium."; exit 1; \
	fi

# Debian's PostgreSQL server and PostGIS for the PostgreSQL tests (tests/helpers/postgres.py
# starts a throwaway cluster): installed with apt-get when we are root and they are missing;
# otherwise the command to run is printed and those tests are skipped with the same words.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then \
		echo "postgresql + postgis: $$(ls -d /usr/lib/postgresql/*/bin | tail -1)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's postgresql and postgis (needed by the PostgreSQL tests)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgis >/dev/null && echo "postgresql + postgis: installed"; \
	else \
		echo "The PostgreSQL tests need Debian's PostgreSQL server and PostGIS; they are skipped. Install them with:"; \
		echo "    sudo apt-get install postgresql postgis"; \
	fi

test: dev chromium postgres lint
	$(PY) -m pytest tests

# ruff's lint rules (pyproject.toml) over the whole project, before the tests run.
lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

unit: dev
	$(PY) -m pytest tests/unit

e2e: dev chromium
	$(PY) -m pytest tests/e2e

demo-data: setup
	$(PY) data/make_demo_data.py
	# the province bundle serves the benchmarks: the first version's six coverage indicators
	$(PY) data/make_demo_data.py --boundaries data/sultra_desa.gpkg --out data/demo_sultra \
		--indikator ttd_remaja,anc4,timbang_baduta,imunisasi_dasar,air_minum,jamban_sehat

# Benchmarks (bench/README.md): the app against a naive Plotly baseline at regency and
# province scale, in headless Chromium. `make bench QUICK=1` is a short run (< 2 min).
bench: dev chromium
	$(PY) bench/restyle_server.py --scale province $(if $(QUICK),--repeat 1 --baseline 2,)
	$(PY) bench/run.py $(if $(QUICK),--quick,)

# PostgreSQL against SQLite at province scale in one run: first map, restyle, import, queries per request.
bench-postgres: dev chromium postgres
	$(PY) bench/postgres.py

templates: setup
	$(PY) data/make_templates.py

clean:
	rm -rf $(VENV) .pytest_cache

# After adding or renaming a component a callback uses: the ids and types Dash checks callbacks
# against (callbacks/validation.py), made from the bundled demo data in an empty data folder.
validation-layout: setup
	tmp=$$(mktemp -d) && KONVERGENSI_DATA_DIR=$$tmp KONVERGENSI_BOUNDARIES= KONVERGENSI_DEMO_DIR= \
		$(PY) -m callbacks.validation; rm -rf $$tmp
