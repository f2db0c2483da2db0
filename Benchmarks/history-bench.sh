#!/bin/sh
# exitreadyctl history --csv --since 365d over a year of daily history of 10,000 contracts
# (3.65 million contract rows) against sqlite3 -csv running the equivalent query on the same
# database (target in BENCHMARKS.md: <= 1.0x). The database gets its schema from exitreadyctl
# (the migrations), then one evaluation per day and 10,000 contract rows each by direct SQL.
# Both outputs are compared byte for byte before timing. Uses the release build: make bench.
#
#   BIN=.build/release RUNS=5 Benchmarks/history-bench.sh
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release}
WORK=$(mktemp -d /tmp/exitready-history-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
DB="$WORK/exitready.db"

mkdir "$WORK/dataroom"
"$BIN/exitreadyctl" dataroom scan --dataroom "$WORK/dataroom" --database "$DB" > /dev/null
TODAY=$(date +%Y-%m-%d)
echo "filling $DB: 365 days x 10,000 contracts ..."
sqlite3 "$DB" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
DROP INDEX contract_scores_by_contract;
DROP INDEX contract_scores_by_finding_set;
INSERT INTO finding_sets (id, contract, digest, findings) VALUES (1, 'c00000', 'none', '[]');
WITH RECURSIVE d(i) AS (SELECT 364 UNION ALL SELECT i - 1 FROM d WHERE i > 0)
INSERT INTO evaluations (evaluated_at, day, inventory_revision, dataroom, portfolio_score, portfolio_band, weakest, active_contracts)
SELECT unixepoch('$TODAY', '-' || i || ' days', '+12 hours'), date('$TODAY', '-' || i || ' days'), 'bench', 'ok',
       60 + (i % 300) / 10.0, 'at-risk', 'c00000', 10000 FROM d;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
INSERT INTO contract_scores
SELECT e.id, printf('c%05d', n.i), CASE WHEN n.i % 50 = 0 THEN 'ended' ELSE 'active' END,
       CASE n.i % 3 WHEN 0 THEN 'critical' WHEN 1 THEN 'important' ELSE 'standard' END,
       (n.i * 7 + e.id) % 1001 / 10.0,
       CASE WHEN (n.i * 7 + e.id) % 1001 >= 800 THEN 'ready' WHEN (n.i * 7 + e.id) % 1001 >= 600 THEN 'at-risk' ELSE 'not-ready' END,
       (n.i * 3 + e.id) % 1001 / 10.0, (n.i * 5 + e.id) % 1001 / 10.0, (n.i * 11 + e.id) % 1001 / 10.0,
       (n.i * 13 + e.id) % 1001 / 10.0, '2027-12-31', '2027-06-30', 1
FROM evaluations e, n ORDER BY e.id, n.i;
CREATE INDEX contract_scores_by_contract ON contract_scores (contract, evaluation_id);
CREATE INDEX contract_scores_by_finding_set ON contract_scores (finding_set_id);
COMMIT;
PRAGMA journal_mode = WAL;
SQL
SINCE=$(date -d "$TODAY - 365 days" +%Y-%m-%d)
QUERY="WITH last AS (SELECT id, day, max(evaluated_at) FROM evaluations WHERE day >= '$SINCE' GROUP BY day)
SELECT day, scope, contract, status, criticality, score, band, contract_score, dataroom_score, processes_score, staff_score FROM (
  SELECT l.day AS day, 0 AS k, 'portfolio' AS scope, NULL AS contract, NULL AS status, NULL AS criticality,
    e.portfolio_score AS score, e.portfolio_band AS band, NULL AS contract_score, NULL AS dataroom_score,
    NULL AS processes_score, NULL AS staff_score FROM last l JOIN evaluations e ON e.id = l.id
  UNION ALL
  SELECT l.day, 1, 'contract', s.contract, s.status, s.criticality, s.score, s.band, s.contract_score, s.dataroom_score,
    s.processes_score, s.staff_score FROM last l JOIN contract_scores s ON s.evaluation_id = l.id)
ORDER BY day, k, contract;"
echo "$QUERY" > "$WORK/query.sql"
ls -l "$DB"
"$BIN/exitreadyctl" history --csv --since 365d --database "$DB" > "$WORK/ours.csv"
sqlite3 -csv -header "$DB" < "$WORK/query.sql" > "$WORK/sqlite.csv"
cmp "$WORK/ours.csv" "$WORK/sqlite.csv"
echo "outputs identical: $(wc -l < "$WORK/ours.csv") lines, $(wc -c < "$WORK/ours.csv") bytes"
echo
echo "exitreadyctl history --csv --since 365d vs sqlite3 -csv, same query and database (target <= 1.0x)"
python3 Benchmarks/bench_commands.py --runs "${RUNS:-5}" \
  --name "exitreadyctl history --csv" -- "$BIN/exitreadyctl" history --csv --since 365d --database "$DB" \
  --name "sqlite3 -csv" -- sh -c "sqlite3 -csv -header '$DB' < '$WORK/query.sql'"

# For reference, not the target: sqlite3 printing the contract rows alone, in the order the
# join yields them (no portfolio rows, no ORDER BY, so no sort): what the sort costs SQLite.
echo "SELECT l.day, 'contract', s.contract, s.status, s.criticality, s.score, s.band, s.contract_score, s.dataroom_score,
  s.processes_score, s.staff_score FROM (SELECT id, day, max(evaluated_at) FROM evaluations WHERE day >= '$SINCE' GROUP BY day) l
  JOIN contract_scores s ON s.evaluation_id = l.id;" > "$WORK/unsorted.sql"
echo
echo "for reference: sqlite3 -csv printing only the contract rows, unsorted"
python3 Benchmarks/bench_commands.py --runs "${RUNS:-5}" \
  --name "exitreadyctl history --csv" -- "$BIN/exitreadyctl" history --csv --since 365d --database "$DB" \
  --name "sqlite3 -csv, no sort" -- sh -c "sqlite3 -csv '$DB' < '$WORK/unsorted.sql'"
