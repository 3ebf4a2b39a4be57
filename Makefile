PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: draft test bench bench-tools bench-xl clean mutation mutation-report mutation-survivors coverage

$(STAMP): pyproject.toml setup.py
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# The package byte-compiled once (see the README's Performance section: PYTHONDONTWRITEBYTECODE),
# then the bundled example negotiation, replayed in a fresh workspace, compiled into Word drafts (and the
# follow-up checklist's CSV, and Akoma Ntoso) under build/, and made into its static site under build/site.
draft: $(STAMP)
	$(BIN)/python -m compileall -q drafting
	rm -rf build/example
	$(BIN)/drafting init build/example --example
	$(BIN)/drafting -C build/example compile --kind all --lang all --format all --out $(CURDIR)/build/drafts
	$(BIN)/drafting -C build/example compile --format akn --lang all --out $(CURDIR)/build/drafts
	@echo "Drafts written under build/drafts"
	$(BIN)/drafting -C build/example site --out $(CURDIR)/build/site
	@echo "Site written under build/site: open build/site/index.html in a browser"

# On every core (pytest-xdist); a test module stays on one worker, so its module-scoped LibreOffice or
# browser is started once.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadscope

# The benchmark (bench/README.md): workspaces cached under bench/work/, results in bench/results.json.
# pandoc and python-redlines are references; one that cannot be installed is reported as missing.
# bench-xl: the XL targets only (XL and its 50-decision twin, warm and cold, the extras, no series).
bench-tools: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]' || true
	$(BIN)/python -m compileall -q drafting
	@command -v pandoc >/dev/null || apt-get install -y -q pandoc >/dev/null 2>&1 || echo "pandoc could not be installed: reported as missing"

bench: bench-tools
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-xl: bench-tools
	$(BIN)/python -m bench --sizes XL --no-series --states warm,cold $(BENCH_ARGS)

# Mutation testing of drafting/ops/ and store/yamlio.py (tests/mutation/README.md): on demand, about
# 30 minutes on 2 cores.  Each mutant runs only the unit tests that execute the function it changes,
# under a CPU-time limit (a mutant that loops forever counts as killed); the table is per module.
MUTMUT_ARGS ?=
mutation: $(STAMP)
	$(BIN)/pip install -q -e '.[mutation]' >/dev/null 2>&1 || $(BIN)/pip install -e '.[mutation]'
	rm -rf mutants
	CI=1 $(BIN)/mutmut run --max-children $$(nproc) $(MUTMUT_ARGS) > mutation.log 2>&1 \
		|| { tail -n 40 mutation.log; exit 1; }
	$(BIN)/python -m tests.mutation.report

mutation-report:
	$(BIN)/python -m tests.mutation.report

mutation-survivors:
	$(BIN)/python -m tests.mutation.report --survivors

# Line and branch coverage of the whole suite, the command line's subprocesses included: coverage.py's
# `patch = subprocess` (pyproject.toml) starts it in every Python child, each writes its own data file,
# `coverage combine` joins them.
COVERAGE_PYTEST_ARGS ?=
coverage: $(STAMP)
	rm -rf .coverage .coverage.* htmlcov
	@status=0; $(BIN)/python -m coverage run -m pytest $(COVERAGE_PYTEST_ARGS) || status=$$?; \
		$(BIN)/python -m coverage combine -q && $(BIN)/python -m coverage report; exit $$status

clean:
	rm -rf build $(VENV) mutants mutation.log .coverage .coverage.* htmlcov
