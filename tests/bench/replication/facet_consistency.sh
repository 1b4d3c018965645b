#!/usr/bin/env bash
# A replica's facet counts (its facet store updated from the change log that
# arrives in changesets) equal the primary's at the same revision, after
# batches of edits that change facet values (docs/scaling.md, "Per-revision
# state on a replica").
#
#   BUILD_DIR=build/release SOURCE_DATA_DIR=/tmp/rapport-bench/data-100000-seed1 \
#     PROFILES=/tmp/rapport-bench/profiles-100000-seed1.ndjson \
#     bash tests/bench/replication/facet_consistency.sh
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD_DIR=${BUILD_DIR:?}; SOURCE_DATA_DIR=${SOURCE_DATA_DIR:?}; PROFILES=${PROFILES:?}; WORK=${WORK:-/tmp/rapport-replication-facets}
P=17300; R=17301; RS=17350
export RAPPORT_ANON_RATE=1000000 RAPPORT_ANON_BURST=1000000
pids=(); cleanup() { kill "${pids[@]}" 2> /dev/null; wait 2> /dev/null; }; trap cleanup EXIT
ready() { for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/readyz" > /dev/null && return 0; sleep 0.1; done; return 1; }
rev() { curl -s "http://127.0.0.1:$1/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["index_revision"])'; }
rm -rf "$WORK"; mkdir -p "$WORK/replica"; cp -a "$SOURCE_DATA_DIR" "$WORK/primary"
XAPIAN_MAX_CHANGESETS=100 "$BUILD_DIR/web/rapport-server" --data-dir "$WORK/primary" --port $P > "$WORK/primary.log" 2>&1 & pids+=($!)
xapian-replicate-server -I 127.0.0.1 -p $RS "$WORK/primary" & pids+=($!)
sleep 0.5; xapian-replicate -h 127.0.0.1 -p $RS -m index -o "$WORK/replica/index" > /dev/null
xapian-replicate -h 127.0.0.1 -p $RS -m index -i 1 -r 0 -v "$WORK/replica/index" > "$WORK/replicate.log" 2>&1 & pids+=($!)
"$BUILD_DIR/web/rapport-server" --data-dir "$WORK/replica" --port $R > "$WORK/replica.log" 2>&1 & pids+=($!)
ready $P; ready $R
query="/api/v1/search?facets=modality,specialty,accepting,language,insurance,profession&facet_limit=100&limit=1"
for batch in 1 2 3 4 5 6; do
  python3 "$HERE/edit_lines.py" "$PROFILES" 50 "acc$batch" $((batch * 50)) 97 > "$WORK/edits.ndjson"
  XAPIAN_MAX_CHANGESETS=100 "$BUILD_DIR/indexer/rapport-index" --data-dir "$WORK/primary" import "$WORK/edits.ndjson" > /dev/null
  sleep 0.7
done
for _ in $(seq 100); do [[ "$(rev $P)" == "$(rev $R)" ]] && break; sleep 0.2; done
a=$(curl -s "http://127.0.0.1:$P$query" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["facets"], sort_keys=True))')
b=$(curl -s "http://127.0.0.1:$R$query" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["facets"], sort_keys=True))')
echo "primary revision $(rev $P), replica revision $(rev $R); facet counts equal: $([[ "$a" == "$b" ]] && echo yes || echo NO)"
echo "accepting on both: $(echo "$a" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accepting"])')"
echo "pulls: $(grep -o '[0-9]* changesets' "$WORK/replicate.log" | awk '{s+=$1} END {print s}') changesets, $(grep -o '[0-9]* copies' "$WORK/replicate.log" | awk '{s+=$1} END {print s}') full copies"
grep -v event=request "$WORK/replica.log" | tail -n 3
