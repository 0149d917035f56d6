"""Scale: synthetic corpora of N reports, built, served and queried (issue 15).

A corpus of N reports is made from the five corpus reports: report i is template i mod 5 with its
school renamed to a vocational school of the MOE list (data/reference, schools of the corpus left
out). In each block of five, the two templates of one school (a mid-term self-evaluation and an
annual report) name one new school, so sister reports stay sisters; every other report names a
school of its own — one report per school, kind and year, as a national corpus has.

For each N (default 5, 50, 500) a fresh ``sgkg build --jobs J`` process builds it, timed by wall
clock (the library's answers precomputed with the store included; that step is also timed on its own),
its peak memory taken as the largest sum of the proportional set sizes (PSS) of the build and its worker
processes (sampled every 0.1 s), with what made it — the build's own process, its forked workers, the store's
bulk loader, the process evaluating the library's answers; then ``sgkg serve`` starts on the on-disk store it wrote (time to
the first answer) and every query of the library runs ``--runs`` times (at least 3, within 10 s)
over HTTP with the answer cache off (median and p99) twice: *served*, as a user gets it
(``GET /queries/{name}``: the answer precomputed with the store generation), and *evaluated*, the same
text sent to ``/sparql`` (evaluated cold by the store at every request, as before answers were
precomputed). With ``--virtuoso [N …]`` the ``kg.trig`` of each size (or of the sizes given) is also
bulk-loaded into a private Virtuoso (its own loader, ``ld_dir`` + ``rdf_loader_run``, then the union graph the
remote store queries by default) and the library runs through the remote store (``--store sparql+http://…``).
At ``--speedup-size`` reports the build also runs with ``--jobs 1``: the ratio is the parallel speed-up
(both builds with ``--no-precompute``: the precompute step is one process whatever ``--jobs``). Targets (issue 15): peak ≤ 1.5 GB, build time per report flat
as N grows (within 20 %), ``--jobs 2`` ≥ 1.7× faster than ``--jobs 1``, serve ready in ≤ 2 s,
library p50 ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.serving import ROOT, free_port, stop, wait_until_answering

REPORTS_DIR = ROOT / "data" / "reports"
MOE_LIST = ROOT / "data" / "reference" / "moe_higher_education_institutions_2017.csv"
SGKG = str(Path(sys.executable).parent / "sgkg")
TARGET_PEAK_BYTES = 1.5e9
TARGET_FLAT = 0.20
TARGET_SPEEDUP = 1.7
TARGET_SERVE_SECONDS = 2.0
TARGET_P50_MS = 50.0
JSON_RESULTS = "application/sparql-results+json"
SISTERS = (0, 1)  # template indexes that share one school in each block of five (000 and 001)


# --- the synthetic corpus -----------------------------------------------------------------------

def vocational_schools(leave_out: set[str]) -> list[str]:
    """Names of the MOE list's vocational (专科) schools, in list order, without ``leave_out``."""
    with MOE_LIST.open(encoding="utf-8") as handle:
        return [row["school_name"] for row in csv.DictReader(handle)
                if row["level"] == "专科" and row["school_name"] not in leave_out]


def templates() -> list[tuple[str, str]]:
    """(school name, text) of each corpus report, in file order."""
    from loaders.document import load_document

    return [(load_document(path).meta.school_name, path.read_text(encoding="utf-8"))
            for path in sorted(REPORTS_DIR.glob("*.txt"))]


def make_corpus(n: int, folder: Path) -> list[Path]:
    """``folder`` filled with ``n`` synthetic reports (kept when it already holds them)."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("*.txt"))
    if len(existing) == n:
        return existing
    for path in existing:
        path.unlink()
    corpus = templates()
    names = iter(vocational_schools({name for name, _ in corpus}))
    paths = []
    for block in range((n + len(corpus) - 1) // len(corpus)):
        sister_school = next(names)
        for index, (old_name, text) in enumerate(corpus):
            number = block * len(corpus) + index
            if number >= n:
                break
            new_name = sister_school if index in SISTERS else next(names)
            path = folder / f"{number:05d}.txt"
            path.write_text(text.replace(old_name, new_name), encoding="utf-8")
            paths.append(path)
    return paths


# --- measuring a build --------------------------------------------------------------------------

ROLES = {"kg.bulk_load": "loader", "api.precomputed": "evaluator"}  # a module run with -m -> its role


def tree_memory(root: int) -> dict[str, list[int]]:
    """Memory of ``root`` and every process descended from it, by role — ``build`` (``root``), ``worker`` (forked
    from it), ``loader``, ``evaluator`` (:data:`ROLES`) — one proportional set size per process (a page shared by
    forked workers counts once in all), or resident sets where PSS is not available."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found: dict[str, list[int]] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        found.setdefault("build" if pid == root else _role(pid), []).append(_pss_bytes(pid))
    return found


def _role(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read().decode("utf-8", "replace").split("\0")
    except OSError:
        return "worker"
    return next((ROLES[w] for w in words if w in ROLES), "worker")


def memory_text(by_role: dict[str, list[int]]) -> str:
    """``build 110 + 2 worker 236 + loader 190`` (MB)."""
    return " + ".join(f"{'' if len(sizes) == 1 else f'{len(sizes)} '}{role} {sum(sizes) / 1e6:.0f}"
                      for role, sizes in by_role.items() if sum(sizes))


def _pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            return next(int(line.split()[1]) * 1024 for line in handle if line.startswith("Pss:"))
    except (OSError, StopIteration, ValueError):
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            return 0


@dataclass(frozen=True, slots=True)
class BuildRun:
    seconds: float
    peak_bytes: int
    peak_by_role: dict[str, list[int]]  # what made the peak: each role's processes' memory at that moment
    reports: int
    precompute_seconds: float  # the library's answers evaluated against the new store (0: not precomputed)
    precomputed: int  # library answers precomputed


_PRECOMPUTED = re.compile(r"^\s*\[\d+/\d+\] \S+: \d+ row\(s\) \((\d+\.\d+) s\)$")


def precompute_of(output: str) -> tuple[float, int]:
    """Seconds and count of the precomputed answers, from the per-query lines of the build's output."""
    times = [float(m.group(1)) for line in output.splitlines() if (m := _PRECOMPUTED.match(line))]
    return sum(times), len(times)


def timed_build(reports: Path, out: Path, jobs: int, precompute: bool = True) -> BuildRun:
    """One ``sgkg build`` process: wall seconds and the peak memory of its process tree."""
    shutil.rmtree(out, ignore_errors=True)
    command = [SGKG, "build", "--reports", str(reports), "--out", str(out), "--jobs", str(jobs),
               "--precompute" if precompute else "--no-precompute"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak: dict[str, list[int]] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            now = tree_memory(process.pid)
            if _total(now) > _total(peak):
                peak = now
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 3):
        raise SystemExit(f"sgkg build failed ({process.returncode}): {output[-3000:]}")
    built = next((int(line.split()[1]) for line in output.splitlines() if line.startswith("reports: ")), 0)
    return BuildRun(seconds, _total(peak), peak, built, *precompute_of(output))


def _total(by_role: dict[str, list[int]]) -> int:
    return sum(sum(sizes) for sizes in by_role.values())


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.resolve().rglob("*") if p.is_file())


# --- measuring the server -----------------------------------------------------------------------

def start_serving(store: Path, port: int) -> tuple[subprocess.Popen, float]:
    """``sgkg serve`` on the store with the answer cache off; seconds from launch to its first answer."""
    command = [SGKG, "serve", "--graph", str(store), "--port", str(port), "--cache-entries", "0"]
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_answering(server, f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", within=120, poll=0.02)
    except RuntimeError as err:
        raise SystemExit(f"sgkg serve: {err}") from None
    return server, time.perf_counter() - started


def library() -> dict[str, str]:
    from api.queries import library as load

    return {name: q.text for name, q in load(ROOT / "queries").items()}


def latencies_ms(port: int, query: str, runs: int, budget: float = 10.0) -> list[float]:
    """Wall milliseconds of ``runs`` POSTs of ``query`` to /sparql (evaluated at every request) after one
    warm-up (fewer, at least 3, when they would take more than ``budget`` seconds); ``[inf]`` when the server
    stops it at its time limit (503)."""
    body = urllib.parse.urlencode({"query": query}).encode()
    return request_latencies_ms(urllib.request.Request(f"http://127.0.0.1:{port}/sparql", data=body,
                                                       headers={"Accept": JSON_RESULTS}), runs, budget)


def served_latencies_ms(port: int, name: str, runs: int, budget: float = 10.0) -> tuple[list[float], str]:
    """As :func:`latencies_ms` for ``GET /queries/{name}``, as a user asks the library; and where the server
    said the answer came from (its ``X-SGKG-Answer`` header: precomputed or evaluated)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/queries/{name}", headers={"Accept": JSON_RESULTS})
    with urllib.request.urlopen(request, timeout=120) as response:
        source = response.headers.get("X-SGKG-Answer", "?")
    return request_latencies_ms(request, runs, budget), source


def request_latencies_ms(request: urllib.request.Request, runs: int, budget: float) -> list[float]:
    try:
        return timed_runs(lambda: urllib.request.urlopen(request, timeout=120).read(), runs, budget)
    except urllib.error.HTTPError as exc:
        if exc.code == 503:
            return [math.inf]
        raise


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def percentiles(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), p99(times)


# --- the remote store: Virtuoso ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class VirtuosoRun:
    load_seconds: float  # Virtuoso's bulk loader over kg.trig, checkpoint included
    list_seconds: float  # the remote store listing its own graphs (RemoteStore.graphs)
    union_seconds: float  # the de-duplicated union graph, built on the server by SPARQL Update
    queries: dict[str, tuple[float, float]]  # name -> (p50 ms, p99 ms), through kg.store.RemoteStore


def virtuoso_run(trig: Path, runs: int, budget: float = 10.0) -> VirtuosoRun:
    """``trig`` bulk-loaded into a private Virtuoso, then every library query through the remote store (none when
    ``runs`` is 0: the load alone)."""
    sys.path.insert(0, str(ROOT))
    from kg.store import QueryTimeout, RemoteStore, StoreError
    from tests.virtuoso_server import VirtuosoServer

    with VirtuosoServer() as server:
        try:  # the loader reads only from the server's allowed directories
            os.link(trig, server.directory / trig.name)
        except OSError:
            shutil.copy(trig, server.directory / trig.name)
        started = time.perf_counter()
        subprocess.run([server.isql, str(server.sql_port), "dba", "dba",
                        f"exec=ld_dir('{server.directory}', '{trig.name}', 'urn:sgkg:default'); rdf_loader_run(); checkpoint;"],
                       check=True, capture_output=True, timeout=7200)
        loaded = time.perf_counter()
        store = RemoteStore(server.url, timeout=3600)  # the union of a large graph takes minutes; queries set their own
        listed = union = math.inf
        try:
            graphs = len(store.graphs())
            listed = time.perf_counter() - loaded
            print(f"virtuoso: {graphs} graphs listed in {listed:.2f} s", file=sys.stderr)
            store.refresh_union()
            union = time.perf_counter() - loaded - listed
        except StoreError as exc:  # e.g. Virtuoso's own time limit on a large store
            print(f"virtuoso: no union graph: {str(exc)[:300]}", file=sys.stderr)
            runs = 0
        queries = {}
        for name, text in library().items() if runs else ():
            def run(text: str = text) -> None:
                store.query(text, timeout=60)
            try:
                queries[name] = percentiles(timed_runs(run, runs, budget))
            except (QueryTimeout, StoreError):
                queries[name] = (math.inf, math.inf)
        store.close()
    return VirtuosoRun(loaded - started, listed, union, queries)


def timed_runs(run: Callable[[], object], runs: int, budget: float) -> list[float]:
    """Wall milliseconds of ``runs`` calls of ``run`` after one warm-up (fewer, at least 3, past ``budget`` s)."""
    run()
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < runs and (len(times) < 3 or time.perf_counter() < deadline):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return times


@dataclass(frozen=True, slots=True)
class Measured:
    n: int
    build: BuildRun
    store_bytes: int
    serve_seconds: float
    served: dict[str, tuple[float, float]]  # name -> (p50 ms, p99 ms) of GET /queries/{name}
    sources: dict[str, str]  # name -> where the server said the answer came from (precomputed / evaluated)
    queries: dict[str, tuple[float, float]]  # name -> (p50 ms, p99 ms) of the same text evaluated by /sparql
    load: tuple[float, float, float]  # the 1-minute load average at the build's start, its end, and the queries' end
    virtuoso: VirtuosoRun | None = None


def measure(n: int, workdir: Path, jobs: int, runs: int, virtuoso: bool = False) -> Measured:
    reports = workdir / f"reports-{n}"
    make_corpus(n, reports)
    out = workdir / f"build-{n}"
    load_before = os.getloadavg()[0]
    build = timed_build(reports, out, jobs)
    load_built = os.getloadavg()[0]
    port = free_port()
    server, ready = start_serving(out / "store", port)
    try:
        served = {name: served_latencies_ms(port, name, runs) for name in library()}
        queries = {name: percentiles(latencies_ms(port, text, runs)) for name, text in library().items()}
    finally:
        stop(server)
    load = (load_before, load_built, os.getloadavg()[0])
    remote = virtuoso_run(out / "kg.trig", runs) if virtuoso else None
    return Measured(n, build, directory_bytes(out / "store"), ready,
                    {name: percentiles(times) for name, (times, _) in served.items()},
                    {name: source for name, (_, source) in served.items()}, queries, load, remote)


# --- the tables ---------------------------------------------------------------------------------

def latency_columns(queries: dict[str, tuple[float, float]]) -> str:
    """Median and largest p50, largest p99, and how many queries have their p50 within the target."""
    p50s = [p50 for p50, _ in queries.values()]
    within = sum(p50 <= TARGET_P50_MS for p50 in p50s)
    return (f"{statistics.median(p50s):>11.1f} {max(p50s):>11.1f} {max(q99 for _, q99 in queries.values()):>11.1f} "
            f"{within:>4}/{len(p50s)}")


HEADER = (f"{'N':>5} {'built':>6} {'build s':>8} {'s/report':>9} {'precomp s':>9} {'peak MB':>8} {'store MB':>9} "
          f"{'serve s':>8} {'':>9}{'p50 median':>11} {'p50 max':>11} {'p99 max':>11} {'≤ 50 ms':>7}  load avg")


def print_row(m: Measured) -> None:
    """One size, as soon as it is measured: a line of served answers, a line of evaluated ones (``inf``: a
    query the server stopped at its time limit)."""
    precomputed = sum(source == "precomputed" for source in m.sources.values())
    print(f"{m.n:>5} {m.build.reports:>6} {m.build.seconds:>8.1f} {m.build.seconds / m.n:>9.3f} "
          f"{m.build.precompute_seconds:>9.1f} {m.build.peak_bytes / 1e6:>8.0f} {m.store_bytes / 1e6:>9.1f} "
          f"{m.serve_seconds:>8.2f} {'served':>9}{latency_columns(m.served)}   "
          f"build {m.load[0]:.1f}–{m.load[1]:.1f}", flush=True)
    print(f"{'':>5} {precomputed:>3}/{len(m.sources):<2} precomputed{'':>41} {'evaluated':>9}"
          f"{latency_columns(m.queries)}   queries {m.load[1]:.1f}–{m.load[2]:.1f}", flush=True)
    print(f"{'':>5} at the peak (MB): {memory_text(m.build.peak_by_role)}", flush=True)
    if m.virtuoso:
        v = m.virtuoso
        print(f"{'':>5} virtuoso: bulk load {v.load_seconds:.1f} s ({v.load_seconds / m.n:.3f} s/report), "
              f"graphs listed {v.list_seconds:.2f} s, union {v.union_seconds:.1f} s; remote store "
              f"{latency_columns(v.queries) if v.queries else 'library not run'}", flush=True)


def print_summary(results: list[Measured]) -> None:
    base = results[min(1, len(results) - 1)]  # per-report time is compared with the second size (start-up amortised)
    base_per_report = base.build.seconds / base.n
    largest = results[-1]
    print(f"targets: peak ≤ {TARGET_PEAK_BYTES / 1e6:.0f} MB (largest: {largest.build.peak_bytes / TARGET_PEAK_BYTES:.2f} of it), "
          f"flat within {TARGET_FLAT:.0%} (largest / N={results[0].n}: "
          f"{largest.build.peak_bytes / results[0].build.peak_bytes:.2f}, / N={base.n}: "
          f"{largest.build.peak_bytes / base.build.peak_bytes:.2f}), "
          f"s/report within {TARGET_FLAT:.0%} of N={base.n} (largest: {largest.build.seconds / largest.n / base_per_report:.2f}), "
          f"serve ≤ {TARGET_SERVE_SECONDS:.0f} s (largest: {largest.serve_seconds:.2f}), "
          f"p50 ≤ {TARGET_P50_MS:.0f} ms (largest, served: {max(p for p, _ in largest.served.values()):.1f}; "
          f"evaluated: {max(p for p, _ in largest.queries.values()):.1f})")
    print()
    remote = largest.virtuoso.queries if largest.virtuoso else {}
    print(f"library queries at N={largest.n} over HTTP, answer cache off: p50 and p99 (ms) served (GET /queries/NAME), "
          "then evaluated (/sparql)" + ("; Virtuoso through the remote store" if remote else ""))
    for name, (p50, q99) in sorted(largest.queries.items()):
        served = largest.served[name]
        other = f" {remote[name][0]:>10.1f} {remote[name][1]:>10.1f}" if name in remote else ""
        print(f"  {name:<42} {largest.sources[name]:<12} {served[0]:>8.1f} {served[1]:>8.1f}   "
              f"{p50:>8.1f} {q99:>8.1f}{other}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 500])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=30, help="runs of each library query (after one warm-up)")
    parser.add_argument("--speedup-size", type=int, default=50, help="N at which --jobs 1 is timed too (0: skip)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-scale")
    parser.add_argument("--virtuoso", type=int, nargs="*", metavar="N",
                        help="also bulk-load these sizes (every size when none is given) into a private Virtuoso "
                        "(virtuoso-t, `make system-deps`) and run the library there")
    args = parser.parse_args()
    virtuoso_sizes = set(args.sizes if args.virtuoso == [] else args.virtuoso or [])
    if virtuoso_sizes and not shutil.which("virtuoso-t"):
        raise SystemExit("--virtuoso: virtuoso-t not found (Debian virtuoso-opensource, `make system-deps`)")
    print(f"synthetic corpora, `sgkg build --jobs {args.jobs}` (fresh process), `sgkg serve` on the store it wrote; "
          f"library queries over HTTP, answer cache off (ms)")
    print(HEADER, flush=True)
    results = []
    for n in sorted(args.sizes):
        results.append(measure(n, args.workdir, args.jobs, args.runs, n in virtuoso_sizes))
        print_row(results[-1])
    print_summary(results)
    if args.speedup_size:
        reports = args.workdir / f"reports-{args.speedup_size}"
        make_corpus(args.speedup_size, reports)
        loads = [os.getloadavg()[0]]
        one = timed_build(reports, args.workdir / "build-jobs-1", 1, precompute=False)
        loads.append(os.getloadavg()[0])
        parallel = timed_build(reports, args.workdir / "build-jobs-n", args.jobs, precompute=False)
        loads.append(os.getloadavg()[0])
        print()
        print(f"parallel build at N={args.speedup_size} (--no-precompute): --jobs 1 {one.seconds:.1f} s, --jobs {args.jobs} "
              f"{parallel.seconds:.1f} s, speed-up {one.seconds / parallel.seconds:.2f}× (target ≥ {TARGET_SPEEDUP}×); "
              f"load {' → '.join(f'{x:.1f}' for x in loads)}")


if __name__ == "__main__":
    main()
