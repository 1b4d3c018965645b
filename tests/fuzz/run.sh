#!/usr/bin/env bash
# Runs the libFuzzer harnesses of a fuzz build (RAPPORT_FUZZ=ON), PARALLEL at a
# time (default: the number of cores), each for SECONDS, and prints one line
# per harness as it finishes: executions, rate, corpus size and the outcome.
# Exit status 1 when any harness found a crash, a failed invariant, a
# sanitizer report, a leak or an input slower than TIMEOUT seconds (each
# such input is saved under FUZZ_DIR/artifacts/).
#
#   bash tests/fuzz/run.sh FUZZ_DIR SECONDS [HARNESS ...]     (default: all)
#   FUZZ_RUNS=N also stops each harness after N executions.
#   CORPUS_ROOT=DIR keeps the work corpora there (default FUZZ_DIR/corpus);
#   FRESH_CORPUS=1 empties them first (a smoke that starts from the seeds).
#
# Seeds come from tests/fuzz/corpus/HARNESS/ (read only); dictionaries are
# written to FUZZ_DIR/dict/ by rapport-fuzz-dictionaries; inputs libFuzzer
# finds interesting are kept in CORPUS_ROOT/HARNESS/, so later runs go on
# from them.
set -euo pipefail

FUZZ_DIR="$(cd "${1:?usage: run.sh FUZZ_DIR SECONDS [HARNESS ...]}" && pwd)"
SECONDS_EACH="${2:?usage: run.sh FUZZ_DIR SECONDS [HARNESS ...]}"
shift 2
TIMEOUT="${TIMEOUT:-10}"
FUZZ_RUNS="${FUZZ_RUNS:--1}"  # -1: no limit
CORPUS_ROOT="${CORPUS_ROOT:-$FUZZ_DIR/corpus}"
SOURCE="$(cd "$(dirname "$0")" && pwd)"
HARNESS_DIR="$FUZZ_DIR/tests/fuzz"

harnesses=("$@")
if [[ ${#harnesses[@]} -eq 0 ]]; then
  for source in "$SOURCE"/*_fuzz.cpp; do harnesses+=("$(basename "$source" .cpp)"); done
fi

mkdir -p "$FUZZ_DIR/tmp" "$FUZZ_DIR/logs" "$FUZZ_DIR/dict"
"$HARNESS_DIR/rapport-fuzz-dictionaries" "$FUZZ_DIR/dict"
export UBSAN_OPTIONS="print_stacktrace=1"

# One harness: its libFuzzer run, then its summary line in logs/HARNESS.line;
# exit status 1 when it failed.
run_harness() {
  local harness=$1
  local corpus="$CORPUS_ROOT/$harness"
  [[ "${FRESH_CORPUS:-0}" == 1 ]] && rm -rf "$corpus"
  local artifacts="$FUZZ_DIR/artifacts/$harness"
  local log="$FUZZ_DIR/logs/$harness.log"
  # The harnesses build their index under TMPDIR: one inside the build folder
  # per harness, emptied of what a crashed run could not clean up.
  export TMPDIR="$FUZZ_DIR/tmp/$harness"
  rm -rf "$TMPDIR"
  mkdir -p "$corpus" "$artifacts" "$TMPDIR"
  local options=(-max_total_time="$SECONDS_EACH" -runs="$FUZZ_RUNS" -timeout="$TIMEOUT" -print_final_stats=1
           -artifact_prefix="$artifacts/")
  [[ -f "$FUZZ_DIR/dict/$harness.dict" ]] && options+=(-dict="$FUZZ_DIR/dict/$harness.dict")
  local seeds=()
  [[ -d "$SOURCE/corpus/$harness" ]] && seeds+=("$SOURCE/corpus/$harness")
  local outcome=ok
  local started=$SECONDS
  "$HARNESS_DIR/$harness" "${options[@]}" "$corpus" "${seeds[@]}" > "$log" 2>&1 || outcome=FAILED
  rm -rf "$TMPDIR"
  local executions rate
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  {
    printf '%-22s %8s %12s %9s %7s  %s\n' "$harness" "$((SECONDS - started))" "${executions:-?}" \
      "${rate:-?}" "$(find "$corpus" -type f | wc -l)" "$outcome"
    if [[ $outcome != ok ]]; then
      grep -a -E -A4 'invariant failed|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' \
        "$log" | head -n 30 || true
      echo "  log: $log; input: $(ls -t "$artifacts" | head -n 1)"
    fi
  } > "$FUZZ_DIR/logs/$harness.line"
  [[ $outcome == ok ]]
}

# Harnesses run PARALLEL at a time; each one's line is printed as it finishes.
PARALLEL="${PARALLEL:-$(nproc)}"
failed=0
declare -A running=()  # pid → harness
report_next() {
  local pid status=0
  wait -n -p pid "${!running[@]}" || status=$?
  cat "$FUZZ_DIR/logs/${running[$pid]}.line" 2>/dev/null || echo "${running[$pid]}: stopped before its summary"
  (( status == 0 )) || failed=1
  unset "running[$pid]"
}
printf '%-22s %8s %12s %9s %7s  %s\n' harness seconds executions "execs/s" corpus outcome
for harness in "${harnesses[@]}"; do
  (( ${#running[@]} < PARALLEL )) || report_next
  run_harness "$harness" &
  running[$!]=$harness
done
while (( ${#running[@]} > 0 )); do report_next; done
exit $failed
