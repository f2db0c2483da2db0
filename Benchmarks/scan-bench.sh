#!/bin/sh
# Dataroom scans (targets in BENCHMARKS.md): an unchanged rescan against `find -printf` on the same tree, and
# hashing new files against `openssl dgst -sha256` (one process) on the same files.
#   Benchmarks/scan-bench.sh            200,000 files
#   FILES=1000000 Benchmarks/scan-bench.sh
set -eu
cd "$(dirname "$0")/.."
FILES=${FILES:-200000}
RUNS=${RUNS:-5}
BIN=.build/release/exitreadyctl
TREE=bench-data/tree-$FILES
if [ ! -d "$TREE/dataroom" ]; then
    echo "generating $TREE ($FILES files) ..."
    python3 Benchmarks/generate_tree.py --out "$TREE/dataroom" --files "$FILES"
fi
echo "warming the scan cache (first scan, hashes everything) ..."
rm -f "$TREE/cache.db" "$TREE/cache.db-wal" "$TREE/cache.db-shm"
$BIN dataroom scan --dataroom "$TREE/dataroom" --database "$TREE/cache.db" | sed -n 1,2p
echo
echo "unchanged rescan of $FILES files (warm cache) vs find -printf"
python3 Benchmarks/bench_commands.py --runs "$RUNS" \
  --name "exitreadyctl dataroom scan" -- $BIN dataroom scan --dataroom "$TREE/dataroom" --database "$TREE/cache.db" \
  --name "find -printf '%s %T@'" -- find "$TREE/dataroom" -printf '%s %T@\n'

HASH=bench-data/hash-1gib
if [ ! -d "$HASH/dataroom" ]; then
    echo "generating $HASH (1 GiB in 64 files) ..."
    python3 Benchmarks/generate_tree.py --out "$HASH/dataroom" --hash-gib 1
fi
echo
echo "hashing 1 GiB of new files (fresh cache each run) vs openssl dgst -sha256, one process"
cat "$HASH"/dataroom/bulk-contract/recordings/* > /dev/null
python3 Benchmarks/bench_commands.py --runs "$RUNS" \
  --name "exitreadyctl dataroom scan" -- sh -c "rm -f $HASH/cache.db*; exec $BIN dataroom scan --dataroom $HASH/dataroom --database $HASH/cache.db" \
  --name "openssl dgst -sha256" -- sh -c "exec openssl dgst -sha256 $HASH/dataroom/bulk-contract/recordings/*"
echo "(throughput ratio = openssl time / exitreadyctl time)"
