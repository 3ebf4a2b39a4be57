PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: draft test bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# The package byte-compiled once (see the README's Performance section: PYTHONDONTWRITEBYTECODE),
# then the bundled example negotiation, replayed in a fresh workspace, compiled into Word drafts under build/.
draft: $(STAMP)
	$(BIN)/python -m compileall -q drafting
	rm -rf build/example
	$(BIN)/drafting init build/example --example
	$(BIN)/drafting -C build/example compile --kind all --lang all --format all --out $(CURDIR)/build/drafts
	@echo "Drafts written under build/drafts"

test: $(STAMP)
	$(BIN)/python -m pytest

# The benchmark (bench/README.md): workspaces cached under bench/work/, results in bench/results.json.
# pandoc and python-redlines are references; one that cannot be installed is reported as missing.
bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]' || true
	$(BIN)/python -m compileall -q drafting
	@command -v pandoc >/dev/null || apt-get install -y -q pandoc >/dev/null 2>&1 || echo "pandoc could not be installed: reported as missing"
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf build $(VENV)
