#!/usr/bin/env bash
# Edit benchmark (not a test): a Release rapport-server on a data folder, an
# editor account, then rapport-edit-bench (edits/s with searches running,
# search latency idle vs. during edits, edit→searchable p50/p99). With
# PROGRAM=soak the same server gets rapport-soak-bench instead (mixed reads,
# paced edits and rebuilds for --seconds, memory sampled: `make soak`).
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench bash tests/bench/edit_bench.sh
#   PROGRAM=soak BUILD_DIR=build/release bash tests/bench/edit_bench.sh --seconds 1800
#   COUNT=100000 BUILD_DIR=... bash tests/bench/edit_bench.sh   (generated profiles)
#   SOURCE_DATA_DIR=/tmp/rapport-bench/http-100000 BUILD_DIR=... bash tests/bench/edit_bench.sh
#
# Without COUNT or SOURCE_DATA_DIR the sample profiles (or PROFILES=FILE) are
# imported and rebuilt into a fresh folder. With COUNT=N, N generated profiles
# (seed SEED, default 1) are imported and rebuilt once by bench_data.sh's
# prepare_data_dir and kept under $BENCH_DIR; SOURCE_DATA_DIR names an already
# prepared folder. Either way the run works on a COPY (cp -a), since edits
# change the store and the index.
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
PROFILES="${PROFILES:-data/sample/profiles.ndjson}"
COUNT="${COUNT:-}"
SEED="${SEED:-1}"
SOURCE_DATA_DIR="${SOURCE_DATA_DIR:-}"
PORT="${PORT:-18777}"
PROGRAM="${PROGRAM:-edit}"
DATA_DIR="$BENCH_DIR/$PROGRAM-var"
EMAIL="bench-editor@example.org"
INDEX="$BUILD_DIR/indexer/rapport-index"
GENERATE="$BUILD_DIR/data/rapport-generate"
export RAPPORT_BENCH_PASSWORD="benchmark password 1"

if [[ -n "$COUNT" && -z "$SOURCE_DATA_DIR" ]]; then
  source "$(dirname "$0")/bench_data.sh"
  SOURCE_DATA_DIR=$(prepare_data_dir "$COUNT")
fi

rm -rf "$DATA_DIR"
if [[ -n "$SOURCE_DATA_DIR" ]]; then
  cp -a "$SOURCE_DATA_DIR" "$DATA_DIR"
else
  mkdir -p "$DATA_DIR"
  "$INDEX" --data-dir "$DATA_DIR" import "$PROFILES" > /dev/null
  "$INDEX" --data-dir "$DATA_DIR" rebuild > /dev/null
fi
echo "$RAPPORT_BENCH_PASSWORD" |
  "$BUILD_DIR/web/rapport-admin" --data-dir "$DATA_DIR" editors create --email "$EMAIL" \
    --role editor > /dev/null
echo "data: $DATA_DIR ($(du -sh "$DATA_DIR" | cut -f1)); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Every client here is 127.0.0.1: without lifting the per-address limits
# (rate, open requests) the searchers and visibility pollers mostly measure
# 429 back-off, not the index.
export RAPPORT_ANON_RATE="${RAPPORT_ANON_RATE:-1000000}"
export RAPPORT_ANON_BURST="${RAPPORT_ANON_BURST:-1000000}"
export RAPPORT_MAX_REQUESTS_PER_CLIENT="${RAPPORT_MAX_REQUESTS_PER_CLIENT:-1000000}"
# shellcheck source=tests/bench/bench_server.sh
source "$(dirname "$0")/bench_server.sh"
start_server "$BUILD_DIR/web/rapport-server" "$BENCH_DIR/$PROGRAM-server.log" \
  --data-dir "$DATA_DIR" --bind 127.0.0.1

status=0
case "$PROGRAM" in
  edit) "$BUILD_DIR/tests/bench/rapport-edit-bench" --port "$PORT" --email "$EMAIL" "$@" ||
          status=$? ;;
  soak) "$BUILD_DIR/tests/bench/rapport-soak-bench" --port "$PORT" --email "$EMAIL" \
          --pid "$server_pid" --data-dir "$DATA_DIR" "$@" || status=$? ;;
  *) echo "PROGRAM must be edit or soak" >&2; exit 2 ;;
esac
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
stop_server
"$INDEX" --data-dir "$DATA_DIR" check | tail -n 1
exit $status
