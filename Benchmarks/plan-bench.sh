#!/bin/sh
# Plans on the 10,000-contract inventory (targets in BENCHMARKS.md): exitreadyctl plan
# --budget 100 end to end against exitreadyctl check on the same inventory (the plan reads and
# scores as check does, so the ratio shows what the optimisation adds); then GetPlan round
# trips of one contract plan inside a running exitreadyd. Uses the release build: make bench-plan.
#
#   BIN=.build/release RUNS=5 DURATION=3 Benchmarks/plan-bench.sh
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
DURATION=${DURATION:-3}
DATA=bench-data/inventory-10k
WORK=$(mktemp -d /tmp/exitready-plan-bench.XXXXXX)
DAEMON_PID=
cleanup() {
    if [ -n "$DAEMON_PID" ]; then
        kill "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [ ! -f "$DATA/inventory/processes.csv" ]; then
    echo "generating $DATA ..."
    python3 Benchmarks/generate_inventory.py --out "$DATA"
fi
INPUTS="--inventory $DATA/inventory --dataroom $DATA/dataroom --checklist etc/exitready/dataroom.yaml --now 2026-12-01"
echo "exitreadyctl plan --budget 100 (release) vs exitreadyctl check, same inventory (target <= 1.5x)"
# shellcheck disable=SC2086 # INPUTS is split into options on purpose
python3 Benchmarks/bench_commands.py --runs "${RUNS:-5}" \
  --name "exitreadyctl plan --budget 100" -- "$BIN/exitreadyctl" plan --budget 100 $INPUTS \
  --name "exitreadyctl check" -- "$BIN/exitreadyctl" check $INPUTS

echo
echo "GetPlan of one contract inside exitreadyd on the same inventory, one client, $DURATION s (target <= 10 ms)"
gcc -O2 -Wall -pthread -o "$WORK/varlink-load" Benchmarks/varlink-load.c
SOCKET="$WORK/io.exitready.Monitor"
cat > "$WORK/exitreadyd.conf" <<CONF
[Inventory]
Directory=$PWD/$DATA/inventory
Checklist=$PWD/etc/exitready/dataroom.yaml
[Dataroom]
Root=$PWD/$DATA/dataroom
[Daemon]
Database=$WORK/exitready.db
Socket=$SOCKET
SocketMode=0600
Interval=1h
CONF
env -u NOTIFY_SOCKET -u LISTEN_FDS "$BIN/exitreadyd" --config "$WORK/exitreadyd.conf" --now-override 2026-12-01 \
    > "$WORK/exitreadyd.log" 2>&1 &
DAEMON_PID=$!
tries=0
until "$BIN/exitreadyctl" plan contract-00042 --socket "$SOCKET" --json > "$WORK/plan.json" 2>/dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 3000 ]; then echo "exitreadyd did not answer:"; cat "$WORK/exitreadyd.log"; exit 1; fi
    sleep 0.1
done
"$WORK/varlink-load" "$SOCKET" 1 "$DURATION" \
    '{"method":"io.exitready.Monitor.GetPlan","parameters":{"contract":"contract-00042"}}' > "$WORK/result"
python3 - "$WORK/result" "$WORK/plan.json" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
plan = json.load(open(sys.argv[2]))
print(f"plan of {plan['contract']}: {len(plan['steps'])} steps, {plan['effort_days']} days")
print(f"GetPlan: {run['calls_per_second']:.0f} calls/s, p50 {run['p50_us']:.0f} µs, p99 {run['p99_us']:.0f} µs "
      f"(target <= 10 ms: {'met' if run['p99_us'] <= 10_000 else 'NOT MET'})")
PY
