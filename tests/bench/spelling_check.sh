#!/usr/bin/env bash
# The "did you mean" rules on a generated set big enough for the issue's lay
# queries (default 20,000 profiles, seed 1, shared with the other benchmarks
# under $BENCH_DIR): the Release rapport-server on it, spelling_check.mjs
# against it. Exit status 1 when a search breaks a rule.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR="${BUILD_DIR:-$PWD/build/release}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
SEED="${SEED:-1}"
SIZE="${SIZE:-20000}"
PORT="${PORT:-18093}"
source tests/bench/bench_data.sh
source tests/bench/bench_server.sh

data_dir=$(prepare_data_dir "$SIZE")
start_server "$BUILD_DIR/web/rapport-server" "$BENCH_DIR/spelling-server.log" \
  --data-dir "$data_dir" --anon-rate 100000 --anon-burst 100000
status=0
node tests/bench/spelling_check.mjs "http://127.0.0.1:$PORT" || status=$?
stop_server
exit $status
