#!/bin/sh
# exitreadyd at rest (targets in BENCHMARKS.md): resident memory once the demo is evaluated, and how often its
# threads wake up during a minute between evaluations (the watchdog's pings excepted).
#   Benchmarks/daemon-idle.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
SECONDS_IDLE=${1:-60}
BIN=${BIN:-.build/release}
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cp -r examples/demo/inventory examples/demo/dataroom "$WORK"/
chmod -R go-rwx "$WORK/dataroom"
cat > "$WORK/exitreadyd.conf" <<CONF
[Inventory]
Directory=$WORK/inventory
Checklist=$PWD/etc/exitready/dataroom.yaml
[Dataroom]
Root=$WORK/dataroom
[Daemon]
Database=$WORK/exitready.db
Socket=$WORK/io.exitready.Monitor
Interval=1h
CONF
# A watchdog of 60 s: one ping every 30 s is the only expected activity.
WATCHDOG_USEC=60000000 "$BIN/exitreadyd" --config "$WORK/exitreadyd.conf" 2>"$WORK/log" &
PID=$!
# Ready once GetStatus reports a stored evaluation.
for _ in $(seq 1 150); do
    sleep 0.2
    "$BIN/exitreadyctl" --socket "$WORK/io.exitready.Monitor" status >/dev/null 2>&1 && break || [ $? -ne 3 ] && break
done
sleep 10  # libdispatch lets idle worker threads go after a few seconds: not counted
# Voluntary and involuntary switches of every thread, by thread name.
switches() {
    for task in /proc/"$PID"/task/*; do
        printf '%s %s %s\n' "${task##*/}" "$(tr ' ' '_' < "$task/comm")" \
            "$(awk '/ctxt_switches/ { total += $2 } END { print total }' "$task/status")"
    done | sort
}
switches > "$WORK/before"
sleep "$SECONDS_IDLE"
switches > "$WORK/after"
echo "exitreadyd idle for ${SECONDS_IDLE}s after its first evaluation of the demo (release build):"
grep -E '^(VmRSS|VmHWM|Threads)' /proc/"$PID"/status
echo "context switches per thread during the idle period:"
join "$WORK/before" "$WORK/after" | awk '{ printf "  %-8s %-20s %d\n", $1, $2, $5 - $3; total += $5 - $3 } END { print "  total" total }'
echo "(the watchdog pings every 30 s: 2 pings a minute are expected)"
