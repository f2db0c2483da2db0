# exitready — build, run the demo, test, benchmark.
#
#   make run     evaluate the bundled demo (examples/demo)
#   make test    the whole test suite (unit, end-to-end, reference cross-check)
#   make bench   benchmarks, figures for BENCHMARKS.md (make bench-full: a million files)
#
# On a fresh Debian 12 machine the targets install what they need (as root) or print the
# exact command to run.

SWIFT        ?= swift
CONFIG       ?= debug
BUILD_DIR    := .build
BIN          := $(BUILD_DIR)/$(CONFIG)
VENV         := .venv
PYTHON       := $(VENV)/bin/python
DEMO         := examples/demo
DEMO_NOW     ?=
DEB_PACKAGES := pkg-config libyaml-dev libsystemd-dev sqlite3 python3-venv

.PHONY: all build release run test deps venv bench bench-full clean

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build:
	$(SWIFT) build -c $(CONFIG)

release:
	$(SWIFT) build -c release

# The demo dataroom holds (fictional) personnel data: keep it unreadable for others, as a
# real dataroom must be; git does not keep modes.
run: build
	@chmod -R go-rwx $(DEMO)/dataroom
	@$(BIN)/exitreadyctl check --inventory $(DEMO)/inventory --dataroom $(DEMO)/dataroom \
	  --checklist etc/exitready/dataroom.yaml $(if $(DEMO_NOW),--now $(DEMO_NOW)) ; status=$$?; \
	echo; echo "exit status $$status (0 ready, 1 at-risk, 2 not-ready, 3 unknown)"; \
	echo "details: $(BIN)/exitreadyctl check --inventory $(DEMO)/inventory --dataroom $(DEMO)/dataroom --checklist etc/exitready/dataroom.yaml --contract ID"

$(VENV)/.ready: Tests/requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q -r Tests/requirements.txt
	touch $@

venv: deps $(VENV)/.ready

test: deps venv
	$(SWIFT) build --build-tests
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(SWIFT) test --skip-build
	$(PYTHON) Tests/Reference/compare.py --exitreadyctl $(BUILD_DIR)/debug/exitreadyctl --seeds $(or $(REFERENCE_SEEDS),300) --database

bench: deps release
	Benchmarks/inventory-bench.sh
	Benchmarks/scan-bench.sh

# The scan benchmark at a million files (takes a few minutes and about 1.5 GB of disk).
bench-full: deps release
	FILES=1000000 Benchmarks/scan-bench.sh

clean:
	rm -rf $(BUILD_DIR) $(VENV) bench-data
