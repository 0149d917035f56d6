"""``sgkg serve``'s start: the query workers' zygote is started before the server imports the API, and taken by the
app's query pool (#15: ready in 2 s)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import api.worker as worker
from tests.fixture_graph import fixture_client_for, write_fixture_trig

ROOT = Path(__file__).resolve().parents[1]


def test_sgkg_serve_starts_the_zygote_before_it_imports_the_api(tmp_path: Path) -> None:
    """The zygote's start (an interpreter, rdflib, the store's module: ~0.3 s) ran after the server had imported the
    API, one after the other on a machine with cores to spare."""
    trig = write_fixture_trig(tmp_path / "kg.trig")
    code = ("import sys, api.worker as w, uvicorn; seen = []; real = w.spawn_early; "
            "w.spawn_early = lambda: (seen.append(sorted({'api.app', 'rdflib', 'pyoxigraph'} & set(sys.modules))), real()); "
            "uvicorn.run = lambda app, **options: print('RUN', seen, len(w._early)); "
            f"sys.argv = ['sgkg', 'serve', '--graph', {str(trig)!r}]; from kg.cli import run; run()")
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["RUN", "[[]]", "1"]  # spawned with none of them imported, waiting for the app
    assert "Traceback" not in ran.stderr  # the zygote nobody took ended quietly with its server


def test_the_apps_query_pool_takes_the_zygote_started_early(tmp_path: Path) -> None:
    trig = write_fixture_trig(tmp_path / "kg.trig")
    worker.spawn_early()
    early = worker._early[-1].process
    with fixture_client_for(trig) as client:
        response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200 and response.json()["boolean"] is True
        assert worker._early == [] and client.app.state.runner._zygote.process is early
    assert early.wait(timeout=10) is not None


def test_a_zygote_started_early_and_never_taken_ends_quietly_with_its_server() -> None:
    code = "import api.worker as w; w.spawn_early(); print(w._early[0].process.pid)"
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    # run() returns once both pipes close: the zygote, which inherited them, has ended too
    assert ran.returncode == 0 and ran.stdout.strip().isdigit() and ran.stderr == ""
