"""The query library on four engines, same data, same run: medians per query and their ratios.

(a) in-process pyoxigraph (``kg.store.OxigraphStore.query``: evaluate and materialise the rows);
(b) our endpoint over HTTP (``sgkg``'s app under uvicorn on loopback, JSON results, keep-alive), with
    its answer cache off so that every run is evaluated by a query worker;
(c) rdflib's own engine in-process (``kg.rdflib_store.RdflibStore``);
(d) Virtuoso's endpoint over HTTP (a private ``virtuoso-t`` the graph is pushed to), JSON results.

Targets (issue 5): (b) p50 ≤ (a) p50 + 2 ms; (b) ≥ 10× faster than (c); (b) no slower than (d) at p50.
The graph is ``--graph`` (default build/kg.trig), or the corpus is built into a temporary directory.

Run ``python -m bench.bench_sparql`` (``--runs 5`` for a quick look; ``--no-virtuoso`` without it).
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.serving import ROOT, corpus_graph, free_port, start_app, stop

TARGET_OVERHEAD_MS, TARGET_RDFLIB_RATIO = 2.0, 10.0


def start_endpoint(graph: Path, port: int, timeout: float = 10.0, workers: int = 3,
                   cache_entries: int = 1024) -> subprocess.Popen:
    """Our SPARQL endpoint on loopback; returns once /sparql answers."""
    settings = f"graph=Path({str(graph)!r}), timeout={timeout}, workers={workers}, cache_entries={cache_entries}"
    return start_app(settings, port, "/sparql?query=ASK%7B%7D")


def library() -> dict[str, str]:
    from api.queries import library as load

    return {name: q.text for name, q in load(ROOT / "queries").items()}


def median_ms(run: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` runs after one warm-up; NaN when the engine fails the query."""
    from kg.store import StoreError

    try:
        run()  # warm caches and connections
    except (StoreError, httpx.HTTPError) as exc:
        print(f"  engine failed: {str(exc)[:120]}", file=sys.stderr)
        return math.nan
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def http_runner(client: httpx.Client, url: str, data: dict[str, object]) -> Callable[[], object]:
    def run() -> bytes:
        response = client.post(url, data=data, headers={"Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return response.content

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "build" / "kg.trig")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query and engine (rdflib: a fifth)")
    parser.add_argument("--no-virtuoso", action="store_true")
    args = parser.parse_args()

    from kg.rdflib_store import RdflibStore
    from kg.store import UNION_GRAPH, OxigraphStore, open_store

    queries = library()
    workdir = Path(tempfile.mkdtemp(prefix="sgkg-bench-sparql-"))
    results: dict[str, dict[str, float]] = {name: {} for name in queries}
    try:
        graph = corpus_graph(args.graph, workdir)
        oxigraph = open_store("oxigraph", graph)
        rdflib_store = open_store("rdflib", graph)
        assert isinstance(oxigraph, OxigraphStore) and isinstance(rdflib_store, RdflibStore)
        for name, text in queries.items():
            results[name]["a"] = median_ms(lambda t=text: oxigraph.query(t), args.runs)
            results[name]["c"] = median_ms(lambda t=text: rdflib_store.query(t), max(3, args.runs // 5))

        port = free_port()
        endpoint = start_endpoint(graph, port, cache_entries=0)  # every run evaluates: no answer cache
        try:
            with httpx.Client(timeout=60) as client:
                for name, text in queries.items():
                    results[name]["b"] = median_ms(http_runner(client, f"http://127.0.0.1:{port}/sparql",
                                                               {"query": text}), args.runs)
        finally:
            stop(endpoint)

        virtuoso_binary = shutil.which("virtuoso-t")
        if not args.no_virtuoso and virtuoso_binary:
            sys.path.insert(0, str(ROOT))
            from tests.virtuoso_server import VirtuosoServer

            with VirtuosoServer(virtuoso_binary) as server:
                remote = open_store("sparql+" + server.url, graph)
                data_base = {"default-graph-uri": [UNION_GRAPH], "named-graph-uri": remote.graphs()}
                with httpx.Client(timeout=60) as client:
                    for name, text in queries.items():
                        results[name]["d"] = median_ms(http_runner(client, server.url, data_base | {"query": text}),
                                                       args.runs)
        elif not args.no_virtuoso:
            print("virtuoso-t not found (Debian virtuoso-opensource, `make system-deps`): column (d) left out",
                  file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report(results, args.runs)


def report(results: dict[str, dict[str, float]], runs: int) -> None:
    has_d = all("d" in r for r in results.values())
    header = f"{'query':38} {'(a) oxigraph':>12} {'(b) endpoint':>12} {'(c) rdflib':>11} " + \
             (f"{'(d) virtuoso':>12} " if has_d else "") + f"{'b-a':>7} {'c/b':>7}" + (f" {'d/b':>6}" if has_d else "")
    print(f"medians of {runs} runs, milliseconds")
    print(header)
    for name, r in sorted(results.items()):
        line = f"{name:38} {r['a']:12.2f} {r['b']:12.2f} {r['c']:11.1f} "
        if has_d:
            line += f"{r['d']:12.2f} "
        line += f"{r['b'] - r['a']:7.2f} {r['c'] / r['b']:7.1f}"
        if has_d:
            line += f" {r['d'] / r['b']:6.2f}"
        print(line)
    ok = [r for r in results.values() if not any(math.isnan(v) for v in r.values())]
    med = {k: statistics.median(r[k] for r in ok) for k in ("a", "b", "c") + (("d",) if has_d else ())}
    failed = sorted(name for name, r in results.items() if any(math.isnan(v) for v in r.values()))
    if failed:
        print(f"(nan = the engine failed the query; medians over the {len(ok)} queries every engine answered; "
              f"failed: {', '.join(failed)})")
    print(f"{'MEDIAN over queries':38} {med['a']:12.2f} {med['b']:12.2f} {med['c']:11.1f} "
          + (f"{med['d']:12.2f} " if has_d else "") + f"{med['b'] - med['a']:7.2f} {med['c'] / med['b']:7.1f}"
          + (f" {med['d'] / med['b']:6.2f}" if has_d else ""))
    print(f"targets: endpoint p50 ≤ in-process + {TARGET_OVERHEAD_MS} ms: "
          f"{'met' if med['b'] - med['a'] <= TARGET_OVERHEAD_MS else 'MISSED'}; "
          f"≥ {TARGET_RDFLIB_RATIO:g}× rdflib: {'met' if med['c'] / med['b'] >= TARGET_RDFLIB_RATIO else 'MISSED'}"
          + (f"; no slower than Virtuoso: {'met' if med['b'] <= med['d'] else 'MISSED'}" if has_d else ""))


if __name__ == "__main__":
    main()
