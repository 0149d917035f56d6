"""Load run on the SPARQL endpoint: the query library under 32 clients while pathological queries arrive.

Loopback only and bounded: our app under uvicorn on 127.0.0.1, ``wrk`` (Debian package ``wrk``)
with 32 connections rotating over the query library (GET /sparql, JSON) for ``--duration`` seconds,
while a pathological query (a four-way cross product) arrives every second from its own client.

Targets (issue 5): zero errors on the normal queries, their p99 ≤ 100 ms, and every pathological
query answered 503 within the time limit + 1 s.

Run ``python -m bench.load_sparql`` (``--duration 10`` for a quick look).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import httpx

from bench.bench_sparql import library, start_endpoint
from bench.serving import CONNECTIONS, ROOT, LoadResult, corpus_graph, free_port, run_wrk, stop

PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TARGET_P99_MS = 100.0


def library_paths() -> list[str]:
    return [f"/sparql?query={urllib.parse.quote(text)}" for text in library().values()]


def pathological_sender(base: str, stop_at: float, results: list[tuple[int, float]], limit: float) -> None:
    """One pathological query per second, each from its own thread, until ``stop_at``."""

    def send() -> None:
        started = time.monotonic()
        try:
            status = httpx.get(f"{base}/sparql", params={"query": PATHOLOGICAL}, timeout=limit + 30).status_code
        except httpx.HTTPError:
            status = 0
        results.append((status, time.monotonic() - started))

    threads = []
    while time.monotonic() < stop_at:
        thread = threading.Thread(target=send)
        thread.start()
        threads.append(thread)
        time.sleep(1.0)
    for thread in threads:
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "build" / "kg.trig")
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=10.0, help="the endpoint's query time limit")
    parser.add_argument("--no-pathological", action="store_true", help="baseline: the library load alone")
    parser.add_argument("--no-cache", action="store_true", help="turn the endpoint's answer cache off")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk not found: install the Debian package wrk (`make system-deps`)", file=sys.stderr)
        sys.exit(2)
    workdir = Path(tempfile.mkdtemp(prefix="sgkg-load-sparql-"))
    try:
        graph = corpus_graph(args.graph, workdir)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_endpoint(graph, port, timeout=args.timeout, cache_entries=0 if args.no_cache else 1024)
        try:
            slow: list[tuple[int, float]] = []
            stop_at = time.monotonic() + (0 if args.no_pathological else args.duration)
            sender = threading.Thread(target=pathological_sender, args=(base, stop_at, slow, args.timeout))
            sender.start()
            normal = run_wrk(wrk, base, library_paths(), args.duration, workdir,
                             accept="application/sparql-results+json", timeout_s=30)
            sender.join()
        finally:
            stop(server)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report(normal, slow, args)


def report(normal: LoadResult, slow: list[tuple[int, float]], args: argparse.Namespace) -> None:
    slow_ok = [s for s, t in slow if s == 503 and t <= args.timeout + 1]
    print(f"answer cache {'off' if args.no_cache else 'on'}; query time limit {args.timeout:g} s")
    print(f"{'measure':44} {'value':>12}")
    print(f"{f'normal queries (library, {CONNECTIONS} connections)':44} {normal.requests:>12,d}")
    print(f"{'  throughput, requests/s':44} {normal.rps:12.0f}")
    print(f"{'  p50 latency, ms':44} {normal.p50_ms:12.1f}")
    print(f"{'  p99 latency, ms':44} {normal.p99_ms:12.1f}")
    print(f"{'  max latency, ms':44} {normal.max_ms:12.1f}")
    print(f"{'  errors (socket + non-2xx)':44} {normal.errors:>12,d}")
    print(f"{'pathological queries sent':44} {len(slow):>12,d}")
    print(f"{'  answered 503 within limit + 1 s':44} {len(slow_ok):>12,d}")
    print(f"{'  slowest answer, s':44} {max((t for _, t in slow), default=0):12.2f}")
    print(f"{'  statuses':44} {','.join(sorted({str(s) for s, _ in slow})):>12}")
    verdict = (normal.errors == 0, normal.p99_ms <= TARGET_P99_MS, len(slow_ok) == len(slow))
    print(f"targets: zero errors {'met' if verdict[0] else 'MISSED'}; p99 ≤ {TARGET_P99_MS:g} ms "
          f"{'met' if verdict[1] else 'MISSED'}; pathological 503 within {args.timeout:g}+1 s "
          f"{'met' if verdict[2] else 'MISSED'}")


if __name__ == "__main__":
    main()
