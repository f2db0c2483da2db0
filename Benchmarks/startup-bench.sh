#!/bin/sh
# The start of exitreadyctl: `exitreadyctl scores` (a whole process) against sqlite3 reading the
# same evaluation from the daemon's database, and `--version` against `sqlite3 -version`, with
# the page faults and CPU time of each start (perf stat). Targets in BENCHMARKS.md.
#
#   BIN=.build/release Benchmarks/startup-bench.sh          # the release build
#   CTL=/usr/bin/exitreadyctl DAEMON=/usr/sbin/exitreadyd Benchmarks/startup-bench.sh   # the package
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
CTL=${CTL:-$BIN/exitreadyctl}
DAEMON=${DAEMON:-$BIN/exitreadyd}
WORK=$(mktemp -d /tmp/exitready-startup-bench.XXXXXX)
DAEMON_PID=
cleanup() {
    [ -z "$DAEMON_PID" ] || { kill "$DAEMON_PID" 2>/dev/null || true; wait "$DAEMON_PID" 2>/dev/null || true; }
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

. Benchmarks/demo-daemon.sh
start_demo_daemon "$DAEMON" "$CTL"

echo "$CTL: $(du -h "$CTL" | cut -f1)"
QUERY="SELECT c.contract, c.score, c.band, c.contract_score, c.dataroom_score, c.processes_score, c.staff_score,
       c.term_end, c.notice_deadline, f.findings
  FROM contract_scores c JOIN finding_sets f ON f.id = c.finding_set_id
 WHERE c.evaluation_id = (SELECT max(id) FROM evaluations) ORDER BY c.contract"
python3 Benchmarks/bench_commands.py --runs "${RUNS:-30}" \
  --name "exitreadyctl scores" -- "$CTL" scores --socket "$SOCKET" \
  --name "sqlite3 SELECT" -- sqlite3 "$DATABASE" "$QUERY"
python3 Benchmarks/bench_commands.py --runs "${RUNS:-30}" \
  --name "exitreadyctl --version" -- "$CTL" --version \
  --name "sqlite3 -version" -- sqlite3 -version
if command -v perf >/dev/null 2>&1; then
    for command in "$CTL --version" "sqlite3 -version" "$CTL scores --socket $SOCKET"; do
        # shellcheck disable=SC2086
        perf stat -r 50 -e task-clock,page-faults $command 2>&1 >/dev/null |
            awk -v c="$command" '/task-clock|page-faults|elapsed/ { line = line " " $1 " " $2 } END { print c ":" line }'
    done
fi
