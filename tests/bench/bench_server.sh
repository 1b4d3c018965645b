# Sourced by the benchmark scripts: a rapport-server in the background on
# 127.0.0.1:$PORT, stopped by its PID (also when the script fails).
#
#   start_server COMMAND LOG ARGS...   runs COMMAND --port $PORT ARGS... (stderr
#                                      to LOG), waits until /readyz answers and
#                                      sets server_pid
#   stop_server                        SIGTERM to server_pid, waits for its exit

start_server() {
  local command=$1 log=$2
  shift 2
  "$command" --port "$PORT" "$@" 2> "$log" &
  server_pid=$!
  trap 'kill -TERM $server_pid 2>/dev/null || true' EXIT
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null && break
    sleep 0.1
  done
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  trap - EXIT
}
