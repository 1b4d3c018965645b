#!/usr/bin/env bash
# Whose code a rebuild's CPU time goes to (a benchmark, not a test): Xapian's
# (its inverter in add_document, the flushes in commit, the shard merge, and
# the Xapian::Document our builder fills) or ours (reading the store, JSON,
# tokens, stems, concepts, zstd). `perf record --call-graph dwarf` samples a
# rebuild of a copy of a store; each sample goes to Xapian when a frame of
# libxapian or the zlib it calls lies between the leaf and the first frame
# of rapport-index, else to our code (libc, libstdc++ and the kernel go to
# whoever called them). docs/benchmarks.md, "Why the 1M rebuild cannot
# reach 200 s on two cores".
#
#   make -f Makefile.extra bench-rebuild-split [STORE=DIR]
#   BUILD_DIR=build/release STORE=/tmp/rapport-bench/var bash tests/bench/rebuild_cpu_split.sh
#   PERF_DATA=FILE bash tests/bench/rebuild_cpu_split.sh   # only split FILE's samples
#
# STORE: a data folder holding rapport.sqlite (only that file is copied).
# The copy and the samples go under a temporary folder removed at the end.
# The samples take ~8 MB per CPU-second at FREQUENCY=250: a 100k store
# (~140 CPU-s) needs ~1.1 GB. For 1M, sample a window of a running rebuild
# instead (perf record -F 100 --call-graph dwarf,32768 -p PID -o FILE --
# sleep 60) and split it with PERF_DATA=FILE.
set -euo pipefail

FREQUENCY="${FREQUENCY:-250}"
command -v perf > /dev/null || { echo "needs perf: apt-get install linux-perf" >&2; exit 1; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/rebuild-split.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

if [[ -z "${PERF_DATA:-}" ]]; then
  BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
  STORE="${STORE:?set STORE to a data folder holding rapport.sqlite}"
  PERF_DATA="$scratch/perf.data"
  mkdir "$scratch/data"
  cp "$STORE/rapport.sqlite" "$scratch/data/"
  echo "rebuilding a copy of $STORE under perf ($FREQUENCY samples/s)" >&2
  /usr/bin/time -f "rebuild: %e s wall, %U s user + %S s system" \
    perf record -q -F "$FREQUENCY" --call-graph dwarf,32768 -o "$PERF_DATA" -- \
    "$BUILD_DIR/indexer/rapport-index" --data-dir "$scratch/data" rebuild > /dev/null
fi

perf script -i "$PERF_DATA" -F ip,sym,dso 2> /dev/null | awk '
  # A sample is a block of frames, leaf first: "address symbol (dso)".
  function settle() {
    if (frames == 0) return
    total++
    bucket = "outside both (start-up, the loader)"
    for (i = 1; i <= frames; i++) {
      if (dso[i] ~ /rapport-index/) {
        if (i == 1 || !xapian_below) { bucket = "ours"; break }
        caller = sym[i]; entry = sym[i - 1]
        if (caller ~ /BuildAndSwitch/) bucket = "Xapian: the shard merge (Database::compact)"
        else if (entry ~ /commit/) bucket = "Xapian: commit (the shards flushed)"
        else if (caller ~ /BuildShards/) bucket = "Xapian: add_document (the inverter)"
        else if (caller ~ /StemmedText|DocumentBuilder/)
          bucket = "Xapian: the Document built (TermGenerator, add_posting, add_term)"
        else bucket = "Xapian: other calls"
        break
      }
      if (dso[i] ~ /libxapian|libz\.so/) xapian_below = 1
    }
    count[bucket]++
  }
  /^[^ \t]/ || /^$/ { settle(); frames = 0; xapian_below = 0; next }
  {
    line = $0
    sub(/^[ \t]*[0-9a-f]+ /, "", line)
    open_at = match(line, / \([^()]*\)$/)
    frames++
    sym[frames] = open_at ? substr(line, 1, open_at - 1) : line
    dso[frames] = open_at ? substr(line, open_at) : ""
  }
  END {
    settle()
    for (b in count) printf "%6.2f %%  %s\n", 100 * count[b] / total, b | "sort -rn"
    close("sort -rn")
    printf "%d samples\n", total
  }'
