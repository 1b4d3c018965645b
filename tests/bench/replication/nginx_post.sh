#!/usr/bin/env bash
# POST /api/v1/search through nginx while a replica's server is killed -9
# three times, with the draft's proxy_next_upstream as is (non_idempotent)
# and without non_idempotent. WORK: the folder nginx_run.sh left.
#
#   BUILD_DIR=build/release WORK=/tmp/rapport-replication-nginx \
#     bash tests/bench/replication/nginx_post.sh
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD_DIR=${BUILD_DIR:?}; WORK=${WORK:?}
P=17200; R1=17201; R2=17202; NG=17210; RS=17250
export RAPPORT_ANON_RATE=1000000 RAPPORT_ANON_BURST=1000000
declare -A pid
cleanup() { for k in "${!pid[@]}"; do kill "${pid[$k]}" 2> /dev/null; done; wait 2> /dev/null; }
trap cleanup EXIT
ready() { for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/readyz" > /dev/null && return 0; sleep 0.1; done; return 1; }
"$BUILD_DIR/web/rapport-server" --data-dir "$WORK/primary" --port $P > /dev/null 2>&1 & pid[p]=$!
"$BUILD_DIR/web/rapport-server" --data-dir "$WORK/replica2" --port $R2 > /dev/null 2>&1 & pid[r2]=$!
for variant in with without; do
  conf="$WORK/nginx/nginx-$variant.conf"
  sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PRIMARY@|$P|g" -e "s|@REPLICA1@|$R1|g" -e "s|@REPLICA2@|$R2|g" \
    -e "s|@PORT@|$NG|g" "$HERE/nginx-replicas.conf.in" > "$conf"
  [[ $variant == without ]] && sed -i 's/ non_idempotent;/;/' "$conf"
  nginx -p "$WORK/nginx" -c "$conf" -e "$WORK/nginx/error.log" & pid[nginx]=$!
  ready $P; ready $R2; ready $NG
  python3 "$HERE/search_probe.py" $NG 16 2 "POST /api/v1/search?q=anxiety&facets=modality&limit=5" > "$WORK/post-$variant.txt" 2>&1 &
  probe=$!
  for k in 1 2 3; do
    "$BUILD_DIR/web/rapport-server" --data-dir "$WORK/replica1" --port $R1 > /dev/null 2>&1 & r1=$!
    sleep 3; kill -9 $r1; wait $r1 2> /dev/null; sleep 2
  done
  wait $probe
  echo "== $variant non_idempotent: $(grep -v readyz "$WORK/post-$variant.txt" | head -2 | tr '\n' ' ')"
  grep "^error" "$WORK/post-$variant.txt" | head -3
  kill "${pid[nginx]}"; wait "${pid[nginx]}" 2> /dev/null
done
