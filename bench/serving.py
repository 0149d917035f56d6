"""What the HTTP benchmarks share: the corpus graph, our app under uvicorn on loopback, and ``wrk``.

``bench_api``, ``bench_sparql`` and ``load_sparql`` each measure something else; starting the server,
finding a free port and driving ``wrk`` (Debian package ``wrk``) are the same for all three.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS, THREADS = 32, 2

# wrk rotates over the given paths and prints one JSON line of totals after the run.
_WRK_SCRIPT = """
local paths = {%s}
local headers = %s
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, ' ..
    '"max_us": %%d, "errors": %%d, "non2xx": %%d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Totals of one ``wrk`` run."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # socket errors and non-2xx answers

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def corpus_graph(path: Path, workdir: Path) -> Path:
    """``path`` when it exists, else the corpus built from data/reports/ into ``workdir``."""
    if path.is_file():
        return path
    from kg.pipeline import build_dataset, report_files, write_trig_atomically

    print(f"{path} not found: building the corpus graph from data/reports/ ...", file=sys.stderr)
    return write_trig_atomically(build_dataset(report_files(ROOT / "data" / "reports")).dataset, workdir / "kg.trig")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(settings: str, port: int, probe: str) -> subprocess.Popen:
    """Our app, ``create_app(Settings(<settings>))``, under uvicorn in its own process on loopback;
    returns once ``probe`` answers."""
    code = ("import uvicorn; from pathlib import Path; from api.app import create_app; from api.settings import Settings; "
            f"uvicorn.run(create_app(Settings({settings})), host='127.0.0.1', port={port}, "
            "log_level='warning', access_log=False)")
    server = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    wait_until_answering(server, f"http://127.0.0.1:{port}{probe}", within=60, poll=0.2)
    return server


def wait_until_answering(server: subprocess.Popen, url: str, *, within: float, poll: float) -> None:
    """Return once ``url`` answers; stop the server and raise RuntimeError if it exits or stays silent."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("the server exited during start-up") from None
            time.sleep(poll)
    stop(server)
    raise RuntimeError(f"the server did not answer within {within:g} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def run_wrk(wrk: str, base: str, paths: list[str], duration: int, workdir: Path, *,
            accept: str | None = None, timeout_s: int = 5) -> LoadResult:
    """``wrk`` with :data:`CONNECTIONS` connections for ``duration`` seconds, rotating over ``paths``."""
    headers = f'{{["Accept"] = {json.dumps(accept)}}}' if accept else "nil"
    script = workdir / "paths.lua"
    script.write_text(_WRK_SCRIPT % (", ".join(json.dumps(p) for p in paths), headers), encoding="utf-8")
    out = subprocess.run([wrk, "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", f"{duration}s",
                          "--timeout", f"{timeout_s}s", "-s", str(script), base],
                         capture_output=True, text=True, check=True).stdout
    totals = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[len("RESULT "):])
    return LoadResult(totals["requests"], totals["duration_us"] / 1e6, totals["p50_us"] / 1000,
                      totals["p99_us"] / 1000, totals["max_us"] / 1000, totals["errors"] + totals["non2xx"])
