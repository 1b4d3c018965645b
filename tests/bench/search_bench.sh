#!/usr/bin/env bash
# Search benchmark (not a test): for each size in SIZES (default 100000 and
# 1000000) generate profiles, import and rebuild them into
# $BENCH_DIR/search-<size> (once; reused while the store exists), then run
# rapport-search-bench on the built index: warm in-process latency per query
# class (median, p99), facet store memory and build time.
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench bash tests/bench/search_bench.sh
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
SIZES="${SIZES:-100000 1000000}"
QUERIES="${QUERIES:-300}"
SEED="${SEED:-1}"
INDEX="$BUILD_DIR/indexer/rapport-index"
GENERATE="$BUILD_DIR/data/rapport-generate"
BENCH="$BUILD_DIR/tests/bench/rapport-search-bench"

for size in $SIZES; do
  profiles="$BENCH_DIR/profiles-$size-seed$SEED.ndjson"
  data_dir="$BENCH_DIR/search-$size"
  mkdir -p "$BENCH_DIR"
  if [[ ! -s "$profiles" ]]; then
    "$GENERATE" --count "$size" --seed "$SEED" > "$profiles.tmp"
    mv "$profiles.tmp" "$profiles"
  fi
  if [[ ! -s "$data_dir/index" ]]; then
    rm -rf "$data_dir"
    mkdir -p "$data_dir"
    "$INDEX" --data-dir "$data_dir" import "$profiles"
    "$INDEX" --data-dir "$data_dir" rebuild
  fi
  echo "== $size profiles"
  "$BENCH" --data-dir "$data_dir" --queries "$QUERIES"
done
