#!/bin/sh
# Varlink GetScores round trips of exitreadyd against the floor of a minimal C echo server of
# NUL-terminated messages over the same kind of socket, in the same run; then exitreadyctl
# scores (a whole process) against sqlite3 reading the same evaluation from the daemon's
# database (targets in BENCHMARKS.md). Uses the release build: make bench-varlink.
#
#   BIN=.build/release DURATION=3 ROUNDS=3 Benchmarks/varlink-bench.sh
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
DURATION=${DURATION:-3}
ROUNDS=${ROUNDS:-3}
WORK=$(mktemp -d /tmp/exitready-varlink-bench.XXXXXX)
DAEMON_PID=
ECHO_PID=
cleanup() {
    for pid in $DAEMON_PID $ECHO_PID; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

gcc -O2 -Wall -pthread -o "$WORK/varlink-load" Benchmarks/varlink-load.c
gcc -O2 -Wall -o "$WORK/varlink-echo" Benchmarks/varlink-echo.c

# exitreadyd on a copy of the demo, evaluated as of 2026-12-01.
. Benchmarks/demo-daemon.sh
start_demo_daemon "$BIN/exitreadyd" "$BIN/exitreadyctl"
"$WORK/varlink-echo" "$WORK/echo.sock" &
ECHO_PID=$!

CALL='{"method":"io.exitready.Monitor.GetScores"}'
echo "GetScores round trips, $DURATION s per run, $ROUNDS interleaved rounds (reply: $(wc -c < "$WORK/scores.json") bytes pretty-printed)"
: > "$WORK/results"
for round in $(seq "$ROUNDS"); do
    for clients in 1 64; do
        printf 'echo %s ' "$clients" >> "$WORK/results"
        "$WORK/varlink-load" "$WORK/echo.sock" "$clients" "$DURATION" "$CALL" >> "$WORK/results"
        printf 'exitreadyd %s ' "$clients" >> "$WORK/results"
        "$WORK/varlink-load" "$SOCKET" "$clients" "$DURATION" "$CALL" >> "$WORK/results"
    done
done
python3 - "$WORK/results" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    server, clients, document = line.split(" ", 2)
    runs.setdefault((server, int(clients)), []).append(json.loads(document))
def median(server, clients, key):
    return statistics.median(run[key] for run in runs[(server, clients)])
print(f"{'server':<11} {'clients':>7} {'calls/s':>9} {'p50 µs':>8} {'p99 µs':>8} {'reply B':>8}")
for clients in (1, 64):
    for server in ("echo", "exitreadyd"):
        print(f"{server:<11} {clients:>7} {median(server, clients, 'calls_per_second'):>9.0f} "
              f"{median(server, clients, 'p50_us'):>8.1f} {median(server, clients, 'p99_us'):>8.1f} "
              f"{runs[(server, clients)][0]['reply_bytes']:>8}")
throughput = median("exitreadyd", 64, "calls_per_second") / median("echo", 64, "calls_per_second")
tail = median("exitreadyd", 64, "p99_us") / median("echo", 64, "p99_us")
single = median("exitreadyd", 1, "p99_us")
def verdict(ok): return "met" if ok else "NOT MET"
print(f"64 clients: calls/s {throughput:.2f}x echo (target >= 0.25: {verdict(throughput >= 0.25)}); "
      f"p99 {tail:.2f}x echo (target <= 3: {verdict(tail <= 3)})")
print(f"1 client: p99 {single:.0f} µs (target <= 300: {verdict(single <= 300)})")
PY

echo
echo "exitreadyctl scores (a whole process) against sqlite3 reading the same evaluation"
QUERY="SELECT c.contract, c.score, c.band, c.contract_score, c.dataroom_score, c.processes_score, c.staff_score,
       c.term_end, c.notice_deadline, f.findings
  FROM contract_scores c JOIN finding_sets f ON f.id = c.finding_set_id
 WHERE c.evaluation_id = (SELECT max(id) FROM evaluations) ORDER BY c.contract"
python3 Benchmarks/bench_commands.py --runs "${RUNS:-30}" \
  --name "exitreadyctl scores" -- "$BIN/exitreadyctl" scores --socket "$SOCKET" \
  --name "sqlite3 SELECT" -- sqlite3 "$DATABASE" "$QUERY"
