#!/usr/bin/env bash
# make -f Makefile.extra bench-replication: the replication benchmark of
# issue 17 (figures in docs/scaling.md). On a COUNT-profile data folder
# (default 100,000; prepared once by bench_data.sh under BENCH_DIR):
#   1. full_copy.sh: a full copy of the index over loopback, its time and bytes;
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

SOURCE_DATA_DIR=$SOURCE_DATA_DIR WORK=$WORK/full-copy PORT=$PORT bash "$HERE/full_copy.sh"
BUILD_DIR=$BUILD_DIR SOURCE_DATA_DIR=$SOURCE_DATA_DIR WORK=$WORK/lag bash "$HERE/lag_run.sh"
