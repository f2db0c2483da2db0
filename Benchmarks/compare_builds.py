#!/usr/bin/env python3
"""Two or more builds against each other at 10,000 contracts, interleaved so that the load of a
shared machine hits them alike: per build, `exitreadyctl check` (the summary), `check --json`
and the daemon's first evaluation (start to stored), each in wall seconds and in CPU seconds
(user + system; the daemon's read from /proc when its first evaluation is stored), and the
ratios of the targets in BENCHMARKS.md. CPU seconds move far less with the load than wall ones.

    Benchmarks/compare_builds.py [--runs 3] [--data bench-data/inventory-10k] BIN_DIR BIN_DIR ...
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

import daemon_scale


def run_timed(command):
    """Wall and CPU seconds of a whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def first_evaluation(daemon, inventory, dataroom):
    """Wall seconds from the daemon's start until its first evaluation is stored, and the CPU
    seconds it had used by then."""
    with tempfile.TemporaryDirectory() as work:
        process, socket_path = daemon_scale.start_daemon(daemon, work, inventory, dataroom)
        try:
            wall = daemon_scale.wait_for_evaluation(socket_path, process)
            with open(f"/proc/{process.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return wall, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        finally:
            process.terminate()
            process.wait(timeout=120)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="bench-data/inventory-10k")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("bins", nargs="+")
    options = parser.parse_args()
    inventory = os.path.join(options.data, "inventory")
    dataroom = os.path.join(options.data, "dataroom")
    paths = ["--inventory", inventory, "--dataroom", dataroom, "--checklist", daemon_scale.CHECKLIST,
             "--now", daemon_scale.TODAY]
    sqlite = ["sqlite3", ":memory:", "-cmd", ".mode csv", "-cmd", f".import {inventory}/staff.csv staff",
              "-cmd", f".import {inventory}/processes.csv processes", "select 1"]

    figures = {build: {"check": [], "check --json": [], "first evaluation": []} for build in options.bins}
    imports = []
    for _ in range(options.runs):
        imports.append(run_timed(sqlite))
        for build in options.bins:
            ctl = os.path.join(build, "exitreadyctl")
            figures[build]["check"].append(run_timed([ctl, "check", *paths]))
            figures[build]["check --json"].append(run_timed([ctl, "check", "--json", *paths]))
            figures[build]["first evaluation"].append(
                first_evaluation(os.path.join(build, "exitreadyd"), inventory, dataroom))
        print(f"  run done, load average {os.getloadavg()[0]:.2f}", flush=True)

    def median(values, index):
        return statistics.median(value[index] for value in values)

    sqlite_wall = median(imports, 0)
    print(f"{options.runs} interleaved runs; sqlite3 :memory: .import: {sqlite_wall:.3f} s")
    for build, values in figures.items():
        wall = {name: median(runs, 0) for name, runs in values.items()}
        cpu = {name: median(runs, 1) for name, runs in values.items()}
        print(f"{build}:")
        for name in values:
            print(f"  {name:17} {wall[name]:7.3f} s wall, {cpu[name]:7.2f} s CPU")
        print(f"  first evaluation / check: {wall['first evaluation'] / wall['check']:.2f} wall, "
              f"{cpu['first evaluation'] / cpu['check']:.2f} CPU")
        print(f"  check --json / sqlite3 import: {wall['check --json'] / sqlite_wall:.2f} wall")


if __name__ == "__main__":
    main()
