# Sourced by the benchmark scripts: generated profiles and a data folder built
# from them with the real commands, made once per size and seed under
# $BENCH_DIR and shared by every benchmark that reads them; a folder whose
# index `rapport-index check` rejects (another layout version) is rebuilt.
#
#   prepare_data_dir SIZE   prints the data folder's path (progress on stderr)
# Needs BENCH_DIR and SEED set by the caller, and GENERATE and INDEX (the
# commands; by default those of BUILD_DIR).

GENERATE="${GENERATE:-$BUILD_DIR/data/rapport-generate}"
INDEX="${INDEX:-$BUILD_DIR/indexer/rapport-index}"

prepare_data_dir() {
  local size=$1
  local profiles="$BENCH_DIR/profiles-$size-seed$SEED.ndjson"
  local data_dir="$BENCH_DIR/data-$size-seed$SEED"
  mkdir -p "$BENCH_DIR"
  if [[ ! -s "$profiles" ]]; then
    "$GENERATE" --count "$size" --seed "$SEED" > "$profiles.tmp"
    mv "$profiles.tmp" "$profiles"
  fi
  if [[ ! -s "$data_dir/index" ]]; then
    rm -rf "$data_dir"
    mkdir -p "$data_dir"
    "$INDEX" --data-dir "$data_dir" import "$profiles" >&2
    "$INDEX" --data-dir "$data_dir" rebuild >&2
  elif ! "$INDEX" --data-dir "$data_dir" check > /dev/null 2>&1; then
    # Written by an older index layout, or out of step with its store.
    echo "$data_dir: the index does not match its store or this build: rebuilding" >&2
    "$INDEX" --data-dir "$data_dir" rebuild >&2
  fi
  echo "$data_dir"
}
