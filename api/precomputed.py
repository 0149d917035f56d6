"""Library answers computed ahead: each store generation carries the answers of the query library.

Most library queries read the whole corpus, so at a national size they take seconds to evaluate. The
graph only changes when ``sgkg build`` / ``sgkg ingest`` / ``sgkg remove`` write a new store generation,
so those commands evaluate every library query once against the new generation, before it becomes the
current one, and keep the answers in it (``<generation>/sgkg-answers/``): each query's result serialised
in every format ``/queries/{name}`` serves, and an index naming, per query, the hash of the text that was
evaluated, the row limit applied, the row count and the truncated flag.

``/queries/{name}`` serves that answer when it exists for the store's current generation, for the same
query text and row limit, and the request names no dataset (``default-graph-uri`` / ``named-graph-uri``
change the query); otherwise it evaluates as ``/sparql`` does. A query that fails or runs past the time
limit while precomputing is left out of the index (its reason is kept there): it is evaluated live.

Queries are evaluated in a child process, so a query past the time limit is stopped by killing that
process (an evaluation cannot be interrupted otherwise); the next query gets a fresh one. The child is
``python -m api.precomputed`` with two pipes, not a multiprocessing child: spawning one from ``sgkg`` would
import the whole command line again in it (0.7 s of a 5-report build), where this module needs 0.2 s.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.processes import default_jobs

# The store and the formats are imported where a query is evaluated or an answer served, not here: precompute()
# runs in the small process that writes the store (kg.outputs), which should not hold rdflib and pyoxigraph.
if TYPE_CHECKING:
    from api.executor import Answer
    from kg.store import Store

ANSWERS_DIR = "sgkg-answers"
INDEX_NAME = "index.json"
DEFAULT_TIMEOUT = 120.0  # seconds one query may take while precomputing (the server's own limit is lower)
STARTUP_TIMEOUT = 120.0  # seconds the evaluating process may take to start (not counted in a query's time)
# An evaluating process keeps much of the memory each query took: past this size it is replaced by a fresh one
# (0.2 s), so what it holds stays that of one query, not of the whole library, at any size of the store.
RESTART_ABOVE_BYTES = 128 << 20
# Above this size of the store's files, one query's working memory is large enough that evaluating two at
# once would make the precompute the build's peak: the queries are evaluated one at a time (store files: 60 MB
# at 5 reports, 520 MB at 50, 2.6 GB at 500; at 50, two processes of ~100 MB each made the build's peak).
TWO_LANES_UP_TO_BYTES = 256 << 20


@dataclass(frozen=True)
class Precomputed:
    """One library query's answer, as the index records it."""

    name: str
    digest: str  # hash of the query text evaluated
    form: str
    rows: int
    truncated: bool
    max_rows: int
    media_types: dict[str, str]  # format key -> Content-Type of the body kept for it


@dataclass(frozen=True)
class Outcome:
    """How precomputing one query went: ``detail`` is its row count or why it will be evaluated live."""

    name: str
    ok: bool
    detail: str
    seconds: float


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def generation_of(store: Store) -> Path | None:
    """The directory of the store generation a store answers from now (None: not an on-disk store)."""
    from kg.store import DiskOxigraphStore

    if not isinstance(store, DiskOxigraphStore):
        return None
    return Path(os.path.realpath(store.path))


# --- precomputing -------------------------------------------------------------------------------

def evaluate_into(store: Store, name: str, text: str, max_rows: int, directory: Path) -> Precomputed:
    """Evaluate ``text`` once and write its result in every format it can be served in."""
    from api.formats import content_type, formats_for, write

    result = store.query(text, max_rows=max_rows)
    media_types = {}
    for fmt in formats_for(result.form):
        write(result, fmt, directory / f"{name}.{fmt.key}")
        media_types[fmt.key] = content_type(fmt)
    rows = len(result.rows) if result.form == "select" else len(result.triples)
    return Precomputed(name, text_digest(text), result.form, rows, result.truncated, max_rows, media_types)


def serve_jobs(generation: str, jobs: Connection, answers: Connection) -> None:
    """The evaluating process: answers ``(name, text, max_rows, directory)`` jobs until sent None."""
    from kg.store import DiskOxigraphStore

    store = DiskOxigraphStore(Path(generation))
    answers.send(("ready", None))
    while (job := jobs.recv()) is not None:
        name, text, max_rows, directory = job
        try:
            answers.send(("ok", evaluate_into(store, name, text, max_rows, Path(directory))))
        except Exception as exc:  # any failure of one query: reported, and that query is evaluated live
            answers.send(("failed", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"))


class _Evaluator:
    """A child process evaluating queries against one generation, replaced when a query overruns."""

    def __init__(self, generation: Path) -> None:
        self.generation = generation
        self._process: subprocess.Popen[bytes] | None = None
        self._jobs: Connection | None = None
        self._answers: Connection | None = None

    def _start(self) -> tuple[Connection, Connection]:
        job_read, job_write = os.pipe()
        answer_read, answer_write = os.pipe()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "api.precomputed", str(self.generation), str(job_read), str(answer_write)],
                pass_fds=(job_read, answer_write), stdin=subprocess.DEVNULL)
        finally:
            os.close(job_read)
            os.close(answer_write)
        self._jobs, self._answers = Connection(job_write, readable=False), Connection(answer_read, writable=False)
        if not self._answers.poll(STARTUP_TIMEOUT) or self._answers.recv()[0] != "ready":
            self.stop()
            raise OSError(f"the evaluating process did not start within {STARTUP_TIMEOUT:g} s")
        return self._jobs, self._answers

    def evaluate(self, name: str, text: str, max_rows: int, directory: Path, timeout: float) -> tuple[str, Any]:
        try:
            jobs, answers = (self._jobs, self._answers) if self._jobs and self._answers else self._start()
            jobs.send((name, text, max_rows, str(directory)))
            if answers.poll(timeout):
                answer = answers.recv()
                if self.resident_bytes() > RESTART_ABOVE_BYTES:
                    self.close()
                return answer
        except (EOFError, OSError) as exc:
            self.stop()
            return "failed", f"the evaluating process died: {exc or type(exc).__name__}"
        self.stop()
        return "failed", f"ran past the {timeout:g} s limit"

    def resident_bytes(self) -> int:
        """The evaluating process's resident memory (0 where /proc does not tell)."""
        if self._process is None:
            return 0
        try:
            with open(f"/proc/{self._process.pid}/statm", encoding="ascii") as handle:
                return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            return 0

    def stop(self) -> None:
        for conn in (self._jobs, self._answers):
            if conn is not None:
                conn.close()
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
        self._process = self._jobs = self._answers = None

    def close(self) -> None:
        if self._jobs is not None and self._process is not None:
            try:
                self._jobs.send(None)
                self._process.wait(5)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        self.stop()


Progress = Callable[[int, int, Outcome], None]


def _lanes(generation: Path) -> int:
    """How many queries are evaluated at once: one per core, two at most (each process holds its own store),
    one above :data:`TWO_LANES_UP_TO_BYTES` of store files."""
    if sum(p.stat().st_size for p in generation.iterdir() if p.is_file()) > TWO_LANES_UP_TO_BYTES:
        return 1
    return min(2, default_jobs())


def precompute(generation: Path, queries: Mapping[str, str], *, max_rows: int, timeout: float = DEFAULT_TIMEOUT,
               progress: Progress | None = None, lanes: int | None = None) -> list[Outcome]:
    """Evaluate every query of ``queries`` (name -> text) against the store generation at ``generation`` and
    keep the answers in it (replacing any kept before, in one rename). The queries are shared out among
    ``lanes`` evaluating processes (default: one per core, at most two, one for a large store); ``progress`` hears of each query as it
    ends. Returns the outcomes in the order of the names."""
    partial = generation / f"{ANSWERS_DIR}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    jobs = sorted(queries.items())
    done: list[tuple[Outcome, Precomputed | None]] = []
    lock = threading.Lock()

    def run_lane(lane: list[tuple[str, str]]) -> None:
        evaluator = _Evaluator(generation)
        try:
            for name, text in lane:
                started = time.perf_counter()
                status, payload = evaluator.evaluate(name, text, max_rows, partial, timeout)
                ok = status == "ok"
                outcome = Outcome(name, ok, f"{payload.rows} row(s)" if ok else str(payload),
                                  time.perf_counter() - started)
                with lock:
                    done.append((outcome, payload if ok else None))
                    if progress:
                        progress(len(done), len(jobs), outcome)
        finally:
            evaluator.close()

    count = lanes or _lanes(generation)
    with ThreadPoolExecutor(count) as pool:
        list(pool.map(run_lane, [jobs[i::count] for i in range(count)]))
    done.sort(key=lambda item: item[0].name)
    answers = {o.name: asdict(entry) for o, entry in done if entry is not None}
    failed = {o.name: o.detail for o, _ in done if not o.ok}
    (partial / INDEX_NAME).write_text(json.dumps({"answers": answers, "failed": failed}, ensure_ascii=False,
                                                 indent=1), encoding="utf-8")
    shutil.rmtree(generation / ANSWERS_DIR, ignore_errors=True)
    os.replace(partial, generation / ANSWERS_DIR)
    return [o for o, _ in done]


# --- serving ------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _read_index(path: Path, stamp: int) -> dict[str, Precomputed]:
    entries = json.loads(path.read_text(encoding="utf-8"))["answers"]
    return {name: Precomputed(**entry) for name, entry in entries.items()}


def index(generation: Path) -> dict[str, Precomputed]:
    """The answers kept with a generation, by query name (none when it has no answers)."""
    path = generation / ANSWERS_DIR / INDEX_NAME
    try:
        return _read_index(path, path.stat().st_mtime_ns)
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def find(generation: Path, name: str, text: str, max_rows: int) -> Precomputed | None:
    """The kept answer of query ``name`` when it was computed from this very text and row limit."""
    entry = index(generation).get(name)
    if entry is None or entry.digest != text_digest(text) or entry.max_rows != max_rows:
        return None
    return entry


def served(generation: Path, entry: Precomputed, accept: str | None, format_param: str | None) -> Answer | None:
    """The kept answer in the format the client asked for (NotAcceptable as for a live answer); None when its
    file is gone (the generation was pruned meanwhile)."""
    from api.executor import Answer
    from api.formats import choose_format

    fmt = choose_format(entry.form, accept, format_param)  # type: ignore[arg-type]
    try:
        body = (generation / ANSWERS_DIR / f"{entry.name}.{fmt.key}").read_bytes()
    except OSError:
        return None
    return Answer(body, entry.media_types[fmt.key], entry.form, entry.rows, entry.truncated)


if __name__ == "__main__":  # the evaluating process of _Evaluator: GENERATION JOB_FD ANSWER_FD
    # run by its importable name, so what it sends pickles as api.precomputed.Precomputed, not __main__'s
    from api import precomputed

    precomputed.serve_jobs(sys.argv[1], Connection(int(sys.argv[2]), writable=False),
                           Connection(int(sys.argv[3]), readable=False))
