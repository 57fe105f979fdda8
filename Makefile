# TouchDesk developer entry points. `make run` and `make test` work from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := libgl1 libxkbcommon0 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 poppler-utils
STAMP := $(VENV)/.installed

.PHONY: run test system-deps install translations lint screenshots bench bundle clean

run: install
	$(BIN)/touchdesk

# The data-layer tests also run on PostgreSQL (team mode): a throw-away server on loopback.
test: install
	url="$$(tools/test-postgres)" && \
	TOUCHDESK_TEST_PG_URL="$$url" TOUCHDESK_REQUIRE_PG=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

system-deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "TouchDesk needs these system packages:$$missing"; \
	    echo "Run:  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(MAKE) system-deps
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/python -m touchdesk.i18n_tools compile

lint: install
	$(BIN)/ruff check touchdesk tests bench
	$(BIN)/ruff format --check touchdesk tests bench
	$(BIN)/mypy touchdesk/data touchdesk/reports touchdesk/*.py

screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m touchdesk.ui.screenshots docs/screenshots

bench: install
	TOUCHDESK_TEST_PG_URL="$$(tools/test-postgres)" $(BIN)/python -m bench

bundle: install
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN touchdesk.spec
	@echo "Built dist/touchdesk/touchdesk (run: dist/touchdesk/touchdesk --self-test)"

clean:
	rm -rf $(VENV) build dist *.egg-info
