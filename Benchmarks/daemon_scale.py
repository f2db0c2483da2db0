#!/usr/bin/env python3
"""exitreadyd at 10,000 contracts (targets in BENCHMARKS.md), each figure beside its reference
measured in the same run:

- the first evaluation in the daemon against `exitreadyctl check` (the summary) on the same
  inventory;
- the daemon's resident memory after 1 and after 5 evaluations and after 100 queries, against
  the peak of that summary `check`;
- the GetScores reply: its size and round trip, and `exitreadyctl scores --json` end to end
  against `sqlite3 -json` selecting the same columns from the daemon's database;
- the GetContract round trip;
- `exitreadyctl check --json` against `sqlite3 :memory:` importing the same CSV files.

    Benchmarks/daemon_scale.py [--bin .build/release] [--data bench-data/inventory-10k] [--runs 3]
"""
import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time

TODAY = "2026-12-01"
CHECKLIST = "etc/exitready/dataroom.yaml"


def run_measured(command, stdout=subprocess.DEVNULL):
    """Wall seconds and peak resident MiB of a whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        sys.exit(f"{command[0]} failed with status {code}:\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def interleaved(runs, commands):
    """Median seconds and highest peak MiB of each named command, runs interleaved."""
    results = {name: [] for name, _ in commands}
    for _ in range(runs):
        for name, command in commands:
            results[name].append(run_measured(command))
    return {
        name: (statistics.median(t for t, _ in values), max(m for _, m in values))
        for name, values in results.items()
    }


class Varlink:
    """A minimal Varlink client: NUL-terminated JSON over a Unix socket."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.buffer = bytearray()

    def call(self, method, parameters=None):
        """The reply's raw bytes (without the NUL) and the seconds the round trip took."""
        message = json.dumps({"method": "io.exitready.Monitor." + method, "parameters": parameters or {}})
        start = time.perf_counter()
        self.sock.sendall(message.encode() + b"\0")
        end = self.buffer.find(b"\0")
        while end < 0:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("the daemon closed the connection")
            searched = len(self.buffer)
            self.buffer += chunk
            end = self.buffer.find(b"\0", searched)
        reply = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return reply, time.perf_counter() - start

    def close(self):
        self.sock.close()


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def wait_for_evaluation(path, process, deadline_seconds=600):
    """Seconds from now until GetStatus reports a stored evaluation."""
    start = time.perf_counter()
    while time.perf_counter() - start < deadline_seconds:
        if process.poll() is not None:
            sys.exit(f"exitreadyd exited with status {process.returncode}")
        try:
            client = Varlink(path)
            reply, _ = client.call("GetStatus")
            client.close()
            if json.loads(reply)["parameters"].get("last_evaluation"):
                return time.perf_counter() - start
        except (FileNotFoundError, ConnectionRefusedError):
            pass
        time.sleep(0.02)  # polling interval of a wait for a condition, bounded by the deadline
    sys.exit("exitreadyd did not finish its first evaluation in time")


def start_daemon(daemon, work, inventory, dataroom, extra="", log=subprocess.DEVNULL):
    """exitreadyd on `inventory` and `dataroom` as of TODAY, with its configuration, database
    (exitready.db) and socket in `work` and the lines `extra` added to [Daemon]; returns the
    process and the socket's path."""
    socket_path = os.path.join(work, "io.exitready.Monitor")
    config = os.path.join(work, "exitreadyd.conf")
    with open(config, "w") as file:
        file.write(
            f"[Inventory]\nDirectory={os.path.abspath(inventory)}\nChecklist={os.path.abspath(CHECKLIST)}\n"
            f"[Dataroom]\nRoot={os.path.abspath(dataroom)}\n"
            f"[Daemon]\nDatabase={os.path.join(work, 'exitready.db')}\nSocket={socket_path}\nInterval=1h\n{extra}")
    environment = {k: v for k, v in os.environ.items() if k not in ("NOTIFY_SOCKET", "WATCHDOG_USEC")}
    process = subprocess.Popen([daemon, "--config", config, "--now-override", TODAY],
                               stdout=subprocess.DEVNULL, stderr=log, env=environment)
    return process, socket_path


def verdict(ok):
    return "met" if ok else "NOT MET"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release")
    parser.add_argument("--data", default="bench-data/inventory-10k")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    ctl = os.path.join(options.bin, "exitreadyctl")
    daemon = os.path.join(options.bin, "exitreadyd")
    inventory = os.path.join(options.data, "inventory")
    dataroom = os.path.join(options.data, "dataroom")
    if not os.path.exists(os.path.join(inventory, "processes.csv")):
        subprocess.run([sys.executable, "Benchmarks/generate_inventory.py", "--out", options.data], check=True)
    paths = ["--inventory", inventory, "--dataroom", dataroom, "--checklist", CHECKLIST, "--now", TODAY]

    print(f"exitreadyd at 10,000 contracts ({options.bin}, {options.runs} interleaved runs per command)")
    reference = interleaved(options.runs, [
        ("check", [ctl, "check", *paths]),
        ("check --json", [ctl, "check", "--json", *paths]),
        ("sqlite3 :memory: .import", [
            "sqlite3", ":memory:", "-cmd", ".mode csv",
            "-cmd", f".import {inventory}/staff.csv staff", "-cmd", f".import {inventory}/processes.csv processes",
            "select 1"]),
    ])
    check_seconds, check_peak = reference["check"]
    json_seconds, json_peak = reference["check --json"]
    import_seconds, _ = reference["sqlite3 :memory: .import"]
    print(f"  exitreadyctl check (summary): {check_seconds:.3f} s, peak {check_peak:.1f} MiB")
    print(f"  exitreadyctl check --json:    {json_seconds:.3f} s, peak {json_peak:.1f} MiB")
    print(f"  sqlite3 :memory: .import:     {import_seconds:.3f} s")

    with tempfile.TemporaryDirectory() as work:
        database = os.path.join(work, "exitready.db")
        with open(os.path.join(work, "log"), "w") as log:
            process, socket_path = start_daemon(daemon, work, inventory, dataroom, log=log)
        try:
            first = wait_for_evaluation(socket_path, process)
            after_one = rss_mib(process.pid)
            client = Varlink(socket_path)
            evaluate_times = []
            for _ in range(4):
                reply, seconds = client.call("Evaluate")
                if b'"error"' in reply[:64]:
                    sys.exit(f"Evaluate failed: {reply[:300]!r}")
                evaluate_times.append(seconds)
            after_five = rss_mib(process.pid)
            scores_reply, _ = client.call("GetScores")
            ids = [c["id"] for c in json.loads(scores_reply)["parameters"]["contracts"]]
            picked = random.Random(1).sample(ids, 50)
            scores_times, contract_times = [], []
            for index in range(50):
                scores_times.append(client.call("GetScores")[1])
                contract_times.append(client.call("GetContract", {"id": picked[index]})[1])
            client.close()
            after_queries = rss_mib(process.pid)

            query = ("SELECT c.contract AS id, c.status, c.criticality, c.score, c.band, c.contract_score, "
                     "c.dataroom_score, c.processes_score, c.staff_score, c.term_end, c.notice_deadline "
                     "FROM contract_scores c WHERE c.evaluation_id = (SELECT max(id) FROM evaluations) "
                     "ORDER BY c.contract")
            end_to_end = interleaved(max(options.runs, 5), [
                ("scores --json", [ctl, "scores", "--json", "--socket", socket_path]),
                ("sqlite3 -json", ["sqlite3", "-json", database, query]),
                ("scores", [ctl, "scores", "--socket", socket_path]),
            ])
            after_all = rss_mib(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=120)

    scores_json, scores_json_peak = end_to_end["scores --json"]
    sqlite_json, _ = end_to_end["sqlite3 -json"]
    scores_table, _ = end_to_end["scores"]
    print(f"  first evaluation (start to stored): {first:.3f} s = {first / check_seconds:.2f}x check "
          f"(target <= 1.5: {verdict(first <= 1.5 * check_seconds)})")
    print(f"  Evaluate round trips: median {statistics.median(evaluate_times):.3f} s")
    print(f"  resident memory after 1 evaluation: {after_one:.1f} MiB = {after_one / check_peak:.2f}x check's peak")
    print(f"  resident memory after 5 evaluations: {after_five:.1f} MiB = {after_five / check_peak:.2f}x")
    print(f"  resident memory after 5 evaluations and 100 queries: {after_queries:.1f} MiB = "
          f"{after_queries / check_peak:.2f}x (target <= 1.2: {verdict(after_queries <= 1.2 * check_peak)})")
    print(f"  resident memory at the end (after {3 * max(options.runs, 5)} more client runs): {after_all:.1f} MiB")
    print(f"  GetScores reply: {len(scores_reply) / 1e6:.2f} MB (target <= 5 MB: "
          f"{verdict(len(scores_reply) <= 5e6)}); round trip median {statistics.median(scores_times) * 1e3:.1f} ms")
    print(f"  GetContract round trip: median {statistics.median(contract_times) * 1e3:.2f} ms, "
          f"max {max(contract_times) * 1e3:.2f} ms")
    print(f"  exitreadyctl scores --json: {scores_json:.3f} s (peak {scores_json_peak:.1f} MiB); "
          f"sqlite3 -json: {sqlite_json:.3f} s; ratio {scores_json / sqlite_json:.2f} "
          f"(target <= 2: {verdict(scores_json <= 2 * sqlite_json)})")
    print(f"  exitreadyctl scores (table): {scores_table:.3f} s")
    print(f"  check --json / sqlite3 import: {json_seconds / import_seconds:.2f} (target <= 1.5: "
          f"{verdict(json_seconds <= 1.5 * import_seconds)}); peak {json_peak / check_peak:.2f}x check's "
          f"(target <= 1.2: {verdict(json_peak <= 1.2 * check_peak)})")


if __name__ == "__main__":
    main()
