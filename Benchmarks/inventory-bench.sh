#!/bin/sh
# Inventory load and scoring of 10,000 contracts, 500,000 staff rows and 200,000 processes,
# against sqlite3 importing the same two CSV files into an in-memory database (targets in BENCHMARKS.md).
set -eu
cd "$(dirname "$0")/.."
DATA=bench-data/inventory-10k
if [ ! -f "$DATA/inventory/processes.csv" ]; then
    echo "generating $DATA ..."
    python3 Benchmarks/generate_inventory.py --out "$DATA"
fi
echo "exitreadyctl check (release) vs sqlite3 .import, same CSV files"
python3 Benchmarks/bench_commands.py --runs "${RUNS:-5}" \
  --name "exitreadyctl check" -- .build/release/exitreadyctl check --inventory "$DATA/inventory" \
      --dataroom "$DATA/dataroom" --checklist etc/exitready/dataroom.yaml --now 2026-12-01 \
  --name "sqlite3 :memory: .import" -- sqlite3 :memory: -cmd '.mode csv' \
      -cmd ".import $DATA/inventory/staff.csv staff" -cmd ".import $DATA/inventory/processes.csv processes" 'select 1'
