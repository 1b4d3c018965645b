#!/usr/bin/env bash
# Fairness benchmark (not a test): many concurrent client connections
# through the shipped nginx (web/deploy/nginx.conf made runnable on loopback
# by tests/support/nginx_loopback_conf.sh) in front of a Release
# rapport-server on SIZE generated profiles. wrk runs the search mix
# (http_mix.lua) with each connection count of CONNECTIONS_LIST, ROUNDS
# times in turn, and prints one line per run: requests/s, errors, p50, p99
# and the goal's bound 2 x connections / throughput (the wait of a request
# that lets every other connection go once before it, twice over).
#
#   make -f Makefile.extra bench-http-fair
#   BUILD_DIR=build/release SIZE=100000 ROUNDS=3 bash tests/bench/http_fair_bench.sh
#
# Every wrk connection comes from 127.0.0.1, so the per-address limits of
# nginx (connections, request rates) and of the server (rate, open
# requests) are lifted; everything else is as shipped. To compare with
# another version: SERVER=PATH runs another rapport-server build,
# SERVER_ARGS replaces the flags that lift its limits, SHIPPED_CONF=FILE
# derives nginx's configuration from another nginx.conf. DIRECT=1 sends wrk
# straight to the server instead of through nginx.
set -euo pipefail

BUILD_DIR="${BUILD_DIR:?set BUILD_DIR to a Release build folder}"
BENCH_DIR="${BENCH_DIR:-/tmp/rapport-bench}"
SIZE="${SIZE:-100000}"
SEED="${SEED:-1}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-20s}"
CONNECTIONS_LIST="${CONNECTIONS_LIST:-32 1000}"
SERVER_PORT="${SERVER_PORT:-18995}"
NGINX_PORT="${NGINX_PORT:-18996}"
DIRECT="${DIRECT:-0}"
HERE="$(cd "$(dirname "$0")" && pwd)"
INDEX="$BUILD_DIR/indexer/rapport-index"
GENERATE="$BUILD_DIR/data/rapport-generate"
SERVER="${SERVER:-$BUILD_DIR/web/rapport-server}"
SERVER_ARGS="${SERVER_ARGS:---anon-rate 1000000 --anon-burst 1000000 --max-requests-per-client 1000000}"
NGINX_DIR="$BENCH_DIR/fair-nginx"

# shellcheck source=tests/bench/bench_data.sh
source "$HERE/bench_data.sh"
data_dir=$(prepare_data_dir "$SIZE")

server_pid=""
nginx_pid=""
stop_all() {
  [[ -n $nginx_pid ]] && kill -TERM "$nginx_pid" 2>/dev/null && wait "$nginx_pid" || true
  [[ -n $server_pid ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" || true
}
trap stop_all EXIT

# shellcheck disable=SC2086 # SERVER_ARGS is a list of flags
"$SERVER" --data-dir "$data_dir" --port "$SERVER_PORT" --trust-forwarded-for $SERVER_ARGS \
  2> "$BENCH_DIR/fair-server.log" &
server_pid=$!
target="http://127.0.0.1:$SERVER_PORT"
if [[ $DIRECT != 1 ]]; then
  rm -rf "$NGINX_DIR"
  mkdir -p "$NGINX_DIR"
  NO_CLIENT_LIMITS=1 WORKER_PROCESSES=auto bash "$HERE/../support/nginx_loopback_conf.sh" \
    "$NGINX_DIR" "$NGINX_PORT" "$SERVER_PORT" > "$NGINX_DIR/nginx.conf"
  /usr/sbin/nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" &
  nginx_pid=$!
  target="http://127.0.0.1:$NGINX_PORT"
fi
for _ in $(seq 300); do
  curl -sf "$target/readyz" > /dev/null && break
  sleep 0.1
done

echo "== $SIZE profiles, $( [[ $DIRECT == 1 ]] && echo direct || echo "through nginx"), $(nproc) cores shared by server, nginx and wrk, load average $(cut -d' ' -f1 /proc/loadavg)"
wrk -t2 -c32 -d5s -s "$HERE/http_mix.lua" "$target" > /dev/null  # warm the caches
for round in $(seq "$ROUNDS"); do
  for connections in $CONNECTIONS_LIST; do
    summary=$(wrk -t2 -c"$connections" -d"$DURATION" --timeout 30s -s "$HERE/http_mix.lua" \
      "$target" | grep '^mix-summary')
    echo "$summary" | awk -v c="$connections" -v r="$round" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      bound = 2 * c / v["rps"] * 1000
      printf "round %d connections %4d: %7.1f requests/s, %d errors, p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms, bound 2*c/rps %7.1f ms (%s)\n",
        r, c, v["rps"], v["errors"], v["p50_ms"], v["p99_ms"], v["max_ms"], bound,
        v["p99_ms"] <= bound ? "p99 within" : "p99 OVER" }'
  done
done
echo "server RSS: $(awk '/VmRSS/ {print $2, $3}' "/proc/$server_pid/status")"
