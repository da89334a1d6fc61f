# Two commands set everything up on a fresh machine:
#   make lab    create .venv, install the course, open JupyterLab on the course index
#   make test   the same set-up plus the test tools, then every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8866
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: lab test unit claims-kernels compat lint format notebooks stamp bench app clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -r requirements.txt
	$(BIN)/pip install --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install -r requirements-test.txt
	touch $@

lab: $(VENV)/.installed
	$(BIN)/jupyter lab notebooks/00_index.ipynb

# The browser tests run in a pytest of their own: Playwright's sync API keeps an event
# loop running in the process, which the widgets' tests must not see.
#
# Then, side by side (each run is single-threaded; two cores), the claims once more under
# ATen's other CPU kernels (claims-kernels, below) and the compatibility environments
# (tests/compat/): the unit, claims and notebook tests again with Colab's and the floor's
# libraries, the course installed as users install it (scripts/compat_test.sh).
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests notebooks --ignore=tests/browser
	$(BIN)/python -m pytest tests/browser
	$(MAKE) --no-print-directory -j2 --output-sync=target claims-kernels compat

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests --ignore=tests/browser

# Every claims file again under another set of ATen CPU kernels: ATEN_CPU_CAPABILITY=default
# (the non-vectorised ones) rounds every operation of every training step differently, as
# another CPU does, where a nudge of the initial weights changes step 0 only. A training
# claim that holds only for this machine's rounding fails here. The line printed first says
# which kernels ran (on a CPU whose own kernels are these already, the run adds nothing).
OTHER_KERNELS ?= default
claims-kernels: $(VENV)/.installed-test
	@ATEN_CPU_CAPABILITY=$(OTHER_KERNELS) $(BIN)/python -c "import torch; \
	  print('claims under ATen CPU kernels', torch.backends.cpu.get_cpu_capability())"
	ATEN_CPU_CAPABILITY=$(OTHER_KERNELS) $(BIN)/python -m pytest tests/test_claims_*.py \
	  --timeout 2400

# A Colab-like environment and the floor of pyproject.toml's ranges, each built once into
# .compat/NAME; `make compat COMPAT=colab` runs one. They run side by side (each test run
# is single-threaded), each into its own log, printed when both are done.
COMPAT ?= colab floor
compat:
	@mkdir -p .compat
	@for env in $(COMPAT); do \
	  (PYTHON=$(PYTHON) bash scripts/compat_test.sh $$env > .compat/$$env.log 2>&1; \
	   echo $$? > .compat/$$env.rc) & \
	done; wait; status=0; \
	for env in $(COMPAT); do \
	  cat .compat/$$env.log; rc=$$(cat .compat/$$env.rc); \
	  echo "== compatibility environment '$$env': $$( [ $$rc = 0 ] && echo passed || echo FAILED )"; \
	  [ $$rc = 0 ] || status=1; \
	done; exit $$status

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check initlab_utils tests bench scripts

format: $(VENV)/.installed-test
	$(BIN)/ruff format initlab_utils tests bench scripts
	$(BIN)/ruff check --fix .

# Re-run every notebook top to bottom and store the outputs (deterministic).
notebooks: $(VENV)/.installed-test
	$(BIN)/python scripts/stamp_notebooks.py
	$(BIN)/python scripts/execute_notebooks.py

# Write the repository address from pyproject.toml into every badge and setup cell.
stamp: $(VENV)/.installed
	$(BIN)/python scripts/stamp_notebooks.py

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# The classroom app: the playground as a page of sliders and figures, no code and no
# exercises (scripts/app_notebook.py writes that version into build/app/), on this machine
# only. Any notebook: `make app NOTEBOOK=notebooks/05_he.ipynb PORT=8867`; the Korean
# edition: `make app LANG=ko` (a Korean locale, LANG=ko_KR.UTF-8, picks it too).
APP_LANG := $(if $(filter ko ko_%,$(LANG)),ko,en)
NOTEBOOK ?= notebooks/$(if $(filter ko,$(APP_LANG)),ko/,)06_playground.ipynb
APP_DIR ?= build/app$(if $(filter ko,$(APP_LANG)),/ko,)
app: $(VENV)/.installed
	$(BIN)/python scripts/app_notebook.py $(NOTEBOOK) $(APP_DIR)
	INITLAB_LANG=$(APP_LANG) $(BIN)/voila $(APP_DIR)/$(notdir $(NOTEBOOK)) --port=$(PORT) --Voila.ip=127.0.0.1

clean:
	rm -rf $(VENV) .compat .pytest_cache
