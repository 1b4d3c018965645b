#!/usr/bin/env bash
# HTTP benchmark (not a test): for each size in SIZES (default 100000) build a
# data folder with the real commands (once; reused while it exists), start
# rapport-server on loopback, and run wrk on a mixed search workload
# (http_mix.lua), plain and with gzip asked for, and on /healthz. Reports
# requests/s, p50/p99 latency, server CPU per request and server RSS.
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench bash tests/bench/http_bench.sh
#
# REPS=N runs the three N times on the same server, one after the other, and
# ends with the median server CPU per request of each: this shared machine's
# speed drifts by ±20 % within an hour, so one run says little.
#
# DATA_DIR=DIR instead serves an existing data folder without writing to it:
# a read-only replica server (--replica, no store) reads DIR's index through a
# stub in a scratch folder; SIZES is then ignored.
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
SIZES="${SIZES:-100000}"
SEED="${SEED:-1}"
PORT="${PORT:-18990}"
DURATION="${DURATION:-20s}"
REPS="${REPS:-1}"
CONNECTIONS="${CONNECTIONS:-32}"
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVER="$BUILD_DIR/web/rapport-server"
TICKS=$(getconf CLK_TCK)

cpu_ticks() {  # utime + stime of a process, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# run_wrk NAME ARGS... : prints the summary and the server CPU per request,
# which it also appends to cpu_runs as "NAME<TAB>microseconds".
run_wrk() {
  local name=$1; shift
  local before after out requests cpu_us
  before=$(cpu_ticks "$server_pid")
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  after=$(cpu_ticks "$server_pid")
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "-- $name"
  echo "$out" | grep -E "Requests/sec|50%|99%|requests in|Non-2xx|Socket errors" || true
  cpu_us=$(awk -v r="$requests" -v t="$((after - before))" -v hz="$TICKS" \
    'BEGIN { if (r > 0) printf "%.1f", t / hz / r * 1e6 }')
  [[ -n $cpu_us ]] || return 0
  echo "server CPU per request: $cpu_us us"
  cpu_runs+=("$name"$'\t'"$cpu_us")
}

# The median server CPU per request of each name in cpu_runs, in the order
# the names first ran, with every run's figure in ascending order.
print_medians() {
  printf '%s\n' "${cpu_runs[@]}" | awk -F'\t' '
    !($1 in n) { order[++names] = $1 }
    { runs[$1, ++n[$1]] = $2 }
    END {
      for (o = 1; o <= names; o++) {
        name = order[o]; k = n[name]
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
          if (runs[name, j] < runs[name, i]) { t = runs[name, i]; runs[name, i] = runs[name, j]; runs[name, j] = t }
        values = runs[name, 1]
        for (i = 2; i <= k; i++) values = values ", " runs[name, i]
        median = k % 2 ? runs[name, (k + 1) / 2] : (runs[name, k / 2] + runs[name, k / 2 + 1]) / 2
        printf "median of %d: %s %.1f us (%s)\n", k, name, median, values
      }
    }'
}

# shellcheck source=tests/bench/bench_data.sh
source "$HERE/bench_data.sh"
# shellcheck source=tests/bench/bench_server.sh
source "$HERE/bench_server.sh"

# A scratch data folder whose replica stub names the index of the data folder
# $1 (whose own stub is "BACKEND FOLDER", relative to it); prints its path.
replica_of() {
  local source scratch
  source=$(cd "$1" && pwd)
  scratch=$(mktemp -d /tmp/rapport-http-bench.XXXXXX)
  mkdir "$scratch/index"
  awk -v dir="$source" '{print $1, dir "/" $2}' "$source/index" > "$scratch/index/XAPIANDB"
  echo "$scratch"
}

if [[ -n "${DATA_DIR:-}" ]]; then
  SIZES=existing
fi
mkdir -p "$BENCH_DIR"
for size in $SIZES; do
  serve_args=()
  if [[ $size == existing ]]; then
    data_dir=$(replica_of "$DATA_DIR")
    # Nothing answers at the primary URL: the replica only reports it unreachable.
    serve_args=(--replica --primary-url "http://127.0.0.1:9")
  else
    data_dir=$(prepare_data_dir "$size")
  fi
  # Every wrk connection is 127.0.0.1: the per-address limits are lifted
  # (open requests by the environment, which older builds ignore).
  RAPPORT_MAX_REQUESTS_PER_CLIENT=1000000 \
    start_server "$SERVER" "$BENCH_DIR/http-$size-server.log" --data-dir "$data_dir" \
    --anon-rate 1000000 --anon-burst 1000000 "${serve_args[@]}"
  echo "== $size profiles (server pid $server_pid, $(nproc) cores shared with wrk;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  # Warm the caches once so the first seconds do not skew the figures.
  wrk -t1 -c4 -d3s -s "$HERE/http_mix.lua" "http://127.0.0.1:$PORT" > /dev/null
  cpu_runs=()
  for ((rep = 1; rep <= REPS; rep++)); do
    run_wrk "search mix" -s "$HERE/http_mix.lua" "http://127.0.0.1:$PORT"
    # Browsers and most HTTP clients ask for gzip: the same mix, compressed.
    run_wrk "search mix, gzip" -H "Accept-Encoding: gzip" -s "$HERE/http_mix.lua" \
      "http://127.0.0.1:$PORT"
    run_wrk "/healthz" "http://127.0.0.1:$PORT/healthz"
  done
  echo "server RSS: $(awk '/VmRSS/ {print $2, $3}' "/proc/$server_pid/status")"
  if ((REPS > 1)); then print_medians; fi
  stop_server
  if [[ $size == existing ]]; then rm -rf "$data_dir"; fi
done
