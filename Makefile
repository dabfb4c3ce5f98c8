# The two commands a new user needs:  make run  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup browser run test check model index serve eval bench clean

setup: $(STAMP)

# CPU torch first: a bare `torch` requirement would pull a multi-GB CUDA build. The CPU wheel ("+cpu") where
# pip finds one (a wheel folder in PIP_FIND_LINKS, as on an offline intranet), else from PyTorch's CPU index.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet "torch==2.13.0+cpu" 2>/dev/null || \
		$(BIN)/pip install --quiet torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

model: setup
	$(BIN)/vraagbaak model build

index: model
	$(BIN)/vraagbaak ingest

run: index
	$(BIN)/vraagbaak serve

# Browser tests drive Debian's Chromium (a test tool's own browser download is not possible here);
# the PDFs that tests lay out use Debian's DejaVu fonts; the accessibility checks inject axe-core (npm).
browser:
	@missing="$$(test -x /usr/bin/chromium || echo chromium) \
		$$(test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || echo fonts-dejavu-core) \
		$$(command -v npm >/dev/null || echo npm)"; \
	if [ -n "$$(echo $$missing)" ]; then \
		if [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null; then \
			echo "Nodig voor de browsertests; installeer als root: apt-get install" $$missing >&2; exit 1; fi; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@test -f .cache/npm/node_modules/axe-core/axe.min.js || \
		npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@4.14.1

test: setup browser
	$(BIN)/python -m pytest

# The inner loop: everything that needs neither the real model nor a browser, in seconds.
check: setup browser
	$(BIN)/python -m pytest -q -m "not slow and not browser"

eval: index
	$(BIN)/vraagbaak eval

bench: index
	$(BIN)/python -m vraagbaak.eval.bench
	$(BIN)/python -m vraagbaak.eval.pdf_bench --retrieval
	$(BIN)/python -m vraagbaak.eval.shelf_bench --http
	$(BIN)/python -m vraagbaak.eval.outside
	$(BIN)/python -m vraagbaak.eval.beheer_bench
	$(BIN)/python -m vraagbaak.eval.grouping
	$(BIN)/python -m vraagbaak.eval.typos

clean:
	rm -rf data .pytest_cache test-artifacts
