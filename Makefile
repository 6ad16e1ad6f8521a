# The two commands of the quick start: `make book` builds the book and the student releases,
# `make test` runs every test. Both create .venv from requirements.txt when it is missing or outdated.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
WORKERS ?= auto

.PHONY: book test check clean sandbox browser

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip check
	@touch $@

book: $(VENV)/.installed
	$(BIN)/lcai build

# `lcai grade` runs student code inside bubblewrap; a fresh Debian machine does not have it yet.
sandbox:
	@command -v bwrap >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -q bubblewrap >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q bubblewrap >/dev/null; }; \
	  else echo "bubblewrap is missing: install it (sudo apt-get install bubblewrap) so grading can isolate student code" >&2; exit 1; fi; }

# The injection test opens the formgrader and the feedback pages in Debian's Chromium, driven by playwright
# (never `playwright install`: it downloads a browser build of its own).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else echo "chromium is missing: install it (sudo apt-get install chromium) so the browser test can open the formgrader" >&2; exit 1; fi; }

test: $(VENV)/.installed sandbox browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n $(WORKERS)

check: $(VENV)/.installed
	$(BIN)/lcai check

clean:
	rm -rf _build assignments/release assignments/submitted assignments/autograded assignments/feedback assignments/grading assignments/gradebook.db
