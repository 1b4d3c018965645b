#!/usr/bin/env bash
# Relevance benchmark (not a test): the judged queries of tests/relevance on
# an index of data/sample/profiles.ndjson whose dates are moved so that every
# profile is as old as when the judgments were made (the freshness boost then
# ranks as it did; tests/relevance/profiles_as_judged.h). Prints NDCG@10, MRR
# and the zero-result rate per query type and the queries that find nothing;
# extra arguments go to rapport-relevance-bench (e.g. --per-query).
#
#   BUILD_DIR=build/release bash tests/bench/relevance_bench.sh [--per-query]
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
INDEX="$BUILD_DIR/indexer/rapport-index"
BENCH="$BUILD_DIR/tests/bench/rapport-relevance-bench"
JUDGED=(--judged "$REPO/tests/relevance" --sample "$REPO/data/sample/profiles.ndjson")

work=$(mktemp -d /tmp/rapport-relevance-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$BENCH" "${JUDGED[@]}" --write-as-judged "$work/profiles.ndjson"
# rapport-index on the work folder; its output is shown only when it fails.
run_index() {
  "$INDEX" --data-dir "$work/data" "$@" > "$work/index.log" 2>&1 || { cat "$work/index.log" >&2; exit 1; }
}
run_index import "$work/profiles.ndjson"
run_index rebuild
"$BENCH" "${JUDGED[@]}" --data-dir "$work/data" "$@"
