#!/usr/bin/env python3
"""Writes N changed profiles from an NDJSON file: fee.max raised and a marker
word appended to the bio (so the edit is visible to a text search).
usage: edit_lines.py FILE N ROUND [START [STRIDE]] > out.ndjson
(every STRIDE-th line from START: profiles spread over the docid space)
A ROUND starting with "fee" changes the fee only (the free text stays);
"acc" also flips accepting_new_clients and the emdr modality (facet counts change)."""
import json, sys
path, n, rnd = sys.argv[1], int(sys.argv[2]), sys.argv[3]
start = int(sys.argv[4]) if len(sys.argv) > 4 else 0
stride = int(sys.argv[5]) if len(sys.argv) > 5 else 1
with open(path) as f:
    for i, line in enumerate(f):
        if i < start or (i - start) % stride:
            continue
        if i >= start + n * stride:
            break
        p = json.loads(line)
        fee = p.get("fee") or {}
        lo = fee.get("min") or 50
        fee["max"] = max(fee.get("max") or lo, lo) + 5
        fee["min"] = lo
        p["fee"] = fee
        if rnd.startswith("acc"):
            p["accepting_new_clients"] = not p.get("accepting_new_clients", False)
            p["modalities"] = sorted(set(p.get("modalities") or []) ^ {"emdr"})
        elif not rnd.startswith("fee"):
            p["bio"] = (p.get("bio") or "") + " zqmark" + rnd
        print(json.dumps(p))
