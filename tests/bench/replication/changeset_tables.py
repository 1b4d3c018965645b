#!/usr/bin/env python3
"""Counts the blocks a glass changeset file holds, per table.
usage: changeset_tables.py changesN..."""
import sys
TABLES = ["postlist", "docdata", "termlist", "position", "spelling", "synonym"]
MAGIC = b"GlassChanges"

def unpack_uint(b, i):
    value, shift = 0, 0
    while True:
        c = b[i]; i += 1
        value |= (c & 0x7f) << shift
        shift += 7
        if c < 0x80:
            return value, i

for path in sys.argv[1:]:
    b = open(path, "rb").read()
    assert b.startswith(MAGIC), b[:20]
    i = len(MAGIC) + 1
    old, i = unpack_uint(b, i)
    new, i = unpack_uint(b, i)
    i += 1  # dangerous flag
    counts = {}
    while True:
        v = b[i]; i += 1
        if v == 0xff:
            break
        if v == 0xfe:
            _, i = unpack_uint(b, i)
            n, i = unpack_uint(b, i)
            i += n
            counts["version"] = counts.get("version", 0) + 1
            continue
        table, size = TABLES[v & 7], 2048 << (v >> 3)
        _, i = unpack_uint(b, i)
        i += size
        counts[table] = counts.get(table, 0) + 1
    print(path, f"rev {old}->{new}", len(b), "bytes;", ", ".join(f"{t} {c}" for t, c in sorted(counts.items())))
