#!/usr/bin/env bash
# A rebuild on the primary reaches a replica as a full copy, switched in
# atomically (docs/scaling.md, "Rebuilds"): a replica (xapian-replicate
# -i 1 -r 0 + rapport-server) follows a copy of a prepared data folder while
# search_probe.py searches it without pause; `rapport-index rebuild` runs on
# the primary. Prints when each stub switched, every non-200 answer and the
# totals seen, and whether the replica's server logged a refresh error.
#
#   BUILD_DIR=build/release SOURCE_DATA_DIR=/tmp/rapport-bench/data-100000-seed1 \
#     bash tests/bench/replication/rebuild_switch.sh
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD_DIR=${BUILD_DIR:?}; SOURCE_DATA_DIR=${SOURCE_DATA_DIR:?}
WORK=${WORK:-/tmp/rapport-replication-rebuild}
R=17401; RS=17450
export RAPPORT_ANON_RATE=1000000 RAPPORT_ANON_BURST=1000000
pids=()
cleanup() { kill "${pids[@]}" 2> /dev/null; wait "${pids[@]}" 2> /dev/null; }
trap cleanup EXIT
ready() { for _ in $(seq 600); do curl -sf "http://127.0.0.1:$1/readyz" > /dev/null && return 0; sleep 0.1; done; return 1; }
# Logs each change of a stub file's last line with the time: watch FILE
watch() {
  local last="" current
  while true; do
    current=$(tail -n 1 "$1" 2> /dev/null)
    [[ "$current" != "$last" ]] && echo "$(date +%T.%N | cut -c1-12) $1: $current" && last=$current
    sleep 0.05
  done
}

rm -rf "$WORK"; mkdir -p "$WORK/replica"; cp -a "$SOURCE_DATA_DIR" "$WORK/primary"
xapian-replicate-server -I 127.0.0.1 -p $RS "$WORK/primary" > /dev/null 2>&1 &
pids+=($!)
sleep 0.5
xapian-replicate -h 127.0.0.1 -p $RS -m index -o "$WORK/replica/index" > /dev/null
xapian-replicate -h 127.0.0.1 -p $RS -m index -i 1 -r 0 "$WORK/replica/index" > "$WORK/replicate.log" 2>&1 &
pids+=($!)
"$BUILD_DIR/web/rapport-server" --data-dir "$WORK/replica" --port $R > "$WORK/replica.log" 2>&1 &
pids+=($!)
ready $R || { echo "replica not ready"; exit 1; }
: > "$WORK/stubs.txt"
watch "$WORK/primary/index" >> "$WORK/stubs.txt" &
pids+=($!)
watch "$WORK/replica/index/XAPIANDB" >> "$WORK/stubs.txt" &
pids+=($!)
python3 "$HERE/search_probe.py" $R 100000 2 > "$WORK/probe.txt" 2>&1 &
probe=$!
pids+=($probe)
sleep 3
env -u XAPIAN_MAX_CHANGESETS "$BUILD_DIR/indexer/rapport-index" --data-dir "$WORK/primary" rebuild | tail -n 1
# The copy and the replica's switch follow within seconds; leave them time.
switched=$(tail -n 1 "$WORK/primary/index")
for _ in $(seq 600); do
  [[ $(grep -c XAPIANDB "$WORK/stubs.txt") -ge 2 ]] && break
  sleep 0.1
done
sleep 3
kill -TERM $probe; wait $probe 2> /dev/null
cat "$WORK/probe.txt"
echo "primary now: $switched"
sort "$WORK/stubs.txt"
echo "replica server log (besides requests):"; grep -v "event=request" "$WORK/replica.log"
