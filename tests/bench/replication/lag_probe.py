#!/usr/bin/env python3
"""Replication lag by revision: polls /readyz of the primary and of each
replica every POLL seconds and records when each first shows each index
revision. The lag of a primary revision r on a replica is the time from the
primary first showing r to the replica first showing r or later.
usage: lag_probe.py SECONDS PRIMARY_PORT REPLICA_PORT... (POLL env, default 0.01)"""
import json, os, sys, threading, time

from readyz import Readyz
seconds, primary, replicas = float(sys.argv[1]), int(sys.argv[2]), [int(p) for p in sys.argv[3:]]
poll = float(os.environ.get("POLL", "0.01"))
stop = time.time() + seconds
seen = {}  # port -> list of (time, revision)

def watch(port):
    readyz, last, events = Readyz(port), None, []
    while time.time() < stop:
        status, body = readyz.get()
        rev = json.loads(body).get("index_revision") if status == 200 else None
        if rev is not None and rev != last:
            events.append((time.time(), rev))
            last = rev
        time.sleep(poll)
    seen[port] = events

threads = [threading.Thread(target=watch, args=(p,)) for p in [primary] + replicas]
for t in threads:
    t.start()
for t in threads:
    t.join()
prim = seen[primary]
print(f"primary revisions seen: {len(prim)} ({prim[0][1] if prim else '-'} .. {prim[-1][1] if prim else '-'})")
for port in replicas:
    events = seen[port]
    lags = []
    for t, rev in prim[1:]:  # the first is the starting state
        later = [te for te, rv in events if rv >= rev and te >= t - poll]
        if later:
            lags.append(later[0] - t)
    lags.sort()
    if lags:
        n = len(lags)
        print(f"replica :{port}: {n} revisions, lag p50 {lags[n // 2]:.3f} s, p99 {lags[min(n - 1, int(n * 0.99))]:.3f} s, max {lags[-1]:.3f} s")
    else:
        print(f"replica :{port}: no revision followed")
