#!/usr/bin/env bash
# Changeset bytes per index commit (docs/scaling.md, "Changeset size per
# edit"): on a fresh copy of a rebuilt data folder, for each batch in SPECS,
# edits that many profiles (edit_lines.py), imports them, syncs (one commit)
# and prints the size of the changeset that commit wrote, with its blocks per
# table (changeset_tables.py). Run it with two rapport-index builds to
# compare writers.
#
#   bash tests/bench/replication/changeset_sizes.sh build/release/indexer/rapport-index \
#     /tmp/rapport-bench/data-100000-seed1 /tmp/rapport-changesets profiles-100000.ndjson
#
# SPECS: batches as COUNT:KIND (bio = fee changed and a word appended to the
# bio; fee = fee only); STRIDE=k edits every k-th profile of the file (spread
# over the docid space) instead of consecutive ones.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
INDEX=$1; SOURCE=$2; WORK=$3; PROFILES=$4
rm -rf "$WORK"; cp -a "$SOURCE" "$WORK"
export XAPIAN_MAX_CHANGESETS=100000
folder="$WORK/$(awk '{print $2}' "$WORK/index")"
start=1000
for spec in ${SPECS:-1:bio 1:bio 1:bio 1:bio 1:bio 1:fee 1:fee 1:fee 10:bio 10:bio 10:fee 100:bio 100:fee 1000:bio}; do
  n=${spec%%:*}; kind=${spec##*:}
  round=$kind$start
  python3 "$HERE/edit_lines.py" "$PROFILES" "$n" "$round" "$start" "${STRIDE:-1}" > "$WORK.edits"
  "$INDEX" --data-dir "$WORK" import "$WORK.edits" > /dev/null
  t0=$(date +%s.%N); "$INDEX" --data-dir "$WORK" sync > /dev/null; t1=$(date +%s.%N)
  last=$(find "$folder" -name 'changes*' -printf '%f\n' | sort -V | tail -n 1)
  bytes=$(stat -c %s "$folder/$last")
  printf "%-5s %-4s commit %s bytes %10d per profile %9d sync %.2f s | %s\n" "$n" "$kind" "$last" "$bytes" $((bytes / n)) "$(echo "$t1 - $t0" | bc)" \
    "$(python3 "$HERE/changeset_tables.py" "$folder/$last" | cut -d';' -f2)"
  if [[ "${STRIDE:-1}" == 1 ]]; then start=$((start + n + 997)); else start=$(( (start + n * STRIDE) % 1000 + 1 )); fi
done
echo "index folder after: $(du -sb --exclude='changes*' "$folder" | cut -f1) bytes;" \
  "$(xapian-delve "$WORK/index" | grep 'highest document id')"
