#!/usr/bin/env python3
"""Live-update fan-out: what idle readers cost, and how fast a comment reaches them.

    python3 bench/events.py SALA_BINARY [--streams 5000] [--posts 20]

Starts `sala serve --demo` on a fresh SQLite file on 127.0.0.1, opens STREAMS
connections to GET /api/v1/events for one thread (from 127.0.0.2, 127.0.0.3, ...
so the per-address cap of 64 is not reached; the whole of 127/8 is loopback),
and reads the server's RSS and thread count before and after. Then it posts
POSTS comments, one at a time, and for each measures the time from sending the
POST until every stream has the event. Prints a markdown table. Bounded: every
wait has a deadline, and the server is stopped however the script ends.
"""
import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

SITE = "demo"
THREAD = "/"
PER_ADDRESS = 60  # under the server's cap of 64 per address


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["Threads"])


async def open_stream(host, port, source):
    reader, writer = await asyncio.open_connection(host, port, local_addr=(source, 0))
    writer.write(f"GET /api/v1/events?site={SITE}&thread=%2F HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"stream refused: {head[:60]!r}")
    await reader.readuntil(b"retry: 5000\n\n")
    return reader, writer


async def wait_for_event(reader, comment_id):
    needle = f"id: {comment_id}\n".encode()
    while True:
        frame = await reader.readuntil(b"\n\n")
        if frame.startswith(needle):
            return time.perf_counter()


async def post(host, port, body):
    reader, writer = await asyncio.open_connection(host, port)
    payload = json.dumps({"site": SITE, "thread": THREAD, "author": "Bench", "body": body}).encode()
    writer.write(b"POST /api/v1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 + f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode() + payload)
    await writer.drain()
    response = await reader.read()
    writer.close()
    head, _, body = response.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 201"):
        raise RuntimeError(f"post refused: {head[:60]!r}")
    return json.loads(body)["comment"]["id"]


async def run(args, host, port, pid):
    rss_before, threads_before = proc_status(pid)
    streams = []
    start = time.perf_counter()
    for i in range(args.streams):
        source = f"127.0.{1 + (i // PER_ADDRESS) // 250}.{2 + (i // PER_ADDRESS) % 250}"
        streams.append(await asyncio.wait_for(open_stream(host, port, source), 10))
    opened = time.perf_counter() - start
    await asyncio.sleep(1)
    rss_after, threads_after = proc_status(pid)

    delays = []
    for n in range(args.posts):
        sent = time.perf_counter()
        comment_id = await asyncio.wait_for(post(host, port, f"Fan-out comment {n}"), 10)
        arrivals = await asyncio.wait_for(
            asyncio.gather(*(wait_for_event(r, comment_id) for r, _ in streams)), 30)
        delays.append((max(arrivals) - sent) * 1000)
    for _, writer in streams:
        writer.close()
    return {
        "streams": args.streams,
        "open_seconds": opened,
        "rss_before_kb": rss_before,
        "rss_after_kb": rss_after,
        "threads_before": threads_before,
        "threads_after": threads_after,
        "delays_ms": delays,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sala")
    parser.add_argument("--streams", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=20)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="sala-events-")
    ready = os.path.join(work, "ready")
    server = subprocess.Popen(
        [args.sala, "serve", "--demo", "--db", f"sqlite:{work}/bench.db", "--listen", "127.0.0.1:0",
         "--ready-file", ready],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "log"), "w"))
    try:
        deadline = time.time() + 15
        while not os.path.exists(ready):
            if time.time() > deadline or server.poll() is not None:
                sys.exit("sala did not start; see " + work + "/log")
            time.sleep(0.05)
        base = open(ready).read().strip()
        host, port = base.removeprefix("http://").rsplit(":", 1)
        result = asyncio.run(run(args, host, int(port), server.pid))
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()

    d = sorted(result["delays_ms"])
    per_stream = (result["rss_after_kb"] - result["rss_before_kb"]) * 1024 / result["streams"]
    print(f"| streams | RSS before | RSS with streams | per stream | threads before/after | "
          f"post → all streams p50 | max |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {result['streams']} | {result['rss_before_kb'] / 1024:.1f} MB | "
          f"{result['rss_after_kb'] / 1024:.1f} MB | {per_stream / 1024:.1f} KB | "
          f"{result['threads_before']}/{result['threads_after']} | "
          f"{statistics.median(d):.1f} ms | {d[-1]:.1f} ms |")
    print(f"\n(opened {result['streams']} streams in {result['open_seconds']:.1f} s; "
          f"{len(d)} posts, each delivered to every stream)")


if __name__ == "__main__":
    main()
