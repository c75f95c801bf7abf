# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

# Use the local Postgres and Redis when they are running and nothing else is configured;
# otherwise the embedded default (SQLite, tasks in-process) is used.
LOCAL_SERVICES = \
	if [ -z "$${DATABASE_URL:-}" ] && $(BIN)/python -c "import socket,sys; s=socket.socket(); s.settimeout(.5); sys.exit(s.connect_ex(('127.0.0.1',5432)))" 2>/dev/null; then \
		export DATABASE_URL=postgres://postgres@127.0.0.1:5432/opleidingsschool; \
	fi; \
	if [ -z "$${REDIS_URL:-}" ] && $(BIN)/python -c "import socket,sys; s=socket.socket(); s.settimeout(.5); sys.exit(s.connect_ex(('127.0.0.1',6379)))" 2>/dev/null; then \
		export REDIS_URL=redis://127.0.0.1:6379/15; \
	fi

.PHONY: install run test lint messages worker beat bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The embedded default: SQLite file db.sqlite3, tasks in-process, mail on the console.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The test suite's JavaScript tools (axe-core, the Nu HTML Checker, ical.js) when npm is there;
# without them those tests skip (CI installs npm and Java and may not skip).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm not found: the browser-checker tests will skip"; fi

# In parallel, one process per core (pytest-xdist); each gets its own test database and
# Redis database. `--dist loadgroup` keeps the URL walk's GET half and its HTML check on one
# worker (tests/test_url_access.py). PYTEST_ARGS="-p no:xdist -k ..." runs a few tests in one
# process.
PYTEST_ARGS ?= -n auto --dist loadgroup

test: install node_modules/.installed
	@$(LOCAL_SERVICES); \
	echo "Testing with DATABASE_URL=$${DATABASE_URL:-<sqlite>} REDIS_URL=$${REDIS_URL:-<none>}"; \
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: install
	$(BIN)/python manage.py makemessages -l nl --no-obsolete --no-location -i ".venv/*" -i "staticfiles/*"
	$(BIN)/python manage.py compilemessages -l nl -i ".venv"

worker: install
	$(BIN)/celery -A opleidingsschool worker --loglevel=INFO

beat: install
	$(BIN)/celery -A opleidingsschool beat --loglevel=INFO

# Key pages under wrk at demo and national size beside a bare Django view (needs Postgres and
# Debian's wrk). BENCH_ARGS="--schools 50 --duration 3" for a quicker run; see docs/performance.md.
bench: install
	@$(LOCAL_SERVICES); \
	if [ -z "$${DATABASE_URL:-}" ]; then echo "make bench needs Postgres (DATABASE_URL)"; exit 1; fi; \
	$(BIN)/python manage.py bench $(BENCH_ARGS)
