#!/usr/bin/env bash
# Query-cost benchmark (not a test): can one client address starve everyone
# else's searches while staying under its rate limit? On the 100k data folder
# (bench_data.sh) a Release rapport-server runs with its default anonymous
# limits behind --trust-forwarded-for, and "others" send the search mix of
# http_mix.lua from 10,000 addresses at a steady pace (cost_others.lua)
#   - alone,
#   - while one address sends the 80-phrase query of issue 11 on 8
#     connections, each pausing 400 ms between its requests,
#   - while one address sends the costliest query the size bounds allow on
#     1 connection pausing 100 ms (at most 10 a second, one at a time),
#   - the same on 8 connections pausing 400 ms (8 at once),
# the attacker being cost_attacker.lua. Each scenario gets a fresh server, so
# searches left running by one cannot slow the next. Prints the others' p50,
# p99, requests/s and timeouts (wrk gives up after 2 s) and the attacker's
# answers by status, for every build in BUILDS (to compare the code before
# and after a change) and every round (ROUNDS), for medians over rounds.
#
#   BUILD_DIR=build/release BENCH_DIR=/tmp/rapport-bench bash tests/bench/cost_bench.sh
#   BUILDS="/tmp/before/build build/release" BUILD_DIR=build/release bash tests/bench/cost_bench.sh
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BUILDS="${BUILDS:-$BUILD_DIR}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
SIZE="${SIZE:-100000}"
SEED="${SEED:-1}"
PORT="${PORT:-18991}"
DURATION="${DURATION:-20s}"
ROUNDS="${ROUNDS:-3}"
OTHERS_CONNECTIONS="${OTHERS_CONNECTIONS:-8}"
OTHERS_PACE_MS="${OTHERS_PACE_MS:-40}"
HERE="$(cd "$(dirname "$0")" && pwd)"

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# Issue 11's query: 80 quoted two-word phrases within the 500 characters of q.
eighty_phrases="/api/v1/search?q=$(urlencode "$(printf '"a i" %.0s' $(seq 80))")"
# Within every size bound (8 phrases, joined by OR so none narrows another),
# with every facet counted.
costliest_allowed="/api/v1/search?q=$(urlencode "$(printf '"a i" OR "i a" OR %.0s' 1 2 3)\"a i\" OR \"i a\"")&facets=modality,specialty,population,session_format,language,insurance,gender,profession,mode,platform,device,telehealth_experience,accepting"

# shellcheck source=tests/bench/bench_data.sh
source "$HERE/bench_data.sh"
# shellcheck source=tests/bench/bench_server.sh
source "$HERE/bench_server.sh"
data_dir=$(prepare_data_dir "$SIZE")

others() {  # prints the others' figures
  local out
  out=$(HTTP_MIX="$HERE/http_mix.lua" PACE_MS="$OTHERS_PACE_MS" \
    wrk -t1 -c"$OTHERS_CONNECTIONS" -d"$DURATION" --latency -s "$HERE/cost_others.lua" \
    "http://127.0.0.1:$PORT")
  echo "$out" | awk '
    $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF } /Socket errors/ { timeouts = $NF }
    END { printf "others p50 %s p99 %s requests/s %s non-2xx %d timeouts %d",
          p50, p99, rps, bad, timeouts }'
}

attack() {  # attack PATH CONNECTIONS PACE_MS: the attacker, in the background
  ATTACK_PATH="$1" PACE_MS="$3" wrk -t1 -c"$2" -d"$DURATION" -s "$HERE/cost_attacker.lua" \
    "http://127.0.0.1:$PORT" > "$BENCH_DIR/cost-attacker.out" &
  attacker_pid=$!
}

attacker_summary() {  # after the attacker has ended
  echo "; attacker $(awk '/requests in/ {print $1}' "$BENCH_DIR/cost-attacker.out") requests," \
    "$(grep 'attacker answers' "$BENCH_DIR/cost-attacker.out" || echo 'no answers')"
}

scenario() {  # scenario BUILD ROUND NAME [PATH CONNECTIONS PACE_MS]
  local build=$1 round=$2 name=$3
  shift 3
  start_server "$build/web/rapport-server" "$BENCH_DIR/cost-server.log" --data-dir "$data_dir" \
    --trust-forwarded-for
  # Warm the caches once so the first seconds do not skew the figures.
  HTTP_MIX="$HERE/http_mix.lua" PACE_MS=0 wrk -t1 -c4 -d3s -s "$HERE/cost_others.lua" \
    "http://127.0.0.1:$PORT" > /dev/null
  if [[ $# -gt 0 ]]; then
    attack "$@"
    local figures
    figures=$(others)
    wait "$attacker_pid" || true  # here: a command substitution cannot wait for it
    echo "round $round $name: $figures$(attacker_summary)"
  else
    echo "round $round $name: $(others)"
  fi
  stop_server
}

for build in $BUILDS; do
  echo "== $build ($SIZE profiles, $(nproc) cores shared with wrk; load $(cut -d' ' -f1-3 /proc/loadavg))"
  for round in $(seq "$ROUNDS"); do
    scenario "$build" "$round" "alone"
    scenario "$build" "$round" "80 phrases, 8 connections" "$eighty_phrases" 8 400
    scenario "$build" "$round" "costliest allowed, 1 connection" "$costliest_allowed" 1 100
    scenario "$build" "$round" "costliest allowed, 8 connections" "$costliest_allowed" 8 400
  done
done
