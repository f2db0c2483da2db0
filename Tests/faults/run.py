#!/usr/bin/env python3
"""The fault campaign of issue 6 (RELIABILITY.md) against real exitreadyd processes.

Runs the scenarios and prints what each measured:

    Tests/faults/run.py              the short version of every scenario (make test, ~2-3 minutes)
    Tests/faults/run.py --full       the full campaign (make torture): 100+ kill -9 cycles, day-by-day
                                     calendar walks, the 100,000-call pipeline, the idle timeout ...
    Tests/faults/run.py kill9 clock  only the scenarios whose module name contains these words

Options: --report FILE appends every measurement as a JSON line (the figures of RELIABILITY.md);
--seed N makes the random kill moments and edits repeatable. EXITREADY_BIN names the folder with
exitreadyd (default .build/debug). Run as root: the scenarios use prlimit, setpriv, unshare,
nsenter, mount, strace and a running systemd-journald (Tests/daemon/ensure-journald.sh starts
one). Outside CI (CI=true) a missing tool or journald skips the scenarios that need it.

Exit status 0 when every expectation held, 1 otherwise.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES = ["test_kill9", "test_full_disk", "test_dataroom_vanish", "test_inventory_edits", "test_socket_abuse",
           "test_clock_calendar"]
TOOLS = ["sqlite3", "prlimit", "setpriv", "unshare", "nsenter", "mount", "touch", "journalctl", "strace"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="the full campaign (make torture)")
    parser.add_argument("--report", help="append measurements to this file (JSON lines)")
    parser.add_argument("--seed", type=int, help="seed for random kill moments and edits")
    parser.add_argument("only", nargs="*", help="run only modules whose name contains one of these")
    arguments = parser.parse_args()

    os.environ["FAULTS_MODE"] = "full" if arguments.full else "short"
    if arguments.seed is not None:
        os.environ["FAULTS_SEED"] = str(arguments.seed)
    if arguments.report:
        report = arguments.report
    else:  # a new file: one named after the pid could hold the records of an earlier run
        descriptor, report = tempfile.mkstemp(prefix="exitready-faults-", suffix=".jsonl")
        os.close(descriptor)
    os.environ["FAULTS_REPORT"] = os.path.abspath(report)
    sys.path.insert(0, HERE)
    import faultlib  # after FAULTS_MODE is set

    binary = os.path.join(faultlib.BIN, "exitreadyd")
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is missing: build first (swift build), or set EXITREADY_BIN")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    problems = []
    if os.geteuid() != 0:
        problems.append("not root: the scenarios that need root are skipped")
    if missing:
        problems.append(f"missing tools: {' '.join(missing)}")
    if not faultlib.journal_available():
        problems.append("no systemd-journald: run Tests/daemon/ensure-journald.sh")
    for problem in problems:
        print(f"run.py: {problem}", file=sys.stderr)
    if problems and os.environ.get("CI") == "true":
        sys.exit("run.py: under CI=true nothing may be skipped")

    names = [m for m in MODULES if not arguments.only or any(word in m for word in arguments.only)]
    print(f"fault campaign: {os.environ['FAULTS_MODE']} run of {', '.join(names)} against {faultlib.BIN}; "
          f"load average {os.getloadavg()[0]:.2f}; measurements in {report}", flush=True)
    started = time.monotonic()
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)

    print(f"\n=== fault campaign summary ({os.environ['FAULTS_MODE']}, {time.monotonic() - started:.0f} s) ===")
    if os.path.exists(report):
        with open(report) as handle:
            for line in handle:
                record = json.loads(line)
                failed = record.get("expectations_failed") or []
                met = record.get("expectations_met")
                verdict = "FAILED: " + "; ".join(failed) if failed else "ok"
                counts = f"{met} expectations met, " if met is not None else ""
                print(f"{record['scenario']:<40} {counts}{verdict}")
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
