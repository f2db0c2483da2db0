# exitready — build, run the demo, test, benchmark.
#
#   make run     exitreadyd on the bundled demo (examples/demo); make check-demo: offline check
#   make test    the whole test suite (unit, end-to-end, reference cross-check, short fuzzing)
#   make fuzz-full  the fuzzing campaign of RELIABILITY.md (10 million runs or 1 h per target)
#   make bench   benchmarks, figures for BENCHMARKS.md (make bench-full: a million files)
#   make deb     the Debian package exitready_VERSION-1_amd64.deb (make test-deb: its checks, as root)
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
DEB_PACKAGES := pkg-config libyaml-dev libsystemd-dev sqlite3 python3-venv procps systemd strace

.PHONY: all build release run check-demo test torture deps venv bench bench-full bench-varlink bench-plan bench-forecast clean fuzz-short fuzz-full
.PHONY: metrics-deps test-metrics report-deps test-report report-demo bench-report
.PHONY: deb deb-deps check-version test-deb

all: build

# $(call install-debs,PACKAGES): installs those of the Debian PACKAGES that are missing (as
# root), or names the command to run and fails.
install-debs = @missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

deps:
	$(call install-debs,$(DEB_PACKAGES))

build: deps
	$(SWIFT) build -c $(CONFIG)

# Benchmarks and installs use binaries with the Swift runtime linked in: they start faster
# and run without the toolchain. exitreadyctl, which holds only the online commands, is a static
# executable: no shared library to load or relocate, which takes a quarter off the start of
# `exitreadyctl scores` (BENCHMARKS.md). Its compiler flags differ, so it has a build directory of its
# own, and is copied beside exitreadyd, where it finds its helper; the daemon keeps address
# randomisation.
CLIENT_BUILD_DIR := $(BUILD_DIR)-client

release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product exitreadyd
	$(SWIFT) build -c release --product exitreadyctl --scratch-path $(CLIENT_BUILD_DIR) -Xswiftc -static-executable
	install -m 0755 $(CLIENT_BUILD_DIR)/release/exitreadyctl $(BUILD_DIR)/release/exitreadyctl

# make run: exitreadyd in the foreground on the demo, with its database and socket in ./run.
# The demo dataroom holds (fictional) personnel data: keep it unreadable for others, as a
# real dataroom must be; git does not keep modes. make check-demo: the offline evaluation.
RUN_DIR := $(CURDIR)/run

run: build
	@chmod -R go-rwx $(DEMO)/dataroom
	@mkdir -p $(RUN_DIR)
	@printf '%s\n' '# Written by make run: exitreadyd on the bundled demo.' \
	  '[Inventory]' 'Directory=$(CURDIR)/$(DEMO)/inventory' 'Checklist=$(CURDIR)/etc/exitready/dataroom.yaml' \
	  '[Dataroom]' 'Root=$(CURDIR)/$(DEMO)/dataroom' \
	  '[Daemon]' 'Database=$(RUN_DIR)/exitready.db' 'Socket=$(RUN_DIR)/io.exitready.Monitor' 'Interval=5min' \
	  > $(RUN_DIR)/exitreadyd.conf
	@echo "exitreadyd on the demo; in another terminal:"
	@echo "  export EXITREADY_SOCKET=$(RUN_DIR)/io.exitready.Monitor"
	@echo "  $(BIN)/exitreadyctl status        # also: scores, explain dialoog-email, history, alerts, watch"
	@echo "Stop with Ctrl-C."
	@$(BIN)/exitreadyd --config $(RUN_DIR)/exitreadyd.conf $(if $(DEMO_NOW),--now-override $(DEMO_NOW))

check-demo: build
	@chmod -R go-rwx $(DEMO)/dataroom
	@$(BIN)/exitreadyctl check --inventory $(DEMO)/inventory --dataroom $(DEMO)/dataroom \
	  --checklist etc/exitready/dataroom.yaml $(if $(DEMO_NOW),--now $(DEMO_NOW)) ; status=$$?; \
	echo; echo "exit status $$status (0 ready, 1 at-risk, 2 not-ready, 3 unknown)"

$(VENV)/.ready: Tests/requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q -r Tests/requirements.txt
	touch $@

venv: deps $(VENV)/.ready

test: deps venv
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	python3 Tests/check-imports.py
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Fuzz/Sources Package.swift Fuzz/Package.swift
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(SWIFT) test --skip-build
	Tests/daemon/ensure-journald.sh
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m unittest -v Tests/daemon/test_daemon.py
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m unittest -v Tests/daemon/test_operator.py
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m unittest -v Tests/daemon/test_cli_operator.py
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m unittest -v Tests/daemon/test_history.py
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m unittest -v Tests/daemon/test_year.py
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m unittest -v Tests/daemon/test_register.py
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m unittest -v Tests/daemon/test_forecast.py
	$(MAKE) --no-print-directory test-metrics
	$(MAKE) --no-print-directory test-report
	$(MAKE) --no-print-directory test-deb
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) Tests/faults/run.py
	$(PYTHON) Tests/Reference/compare.py --exitreadyctl $(BUILD_DIR)/debug/exitreadyctl --seeds $(or $(REFERENCE_SEEDS),300) --database
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) $(PYTHON) -m pytest -q -p no:cacheprovider Tests/varlink
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) Tests/systemd/check-units.sh
	Fuzz/run.sh $(FUZZ_SECONDS)

# The Prometheus side (make test runs it; alone, after a build): the rules and their unit tests
# with promtool, then exitreadyd's MetricsFile= through a real node_exporter and Prometheus
# (Tests/metrics). Debian's prometheus and prometheus-node-exporter are installed as root when
# missing; otherwise a missing tool is an error, never a skipped check.
METRICS_PACKAGES := prometheus prometheus-node-exporter

metrics-deps:
	$(call install-debs,$(METRICS_PACKAGES))
	@for tool in /usr/bin/prometheus /usr/bin/promtool /usr/bin/prometheus-node-exporter; do \
	  [ -x $$tool ] || { echo "$$tool is missing after installing $(METRICS_PACKAGES)"; exit 1; }; \
	done

test-metrics: metrics-deps
	/usr/bin/promtool check rules etc/prometheus/exitready.rules.yml
	cd etc/prometheus && /usr/bin/promtool test rules exitready.rules.test.yml
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) python3 -m unittest -v Tests/metrics/test_metrics.py

# The report in a real browser (make test runs it; alone, after a build and make venv): the
# demo's report opened in headless Chromium (screenshots in .build/report-test), a hostile
# inventory, html5lib's strict parser, the PDF read by poppler. Debian's chromium and
# poppler-utils are installed as root when missing; under CI=true a missing one fails the run.
REPORT_PACKAGES := chromium poppler-utils

report-deps:
	$(call install-debs,$(REPORT_PACKAGES))

test-report: report-deps venv
	Tests/daemon/ensure-journald.sh
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/debug) EXITREADY_REPORT_DIR=$(abspath $(BUILD_DIR))/report-test \
	  $(PYTHON) -m unittest -v Tests/report/test_report.py

# make report-demo: the demo's report, HTML and (with chromium on PATH) PDF, in .build/report-demo.
REPORT_DEMO_DIR := $(BUILD_DIR)/report-demo

report-demo: build
	@chmod -R go-rwx $(DEMO)/dataroom
	@mkdir -p $(REPORT_DEMO_DIR)
	@$(BIN)/exitreadyctl report --inventory $(DEMO)/inventory --dataroom $(DEMO)/dataroom \
	  --checklist etc/exitready/dataroom.yaml $(if $(DEMO_NOW),--now $(DEMO_NOW)) --output $(REPORT_DEMO_DIR)/exitready-report.html
	@if command -v chromium >/dev/null; then \
	  $(BIN)/exitreadyctl report --inventory $(DEMO)/inventory --dataroom $(DEMO)/dataroom \
	    --checklist etc/exitready/dataroom.yaml $(if $(DEMO_NOW),--now $(DEMO_NOW)) --format pdf \
	    --output $(REPORT_DEMO_DIR)/exitready-report.pdf; \
	else echo "no PDF: chromium is not on PATH (Debian package chromium)"; fi

# The Debian package (debian/, debian/README.source): make deb builds it with the debhelper
# sequence from a release build and leaves exitready_VERSION-1_amd64.deb here. make test-deb (part
# of make test; as root, on a machine without exitready installed): lintian, install, purge, and
# an upgrade from the package of DEB_UPGRADE_FROM, which is built once and kept in
# .build/deb-upgrade (Tests/packaging). The version is in ExitReadyVersion.swift, CHANGELOG.md and
# debian/changelog; make check-version checks that they agree.
DEB_TOOLS        := debhelper dpkg-dev lintian man-db
DEB_FILE          = exitready_$(shell dpkg-parsechangelog -S Version)_amd64.deb
DEB_UPGRADE_FROM := 2be69d0

deb-deps:
	$(call install-debs,$(DEB_TOOLS))

check-version: deb-deps
	Tests/packaging/check-version.sh

# The package is rebuilt when the binaries or a file it packs changed (compressing it takes
# minutes); debian/rules clean first drops debhelper's stamps, so that it builds the current tree.
DEB_INPUTS = $(BUILD_DIR)/release/exitreadyd $(BUILD_DIR)/release/exitreadyctl Makefile README.md CHANGELOG.md \
	$(shell git ls-files debian systemd etc man)

deb: deps deb-deps check-version release
	@$(MAKE) --no-print-directory $(DEB_FILE)

exitready_%_amd64.deb: $(DEB_INPUTS)
	debian/rules clean
	debian/rules binary

test-deb: deb
	Tests/daemon/ensure-journald.sh
	old=$$(Tests/packaging/build-old-deb.sh $(DEB_UPGRADE_FROM) $(BUILD_DIR)/deb-upgrade) && \
	  Tests/packaging/test-deb.sh $(DEB_FILE) "$$old"

# Fuzzing (Fuzz/README.md): libFuzzer with AddressSanitizer on every parser of outside bytes.
# Fuzz/ is a package of its own with its own build directory (Fuzz/.build, a release build with
# -sanitize=fuzzer,address; the first one takes several minutes). make fuzz-short (part of make
# test): replay every input under Fuzz/Regressions, then FUZZ_SECONDS of fuzzing per target, two
# at a time. make fuzz-full: the campaign of RELIABILITY.md section 6, 10 million executions or
# an hour per target, whichever comes first (about 3 hours on 2 cores).
FUZZ_SECONDS ?= 20

fuzz-short: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

fuzz-full: deps
	FUZZ_RUNS=10000000 Fuzz/run.sh 3600

# make torture: the full fault campaign (RELIABILITY.md), about 7 minutes, as root.
torture: deps venv release
	Tests/daemon/ensure-journald.sh
	rm -f $(BUILD_DIR)/faults-report.jsonl
	EXITREADY_BIN=$(abspath $(BUILD_DIR)/release) $(PYTHON) Tests/faults/run.py --full --report $(abspath $(BUILD_DIR))/faults-report.jsonl

bench: deps release
	Benchmarks/inventory-bench.sh
	Benchmarks/scan-bench.sh
	Benchmarks/varlink-bench.sh
	python3 Benchmarks/daemon_scale.py
	Benchmarks/plan-bench.sh
	Benchmarks/history-bench.sh
	Benchmarks/forecast-bench.sh
	python3 Benchmarks/metrics_scale.py
	Benchmarks/report-bench.sh
	Benchmarks/daemon-idle.sh 60

# The scan benchmark at a million files (takes a few minutes and about 1.5 GB of disk).
bench-full: deps release
	FILES=1000000 Benchmarks/scan-bench.sh

# Varlink round trips against a C echo server, and exitreadyctl scores against sqlite3 (targets in BENCHMARKS.md).
bench-varlink: deps release
	Benchmarks/varlink-bench.sh

# Plans on the 10,000-contract inventory against check, and GetPlan round trips (targets in BENCHMARKS.md).
bench-plan: deps release
	Benchmarks/plan-bench.sh

# The report of the 10,000-contract inventory against check --json, and the demo's report in Chromium.
bench-report: deps release
	Benchmarks/report-bench.sh
# The forecast of every contract on the 10,000-contract inventory against check (target in BENCHMARKS.md).
bench-forecast: deps release
	Benchmarks/forecast-bench.sh

clean:
	rm -rf $(BUILD_DIR) $(CLIENT_BUILD_DIR) $(VENV) bench-data exitready_*.deb debian/exitready debian/.debhelper debian/files \
	  debian/debhelper-build-stamp debian/*.substvars debian/*.debhelper debian/*.debhelper.log

# make install [PREFIX=/usr] [DESTDIR=/tmp/stage]: binaries (and PREFIX/libexec/exitready/exitreadyctl,
# the link to exitreadyd that runs exitreadyctl's offline commands), systemd units, sysusers.d and
# tmpfiles.d entries, journal catalog, default configuration and checklist (an existing one is
# kept), the Prometheus alerting rules, man pages and shell completions. Without BINDIR_SOURCE it builds release binaries with
# the Swift runtime linked in, so they run without the toolchain; BINDIR_SOURCE=.build/debug
# installs binaries built already. On the target machine, afterwards:
#   systemd-sysusers; systemd-tmpfiles --create exitready.conf; journalctl --update-catalog
#   systemctl daemon-reload; systemctl enable --now exitreadyd.socket exitreadyd.service
PREFIX             ?= /usr/local
DESTDIR            ?=
BINDIR             ?= $(PREFIX)/bin
SYSCONFDIR         ?= /etc
DATADIR            ?= $(PREFIX)/share
MANDIR             ?= $(DATADIR)/man
SYSTEMDUNITDIR     ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR        ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR        ?= $(PREFIX)/lib/tmpfiles.d
CATALOGDIR         ?= $(PREFIX)/lib/systemd/catalog
BINDIR_SOURCE      ?=
# exitreadyctl runs its offline commands through exitreadyd's binary, linked here: it looks for
# ../libexec/exitready/exitreadyctl from its own directory.
HELPERDIR           = $(dir $(BINDIR))libexec/exitready
INSTALL            ?= install
INSTALL_FROM        = $(or $(BINDIR_SOURCE),$(BUILD_DIR)/release)

.PHONY: install
install: $(if $(BINDIR_SOURCE),,release)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(SYSCONFDIR)/exitready/exitreadyd.conf.d \
	  $(DESTDIR)$(DATADIR)/bash-completion/completions $(DESTDIR)$(DATADIR)/zsh/site-functions \
	  $(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	$(INSTALL) -m 0755 $(INSTALL_FROM)/exitreadyd $(INSTALL_FROM)/exitreadyctl $(DESTDIR)$(BINDIR)/
	$(INSTALL) -d $(DESTDIR)$(HELPERDIR)
	ln -sfn ../../$(notdir $(BINDIR))/exitreadyd $(DESTDIR)$(HELPERDIR)/exitreadyctl
	sed 's|^ExecStart=/usr/bin/exitreadyd|ExecStart=$(BINDIR)/exitreadyd|' systemd/exitreadyd.service \
	  > $(DESTDIR)$(SYSTEMDUNITDIR)/exitreadyd.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/exitreadyd.service
	$(INSTALL) -m 0644 systemd/exitreadyd.socket $(DESTDIR)$(SYSTEMDUNITDIR)/exitreadyd.socket
	$(INSTALL) -m 0644 -D systemd/exitready.sysusers $(DESTDIR)$(SYSUSERSDIR)/exitready.conf
	$(INSTALL) -m 0644 -D systemd/exitready.tmpfiles $(DESTDIR)$(TMPFILESDIR)/exitready.conf
	$(INSTALL) -m 0644 -D systemd/exitready.catalog $(DESTDIR)$(CATALOGDIR)/exitready.catalog
	$(INSTALL) -m 0644 -D etc/prometheus/exitready.rules.yml $(DESTDIR)$(DATADIR)/exitready/exitready.rules.yml
	@for f in exitreadyd.conf dataroom.yaml; do \
	  dest="$(DESTDIR)$(SYSCONFDIR)/exitready/$$f"; \
	  if [ -e "$$dest" ]; then echo "keeping $$dest"; \
	  else echo "$(INSTALL) -m 0644 etc/exitready/$$f $$dest"; $(INSTALL) -m 0644 "etc/exitready/$$f" "$$dest" || exit 1; fi; \
	done
	@for page in man/*.[158]; do \
	  section=$${page##*.}; \
	  echo "$(INSTALL) -m 0644 -D $$page $(DESTDIR)$(MANDIR)/man$$section/$${page#man/}"; \
	  $(INSTALL) -m 0644 -D "$$page" "$(DESTDIR)$(MANDIR)/man$$section/$${page#man/}" || exit 1; \
	done
	$(INSTALL_FROM)/exitreadyctl --generate-completion-script bash > $(DESTDIR)$(DATADIR)/bash-completion/completions/exitreadyctl
	$(INSTALL_FROM)/exitreadyctl --generate-completion-script zsh > $(DESTDIR)$(DATADIR)/zsh/site-functions/_exitreadyctl
	$(INSTALL_FROM)/exitreadyctl --generate-completion-script fish > $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/exitreadyctl.fish
