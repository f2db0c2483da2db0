#!/usr/bin/env python3
"""Writing the metrics at 10,000 contracts against the evaluation's own time (target: at most
0.1x, BENCHMARKS.md).

exitreadyd runs on the 10,000-contract inventory with MetricsFile= set. An Evaluate call
returns once the metrics file is written; the metrics give the evaluation's own time
(exitready_evaluation_duration_seconds: scan, scoring and storing). What writing the metrics
costs is the Evaluate round trip less that time, less the same difference measured on a
daemon without MetricsFile= (the call's own overhead). For reference it also prints the
GetMetrics round trip, which adds encoding the text as JSON and decoding it in Python.

    Benchmarks/metrics_scale.py [--bin .build/release] [--data bench-data/inventory-10k] [--runs 5]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemon_scale import Varlink, start_daemon, verdict, wait_for_evaluation  # noqa: E402


def duration(text):
    """exitready_evaluation_duration_seconds of an exposition."""
    for line in text.splitlines():
        if line.startswith("exitready_evaluation_duration_seconds "):
            return float(line.split()[1])
    sys.exit("no exitready_evaluation_duration_seconds")


def measure(options, metrics_file):
    """Per Evaluate: (round trip - the evaluation's own time, that time), and GetMetrics round trips."""
    inventory = os.path.join(options.data, "inventory")
    dataroom = os.path.join(options.data, "dataroom")
    with tempfile.TemporaryDirectory() as work:
        metrics = os.path.join(work, "exitready.prom")
        with open(os.path.join(work, "log"), "w") as log:
            process, socket_path = start_daemon(
                os.path.join(options.bin, "exitreadyd"), work, inventory, dataroom,
                extra=f"MetricsFile={metrics}\n" if metrics_file else "", log=log)
        try:
            wait_for_evaluation(socket_path, process)
            client = Varlink(socket_path)
            extra, evaluations, get_metrics = [], [], []
            for _ in range(options.runs):
                reply, seconds = client.call("Evaluate")
                if b'"error"' in reply[:64]:
                    sys.exit(f"Evaluate failed: {reply[:300]!r}")
                reply, get_seconds = client.call("GetMetrics")
                text = json.loads(reply)["parameters"]["text"]
                evaluation = duration(text)
                if metrics_file:
                    with open(metrics) as file:
                        if duration(file.read()) != evaluation:
                            sys.exit("the file and GetMetrics disagree")
                extra.append(seconds - evaluation)
                evaluations.append(evaluation)
                get_metrics.append(get_seconds)
            client.close()
            size = len(text.encode())
        finally:
            process.terminate()
            process.wait(timeout=120)
    return extra, evaluations, get_metrics, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release")
    parser.add_argument("--data", default="bench-data/inventory-10k")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    if not os.path.exists(os.path.join(options.data, "inventory", "processes.csv")):
        subprocess.run([sys.executable, "Benchmarks/generate_inventory.py", "--out", options.data], check=True)
    with_file, evaluations, get_metrics, size = measure(options, metrics_file=True)
    without_file, _, _, _ = measure(options, metrics_file=False)
    evaluation = statistics.median(evaluations)
    cost = max(0.0, statistics.median(with_file) - statistics.median(without_file))
    print(f"metrics at 10,000 contracts ({options.bin}, {options.runs} evaluations per daemon)")
    print(f"  evaluation (exitready_evaluation_duration_seconds): median {evaluation:.3f} s")
    print(f"  Evaluate round trip less the evaluation: median {statistics.median(with_file) * 1000:.1f} ms with "
          f"MetricsFile=, {statistics.median(without_file) * 1000:.1f} ms without")
    print(f"  writing the metrics ({size / 1e6:.2f} MB): {cost * 1000:.1f} ms = {cost / evaluation:.3f}x the evaluation "
          f"(target <= 0.1: {verdict(cost <= 0.1 * evaluation)})")
    print(f"  GetMetrics round trip (with JSON in and out): median {statistics.median(get_metrics) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
