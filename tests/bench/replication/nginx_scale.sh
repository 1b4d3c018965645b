#!/usr/bin/env bash
# Searches/s through the shipped web/deploy/nginx-replicas.conf with one
# replica against two (docs/scaling.md, "Capacity model"): a primary on a
# copy of SOURCE_DATA_DIR, two replicas fed by xapian-replicate, and two nginx
# derived by tests/support/nginx_loopback_conf.sh, one sending reads to
# replica 1 only, one to replicas 1 and 2. REPS rounds; each round runs wrk
# with the search mix (tests/bench/http_mix.lua) for DURATION against one
# nginx and then the other, back to back (the order alternates), and prints
# requests/s, p50 and p99 and the replicas' CPU time per request (utime +
# stime of their rapport-server processes: the per-replica capacity is
# cores / CPU per request, whatever else shares the machine); at the end the
# median of each and their ratio.
# A benchmark, not a test: on one machine every process shares its cores.
#
# Without SOURCE_DATA_DIR, bench_data.sh prepares COUNT profiles (default
# 100,000) under BENCH_DIR.
#
#   BUILD_DIR=build/release SOURCE_DATA_DIR=/tmp/rapport-bench/data-100000-seed1 \
#     bash tests/bench/replication/nginx_scale.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD_DIR=${BUILD_DIR:?}
if [[ -z ${SOURCE_DATA_DIR:-} ]]; then
  BENCH_DIR=${BENCH_DIR:?set SOURCE_DATA_DIR or BENCH_DIR}; SEED=${SEED:-1}
  source "$HERE/../bench_data.sh"
  SOURCE_DATA_DIR=$(prepare_data_dir "${COUNT:-100000}")
fi
WORK=${WORK:-/tmp/rapport-replication-scale}
REPS=${REPS:-5}; DURATION=${DURATION:-10s}; CONNECTIONS=${CONNECTIONS:-32}
BASE_PORT=${BASE_PORT:-17300}
P=$BASE_PORT; R1=$((BASE_PORT + 1)); R2=$((BASE_PORT + 2)); RS=$((BASE_PORT + 3))
NG1=$((BASE_PORT + 11)); NG2=$((BASE_PORT + 12))
SERVER="$BUILD_DIR/web/rapport-server"
LIFTED=(--anon-rate 1000000 --anon-burst 1000000 --max-requests-per-client 1000000)

pids=()
nginx_pids=()
replica_pids=()
TICKS=$(getconf CLK_TCK)
replica_ticks() { local t=0 p; for p in "${replica_pids[@]}"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
# nginx gets SIGTERM (its workers exit with the master; after a SIGKILL they
# would keep the ports), the rest SIGKILL: xapian-replicate-server answers
# SIGTERM by signalling its whole process group.
cleanup() {
  for p in "${nginx_pids[@]}"; do kill "$p" 2> /dev/null || true; done
  for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
}
trap cleanup EXIT
revision() { curl -sf "http://127.0.0.1:$1/readyz" | sed -n 's/.*"index_revision":\([0-9]*\).*/\1/p'; }
serves_primary() {  # PORT: ready at the primary's revision
  local own; own=$(revision "$1") || return 1
  [[ -n $own && $own == "$(revision $P)" ]]
}
wait_for() {  # SECONDS COMMAND...
  local limit=$1; shift
  for _ in $(seq $((limit * 10))); do "$@" && return 0; sleep 0.1; done
  echo "nginx_scale.sh: gave up waiting for: $*" >&2; return 1
}

for port in $P $R1 $R2 $RS $NG1 $NG2; do  # a stale server would answer in their place
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "nginx_scale.sh: port $port is taken by another process" >&2; exit 1
  fi
done
rm -rf "$WORK"; mkdir -p "$WORK/replica1" "$WORK/replica2" "$WORK/nginx1" "$WORK/nginx2"
cp -a "$SOURCE_DATA_DIR" "$WORK/primary"
"$SERVER" --data-dir "$WORK/primary" --port $P --index-changesets 50 "${LIFTED[@]}" \
  > "$WORK/primary.log" 2>&1 &
pids+=($!)
xapian-replicate-server -I 127.0.0.1 -p $RS "$WORK/primary" > "$WORK/replicate-server.log" 2>&1 &
pids+=($!)
wait_for 120 curl -sf "http://127.0.0.1:$P/readyz" -o /dev/null
for n in 1 2; do
  port_var=R$n
  xapian-replicate -h 127.0.0.1 -p $RS -m index -i 1 -r 0 "$WORK/replica$n/index" \
    > "$WORK/replicate$n.log" 2>&1 &
  pids+=($!)
  "$SERVER" --replica --primary-url "http://127.0.0.1:$P" --data-dir "$WORK/replica$n" \
    --port "${!port_var}" "${LIFTED[@]}" > "$WORK/replica$n.log" 2>&1 &
  pids+=($!)
  replica_pids+=($!)
done
wait_for 300 serves_primary $R1
wait_for 300 serves_primary $R2
PRIMARY_PORT=$P NO_CLIENT_LIMITS=1 bash "$HERE/../../support/nginx_loopback_conf.sh" \
  "$WORK/nginx1" $NG1 $R1 > "$WORK/nginx1/nginx.conf"
PRIMARY_PORT=$P NO_CLIENT_LIMITS=1 bash "$HERE/../../support/nginx_loopback_conf.sh" \
  "$WORK/nginx2" $NG2 $R1 $R2 > "$WORK/nginx2/nginx.conf"
for n in 1 2; do
  nginx -p "$WORK/nginx$n" -c "$WORK/nginx$n/nginx.conf" -e "$WORK/nginx$n/error.log" &
  nginx_pids+=($!)
done
wait_for 30 curl -sf "http://127.0.0.1:$NG1/readyz" -o /dev/null
wait_for 30 curl -sf "http://127.0.0.1:$NG2/readyz" -o /dev/null

run() {  # REPLICAS: one wrk run through the nginx with that many replicas
  local port=$NG1; [[ $1 == 2 ]] && port=$NG2
  local line before after
  before=$(replica_ticks)
  line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/../http_mix.lua" \
    "http://127.0.0.1:$port" | grep '^mix-summary')
  after=$(replica_ticks)
  cpu=$(echo "$line" | awk -v t=$((after - before)) -v hz="$TICKS" \
    '{ for (i = 1; i <= NF; i++) if ($i ~ /^requests=/) { split($i, kv, "="); r = kv[2] } }
     END { printf "%.2f", (r > 0 ? t / hz / r * 1000 : 0) }')
  echo "replicas=$1 $line cpu_ms_per_request=$cpu load=$(cut -d' ' -f1 /proc/loadavg)" |
    tee -a "$WORK/runs.txt"
}
echo "== $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t1 -c4 -d3s -s "$HERE/../http_mix.lua" "http://127.0.0.1:$NG2" > /dev/null  # warm both replicas
for rep in $(seq "$REPS"); do
  if ((rep % 2)); then run 1; run 2; else run 2; run 1; fi
done
echo "== medians over $REPS runs each"
for n in 1 2; do
  grep "^replicas=$n " "$WORK/runs.txt" |
    sed -n 's/.* rps=\([0-9.]*\) p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*cpu_ms_per_request=\([0-9.]*\).*/\1 \2 \3 \4/p' |
    awk -v n=$n '{ r[NR] = $1; a[NR] = $2; b[NR] = $3; c[NR] = $4 }
      function median(v, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
          if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
      END { printf "replicas=%d searches/s %.1f p50 %.1f ms p99 %.1f ms replica CPU %.2f ms/request\n",
              n, median(r, NR), median(a, NR), median(b, NR), median(c, NR) }'
done | tee "$WORK/medians.txt"
awk '{ rps[NR] = $3 } END { printf "ratio 2/1 replicas: %.2f\n", rps[2] / rps[1] }' "$WORK/medians.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
