#!/usr/bin/env bash
# Search benchmark (not a test): for each size in SIZES (default 100000 and
# 1000000) generate profiles, import and rebuild them into
# $BENCH_DIR/data-<size>-seed<seed> (once, shared with bench-http; bench_data.sh), then run
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

# shellcheck source=tests/bench/bench_data.sh
source "$(dirname "$0")/bench_data.sh"

for size in $SIZES; do
  data_dir=$(prepare_data_dir "$size")
  echo "== $size profiles"
  "$BENCH" --data-dir "$data_dir" --queries "$QUERIES"
done
