#!/usr/bin/env python3
"""EXPERIMENT: a byte-splicing TCP proxy in front of xapian-replicate-server
that holds a shared flock on LOCKFILE for each whole conversation, so the
index writer (which takes it exclusively around commit) never commits while
a replica is being served. usage: replication_gate.py LISTEN_PORT UPSTREAM_PORT LOCKFILE"""
import fcntl, os, socket, sys, threading
listen_port, upstream_port, lock_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]

def pump(src, dst):
    try:
        while True:
            data = src.recv(1 << 16)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass

def serve(client):
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        upstream = socket.create_connection(("127.0.0.1", upstream_port))
        back = threading.Thread(target=pump, args=(upstream, client))
        back.start()
        pump(client, upstream)
        back.join()
        upstream.close()
    finally:
        os.close(fd)
        client.close()

server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", listen_port))
server.listen(16)
while True:
    client, _ = server.accept()
    threading.Thread(target=serve, args=(client,), daemon=True).start()
