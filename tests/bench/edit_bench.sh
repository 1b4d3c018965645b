#!/usr/bin/env bash
# Edit benchmark (not a test): a Release rapport-server on the sample
# profiles, an editor account, then rapport-edit-bench (edits/s with searches
# running, search latency idle vs. during edits, edit→searchable p50/p99).
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench bash tests/bench/edit_bench.sh
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
PROFILES="${PROFILES:-data/sample/profiles.ndjson}"
PORT="${PORT:-18777}"
DATA_DIR="$BENCH_DIR/edit-var"
EMAIL="bench-editor@example.org"
export RAPPORT_BENCH_PASSWORD="benchmark password 1"

rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
"$BUILD_DIR/indexer/rapport-index" --data-dir "$DATA_DIR" import "$PROFILES" > /dev/null
"$BUILD_DIR/indexer/rapport-index" --data-dir "$DATA_DIR" rebuild > /dev/null
echo "$RAPPORT_BENCH_PASSWORD" |
  "$BUILD_DIR/web/rapport-admin" --data-dir "$DATA_DIR" editors create --email "$EMAIL" --role editor > /dev/null

# Every client here is 127.0.0.1: without lifting the anonymous rate limit the
# searchers and visibility pollers mostly measure 429 back-off, not the index.
export RAPPORT_ANON_RATE="${RAPPORT_ANON_RATE:-1000000}"
export RAPPORT_ANON_BURST="${RAPPORT_ANON_BURST:-1000000}"
"$BUILD_DIR/web/rapport-server" --data-dir "$DATA_DIR" --port "$PORT" --bind 127.0.0.1 \
  2> "$BENCH_DIR/edit-server.log" &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break
  sleep 0.1
done

"$BUILD_DIR/tests/bench/rapport-edit-bench" --port "$PORT" --email "$EMAIL" "$@"
"$BUILD_DIR/indexer/rapport-index" --data-dir "$DATA_DIR" check | tail -n 1
