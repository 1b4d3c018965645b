#!/usr/bin/env python3
"""Searches a server without pause on one keep-alive connection per thread and
records every answer (status, total); polls /readyz every 0.1 s.
usage: search_probe.py PORT SECONDS [THREADS] [PATH | "POST PATH?FORM"]
Prints each change of /readyz, then counts per status, latency p50/p99, the
totals seen and the first errors. SIGTERM ends the run early."""
import http.client, json, signal, sys, threading, time

from readyz import Readyz
port, seconds = int(sys.argv[1]), float(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
path = sys.argv[4] if len(sys.argv) > 4 else "/api/v1/search?q=anxiety&facets=modality&limit=5"
stop = time.time() + seconds

def stop_now(*_):
    global stop
    stop = 0

signal.signal(signal.SIGTERM, stop_now)  # SIGTERM ends the run early, with the summary
lock = threading.Lock()
statuses, errors, totals, latencies = {}, [], {}, []

def search():
    conn = None
    while time.time() < stop:
        t0 = time.time()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            if path.startswith("POST "):
                conn.request("POST", path[5:].split("?")[0], body=path.split("?", 1)[1],
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
            else:
                conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            status = r.status
            total = json.loads(body).get("total") if status == 200 else None
            if status != 200:
                with lock:
                    errors.append((round(t0, 3), status, body[:200]))
        except Exception as e:  # connection refused, reset, timeout
            status, total = "exception", None
            with lock:
                errors.append((round(t0, 3), "exception", repr(e)[:200]))
            conn = None
            time.sleep(0.01)
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append(time.time() - t0)
            if total is not None:
                totals[total] = totals.get(total, 0) + 1

def ready():
    readyz, last = Readyz(port), None
    while time.time() < stop:
        state = readyz.get()
        if state != last:
            print(time.strftime("%H:%M:%S"), f"{time.time() % 60:.3f}", "readyz", state, flush=True)
            last = state
        time.sleep(0.1)

workers = [threading.Thread(target=search) for _ in range(threads)] + [threading.Thread(target=ready)]
for w in workers:
    w.start()
for w in workers:
    w.join()
latencies.sort()
n = len(latencies)
print("requests", n, "statuses", statuses)
print("p50 %.1f ms p99 %.1f ms max %.1f ms" % (latencies[n // 2] * 1e3, latencies[int(n * 0.99)] * 1e3, latencies[-1] * 1e3))
print("totals seen", dict(sorted(totals.items())))
for e in errors[:20]:
    print("error", e)
