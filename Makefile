# The two commands of the quick start: `make book` builds the book and the student releases,
# `make test` runs every test. Both create .venv from requirements.txt when it is missing or outdated.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
WORKERS ?= auto

.PHONY: book test check clean

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip check
	@touch $@

book: $(VENV)/.installed
	$(BIN)/lcai build

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(WORKERS)

check: $(VENV)/.installed
	$(BIN)/lcai check

clean:
	rm -rf _build assignments/release assignments/submitted assignments/autograded assignments/feedback assignments/gradebook.db
