#!/usr/bin/env python3
"""Times commands against each other in one run: median wall time and peak RSS of each.

    bench_commands.py --runs 5 --name NAME -- CMD ... --name NAME2 -- CMD2 ...

Runs are interleaved (A, B, A, B, ...) so that machine noise hits both alike. Prints a table and
the ratio of the first command to the second.
"""
import os
import statistics
import subprocess
import sys
import time


def measure(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, code, stderr


def main(argv):
    runs = 5
    commands = []
    index = 0
    while index < len(argv):
        if argv[index] == "--runs":
            runs = int(argv[index + 1])
            index += 2
        elif argv[index] == "--name":
            name = argv[index + 1]
            assert argv[index + 2] == "--"
            end = index + 3
            while end < len(argv) and argv[end] != "--name":
                end += 1
            commands.append((name, argv[index + 3:end]))
            index = end
        else:
            sys.exit(f"unexpected argument {argv[index]}")
    results = {name: [] for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            elapsed, rss, code, stderr = measure(command)
            if code not in (0, 1, 2):
                sys.exit(f"{name} failed with status {code}:\n{stderr}")
            results[name].append((elapsed, rss))
    print(f"{'command':<28} {'median s':>9} {'min s':>8} {'peak RSS MiB':>13}   ({runs} interleaved runs)")
    medians = []
    for name, _ in commands:
        times = [t for t, _ in results[name]]
        rss = max(r for _, r in results[name]) / 1024
        medians.append(statistics.median(times))
        print(f"{name:<28} {statistics.median(times):>9.3f} {min(times):>8.3f} {rss:>13.1f}")
    if len(medians) >= 2:
        print(f"ratio {commands[0][0]} / {commands[1][0]} (median wall time): {medians[0] / medians[1]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
