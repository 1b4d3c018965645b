#!/usr/bin/env bash
# Query-cost benchmark (not a test): can one client address starve everyone
# else's searches while staying under its rate limit? On the 100k data folder
# (bench_data.sh) a Release rapport-server runs with its default anonymous
# limits behind --trust-forwarded-for, and "others" send the search mix of
# http_mix.lua from 10,000 addresses at a steady pace (cost_others.lua)
#   - alone,
#   - while one address sends the 80-phrase query of issue 11,
#   - while one address sends the costliest query the size bounds allow,
# each attacker on ATTACK_CONNECTIONS connections pausing ATTACK_PACE_MS
# between requests (cost_attacker.lua). Prints the others' p50/p99 and
# requests/s and the attacker's answers by status, for every variant (BUILDS:
# the build folders to compare, e.g. the code before and after a change) and
# every round (ROUNDS), so medians can be taken over rounds.
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
ATTACK_CONNECTIONS="${ATTACK_CONNECTIONS:-8}"
ATTACK_PACE_MS="${ATTACK_PACE_MS:-400}"
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

others() {  # prints "p50 p99 requests/s non-2xx" of the others' run
  local out
  out=$(HTTP_MIX="$HERE/http_mix.lua" PACE_MS="$OTHERS_PACE_MS" \
    wrk -t1 -c"$OTHERS_CONNECTIONS" -d"$DURATION" --latency -s "$HERE/cost_others.lua" \
    "http://127.0.0.1:$PORT")
  echo "$out" | awk '
    $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
    END { printf "others p50 %s p99 %s requests/s %s non-2xx %s", p50, p99, rps, bad + 0 }'
}

attack() {  # attack PATH: runs the attacker for DURATION in the background
  ATTACK_PATH="$1" PACE_MS="$ATTACK_PACE_MS" \
    wrk -t1 -c"$ATTACK_CONNECTIONS" -d"$DURATION" -s "$HERE/cost_attacker.lua" \
    "http://127.0.0.1:$PORT" > "$BENCH_DIR/cost-attacker.out" &
  attacker_pid=$!
}

attacker_summary() {
  wait "$attacker_pid"
  local requests
  requests=$(awk '/requests in/ {print $1}' "$BENCH_DIR/cost-attacker.out")
  echo "; attacker $requests requests, $(grep 'attacker answers' "$BENCH_DIR/cost-attacker.out")"
}

for build in $BUILDS; do
  start_server "$build/web/rapport-server" "$BENCH_DIR/cost-server.log" --data-dir "$data_dir" \
    --trust-forwarded-for
  echo "== $build ($SIZE profiles, server pid $server_pid, $(nproc) cores shared with wrk)"
  HTTP_MIX="$HERE/http_mix.lua" PACE_MS=0 wrk -t1 -c4 -d3s -s "$HERE/cost_others.lua" \
    "http://127.0.0.1:$PORT" > /dev/null
  for round in $(seq "$ROUNDS"); do
    echo "round $round alone: $(others)"
    attack "$eighty_phrases"
    echo "round $round with 80 phrases: $(others)$(attacker_summary)"
    attack "$costliest_allowed"
    echo "round $round with the costliest allowed: $(others)$(attacker_summary)"
  done
  stop_server
done
