"""REST lookup throughput and latency under load, and render time of the HTML graph export.

1. Serves the corpus graph with the real app (uvicorn, one process, loopback) and runs ``wrk``
   (Debian package ``wrk``, installed by ``make system-deps``): 32 connections, 30 s, rotating over
   three lookups (Sydney Accord majors with evidence, one school, a Chinese text search).
   Targets: ≥ 500 requests/s in total and p99 ≤ 50 ms on a 2-core machine.
2. Exports the whole graph as one HTML page and opens it in headless Chromium: time from
   navigation to the first complete drawing of the laid-out graph. Target ≤ 3 s.

Prints a table of medians over ``--runs`` runs. The graph is ``--graph`` (default build/kg.trig),
or the corpus is built into a temporary directory when that file does not exist.

Run ``python -m bench.bench_api`` (``--runs 1 --duration 10`` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.serving import CONNECTIONS, ROOT, corpus_graph, free_port, run_wrk, start_app, stop

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET_RPS, TARGET_P99_MS, TARGET_RENDER_S = 500, 50.0, 3.0


def lookups(base: str) -> list[str]:
    """Three lookups over what the graph holds: Sydney Accord majors, one school, a Chinese search."""
    schools = json.loads(urllib.request.urlopen(f"{base}/api/schools?limit=1").read())["items"]
    if not schools:
        raise RuntimeError("the graph has no schools to look up")
    return ["/api/certifications/sydney-accord/majors?limit=50", f"/api/schools/{schools[0]['key']}",
            "/api/search?q=" + urllib.parse.quote("学院") + "&limit=20"]


def checked_paths(base: str, paths: list[str]) -> list[str]:
    """``paths``, each having answered 200 (a lookup must work before it is measured)."""
    for path in paths:
        with urllib.request.urlopen(base + path) as response:
            assert response.status == 200, path
    return paths


def render_times(html: Path, runs: int) -> list[tuple[float, float, int]]:
    """(wall seconds from navigation to drawn, in-page layout+draw ms, node count) per run."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        raise RuntimeError("chromium not found: install the Debian package chromium (`make system-deps`)")
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(html.as_uri())
            page.wait_for_function("document.body.dataset.rendered === '1'", timeout=60_000)
            wall = time.perf_counter() - start
            times.append((wall, page.evaluate("window.sgkg.renderMs"), page.evaluate("window.sgkg.nodeCount")))
            page.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "build" / "kg.trig")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=int, default=30, help="seconds per load run")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk not found: install the Debian package wrk (`make system-deps`)")
    from kg.export import build_export_graph, dataset_quads, load_trig, to_html

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        graph = corpus_graph(args.graph, workdir)
        port = free_port()
        server = start_app(f"graph=Path({str(graph)!r}), workers=1", port, "/api/schools?limit=1")
        try:
            base = f"http://127.0.0.1:{port}"
            paths = checked_paths(base, lookups(base))
            loads = [run_wrk(wrk, base, paths, args.duration, workdir) for _ in range(args.runs)]
        finally:
            stop(server)
        eg = build_export_graph(dataset_quads(load_trig(graph)))
        html = workdir / "graph.html"
        html.write_bytes(to_html(eg))
        renders = render_times(html, max(args.runs, 3))

    def median(key: str) -> float:
        return statistics.median(getattr(run, key) for run in loads)

    print(f"graph: {graph.name}; load: wrk, {CONNECTIONS} connections, {args.duration} s × {args.runs}, "
          f"lookups: {', '.join(paths)}")
    print(f"{'measure':44} {'median':>10} {'target':>10}")
    print(f"{'requests/s (three lookups, total)':44} {median('rps'):10.0f} {'≥ ' + str(TARGET_RPS):>10}")
    print(f"{'p50 latency (ms)':44} {median('p50_ms'):10.1f} {'':>10}")
    print(f"{'p99 latency (ms)':44} {median('p99_ms'):10.1f} {'≤ ' + str(TARGET_P99_MS):>10}")
    print(f"{'errors + non-2xx (per run)':44} {median('errors'):10.0f} {'0':>10}")
    print(f"{'html export: nodes / edges':44} {eg.graph.number_of_nodes():>5} / {eg.graph.number_of_edges():<4}")
    print(f"{'html export: navigation → drawn (s)':44} {statistics.median(r[0] for r in renders):10.2f} "
          f"{'≤ ' + str(TARGET_RENDER_S):>10}")
    print(f"{'html export: in-page layout + draw (ms)':44} {statistics.median(r[1] for r in renders):10.0f}")


if __name__ == "__main__":
    main()
