#!/bin/sh
# The report (targets in BENCHMARKS.md): exitreadyctl report on the 10,000-contract inventory
# end to end against exitreadyctl check --json on the same inventory, the HTML's size, and the
# time headless Chromium takes to render the demo's report (start to screenshot, median of
# RUNS). Uses the release build: make bench-report.
#
#   BIN=.build/release RUNS=5 Benchmarks/report-bench.sh
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
RUNS=${RUNS:-5}
DATA=bench-data/inventory-10k
WORK=$(mktemp -d /tmp/exitready-report-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM

if [ ! -f "$DATA/inventory/processes.csv" ]; then
    echo "generating $DATA ..."
    python3 Benchmarks/generate_inventory.py --out "$DATA"
fi
INPUTS="--inventory $DATA/inventory --dataroom $DATA/dataroom --checklist etc/exitready/dataroom.yaml --now 2026-12-01"
echo "exitreadyctl report (release) vs exitreadyctl check --json, 10,000 contracts (target <= 2.0x)"
# shellcheck disable=SC2086 # INPUTS is split into options on purpose
python3 Benchmarks/bench_commands.py --runs "$RUNS" \
  --name "exitreadyctl report" -- "$BIN/exitreadyctl" report $INPUTS --output "$WORK/report.html" \
  --name "exitreadyctl check --json" -- "$BIN/exitreadyctl" check $INPUTS --json
echo
echo "HTML size: $(wc -c < "$WORK/report.html") bytes (target <= 25 MB = 26214400 bytes)"

echo
echo "the demo's report rendered by headless Chromium, start to screenshot (target < 2 s),"
echo "against a blank page (Chromium's own start; the difference is the report's rendering)"
"$BIN/exitreadyctl" report --inventory examples/demo/inventory --dataroom examples/demo/dataroom \
  --checklist etc/exitready/dataroom.yaml --now 2026-12-05 --output "$WORK/demo.html" > /dev/null
printf '<!DOCTYPE html><title>blank</title>\n' > "$WORK/blank.html"
CHROMIUM="chromium --headless --no-sandbox --disable-gpu --no-first-run --window-size=1280,2000"
# shellcheck disable=SC2086 # CHROMIUM is split into options on purpose
python3 Benchmarks/bench_commands.py --runs "$RUNS" \
  --name "chromium screenshot, demo report" -- $CHROMIUM --user-data-dir="$WORK/p1" --screenshot="$WORK/demo.png" \
  "file://$WORK/demo.html" \
  --name "chromium screenshot, blank page" -- $CHROMIUM --user-data-dir="$WORK/p2" --screenshot="$WORK/blank.png" \
  "file://$WORK/blank.html"
