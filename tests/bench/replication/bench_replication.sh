#!/usr/bin/env bash
# make -f Makefile.extra bench-replication: the replication benchmark of
# issue 17 (figures in docs/scaling.md). On a COUNT-profile data folder
# (default 100,000; prepared once by bench_data.sh under BENCH_DIR):
#   1. a full copy of the index over loopback: xapian-replicate -o into an
#      empty folder, its time and bytes;
#   2. lag_run.sh: replication lag p50/p99 while rapport-edit-bench edits the
#      primary at RATE edits/s (default 200), changeset sizes, full copies.
# A benchmark, not a test: the machine may be shared; say so with the figures.
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench \
#     bash tests/bench/replication/bench_replication.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD_DIR=${BUILD_DIR:?}; BENCH_DIR=${BENCH_DIR:?}
COUNT=${COUNT:-100000}; SEED=${SEED:-1}; PORT=${PORT:-17190}
WORK=${WORK:-$BENCH_DIR/replication}
source "$HERE/../bench_data.sh"
SOURCE_DATA_DIR=$(prepare_data_dir "$COUNT")

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done; wait 2> /dev/null || true; }
trap cleanup EXIT
rm -rf "$WORK"; mkdir -p "$WORK/copy"
# SIGKILL on exit: xapian-replicate-server signals its whole process group on SIGTERM.
xapian-replicate-server -I 127.0.0.1 -p "$PORT" "$SOURCE_DATA_DIR" > "$WORK/server.log" 2>&1 &
pids+=($!)
sleep 0.5
echo "load before the full copy: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
xapian-replicate -h 127.0.0.1 -p "$PORT" -m index -o -r 0 "$WORK/copy/index" > /dev/null
end=$(date +%s.%N)
awk -v n="$COUNT" -v s="$start" -v e="$end" -v b="$(du -sb "$WORK/copy/index" | cut -f1)" \
  'BEGIN { printf "full copy of %d profiles: %.2f s, %.1f MB\n", n, e - s, b / 1e6 }' 

BUILD_DIR=$BUILD_DIR SOURCE_DATA_DIR=$SOURCE_DATA_DIR WORK=$WORK/lag bash "$HERE/lag_run.sh"
