#!/usr/bin/env bash
# Prints web/deploy/nginx.conf made runnable on loopback by an unprivileged
# test or benchmark: TLS and the HTTP→HTTPS redirect dropped, a plain
# listener on 127.0.0.1:LISTEN_PORT, the upstream servers replaced by the
# given ports, everything nginx writes kept under PREFIX. The tests and the
# benchmarks share this one derivation of the shipped file; a line it
# expects and no longer finds is an error (exit 1), not a silent skip.
#
#   nginx_loopback_conf.sh PREFIX LISTEN_PORT UPSTREAM_PORT [UPSTREAM_PORT...]
#
# With PRIMARY_PORT set it derives web/deploy/nginx-replicas.conf instead:
# the UPSTREAM_PORTs are the replicas, PRIMARY_PORT the primary.
#
# Environment (optional):
#   CLIENT_TIMEOUT    replaces the 10s client header and body timeouts
#   UPSTREAM_TIMEOUT  replaces the 10s search read timeout and 5s fail_timeout
#   NO_CLIENT_LIMITS  =1 lifts the per-address connection and request-rate
#                     limits (every benchmark client shares 127.0.0.1)
#   WORKER_PROCESSES  nginx workers (default 1; the shipped file says auto)
#   PRIMARY_PORT      the primary of nginx-replicas.conf (see above)
#   SHIPPED_CONF      the file to derive from (default web/deploy/nginx.conf, or
#                     nginx-replicas.conf with PRIMARY_PORT; e.g. an older
#                     version, to benchmark before and after)
set -euo pipefail

prefix=${1:?PREFIX}
listen_port=${2:?LISTEN_PORT}
shift 2
(($# > 0)) || { echo "nginx_loopback_conf.sh: no upstream port" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
shipped=nginx.conf
[[ -n ${PRIMARY_PORT:-} ]] && shipped=nginx-replicas.conf
conf=$(<"${SHIPPED_CONF:-$here/../../web/deploy/$shipped}")

replace() {  # replace FROM TO: every occurrence; FROM must occur
  if [[ $conf != *"$1"* ]]; then
    echo "nginx_loopback_conf.sh: nginx.conf no longer contains: $1" >&2
    exit 1
  fi
  conf=${conf//"$1"/"$2"}
}

redirect=$'    server {\n        listen 80;\n        listen [::]:80;\n        return 301 https://$host$request_uri;\n    }\n'
replace "$redirect" ""
replace $'        listen 443 ssl http2;\n        listen [::]:443 ssl http2;' \
  "        listen 127.0.0.1:$listen_port;"
conf=$(grep -v -e 'ssl_' -e 'Strict-Transport' <<<"$conf")

servers=""
for port in "$@"; do
  servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
done
if [[ -n ${PRIMARY_PORT:-} ]]; then
  replace $'        server 10.0.0.2:8080 max_fails=1 fail_timeout=5s;\n        server 10.0.0.3:8080 max_fails=1 fail_timeout=5s;\n' "$servers"
  replace "10.0.0.1:8080" "127.0.0.1:$PRIMARY_PORT"
else
  replace $'        server 127.0.0.1:8080 max_fails=1 fail_timeout=5s;\n' "$servers"
fi

user=""
((EUID == 0)) && user=$'user root;\n'
replace "worker_processes auto;" \
  "${user}worker_processes ${WORKER_PROCESSES:-1};
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/error.log;"
replace $'    server_tokens off;\n' "    server_tokens off;
    client_body_temp_path $prefix/body;
    proxy_temp_path $prefix/proxy;
    fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi;
    scgi_temp_path $prefix/scgi;
"

if [[ -n ${CLIENT_TIMEOUT:-} ]]; then
  replace "client_header_timeout 10s;" "client_header_timeout $CLIENT_TIMEOUT;"
  replace "client_body_timeout 10s;" "client_body_timeout $CLIENT_TIMEOUT;"
fi
if [[ -n ${UPSTREAM_TIMEOUT:-} ]]; then
  replace "proxy_read_timeout 10s;" "proxy_read_timeout $UPSTREAM_TIMEOUT;"
  replace "fail_timeout=5s;" "fail_timeout=$UPSTREAM_TIMEOUT;"
fi
if [[ ${NO_CLIENT_LIMITS:-} == 1 ]]; then
  replace "        limit_conn rapport_per_address 64;" ""
  # (an older nginx.conf, given as SHIPPED_CONF, may have no request-rate limits)
  if [[ $conf == *"limit_req zone="* ]]; then
    replace "            limit_req zone=" "            # limit_req zone="
  fi
fi
printf '%s\n' "$conf"
