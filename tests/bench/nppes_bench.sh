#!/usr/bin/env bash
# NPPES import benchmark (not a test, issue 16): a generated CSV of ROWS rows
# with the real 330-column header, imported into a fresh store by
# `rapport-index import --format nppes` under /usr/bin/time -v. Prints rows/s
# read, profiles/s kept, wall and CPU time, peak RSS and the load average.
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench ROWS=100000 bash tests/bench/nppes_bench.sh
#
# The rows are the month-1 fixture's (tests/data/nppes/) with fresh NPIs
# (valid check digit): eight rows in nine are copies of its family-medicine
# row (skipped as no_behavioral_taxonomy), the ninth cycles through all 27
# fixture rows (18 of them kept), so about one row in 13 is kept, near the
# project's estimate of one in nine for the real file (docs/interop.md §11).
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
ROWS="${ROWS:-1000000}"
SOURCE_DIR="$(cd "$(dirname "$0")/../.." && pwd)"
FIXTURE="$SOURCE_DIR/tests/data/nppes/npidata_pfile_fixture.csv"
NON_BEHAVIORAL_NPI="1902834062"  # R06 of the fixture's README: family medicine only
CSV="$BENCH_DIR/npidata_pfile_bench-$ROWS.csv"
DATA_DIR="$BENCH_DIR/nppes-var"

mkdir -p "$BENCH_DIR"
if [[ ! -s "$CSV" ]]; then
  echo "generating $ROWS NPPES rows into $CSV" >&2
  awk -v rows="$ROWS" -v filler="$NON_BEHAVIORAL_NPI" '
    # The NPI with serial n: nine digits from 100000001 and the Luhn check
    # digit over "80840" and them (the NPI standard).
    function npi(n,    payload, digits, sum, i, d, doubled) {
      payload = sprintf("%09d", 100000000 + n)
      digits = "80840" payload
      sum = 0
      doubled = 1
      for (i = length(digits); i >= 1; i--) {
        d = substr(digits, i, 1) + 0
        if (doubled) { d *= 2; if (d > 9) d -= 9 }
        sum += d
        doubled = !doubled
      }
      return payload ((10 - sum % 10) % 10)
    }
    # Each row after its first field ("NPI"), kept once: a substitution on
    # every 1.5 KB row made 1M rows take over half an hour.
    function after_npi(row) { return substr(row, index(substr(row, 2), "\"") + 2) }
    NR == 1 { header = $0; next }
    {
      templates[count++] = after_npi($0)
      if (index($0, "\"" filler "\"") == 1) filler_rest = after_npi($0)
    }
    END {
      print header
      for (n = 1; n <= rows; n++) {
        printf "\"%s\"%s\n", npi(n), (n % 9 == 0) ? templates[(n / 9) % count] : filler_rest
      }
    }' "$FIXTURE" > "$CSV.tmp"
  mv "$CSV.tmp" "$CSV"
fi

rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
report="$BENCH_DIR/nppes.time"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
/usr/bin/time -v -o "$report" "$BUILD_DIR/indexer/rapport-index" --data-dir "$DATA_DIR" \
  --data-files "$SOURCE_DIR/data" import --format nppes "$CSV" > "$BENCH_DIR/nppes.out" \
  2> "$BENCH_DIR/nppes.err" || true
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$report")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$report")
user=$(sed -n 's/.*User time (seconds): //p' "$report")
sys=$(sed -n 's/.*System time (seconds): //p' "$report")
seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<< "$wall")
kept=$(sed -n 's/.*: \([0-9]*\) kept (.*/\1/p' "$BENCH_DIR/nppes.out")
echo "nppes import: $ROWS rows in ${seconds}s wall: $(awk -v n="$ROWS" -v s="$seconds" \
  'BEGIN { printf "%d", n / s }') rows/s read, $kept kept ($(awk -v n="$kept" -v s="$seconds" \
  'BEGIN { printf "%d", n / s }') profiles/s), CPU ${user}s user + ${sys}s system, peak RSS \
$((rss_kb / 1024)) MiB, load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
cat "$BENCH_DIR/nppes.out"
