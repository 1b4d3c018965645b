#!/usr/bin/env bash
# Replication lag under an edit stream (a benchmark, not a test;
# docs/scaling.md). Starts, on a copy of a prepared data folder:
#   - the primary rapport-server, with XAPIAN_MAX_CHANGESETS=$CHANGESETS;
#   - xapian-replicate-server on the primary's data folder;
#   - unless GATE=0, `rapport-index replication-gate` in front of it (commit lock shared);
#   - $REPLICAS replicas: xapian-replicate -i $INTERVAL -r 0 into
#     REPLICA/index, and a rapport-server --replica on each replica folder;
# then rapport-edit-bench at $RATE edits/s on the primary while lag_probe.py
# times, for each primary revision, how long until each replica shows it.
# Prints the lag p50/p99, the changesets and how many full copies the
# replicas took. Every process it starts is stopped by PID on exit.
#
#   BUILD_DIR=build/release SOURCE_DATA_DIR=/tmp/rapport-bench/data-100000-seed1 \
#     bash tests/bench/replication/lag_run.sh
#
# BENCH_BUILD_DIR: where rapport-admin and rapport-edit-bench are (default
# BUILD_DIR; set it when BUILD_DIR is a build of rapport-server alone).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD_DIR=${BUILD_DIR:?}; SOURCE_DATA_DIR=${SOURCE_DATA_DIR:?}; WORK=${WORK:-/tmp/rapport-replication-lag}
BENCH_BUILD_DIR=${BENCH_BUILD_DIR:-$BUILD_DIR}
RATE=${RATE:-200}; EDITS=${EDITS:-6000}; REPLICAS=${REPLICAS:-1}; CHANGESETS=${CHANGESETS:-100}
INTERVAL=${INTERVAL:-1}; BASE_PORT=${BASE_PORT:-17100}
export RAPPORT_ANON_RATE=1000000 RAPPORT_ANON_BURST=1000000
export RAPPORT_BENCH_PASSWORD="benchmark password 1"
pids=()
# SIGKILL: xapian-replicate-server signals its whole process group on SIGTERM.
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done; wait 2> /dev/null || true; }
trap cleanup EXIT
wait_ready() { for _ in $(seq 600); do curl -sf "http://127.0.0.1:$1/readyz" > /dev/null && return; sleep 0.1; done; echo "port $1 not ready"; exit 1; }

rm -rf "$WORK"; mkdir -p "$WORK"; cp -a "$SOURCE_DATA_DIR" "$WORK/primary"
echo "$RAPPORT_BENCH_PASSWORD" | "$BENCH_BUILD_DIR/web/rapport-admin" --data-dir "$WORK/primary" \
  editors create --email bench@example.org --role editor > /dev/null
XAPIAN_MAX_CHANGESETS=$CHANGESETS "$BUILD_DIR/web/rapport-server" --data-dir "$WORK/primary" \
  --port "$BASE_PORT" > "$WORK/primary.log" 2>&1 &
pids+=($!)
xapian-replicate-server -I 127.0.0.1 -p $((BASE_PORT + 50)) "$WORK/primary" > "$WORK/repl-server.log" 2>&1 &
pids+=($!)
repl_port=$((BASE_PORT + 50))
if [[ "${GATE:-1}" != 0 ]]; then
  "$BUILD_DIR/indexer/rapport-index" --data-dir "$WORK/primary" replication-gate \
    --listen 127.0.0.1:$((BASE_PORT + 60)) --upstream 127.0.0.1:"$repl_port" \
    --allow 127.0.0.0/8 > /dev/null 2> "$WORK/gate.log" &
  pids+=($!)
  repl_port=$((BASE_PORT + 60)); sleep 0.5
fi
ports=()
for i in $(seq "$REPLICAS"); do
  mkdir -p "$WORK/replica$i"
  for _ in $(seq 50); do
    xapian-replicate -h 127.0.0.1 -p "$repl_port" -m index -o "$WORK/replica$i/index" > /dev/null 2>&1 && break
    sleep 0.2
  done
  xapian-replicate -h 127.0.0.1 -p "$repl_port" -m index -i "$INTERVAL" -r 0 -v \
    "$WORK/replica$i/index" > "$WORK/replicate$i.log" 2>&1 &
  pids+=($!)
  "$BUILD_DIR/web/rapport-server" --replica --primary-url "http://127.0.0.1:$BASE_PORT" \
    --data-dir "$WORK/replica$i" --port $((BASE_PORT + i)) > "$WORK/replica$i.log" 2>&1 &
  pids+=($!)
  ports+=($((BASE_PORT + i)))
done
wait_ready "$BASE_PORT"; for p in "${ports[@]}"; do wait_ready "$p"; done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
seconds=$(( EDITS / RATE + 25 ))
python3 "$HERE/lag_probe.py" "$seconds" "$BASE_PORT" "${ports[@]}" > "$WORK/lag.txt" &
probe=$!
"$BENCH_BUILD_DIR/tests/bench/rapport-edit-bench" --port "$BASE_PORT" --email bench@example.org \
  --edit-rate "$RATE" --throughput-edits "$EDITS" --visibility-edits 100 --idle-seconds 2 > "$WORK/edit-bench.txt" 2>&1 || true
wait $probe
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 8 "$WORK/edit-bench.txt"
cat "$WORK/lag.txt"
folder="$WORK/primary/$(awk '{print $2}' "$WORK/primary/index")"
echo "changesets kept: $(find "$folder" -name 'changes*' | wc -l)"
python3 "$HERE/changeset_tables.py" $(ls -d "$folder"/changes* | sort -V | tail -n 20) |
  awk '{n++; b+=$4} END {printf "last %d changesets: mean %.1f MB each\n", n, b/n/1e6}'
for i in $(seq "$REPLICAS"); do
  echo "replica$i: $(grep -c '^Update complete' "$WORK/replicate$i.log") pulls, $(grep -o '[0-9]* changesets' "$WORK/replicate$i.log" | awk '{s+=$1} END {print s}') changesets, $(grep -o '[0-9]* copies' "$WORK/replicate$i.log" | awk '{s+=$1} END {print s}') full copies"
done
