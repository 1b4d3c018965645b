#!/usr/bin/env bash
# Import and rebuild benchmarks (not tests): 1,000,000 generated profiles,
# `rapport-index import` then `rapport-index rebuild`, timed with
# /usr/bin/time -v. Prints profiles/s, wall and CPU time, peak RSS, load
# average and (rebuild) the index and store sizes. COUNT=100000 for a shorter run.
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench bash tests/bench/index_bench.sh bench-rebuild
#
# bench-import: a fresh store from the generated file.
# bench-rebuild: the import first when the store is missing, then the rebuild.
set -euo pipefail

target="${1:?usage: index_bench.sh bench-import|bench-rebuild}"
BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
COUNT="${COUNT:-1000000}"
SEED="${SEED:-1}"
INDEX="$BUILD_DIR/indexer/rapport-index"
GENERATE="$BUILD_DIR/data/rapport-generate"
PROFILES="$BENCH_DIR/profiles-$COUNT-seed$SEED.ndjson"
DATA_DIR="$BENCH_DIR/var"

mkdir -p "$BENCH_DIR"
if [[ ! -s "$PROFILES" ]]; then
  echo "generating $COUNT profiles into $PROFILES" >&2
  "$GENERATE" --count "$COUNT" --seed "$SEED" > "$PROFILES.tmp"
  mv "$PROFILES.tmp" "$PROFILES"
fi

# run_timed LABEL COMMAND...: runs the command under /usr/bin/time -v and prints
# the wall and CPU time, profiles/s, peak resident memory and the machine's load
# average before and after (other work on the 2 cores shows in the wall time).
run_timed() {
  local label="$1"; shift
  local report="$BENCH_DIR/$label.time"
  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v -o "$report" "$@" > "$BENCH_DIR/$label.out" 2> "$BENCH_DIR/$label.err"
  local wall rss_kb seconds user sys
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$report")
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$report")
  user=$(sed -n 's/.*User time (seconds): //p' "$report")
  sys=$(sed -n 's/.*System time (seconds): //p' "$report")
  seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<< "$wall")
  echo "$label: $COUNT profiles in ${seconds}s wall ($(awk -v n="$COUNT" -v s="$seconds" \
    'BEGIN { printf "%d", n / s }') profiles/s), CPU ${user}s user + ${sys}s system ($(awk \
    -v n="$COUNT" -v u="$user" -v y="$sys" 'BEGIN { printf "%d", n / (u + y) }') profiles per \
CPU-second), peak RSS $((rss_kb / 1024)) MiB, load average $load_before before, \
$(cut -d' ' -f1-3 /proc/loadavg) after"
  tail -n 1 "$BENCH_DIR/$label.out"
}

import_store() {
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  run_timed import "$INDEX" --data-dir "$DATA_DIR" import "$PROFILES"
}

case "$target" in
  bench-import)
    import_store
    ;;
  bench-rebuild)
    [[ -s "$DATA_DIR/rapport.sqlite" ]] || import_store
    run_timed rebuild "$INDEX" --data-dir "$DATA_DIR" rebuild
    live=$(awk '{ print $2 }' "$DATA_DIR/index")
    echo "index size: $(du -sh "$DATA_DIR/$live" | cut -f1) ($live), store: $(du -sh \
      "$DATA_DIR/rapport.sqlite" | cut -f1)"
    ;;
  *)
    echo "unknown target $target (bench-import or bench-rebuild)" >&2
    exit 2
    ;;
esac
