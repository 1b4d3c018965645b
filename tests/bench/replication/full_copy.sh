#!/usr/bin/env bash
# Full copy of a data folder's index over loopback, as a new replica (or one
# after a rebuild) receives it (docs/scaling.md, "Capacity model"):
# xapian-replicate-server serves SOURCE_DATA_DIR (only read), and
# xapian-replicate -o pulls the index named by its stub into an empty folder
# under WORK, REPS times; each run prints its time and bytes and its copy is
# deleted before the next (at 1M a copy is several GB).
#
#   SOURCE_DATA_DIR=/tmp/rapport-bench/var WORK=/tmp/s23-replica-copy REPS=3 \
#     bash tests/bench/replication/full_copy.sh
set -euo pipefail
SOURCE_DATA_DIR=${SOURCE_DATA_DIR:?}; WORK=${WORK:?}
REPS=${REPS:-1}; PORT=${PORT:-17390}

pids=()
# SIGKILL: xapian-replicate-server answers SIGTERM by signalling its process group.
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$WORK/copy"
}
trap cleanup EXIT
mkdir -p "$WORK"
xapian-replicate-server -I 127.0.0.1 -p "$PORT" "$SOURCE_DATA_DIR" > "$WORK/server.log" 2>&1 &
pids+=($!)
sleep 0.5
live=$(awk '{ print $2 }' "$SOURCE_DATA_DIR/index")  # the stub: "glass index-N"
echo "source index $live: $(du -sb "$SOURCE_DATA_DIR/$live" | cut -f1) bytes"
for run in $(seq "$REPS"); do
  rm -rf "$WORK/copy"; mkdir -p "$WORK/copy"
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  xapian-replicate -h 127.0.0.1 -p "$PORT" -m index -o -r 0 "$WORK/copy/index" > /dev/null
  end=$(date +%s.%N)
  awk -v r="$run" -v s="$start" -v e="$end" -v b="$(du -sb "$WORK/copy/index" | cut -f1)" \
    -v l="$load" -v l2="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "full copy %d: %.2f s, %.1f MB (%.0f MB/s), load %s -> %s\n", r, e - s, b / 1e6, b / 1e6 / (e - s), l, l2 }'
done
