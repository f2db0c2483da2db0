#!/usr/bin/env bash
# Fuzz/run.sh SECONDS [TARGET...] — build the libFuzzer targets, replay every saved regression
# input, then fuzz each target for SECONDS. Exit status 1 when any target crashed, failed an
# invariant, timed out or ran out of memory (the input is then under $FUZZ_WORK/artifacts/TARGET/;
# copy it to Fuzz/Regressions/TARGET/ once the cause is understood).
#
# Targets: varlink contract checklist register config (default: all).
#
# Environment:
#   FUZZ_RUNS=N          also stop a target after N executions (-runs); the full campaign uses
#                        FUZZ_RUNS=10000000 with SECONDS=3600: whichever comes first
#   FUZZ_JOBS=N          targets fuzzed at the same time (default 2; one core each)
#   FUZZ_WORK=DIR        corpus, crashes and logs (default Fuzz/.build/fuzz-work; the grown corpus
#                        is kept there between runs, Corpus/TARGET holds the committed seeds)
#   FUZZ_BUILD=0         do not build (use the binaries already in Fuzz/.build/release)
#   FUZZ_ARGS="..."      more libFuzzer options for every target (e.g. -seed=1)
#   EXITREADY_FUZZ_SKIP=name,...      invariants not to enforce (for a campaign that must go on
#                        after a product bug was recorded; never set by make fuzz-short)
#   EXITREADY_FUZZ_SANITIZERS=fuzzer  build without AddressSanitizer (default fuzzer,address)
set -euo pipefail
# Under pipefail no pipeline here may end in a reader that stops early (head, grep -q, grep -m):
# the writer would die of SIGPIPE, the pipeline fail, and set -e end the script. grep -m reads
# the log file itself instead.

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in ''|*[!0-9]*) usage ;; esac
SECONDS_PER_TARGET=$1; shift

HERE=$(cd "$(dirname "$0")" && pwd)
ALL_TARGETS=(varlink contract checklist register config)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL_TARGETS[@]}")
for target in "${TARGETS[@]}"; do
    case " ${ALL_TARGETS[*]} " in *" $target "*) ;; *) echo "run.sh: unknown target $target (known: ${ALL_TARGETS[*]})" >&2; exit 2 ;; esac
done

WORK=${FUZZ_WORK:-$HERE/.build/fuzz-work}
JOBS=${FUZZ_JOBS:-2}
BIN=$HERE/.build/release

# Largest input per target: the real files are a few KB; bigger inputs mostly cost speed.
max_len() {
    case $1 in
        varlink) echo 16384 ;;
        contract|checklist) echo 8192 ;;
        register) echo 4096 ;;  # the header's column numbers cost O(fields × line length)
        config) echo 4096 ;;
    esac
}

# The Swift runtime's own crash backtracer reads the crashed process's stack and trips
# AddressSanitizer (a false stack-buffer-underflow report that hides the real one): leave
# crashes to libFuzzer and the sanitizer.
export SWIFT_BACKTRACE=enable=no
# The same input must behave the same in every process: Set and Dictionary order (hence which
# error is reported first, or at which line) otherwise changes from run to run.
export SWIFT_DETERMINISTIC_HASHING=1
# Symbolised stacks in crash reports.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer >/dev/null 2>&1; then
    ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer); export ASAN_SYMBOLIZER_PATH
fi

if [ "${FUZZ_BUILD:-1}" != 0 ]; then
    # The manifest mirrors ../Package.swift; resolve the same dependency versions as the product.
    if [ -f "$HERE/../Package.resolved" ]; then cp "$HERE/../Package.resolved" "$HERE/Package.resolved"; fi
    echo "== building the fuzz targets (swift build -c release in $HERE)"
    mkdir -p "$WORK/logs"
    # Every Swift target compiled with the sanitizers, the main package's libraries too.
    sanitizers=${EXITREADY_FUZZ_SANITIZERS:-fuzzer,address}
    if ! (cd "$HERE" && swift build -c release -Xswiftc "-sanitize=$sanitizers") > "$WORK/logs/build.log" 2>&1; then
        grep -m 20 -E "error:" "$WORK/logs/build.log" >&2 || true
        echo "run.sh: the build failed; see $WORK/logs/build.log" >&2
        exit 1
    fi
    grep -E "^Build complete" "$WORK/logs/build.log" || true
    for target in "${TARGETS[@]}"; do
        [ -x "$BIN/fuzz-$target" ] || { echo "run.sh: $BIN/fuzz-$target was not built" >&2; exit 1; }
    done
fi

mkdir -p "$WORK/logs"
status=0

# 1. Regressions first: every input that ever crashed must now pass.
for target in "${TARGETS[@]}"; do
    inputs=()
    while IFS= read -r -d '' file; do inputs+=("$file"); done \
        < <(find "$HERE/Regressions/$target" -type f ! -name '*.md' ! -name '.*' -print0 2>/dev/null | sort -z)
    [ ${#inputs[@]} -gt 0 ] || continue
    echo "== $target: replaying ${#inputs[@]} regression input(s)"
    mkdir -p "$WORK/artifacts/$target"
    if ! "$BIN/fuzz-$target" -artifact_prefix="$WORK/artifacts/$target/regression-" "${inputs[@]}" \
            > "$WORK/logs/$target-regressions.log" 2>&1; then
        echo "FAIL $target: a regression input crashes again; see $WORK/logs/$target-regressions.log" >&2
        grep -E "Running:|invariant .* failed|ERROR: |Fatal error|SUMMARY" "$WORK/logs/$target-regressions.log" | tail -8 >&2 || true
        status=1
    fi
done

# 2. Fuzzing, JOBS targets at a time.
fuzz() {
    local target=$1 log="$WORK/logs/$1.log"
    mkdir -p "$WORK/corpus/$target" "$WORK/artifacts/$target"
    local args=(
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048
        -dict="$HERE/Dictionaries/$target.dict" -artifact_prefix="$WORK/artifacts/$target/"
        -print_final_stats=1 -reload=0
    )
    [ -z "${FUZZ_RUNS:-}" ] || args+=(-runs="$FUZZ_RUNS")
    # shellcheck disable=SC2206
    [ -z "${FUZZ_ARGS:-}" ] || args+=(${FUZZ_ARGS})
    # No allocation stacks in reports while fuzzing: recording one per malloc costs a third of
    # the speed of the allocation-heavy targets. Replay an input to see them.
    local asan=${ASAN_OPTIONS:-malloc_context_size=0}
    echo "ASAN_OPTIONS=$asan $BIN/fuzz-$target ${args[*]} $WORK/corpus/$target $HERE/Corpus/$target" > "$log"
    if ASAN_OPTIONS=$asan "$BIN/fuzz-$target" "${args[@]}" "$WORK/corpus/$target" "$HERE/Corpus/$target" >> "$log" 2>&1; then
        echo 0 > "$WORK/logs/$target.status"
    else
        echo 1 > "$WORK/logs/$target.status"
    fi
}

echo "== fuzzing ${TARGETS[*]}: ${SECONDS_PER_TARGET}s each${FUZZ_RUNS:+ or $FUZZ_RUNS executions}, $JOBS at a time; logs in $WORK/logs"
running=0
for target in "${TARGETS[@]}"; do
    rm -f "$WORK/logs/$target.status"
    fuzz "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true

# 3. Figures and verdict per target.
printf '\n%-10s %12s %8s %6s %7s %10s %8s  %s\n' target executions exec/s cov ft corpus rss result
for target in "${TARGETS[@]}"; do
    log="$WORK/logs/$target.log"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")
    result=ok
    if [ "$(cat "$WORK/logs/$target.status" 2>/dev/null || echo 1)" != 0 ]; then
        cause=$(grep -m 1 -oE 'invariant [a-z0-9-]+ failed|ERROR: [A-Za-z]+: [a-z-]+|Fatal error: [^:]*' "$log" || true)
        result="FAILED: ${cause%%$'\n'*}"
        status=1
    fi
    printf '%-10s %12s %8s %6s %7s %10s %6sMB  %s\n' "$target" "${runs:--}" "${speed:--}" "${cov:--}" "${ft:--}" "${corp:--}" "${rss:--}" "$result"
    if [ "$result" != ok ]; then
        { grep -m 6 -E "invariant .* failed|ERROR: |SUMMARY|Test unit written|^artifact_prefix" "$log" || true; } | sed 's/^/    /'
    fi
done
[ $status = 0 ] || echo "run.sh: failures above; inputs under $WORK/artifacts/ (replay: $BIN/fuzz-TARGET FILE)" >&2
exit $status
