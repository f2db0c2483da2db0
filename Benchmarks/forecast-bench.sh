#!/bin/sh
# The forecast on the 10,000-contract inventory (target in BENCHMARKS.md): exitreadyctl forecast
# --json over 365 days, every contract and the portfolio, end to end, against exitreadyctl check
# on the same inventory. Both read, scan and score alike; check already forecasts each contract's
# next band change, so a second line times check against check --json for scale. Uses the
# release build: make bench-forecast.
#
#   BIN=.build/release RUNS=5 Benchmarks/forecast-bench.sh
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
DATA=bench-data/inventory-10k
if [ ! -f "$DATA/inventory/processes.csv" ]; then
    echo "generating $DATA ..."
    python3 Benchmarks/generate_inventory.py --out "$DATA"
fi
INPUTS="--inventory $DATA/inventory --dataroom $DATA/dataroom --checklist etc/exitready/dataroom.yaml --now 2026-12-01"
# shellcheck disable=SC2086 # INPUTS is split into options on purpose
"$BIN/exitreadyctl" forecast --json=short $INPUTS > /tmp/exitready-forecast-bench.json 2>/dev/null || true
python3 - /tmp/exitready-forecast-bench.json <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
contracts = document["contracts"]
changes = sum(len(c["changes"]) for c in contracts)
falling = sum(1 for c in contracts if c["next_band_change"])
print(f"forecast of {len(contracts)} contracts over {document['horizon_days']} days: {changes} changes, "
      f"{falling} band changes, {len(document['portfolio']['changes'])} portfolio changes")
PY
rm -f /tmp/exitready-forecast-bench.json
echo "exitreadyctl forecast --json (release) vs exitreadyctl check, same inventory (target <= 1.5x)"
# shellcheck disable=SC2086
python3 Benchmarks/bench_commands.py --runs "${RUNS:-5}" \
  --name "exitreadyctl forecast --json" -- "$BIN/exitreadyctl" forecast --json=short $INPUTS \
  --name "exitreadyctl check" -- "$BIN/exitreadyctl" check $INPUTS
