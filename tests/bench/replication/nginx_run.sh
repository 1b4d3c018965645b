#!/usr/bin/env bash
# Loopback experiment of the scale-out routing (docs/scaling.md, "Routing"):
# a primary, two replicas (xapian-replicate -i 1 -r 0 + rapport-server) and
# nginx with nginx-replicas.conf.in. Checks that a login and a PUT through
# nginx reach the primary, times the PUT's arrival on both replicas, kills -9
# a replica's server while searches go through nginx (prints every non-200),
# catches a restarted replica up, and times a replica's first full copy.
#
#   BUILD_DIR=build/release SOURCE_DATA_DIR=/tmp/rapport-bench/data-100000-seed1 \
#     bash tests/bench/replication/nginx_run.sh
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD_DIR=${BUILD_DIR:?}; SOURCE_DATA_DIR=${SOURCE_DATA_DIR:?}; WORK=${WORK:-/tmp/rapport-replication-nginx}
P=17200; R1=17201; R2=17202; NG=17210; RS=17250
export RAPPORT_ANON_RATE=1000000 RAPPORT_ANON_BURST=1000000
PASSWORD="benchmark password 1"
declare -A pid
cleanup() { for k in "${!pid[@]}"; do kill "${pid[$k]}" 2> /dev/null; done; wait 2> /dev/null; }
trap cleanup EXIT
ready() { for _ in $(seq 300); do curl -sf "http://127.0.0.1:$1/readyz" > /dev/null && return 0; sleep 0.1; done; return 1; }
start_replica() {  # N PORT
  xapian-replicate -h 127.0.0.1 -p $RS -m index -i 1 -r 0 "$WORK/replica$1/index" >> "$WORK/replicate$1.log" 2>&1 &
  pid[repl$1]=$!
  "$BUILD_DIR/web/rapport-server" --data-dir "$WORK/replica$1" --port "$2" >> "$WORK/replica$1.log" 2>&1 &
  pid[server$1]=$!
}
rm -rf "$WORK"; mkdir -p "$WORK/nginx" "$WORK/replica1" "$WORK/replica2"
cp -a "$SOURCE_DATA_DIR" "$WORK/primary"
echo "$PASSWORD" | "$BUILD_DIR/web/rapport-admin" --data-dir "$WORK/primary" editors create --email ed@example.org --role editor > /dev/null
XAPIAN_MAX_CHANGESETS=100 "$BUILD_DIR/web/rapport-server" --data-dir "$WORK/primary" --port $P --trust-forwarded-for > "$WORK/primary.log" 2>&1 &
pid[primary]=$!
xapian-replicate-server -I 127.0.0.1 -p $RS "$WORK/primary" > "$WORK/repl-server.log" 2>&1 &
pid[replserver]=$!
sleep 0.5
start_replica 1 $R1; start_replica 2 $R2
sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PRIMARY@|$P|g" -e "s|@REPLICA1@|$R1|g" -e "s|@REPLICA2@|$R2|g" \
  -e "s|@PORT@|$NG|g" "$HERE/nginx-replicas.conf.in" > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
pid[nginx]=$!
ready $P && ready $R1 && ready $R2 && ready $NG || { echo "not ready"; exit 1; }
echo "== routing"
login=$(curl -s -c "$WORK/cookies" -H 'Content-Type: application/json' -d "{\"email\":\"ed@example.org\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$NG/api/v1/session")
csrf=$(echo "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
echo "login through nginx: ${login:0:60}..."
id=$(curl -s "http://127.0.0.1:$NG/api/v1/search?q=grief&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
curl -s -D "$WORK/h" -b "$WORK/cookies" "http://127.0.0.1:$NG/api/v1/editor/therapists/$id" -o "$WORK/doc.json"
etag=$(grep -i '^etag:' "$WORK/h" | tr -d '\r' | cut -d' ' -f2)
word="zqnginx$RANDOM"
python3 -c "import json,sys; d=json.load(open('$WORK/doc.json')); d['bio']=(d.get('bio') or '')+' $word'; json.dump(d, open('$WORK/doc2.json','w'))"
put=$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/cookies" -X PUT -H 'Content-Type: application/json' -H "If-Match: $etag" -H "X-CSRF-Token: $csrf" --data-binary @"$WORK/doc2.json" "http://127.0.0.1:$NG/api/v1/therapists/$id")
t0=$(date +%s.%N)
echo "PUT through nginx: $put"
for port in $R1 $R2; do
  until curl -s "http://127.0.0.1:$port/api/v1/search?q=$word&limit=1" | grep -q '"total":1'; do sleep 0.02; done
  echo "edit visible on replica :$port after $(echo "$(date +%s.%N) - $t0" | bc) s"
done
echo "replica answers a login with: $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "{\"email\":\"ed@example.org\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$R1/api/v1/session")"
echo "== kill -9 replica 1 while searching through nginx (GET and POST)"
python3 "$HERE/search_probe.py" $NG 20 2 > "$WORK/probe-get.txt" 2>&1 &
probe1=$!
python3 "$HERE/search_probe.py" $NG 20 1 "POST /api/v1/search?q=anxiety&limit=3" > "$WORK/probe-post.txt" 2>&1 &
probe2=$!
sleep 5; kill -9 "${pid[server1]}"; echo "killed replica 1 server at $(date +%T.%N | cut -c1-12)"
sleep 8; "$BUILD_DIR/web/rapport-server" --data-dir "$WORK/replica1" --port $R1 >> "$WORK/replica1.log" 2>&1 &
pid[server1]=$!; echo "restarted replica 1 at $(date +%T.%N | cut -c1-12)"
wait $probe1 $probe2
grep -v readyz "$WORK/probe-get.txt" | head -5; grep -v readyz "$WORK/probe-post.txt" | head -3
echo "== replica 1 catches up"
word2="zqnginxb$RANDOM"
python3 -c "import json,sys; d=json.load(open('$WORK/doc2.json')); d['bio']=d['bio']+' $word2'; json.dump(d, open('$WORK/doc3.json','w'))"
curl -s -D "$WORK/h" -b "$WORK/cookies" "http://127.0.0.1:$NG/api/v1/editor/therapists/$id" -o /dev/null
etag=$(grep -i '^etag:' "$WORK/h" | tr -d '\r' | cut -d' ' -f2)
kill -9 "${pid[repl1]}"; kill -9 "${pid[server1]}"; sleep 0.5
curl -s -o /dev/null -w 'PUT while replica 1 is down: %{http_code}\n' -b "$WORK/cookies" -X PUT -H 'Content-Type: application/json' -H "If-Match: $etag" -H "X-CSRF-Token: $csrf" --data-binary @"$WORK/doc3.json" "http://127.0.0.1:$NG/api/v1/therapists/$id"
sleep 3; start_replica 1 $R1; t0=$(date +%s.%N); ready $R1
until curl -s "http://127.0.0.1:$R1/api/v1/search?q=$word2&limit=1" | grep -q '"total":1'; do sleep 0.05; done
echo "replica 1 restarted, has the edit made while it was down after $(echo "$(date +%s.%N) - $t0" | bc) s"
echo "== a replica started from an empty folder"
mkdir -p "$WORK/replica3"; t0=$(date +%s.%N)
xapian-replicate -h 127.0.0.1 -p $RS -m index -i 1 -r 0 "$WORK/replica3/index" > "$WORK/replicate3.log" 2>&1 &
pid[repl3]=$!
until [[ -f "$WORK/replica3/index/XAPIANDB" ]] && xapian-delve "$WORK/replica3/index" 2> /dev/null | grep -q "number of documents = [1-9]"; do sleep 0.1; done
echo "replica 3 has a full copy after $(echo "$(date +%s.%N) - $t0" | bc) s ($(du -sb "$WORK/replica3/index" | cut -f1) bytes)"
